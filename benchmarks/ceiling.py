"""How much of the cruft the default rules leave in naive_b (or html) could any line classifier remove?

Issue 3 asks, on naive_b (article-container scrapes), for cruft removed >= 0.60 with gold kept
>= 0.99, and (item 4) that nothing removing words at a precision below 0.9 stays in. This script
measures the ceiling of the one tool item 3 allows beyond regex rules, a line-scoring stage:

1. clean every human-gold naive_b page with the default rules (what is left is what a new stage
   would have to work on);
2. label each output line gold or cruft: gold when at least half of its word trigrams (bigram or
   word for shorter lines) occur in the page's gold text;
3. describe each line by layout features a scoring stage could use (length, end punctuation,
   capitalisation, stopword share, digits, separators, position in the page, neighbour lengths,
   before/after the page's long prose lines, page size);
4. fit a gradient-boosted classifier (far more flexible than any hand-weighted score) with
   5-fold cross-validation grouped by web site, so no site is scored by a model that saw it;
5. print, per probability threshold, the cruft words it would remove, the gold words it would
   lose, and the precision (word-weighted).

If even this model cannot reach precision 0.9 while removing a useful share of the cruft, no
explainable line-scoring stage configured from a rule file can either.

Needs scikit-learn, which the cleaner itself does not: `.venv/bin/pip install scikit-learn`.
Usage: .venv/bin/python benchmarks/ceiling.py --data ../shared/evaldata [--kind naive_b|naive_a|html]
(--kind html asks the same question of the HTML route's output, trafilatura's text after the rules.)
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from multiprocessing import Pool
from pathlib import Path

from cleaner import clean
from cleaner.pipeline import Options
from cleaner.ruleset import load_rules

HUMAN_GOLD = ("scrapinghub", "l3s-gn1", "dragnet", "cleaneval", "cleanportaleval")
WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
STOPWORDS = frozenset(
    "the a an and or of to in on for with is are was were be been it that this as at by from but not "
    "have has had he she they we you i his her their its will would can could said also more than "
    "about after into over who which what when there all one".split()
)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)

_options: Options | None = None


def _init() -> None:
    global _options
    _options = Options(load_rules())


def _grams(words: list[str]) -> list[tuple[str, ...]]:
    """Trigrams of a line, or the line itself when it has fewer than three words."""
    if len(words) < 3:
        return [tuple(words)]
    return list(zip(words, words[1:], words[2:]))


def _cleaned(base: Path, kind: str, doc_id: str) -> str:
    """The default cleaning of one page's input of this kind (naive_b, naive_a or html)."""
    assert _options is not None
    if kind == "html":
        from cleaner.html import NoContent
        from cleaner.pipeline import clean_html

        try:
            return clean_html((base / "html" / f"{doc_id}.html.gz").read_bytes(), _options).text
        except NoContent:
            return ""
    return clean((base / kind / f"{doc_id}.txt").read_text(encoding="utf-8"), _options).text


def label_lines(task: tuple[str, str, str, str]) -> tuple[int, list[tuple[str, int, bool]]]:
    """Clean one page; return its gold word count and (line, words, is_gold) per output line."""
    root, dataset, kind, doc_id = task
    base = Path(root) / dataset
    gold_words = WORD.findall((base / "gold" / f"{doc_id}.txt").read_text(encoding="utf-8"))
    gold = set(zip(gold_words, gold_words[1:], gold_words[2:]))
    gold |= set(zip(gold_words, gold_words[1:])) | {(w,) for w in gold_words}
    lines = []
    for line in _cleaned(base, kind, doc_id).split("\n"):
        words = WORD.findall(line)
        if words:
            grams = _grams(words)
            share = sum(g in gold for g in grams) / len(grams)
            lines.append((line.strip(), len(words), share >= 0.5))
    return len(gold_words), lines


def features(lines: list[tuple[str, int, bool]]) -> list[list[float]]:
    """Layout features of each line of one page (the inputs a scoring stage could weigh)."""
    counts = [n for _, n, _ in lines]
    total, n_lines = sum(counts), len(lines)
    long_idx = [k for k, (s, n, _) in enumerate(lines) if n >= 25 and SENTENCE_END.search(s)]
    first_long = long_idx[0] if long_idx else n_lines
    last_long = long_idx[-1] if long_idx else -1
    long_share = sum(counts[k] for k in long_idx) / max(total, 1)
    rows, before = [], 0
    for k, (s, n, _) in enumerate(lines):
        toks = s.split()
        window = counts[max(0, k - 3) : k] + counts[k + 1 : k + 4]
        rows.append([
            math.log1p(n), math.log1p(len(s)),
            float(bool(SENTENCE_END.search(s))), float(s.endswith(":")),
            sum(t[:1].isupper() for t in toks) / max(len(toks), 1),
            sum(t.lower() in STOPWORDS for t in toks) / max(len(toks), 1),
            sum(c.isdigit() for c in s) / max(len(s), 1),
            float(bool(re.search(r"[|»•›]", s))),
            k / n_lines, math.log1p(n_lines - 1 - k), math.log1p(k),
            before / max(total, 1), 1 - (before + n) / max(total, 1),
            math.log1p(counts[k - 1] if k else 0), math.log1p(counts[k + 1] if k + 1 < n_lines else 0),
            math.log1p(sum(window) / max(len(window), 1)), math.log1p(total), long_share,
            float(k > last_long), float(k < first_long),
            math.log1p(k - last_long) if 0 <= last_long < k else 0.0,
            float(bool(re.search(r"\b(?:19|20)\d\d\b", s))), float("@" in s or "http" in s),
        ])
        before += n
    return rows


def _line_f1(page_of, w, y, removed, gold_n) -> float:  # noqa: ANN001 (numpy arrays)
    """Macro F1 over pages, counting a page's output by its labelled lines (see main)."""
    import numpy as np

    kept = ~removed
    out = np.bincount(page_of, weights=w * kept, minlength=len(gold_n))
    tp = np.bincount(page_of, weights=w * kept * (y == 0), minlength=len(gold_n))
    p = np.divide(tp, out, out=np.zeros_like(tp), where=out > 0)
    r = np.divide(tp, gold_n, out=np.zeros_like(tp), where=gold_n > 0)
    f1 = np.divide(2 * p * r, p + r, out=np.zeros_like(tp), where=(p + r) > 0)
    return float(f1.mean())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/evaldata"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--kind", choices=("naive_b", "naive_a", "html"), default="naive_b",
                    help="which input to clean first (html: clean_html, trafilatura then the rules)")
    args = ap.parse_args(argv)
    try:
        import numpy as np
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.model_selection import GroupKFold
    except ImportError:
        print("ceiling.py needs scikit-learn: .venv/bin/pip install scikit-learn", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}: skipped", file=sys.stderr)
        return 0
    tasks, hosts = [], []
    for ds in HUMAN_GOLD:
        meta = {r["id"]: r.get("host") or r["id"] for r in map(json.loads, open(args.data / ds / "docs.jsonl"))}
        for p in sorted((args.data / ds / "gold").glob("*.txt")):
            tasks.append((str(args.data), ds, args.kind, p.stem))
            hosts.append(meta.get(p.stem, p.stem))
    with Pool(args.jobs, _init) as pool:
        pages = pool.map(label_lines, tasks, chunksize=8)
    X, y, w, groups, page_of = [], [], [], [], []
    for page, (host, (_, lines)) in enumerate(zip(hosts, pages)):
        page_of += [page] * len(lines)
        X += features(lines)
        y += [0 if g else 1 for _, _, g in lines]
        w += [n for _, n, _ in lines]
        groups += [host] * len(lines)
    X, y, w, groups = np.array(X), np.array(y), np.array(w), np.array(groups)
    prob = np.zeros(len(y))
    for train, test in GroupKFold(5).split(X, y, groups):
        model = HistGradientBoostingClassifier(max_iter=200, random_state=0)
        model.fit(X[train], y[train], sample_weight=w[train])
        prob[test] = model.predict_proba(X[test])[:, 1]
    cruft_left = int(w[y == 1].sum())
    print(f"{len(tasks)} pages, {len(y)} output lines; words left after the rules: "
          f"gold {int(w[y == 0].sum())}, cruft {cruft_left}")
    page_of = np.array(page_of)
    gold_n = np.array([g for g, _ in pages], dtype=float)
    base = _line_f1(page_of, w, y, np.zeros(len(y), dtype=bool), gold_n)
    print("| threshold | cruft words removed | share of cruft left | gold words lost | precision | line-level F1 change |")
    print("|---:|---:|---:|---:|---:|---:|")
    for t in THRESHOLDS:
        sel = prob >= t
        cr, gl = int(w[sel & (y == 1)].sum()), int(w[sel & (y == 0)].sum())
        delta = _line_f1(page_of, w, y, sel, gold_n) - base
        print(f"| {t} | {cr} | {cr / max(cruft_left, 1):.3f} | {gl} | {cr / max(cr + gl, 1):.3f} | {delta:+.4f} |")
    print("line-level F1 change: macro F1 with a page's output counted by labelled lines (gold-labelled "
          "words as true positives), with the selected lines removed, minus the same without removal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
