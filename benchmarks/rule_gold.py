"""Which removals of a rule are in the human gold text: span precision, and the spans to read.

quality.py charges each removed word to its rule against a bag of gold words, first removal
first: a rule that removes "the" can be charged for a "the" another rule lost, and a rule whose
removals are all cruft can show gold words. This judges each removed LINE as a whole instead: a
line of a removed span is "in gold" when its word sequence (``\\w+`` tokens, as quality.py counts
them) occurs, in order and contiguous, in that page's gold text. Per rule it prints lines removed,
lines in gold, line precision (1 - in gold / lines) and word precision on the same basis (words of
lines not in gold / all words). A one- or two-word line ("Reply", "Share 0") is in gold whenever
the gold holds those words side by side anywhere, so short labels are judged harshly, never kindly. A page whose gold keeps what the product defines as cruft (bylines, captions,
comment logs, ad labels) lowers both: the point of the listing is to read those spans and say
which kind they are (issue 13 item 6: read 30, say so in the rule's ``why``).

On the ``write`` halves, ``--show N`` prints up to N in-gold spans per rule (dataset, page id,
the span); on ``check`` only the counts are printed, never a page's text (rules are written on
the write half and judged on the check half: benchmarks/halves.py).

    python benchmarks/rule_gold.py --data ../shared/evaldata --half write --inputs naive_b
        [--datasets dragnet,cleaneval] [--rules CR001,DU001] [--below 0.9] [--show 30] [--jobs 2]
    python benchmarks/rule_gold.py --data ../shared/evaldata --half write --inputs html --html-cache /tmp/NAME-html

``--inputs html`` runs the html route (trafilatura's text, cached with ``--html-cache``, then the
html rules; benchmarks/html_cache.py); removals on the whole-page fallback are counted as
``page:RULE``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import halves
from quality import HUMAN, gold_text, list_tasks, tokens

from cleaner import Options, clean, load_rules

_options: Options | None = None
_html_cache: Path | None = None


@dataclass
class RuleSpans:
    """One rule's removed lines on one page: counts, and the in-gold lines (for the write half)."""

    spans: int = 0
    words: int = 0
    gold_spans: int = 0
    gold_words: int = 0
    examples: list[str] = field(default_factory=list)


def occurrences(seq: str, within: str) -> int:
    """How many times `seq` (" w1 w2 ") occurs in `within`, overlapping occurrences included."""
    n, i = 0, within.find(seq)
    while i >= 0:
        n += 1
        i = within.find(seq, i + 1)
    return n


def in_gold(line: str, gold_seq: str, out_seq: str) -> bool:
    """True when the line's ``\\w+`` tokens occur, in order and contiguous, more often in the gold
    text than in the output (both given as tokens joined by single spaces, a space at each end):
    removing it lost a copy the gold has. A repeated line whose one gold copy the output keeps
    (DU001's pull quote) is not in gold. A line without word tokens is never in gold."""
    toks = tokens(line)
    if not toks:
        return False
    seq = f" {' '.join(toks)} "
    return occurrences(seq, gold_seq) > occurrences(seq, out_seq)


def _init(extend_select: tuple[str, ...], html_cache: str | None = None) -> None:
    global _options, _html_cache
    _options = Options(load_rules(extend_select=extend_select))
    _html_cache = Path(html_cache) if html_cache else None


def run_doc(task: tuple) -> tuple[str, str, dict[str, RuleSpans]]:
    """Clean one page and sort its removals into in-gold and not, per rule. An html page goes
    the html route (trafilatura's text, cached, then the html rules; the whole-page route when
    trafilatura finds nothing, and then its rule ids are prefixed "page:")."""
    root, dataset, kind, doc_id, _snippets, _half = task
    base = Path(root) / dataset
    gold_seq = f" {' '.join(tokens(gold_text(base / 'gold' / f'{doc_id}.txt', dataset)))} "
    assert _options is not None
    if kind == "html":
        from html_cache import clean_cached

        from cleaner.decode import NotText
        from cleaner.html import NoContent

        try:
            _text, res = clean_cached((base / "html" / f"{doc_id}.html.gz").read_bytes(), _options, _html_cache)
        except (NoContent, NotText):
            return dataset, doc_id, {}
        prefix = "" if _text else "page:"
    else:
        res, prefix = clean((base / kind / f"{doc_id}.txt").read_text(encoding="utf-8"), _options), ""
    out_seq = f" {' '.join(tokens(res.text))} "
    per: dict[str, RuleSpans] = defaultdict(RuleSpans)
    for rem in res.removed:
        row = per[prefix + rem.rule]
        for line in rem.text.splitlines():
            n = len(tokens(line))
            if not n:
                continue
            row.spans += 1
            row.words += n
            if in_gold(line, gold_seq, out_seq):
                row.gold_spans += 1
                row.gold_words += n
                row.examples.append(" ".join(line.split())[:200])
    return dataset, doc_id, dict(per)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/evaldata")
    ap.add_argument("--half", choices=halves.CHOICES, default="write")
    ap.add_argument("--inputs", default="naive_b", help="input kinds, comma separated (naive_a, naive_b, html)")
    ap.add_argument("--html-cache", default=None,
                    help="folder (scratch) caching trafilatura's text per page for --inputs html (benchmarks/html_cache.py)")
    ap.add_argument("--datasets", default=",".join(HUMAN), help="human-gold datasets, comma separated")
    ap.add_argument("--rules", default="", help="only these rule ids, comma separated")
    ap.add_argument("--below", type=float, default=1.01,
                    help="only rules whose word precision (on this span basis) is below this")
    ap.add_argument("--show", type=int, default=0, help="print up to N in-gold lines per rule (write halves)")
    ap.add_argument("--extend-select", default="", help="also run these opt-in rules (ids or prefixes)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0, help="which in-gold spans --show samples")
    args = ap.parse_args(argv)
    root = Path(args.data)
    if not root.is_dir():
        print(f"rule_gold: no evaldata folder at {root}", file=sys.stderr)
        return 2
    datasets = [d for d in args.datasets.split(",") if d]
    unknown = [d for d in datasets if d not in HUMAN]
    if unknown:
        print(f"rule_gold: not a human-gold dataset: {', '.join(unknown)} (one of {', '.join(HUMAN)})",
              file=sys.stderr)
        return 2
    kinds = [k for k in args.inputs.split(",") if k]
    if any(k not in ("naive_a", "naive_b", "html") for k in kinds):
        print("rule_gold: --inputs takes naive_a, naive_b and/or html", file=sys.stderr)
        return 2
    if args.show and not args.half.startswith("write"):
        print("rule_gold: --show lists page text: only on a write half", file=sys.stderr)
        return 2
    wanted = {r for r in args.rules.split(",") if r}
    extend = tuple(r for r in args.extend_select.split(",") if r)
    tasks = list_tasks(root, datasets, kinds, None, args.half)
    totals: dict[str, RuleSpans] = defaultdict(RuleSpans)
    with multiprocessing.Pool(args.jobs, initializer=_init, initargs=(extend, args.html_cache)) as pool:
        for i, (ds, doc_id, per) in enumerate(pool.imap_unordered(run_doc, tasks, chunksize=8), 1):
            for rule, row in per.items():
                t = totals[rule]
                t.spans += row.spans
                t.words += row.words
                t.gold_spans += row.gold_spans
                t.gold_words += row.gold_words
                t.examples.extend(f"{ds}/{doc_id}: {e}" for e in row.examples)
            if i % 100 == 0 or i == len(tasks):
                print(f"\r{i}/{len(tasks)} documents", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    rows = [(rule, t) for rule, t in totals.items()
            if (not wanted or rule in wanted) and (t.words == 0 or 1 - t.gold_words / t.words < args.below)]
    rows.sort(key=lambda rt: -rt[1].words)
    print(f"half {args.half}, inputs {','.join(kinds)}, datasets {','.join(datasets)}: "
          f"a removed line is in gold when its words occur, in order, more often in the gold than in the output")
    print(f"{'rule':<10}{'lines':>8}{'in gold':>9}{'line P':>8}{'words':>9}{'in gold':>9}{'word P':>8}")
    for rule, t in rows:
        sp = 1 - t.gold_spans / t.spans if t.spans else 1.0
        wp = 1 - t.gold_words / t.words if t.words else 1.0
        print(f"{rule:<10}{t.spans:>8}{t.gold_spans:>9}{sp:>8.3f}{t.words:>9}{t.gold_words:>9}{wp:>8.3f}")
    if args.show:
        rng = random.Random(args.seed)
        for rule, t in rows:
            if not t.examples:
                continue
            picked = sorted(rng.sample(t.examples, min(args.show, len(t.examples))))
            print(f"\n== {rule}: {len(picked)} of {len(t.examples)} in-gold lines")
            for line in picked:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
