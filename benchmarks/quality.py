"""Measure the cleaner against the evaldata pages (human gold text, snippets).

Reads ``<data>/<dataset>/<kind>/<id>.txt`` and ``<data>/<dataset>/gold/<id>.txt`` at run time
(the data is never copied into the repo) and prints, per input kind, one row per dataset plus an
"overall" row pooling the human-gold datasets, the trafilatura-eval snippet figures, and a
per-rule table (words removed, share of them that were not gold words).

Metrics are exactly those of ``evaldata/README.md``: tokens ``re.findall(r"\\w+", text)``,
case-sensitive multisets; per document tp = |gold ∩ out|, P = tp/|out|, R = tp/|gold|;
F1 macro (empty output scores 0; P averaged over documents with output, R over all); content
loss, cruft kept, gold kept and cruft removed are micro sums. A ratio with a zero denominator
counts as 0 (the few pages whose gold is empty score F1 = R = 0).

    python benchmarks/quality.py [--data ../shared/evaldata] [--inputs naive_b,naive_a]
        [--datasets a,b] [--half write|check|all] [--limit N] [--jobs 2] [--json FILE]
        [--floors FILE] [--write-floors FILE]

``--half`` keeps the pages of one half of the sites (``benchmarks/halves.py``): rules are written
looking at ``write`` and judged on ``check``. A full run (``--half all``, the default) also prints
each half's headline figures side by side, from the same cleaned pages. With ``--floors``, a
section ``[KIND]`` is checked against the full data and a section ``[HALF.KIND]`` (e.g.
``[check.naive_b]``, ``[check.trafilatura_eval_naive_b]``, ``[check.fundus_naive_b]``) against
that half, on a full run or a run of that half; other sections are skipped.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import re
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner import Options, clean, load_rules

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import CHOICES, HALVES, half_of_site, halves, select

HUMAN = ["scrapinghub", "l3s-gn1", "dragnet", "cleaneval", "cleanportaleval"]
APART = ["readability", "fundus"]
SNIPPETS = "trafilatura-eval"
DATASETS = HUMAN + APART + [SNIPPETS]
TOKEN = re.compile(r"\w+")
HARMFUL = 0.9  # rules whose precision is below this are marked "!"

_options: Options | None = None
# dragnet's gold is the text before its "!@#$%^&*()  COMMENTS" marker (evaldata dragnet/meta.json).
# The evaldata copy was cut at that exact string, so the pages whose marker is typed otherwise
# (one space or three, a tab, "!@ $%^", "#$%^", "!@#$%$%^", "COMMNENTS") still hold their whole comment
# thread as gold (46,000 words of comments on one page); gold_text cuts them at the marker as
# meta.json says (default since 2026-12-04; --no-cut-comments-marker scores the copy as it is,
# as every figure before that date was). Cut, the comment threads of a few naive_b pages whose
# article selector picked the thread make up much of the naive_b cruft.
_cut_marker = True
_html_cache: Path | None = None  # --html-cache: trafilatura's text per page (benchmarks/html_cache.py)
_COMMENTS_MARKER = re.compile(r"^[ \t]*[!@#$%^&*() ]{6,}[ \t]*COMM[A-Z]{0,3}NTS[ \t\r]*$", re.MULTILINE)


def gold_text(path: Path, dataset: str, cut_marker: bool = True) -> str:
    """A page's gold text; for dragnet (with `cut_marker`), only what comes before its comments
    marker."""
    text = path.read_text(encoding="utf-8")
    if cut_marker and dataset == "dragnet":
        m = _COMMENTS_MARKER.search(text)
        if m is not None:
            text = text[: m.start()]
    return text


def tokens(text: str) -> list[str]:
    """The benchmark tokeniser: runs of word characters, case kept."""
    return TOKEN.findall(text)


def ratio(num: float, den: float) -> float:
    """num/den, 0 when den is 0."""
    return num / den if den else 0.0


def norm_ws(text: str) -> str:
    """Collapse every whitespace run to one space."""
    return " ".join(text.split())


@dataclass
class Doc:
    """Figures of one cleaned document (gold-scored or snippet-scored)."""

    dataset: str
    kind: str
    half: str = ""  # write or check: the half of the page's site
    gold: int = 0  # |gold|
    out: int = 0  # |out|
    tp_out: int = 0
    inp: int = 0  # |input|
    tp_in: int = 0
    rules: dict[str, list[int]] = field(default_factory=dict)  # rule -> [words, gold words]
    snip: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0, 0])  # with n/in/out, without n/in/out


def _init(cut_marker: bool = True, extend_select: tuple[str, ...] = (), html_cache: str | None = None) -> None:
    """Pool initializer: build the rules once per worker (the default rules, plus the opt-in
    rules or prefixes of ``extend_select``); ``html_cache``: the folder of cached extractions."""
    global _options, _cut_marker, _html_cache
    _cut_marker = cut_marker
    _html_cache = Path(html_cache) if html_cache else None
    _options = Options(load_rules(extend_select=extend_select))


def run_doc(task: tuple[str, str, str, str, dict[str, list[str]] | None, str]) -> Doc:
    """Clean one input file and score it against its gold text or snippets."""
    root, dataset, kind, doc_id, snippets, half = task
    base = Path(root) / dataset
    opts = _options
    if kind == "html":
        # "base F1" is trafilatura alone (its text is the rules' input); the output is
        # clean_html's, which falls back to the page's whole text when trafilatura finds none
        from cleaner.decode import NotText
        from cleaner.html import NoContent, extract
        from cleaner.pipeline import Result, clean_html

        data = (base / "html" / f"{doc_id}.html.gz").read_bytes()
        if _html_cache is not None:  # trafilatura's text from the cache (benchmarks/html_cache.py)
            from html_cache import clean_cached

            try:
                text, res = clean_cached(data, opts, _html_cache)
            except (NoContent, NotText):
                text, res = "", Result("", {})
        else:
            try:
                text = extract(data).text
            except NoContent:
                text = ""
            try:
                res = clean_html(data, opts)
            except (NoContent, NotText):  # a page the cleaner refuses scores as an empty output
                res = Result("", {})
    else:
        text = (base / kind / f"{doc_id}.txt").read_text(encoding="utf-8")
        res = clean(text, opts)
    doc = Doc(dataset, kind, half)
    if snippets is not None:
        inp, out = norm_ws(text), norm_ws(res.text)
        for i, name in ((0, "with"), (3, "without")):
            snips = [norm_ws(s) for s in snippets[name]]
            doc.snip[i] = len(snips)
            doc.snip[i + 1] = sum(s in inp for s in snips)
            doc.snip[i + 2] = sum(s in out for s in snips)
        return doc
    return score_against_gold(doc, text, gold_text(base / "gold" / f"{doc_id}.txt", dataset, _cut_marker), res)


def score_against_gold(doc: Doc, text: str, gold_text_: str, res: Any) -> Doc:
    """Fill `doc`'s word counts for input `text`, its cleaned result `res` and the gold text,
    and charge each removal's words to its rule (gold words only while the output lacks them)."""
    gold = Counter(tokens(gold_text_))
    inp, out = Counter(tokens(text)), Counter(tokens(res.text))
    doc.gold, doc.inp, doc.out = gold.total(), inp.total(), out.total()
    doc.tp_in, doc.tp_out = (gold & inp).total(), (gold & out).total()
    gold_left = gold - out  # gold words the output lost: the budget removals can be charged to
    for rem in res.removed:
        words = doc.rules.setdefault(rem.rule, [0, 0])
        for tok in tokens(rem.text):
            words[0] += 1
            if gold_left[tok] > 0:
                gold_left[tok] -= 1
                words[1] += 1
    return doc


def f1_macro(pairs: Iterable[tuple[int, int, int]]) -> tuple[float, float, float]:
    """Macro (F1, P, R) over (tp, |out|, |gold|) triples, per the README rules."""
    f1s, ps, rs = [], [], []
    for tp, out, gold in pairs:
        p, r = ratio(tp, out), ratio(tp, gold)
        if out:
            ps.append(p)
        rs.append(r)
        f1s.append(ratio(2 * p * r, p + r))
    return ratio(sum(f1s), len(f1s)), ratio(sum(ps), len(ps)), ratio(sum(rs), len(rs))


def score(docs: list[Doc]) -> dict[str, float]:
    """All gold metrics over a set of documents (pooled)."""
    f1, p, r = f1_macro((d.tp_out, d.out, d.gold) for d in docs)
    base_f1, _, _ = f1_macro((d.tp_in, d.inp, d.gold) for d in docs)
    s = {k: sum(getattr(d, k) for d in docs) for k in ("gold", "out", "tp_out", "inp", "tp_in")}
    return {
        "docs": len(docs),
        "f1": f1,
        "p": p,
        "r": r,
        "content_loss": ratio(s["gold"] - s["tp_out"], s["gold"]),
        "cruft_kept": ratio(s["out"] - s["tp_out"], s["out"]),
        "gold_kept": ratio(s["tp_out"], s["tp_in"]),
        "cruft_removed": 1 - ratio(s["out"] - s["tp_out"], s["inp"] - s["tp_in"]),
        "baseline_f1": base_f1,
    }


def snippet_score(docs: list[Doc]) -> dict[str, float]:
    """Share of "with" snippets kept and "without" snippets leaked, input and output (micro)."""
    t = [sum(d.snip[i] for d in docs) for i in range(6)]
    return {
        "docs": len(docs),
        "with_snippets": t[0],
        "without_snippets": t[3],
        "with_kept_input": ratio(t[1], t[0]),
        "with_kept": ratio(t[2], t[0]),
        "without_leaked_input": ratio(t[4], t[3]),
        "without_leaked": ratio(t[5], t[3]),
    }


def rule_table(docs: list[Doc]) -> list[dict[str, Any]]:
    """Per rule: words removed, gold words among them, precision; most words first."""
    tot: dict[str, list[int]] = {}
    for d in docs:
        for rule, (w, g) in d.rules.items():
            acc = tot.setdefault(rule, [0, 0])
            acc[0] += w
            acc[1] += g
    rows = [{"rule": k, "words_removed": w, "gold_words_removed": g, "precision": 1 - ratio(g, w)}
            for k, (w, g) in tot.items()]
    return sorted(rows, key=lambda x: (-x["words_removed"], x["rule"]))


def list_tasks(root: Path, datasets: list[str], kinds: list[str], limit: int | None,
               half: str = "all") -> list[tuple]:
    """One task per (dataset, kind, document) present on disk, in ``half`` of the sites; ``limit``
    applies after the half is chosen."""
    tasks = []
    for ds in datasets:
        snippets: dict[str, dict[str, list[str]]] = {}
        if ds == SNIPPETS:
            with open(root / ds / "snippets.jsonl", encoding="utf-8") as fh:
                snippets = {(row := json.loads(line))["id"]: row for line in fh if line.strip()}
        for kind in kinds:
            pattern = "*.html.gz" if kind == "html" else "*.txt"
            ids = sorted(p.name.removesuffix(pattern[1:]) for p in (root / ds / kind).glob(pattern))
            ids = select(root, ds, ids, half)[:limit]
            site_half = halves(root, ds)
            for doc_id in ids:
                if ds == SNIPPETS and doc_id not in snippets:
                    continue
                tasks.append((str(root), ds, kind, doc_id, snippets.get(doc_id) if ds == SNIPPETS else None,
                              site_half.get(doc_id, half_of_site(f"{ds}/{doc_id}"))))
    return tasks


def run_all(tasks: list[tuple], jobs: int, cut_marker: bool = True, extend_select: tuple[str, ...] = (),
            html_cache: str | None = None) -> list[Doc]:
    """Clean every task on a process pool, progress on stderr."""
    docs: list[Doc] = []
    with multiprocessing.Pool(jobs, initializer=_init, initargs=(cut_marker, extend_select, html_cache)) as pool:
        for i, doc in enumerate(pool.imap_unordered(run_doc, tasks, chunksize=8), 1):
            docs.append(doc)
            if i % 100 == 0 or i == len(tasks):
                print(f"\r{i}/{len(tasks)} documents", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return docs


def figures(docs: list[Doc], datasets: list[str], kinds: list[str]) -> dict[str, Any]:
    """Every figure, keyed by input kind: per dataset, overall, snippets, rules."""
    result: dict[str, Any] = {}
    for kind in kinds:
        mine = [d for d in docs if d.kind == kind]
        by = {ds: [d for d in mine if d.dataset == ds] for ds in datasets}
        human = [d for ds in HUMAN for d in by.get(ds, [])]
        result[kind] = {
            "datasets": {ds: score(by[ds]) for ds in datasets if ds != SNIPPETS and by[ds]},
            "overall": score(human) if human else None,
            "rules": rule_table(human),
            "trafilatura_eval": snippet_score(by[SNIPPETS]) if by.get(SNIPPETS) else None,
        }
    return result


COLS = [("f1", "F1"), ("p", "P"), ("r", "R"), ("content_loss", "loss"), ("cruft_kept", "cruft"),
        ("gold_kept", "gold kept"), ("cruft_removed", "cruft rm"), ("baseline_f1", "base F1")]


def print_report(fig: dict[str, Any], half: str = "all") -> None:
    """Aligned plain-text tables."""
    for kind, f in fig.items():
        print(f"\n== input: {kind}, half: {half} ==")
        head = f"{'dataset':<16}{'docs':>6}" + "".join(f"{h:>11}" for _, h in COLS)
        print(head)
        print("-" * len(head))
        rows = [(ds, s) for ds, s in f["datasets"].items() if ds in HUMAN]
        apart = [(ds, s) for ds, s in f["datasets"].items() if ds not in HUMAN]
        for name, s in rows + ([("overall", f["overall"])] if f["overall"] else []) + apart:
            if name in ("overall",) or (apart and name == apart[0][0]):
                print("-" * len(head))
            print(f"{name:<16}{s['docs']:>6}" + "".join(f"{s[k]:>11.3f}" for k, _ in COLS))
        if f["trafilatura_eval"]:
            t = f["trafilatura_eval"]
            print(f"\ntrafilatura-eval ({t['docs']} pages, {t['with_snippets']} with / "
                  f"{t['without_snippets']} without snippets)")
            print(f"{'':<10}{'with kept':>12}{'without leaked':>16}")
            print(f"{'input':<10}{t['with_kept_input']:>12.3f}{t['without_leaked_input']:>16.3f}")
            print(f"{'output':<10}{t['with_kept']:>12.3f}{t['without_leaked']:>16.3f}")
        if f["rules"]:
            print(f"\nrules on {kind} (human-gold datasets pooled; '!' = precision < {HARMFUL})")
            print(f"{'rule':<40}{'words':>10}{'gold words':>12}{'precision':>11}")
            for r in f["rules"]:
                mark = " !" if r["precision"] < HARMFUL else ""
                print(f"{r['rule']:<40}{r['words_removed']:>10}{r['gold_words_removed']:>12}"
                      f"{r['precision']:>11.3f}{mark}")


def _measured(fig: dict[str, Any], section: str) -> tuple[str, dict[str, float] | None]:
    """The pooled figures a floor section names: ``KIND`` (human-gold pages pooled),
    ``trafilatura_eval_KIND`` (snippets) or ``DATASET_KIND`` (one dataset, ``-`` written ``_``,
    e.g. ``fundus_naive_b``)."""
    if section.startswith("trafilatura_eval_"):
        kind = section.removeprefix("trafilatura_eval_")
        return kind, fig.get(kind, {}).get("trafilatura_eval")
    if section in fig:
        return section, fig[section].get("overall")
    for kind, f in fig.items():
        for ds, s in f["datasets"].items():
            if section == f"{ds.replace('-', '_')}_{kind}":
                return kind, s
    return section, None


def check_floors(figs: dict[str, dict[str, Any]], path: Path) -> bool:
    """Check pooled figures against a TOML of floors (``*_max`` keys are ceilings); print each.

    ``figs`` maps ``all``, ``write``, ``check`` to the figures measured on those pages (a full
    run measures all three; a ``--half`` run only its half). Top-level sections are floors of
    the full data; ``[write.*]`` / ``[check.*]`` sections are floors of that half. Sections of
    what was not measured are skipped, said so."""
    with open(path, "rb") as fh:
        floors = tomllib.load(fh)
    ok = True
    print(f"\nfloors from {path} (measured: {', '.join(figs)})")
    checks: list[tuple[str, str, dict]] = []  # (half, section, body)
    for name, body in floors.items():
        if name in HALVES:
            if name in figs:
                checks += [(name, sec, b) for sec, b in body.items()]
            else:
                print(f"SKIP  [{name}.*]: floors of the {name} half, not measured in this run")
        elif "all" in figs:
            checks.append(("all", name, body))
        else:
            print(f"SKIP  [{name}]: a floor of the full data, this run is one half")
    for half, section, body in checks:
        kind, measured = _measured(figs[half], section)
        label = section if half == "all" else f"{half}.{section}"
        for key, bound in body.items():
            metric = key.removesuffix("_max")
            if measured is None:
                print(f"SKIP  {label}.{key}: {kind} not measured in this run")
                continue
            if metric not in measured:
                print(f"FAIL  {label}.{key}: unknown metric {metric!r}")
                ok = False
                continue
            value = measured[metric]
            passed = value <= bound if key.endswith("_max") else value >= bound
            ok &= passed
            rel = "<=" if key.endswith("_max") else ">="
            print(f"{'PASS' if passed else 'FAIL'}  {label}.{key}: {value:.4f} (need {rel} {bound})")
    return ok


def print_halves(figs: dict[str, dict[str, Any]]) -> None:
    """One table of the headline figures of each half side by side (the check half counts)."""
    rows: list[tuple[str, Any]] = []
    for kind in figs["all"]:
        rows += [(f"{kind} F1", lambda f, k=kind: (f[k]["overall"] or {}).get("f1")),
                 (f"{kind} gold kept", lambda f, k=kind: (f[k]["overall"] or {}).get("gold_kept")),
                 (f"{kind} cruft removed", lambda f, k=kind: (f[k]["overall"] or {}).get("cruft_removed")),
                 (f"{kind} content loss", lambda f, k=kind: (f[k]["overall"] or {}).get("content_loss")),
                 (f"{kind} fundus cruft removed",
                  lambda f, k=kind: f[k]["datasets"].get("fundus", {}).get("cruft_removed")),
                 (f"{kind} trafilatura-eval leaked",
                  lambda f, k=kind: (f[k]["trafilatura_eval"] or {}).get("without_leaked")),
                 (f"{kind} trafilatura-eval kept",
                  lambda f, k=kind: (f[k]["trafilatura_eval"] or {}).get("with_kept"))]
    print("\n== both halves (human-gold pages pooled; rules are written on write, judged on check) ==")
    print(f"{'figure':<34}" + "".join(f"{h:>10}" for h in figs))
    for name, get in rows:
        vals = [get(f) for f in figs.values()]
        if all(v is None for v in vals):
            continue
        print(f"{name:<34}" + "".join(f"{v:>10.3f}" if v is not None else f"{'-':>10}" for v in vals))


def write_floors(figs: dict[str, dict[str, Any]], path: Path, margin: float = 0.005) -> None:
    """Write a floors TOML: floors `margin` below the measured pooled figures, ceilings above.

    Figures of the full data become top-level sections, those of a half ``[HALF.KIND]``
    sections (fundus, the news pages, gets its own ``[HALF.fundus_KIND]``); copy what should
    hold into benchmarks/floors.toml (floors only go up)."""

    def down(v: float) -> float:
        return math.floor(round((v - margin) * 1000, 6)) / 1000

    def up(v: float) -> float:
        return math.ceil(round((v + margin) * 1000, 6)) / 1000

    out = ["# Floors for benchmarks/quality.py --floors, measured on the pages named by each section",
           f"# ([KIND]: all pages; [HALF.KIND]: one half). Keys ending in _max are ceilings. Written by --write-floors, margin {margin}.", ""]
    for half, fig in figs.items():
        pre = "" if half == "all" else f"{half}."
        for kind, f in fig.items():
            if o := f["overall"]:
                # on html the output is not a subset of one input text (the whole-page fallback), so
                # the figures relative to the input are not floors there
                keys = ("f1",) if kind == "html" else ("f1", "gold_kept", "cruft_removed")
                out += [f"[{pre}{kind}]"] + [f"{k} = {down(o[k]):.3f}  # measured {o[k]:.4f}" for k in keys]
                out += [f"content_loss_max = {up(o['content_loss']):.3f}  # measured {o['content_loss']:.4f}", ""]
            if kind != "html" and half != "all" and (fu := f["datasets"].get("fundus")):
                out += [f"[{pre}fundus_{kind}]",
                        f"cruft_removed = {down(fu['cruft_removed']):.3f}  # measured {fu['cruft_removed']:.4f}",
                        f"gold_kept = {down(fu['gold_kept']):.3f}  # measured {fu['gold_kept']:.4f}", ""]
            if t := f["trafilatura_eval"]:
                out += [f"[{pre}trafilatura_eval_{kind}]",
                        f"with_kept = {down(t['with_kept']):.3f}  # measured {t['with_kept']:.4f}",
                        f"without_leaked_max = {up(t['without_leaked']):.3f}  # measured {t['without_leaked']:.4f}", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/evaldata"))
    ap.add_argument("--inputs", default="naive_b,naive_a", help="input kinds, comma separated")
    ap.add_argument("--datasets", default=",".join(DATASETS), help="comma separated")
    ap.add_argument("--half", choices=CHOICES, default="all",
                    help="the pages of one half of the sites (benchmarks/halves.py); default all")
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per dataset")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    ap.add_argument("--json", type=Path, default=None, help="write all figures to this file")
    ap.add_argument("--floors", type=Path, default=None, help="TOML of floors to check")
    ap.add_argument("--write-floors", type=Path, default=None,
                    help="write a floors TOML 0.005 below the measured figures (each half too on a full run)")
    ap.add_argument("--cut-comments-marker", action=argparse.BooleanOptionalAction, default=True,
                    help="cut dragnet gold at its comments marker however it is typed (see gold_text; "
                         "default on: the gold is defined as the text before the marker)")
    ap.add_argument("--extend-select", default="",
                    help="also run these opt-in rules (ids or prefixes, comma separated), as clean's --extend-select")
    ap.add_argument("--html-cache", default=None,
                    help="folder (scratch, e.g. /tmp/NAME-html) caching trafilatura's text per page for --inputs html: "
                         "a rule change does not change it, and it is most of the route's time (benchmarks/html_cache.py)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"evaldata not found at {args.data}; nothing to measure")
        return 0
    kinds = [k for k in args.inputs.split(",") if k]
    datasets = [d for d in args.datasets.split(",") if d and (args.data / d).is_dir()]
    start = time.monotonic()
    tasks = list_tasks(args.data, datasets, kinds, args.limit, args.half)
    print(f"half: {args.half} ({'every page' if args.half == 'all' else 'the sites benchmarks/halves.py puts in ' + args.half})"
          + (f", at most {args.limit} pages per dataset" if args.limit else ""))
    extra = tuple(x for x in args.extend_select.split(",") if x)
    if extra:
        print(f"opt-in rules also run: {', '.join(extra)}")
    docs = run_all(tasks, args.jobs, args.cut_comments_marker, extra, args.html_cache)
    fig = figures(docs, datasets, kinds)
    print_report(fig, args.half)
    figs = {args.half: fig}
    if args.half == "all":  # the same run also gives each half's figures
        figs.update({h: figures([d for d in docs if d.half == h], datasets, kinds) for h in HALVES})
        print_halves(figs)
    print(f"\n{len(tasks)} documents in {time.monotonic() - start:.1f}s")
    if args.json:
        out: dict = {k: {"half": args.half, **v} for k, v in fig.items()}
        if len(figs) > 1:  # a full run: each half's figures too, in the same shape
            out["halves"] = {h: {k: {"half": h, **v} for k, v in f.items()} for h, f in figs.items() if h != args.half}
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    if args.write_floors:
        write_floors(figs, args.write_floors)
    if args.floors and not check_floors(figs, args.floors):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
