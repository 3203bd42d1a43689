"""List the trafilatura-eval "with" snippets the cleaner loses, and the rules that lose them.

quality.py counts the "with" snippets kept (content a page must keep) but not which rule cut the
ones that went. This lists them: for every trafilatura-eval page of the chosen half and input kind,
the page is cleaned once with the default rules; a "with" snippet that is in the input but not in
the output is lost, and it is charged to every rule one of whose removals holds the snippet or
lies inside it (whitespace-normalised text, as quality.py matches snippets). A snippet lost to a
cut no single removal explains is charged to "?".

On the ``write`` half each lost snippet is printed (input kind, page id, rules, the snippet); on
the ``check`` half only the counts per rule are printed, never a page's text (rules are written
on the write half and judged on the check half: benchmarks/halves.py). The last lines give, per
input kind, "with" kept and "without" leaked as quality.py reports them (share of all snippets).

    python benchmarks/lost_snippets.py --data ../shared/evaldata --half write
        [--inputs naive_a,naive_b] [--rule BP001]
    python benchmarks/lost_snippets.py --data ../shared/evaldata --half write-a --inputs naive_b --leaked

With ``--leaked`` it lists the "without" snippets the output still holds instead (furniture the
rules missed), one a line with its word count, on the write halves only; the summary is the same.
With ``--shapes`` it prints only counts of the leaked snippets by shape (words, digits, all-caps,
whole line or part of one, where in the output), never their text: the way to see what kind of
furniture is left on a half whose pages you must not read (write-b, check).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import halves  # noqa: E402
from quality import SNIPPETS, norm_ws  # noqa: E402

from cleaner import Options, clean, load_rules  # noqa: E402


def lost_snippets(text: str, out: str, removed: Iterable[tuple[str, str]],
                  snippets: list[str]) -> list[tuple[str, list[str]]]:
    """The "with" snippets present in `text` but not in `out`, each with the sorted ids of the
    rules whose removed text (``(rule, text)`` pairs) holds it or lies inside it ("?" if none)."""
    inp, outn = norm_ws(text), norm_ws(out)
    rems = [(rule, norm_ws(t)) for rule, t in removed]
    lost = []
    for raw in snippets:
        s = norm_ws(raw)
        if not s or s not in inp or s in outn:
            continue
        rules = sorted({rule for rule, t in rems if t and (s in t or t in s)})
        lost.append((s, rules or ["?"]))
    return lost


def leaked_snippets(out: str, snippets: list[str]) -> list[str]:
    """The "without" snippets (content a page must not keep) still in the normalised output `out`,
    normalised, in the page's order: what the rules leave of the page's furniture."""
    return [s for raw in snippets if (s := norm_ws(raw)) and s in out]


def snippet_place(snip: str, out: str, with_snips: list[str]) -> str:
    """Where a leaked snippet lies against the page's "with" snippets kept in the normalised output
    `out`: before the first, after the last, or among them ("inside")."""
    at = out.find(snip)
    spots = [i for w in with_snips if (ws := norm_ws(w)) and (i := out.find(ws)) >= 0]
    if at < 0 or not spots:
        return "no-with"
    return "before" if at < min(spots) else "after" if at > max(spots) else "inside"


def line_form(snip: str, out_lines: list[str]) -> str:
    """The form of the output line that holds a leaked snippet, without its text: ends with a colon,
    with sentence punctuation, in title case (every word capitalised), or other."""
    for line in out_lines:
        if snip in line:
            words = [w for w in line.split() if w[:1].isalpha()]
            if line.rstrip().endswith(":"):
                return "colon"
            if line.rstrip()[-1:] in ".!?":
                return "sentence"
            if words and all(w[:1].isupper() for w in words):
                return "title-case"
            return "other"
    return "?"


def neighbour_rules(snip: str, in_lines: list[str], removed: list[tuple[str, str]], reach: int = 2) -> list[str]:
    """Ids of the rules that removed a line within `reach` lines of the input line holding a leaked
    snippet (normalised lines): what kind of furniture the leak sits next to, told without its text."""
    at = next((i for i, line in enumerate(in_lines) if snip in line), -1)
    if at < 0:
        return []
    near = {norm_ws(line) for line in in_lines[max(at - reach, 0):at + reach + 1]}
    found = set()
    for rule, text in removed:
        first = norm_ws(text.split("\n", 1)[0])
        if first and first in near:
            found.add(rule)
    return sorted(found)


def snippet_shape(snip: str, out_lines: list[str]) -> tuple[str, ...]:
    """Shape of a leaked snippet without its text: word-count bucket, digits or not, all-caps or
    not, whether it is a whole output line ("line"), part of a longer one ("part-of-<its words>") or spans lines
    ("span"), and where the first line holding it lies in the output (first/last fifth, middle)."""
    n = len(snip.split())
    words = "1" if n == 1 else "2-3" if n <= 3 else "4-10" if n <= 10 else "11-30" if n <= 30 else "31+"
    digits = "digits" if any(c.isdigit() for c in snip) else "-"
    letters = [c for c in snip if c.isalpha()]
    caps = "caps" if letters and all(c.isupper() for c in letters) and len(letters) > 1 else "-"
    where, span = "?", "span"
    for i, line in enumerate(out_lines):
        if snip in line:
            m = len(line.split())
            span = "line" if line == snip else f"part-of-{'<=10' if m <= 10 else '11-30' if m <= 30 else '31+'}"
            pos = i / max(len(out_lines) - 1, 1)
            where = "top" if pos < 0.2 else "end" if pos > 0.8 else "mid"
            break
    return (words, digits, caps, span, where)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/evaldata")
    ap.add_argument("--half", choices=halves.CHOICES, default="write")
    ap.add_argument("--inputs", default="naive_a,naive_b", help="input kinds, comma separated")
    ap.add_argument("--rule", default=None, help="print only snippets charged to this rule")
    ap.add_argument("--leaked", action="store_true",
                    help='list the "without" snippets left in the output instead of the lost "with" '
                         "ones (write halves only), one a line: kind, page id, words, snippet")
    ap.add_argument("--shapes", action="store_true",
                    help='count the leaked "without" snippets by shape only (words, digits, caps, '
                         "whole line or part, position), never their text: any half")
    args = ap.parse_args(argv)
    root = Path(args.data)
    base = root / SNIPPETS
    with open(base / "snippets.jsonl", encoding="utf-8") as fh:
        rows = {(row := json.loads(line))["id"]: row for line in fh if line.strip()}
    ids = sorted(rows) if args.half == "all" else halves.select(root, SNIPPETS, sorted(rows), args.half)
    show = args.half in ("write", "write-a", "write-b")  # never the check half
    opts = Options(load_rules())
    for kind in args.inputs.split(","):
        by_rule: Counter[str] = Counter()
        shapes: Counter[tuple[str, ...]] = Counter()
        per_page: Counter[int] = Counter()
        near_rules: Counter[str] = Counter()
        n_with = kept = n_without = leaked = 0
        for doc_id in ids:
            path = base / kind / f"{doc_id}.txt"
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            res = clean(text, opts)
            out = norm_ws(res.text)
            n_with += len(rows[doc_id]["with"])
            kept += sum(norm_ws(s) in out for s in rows[doc_id]["with"])
            n_without += len(rows[doc_id]["without"])
            leaks = leaked_snippets(out, rows[doc_id]["without"])
            leaked += len(leaks)
            if args.shapes:
                per_page[min(len(leaks), 5)] += bool(leaks)
                out_lines = [norm_ws(line) for line in res.text.splitlines() if line.strip()]
                in_lines = [norm_ws(line) for line in text.splitlines() if line.strip()]
                removed = [(r.rule, r.text) for r in res.removed]
                for snip in leaks:
                    near_rules.update(neighbour_rules(snip, in_lines, removed) or ["none"])
                shapes.update(snippet_shape(snip, out_lines)
                              + (snippet_place(snip, out, rows[doc_id]["with"]), line_form(snip, out_lines))
                              for snip in leaks)
            if args.leaked:
                if show:
                    for snip in leaks:
                        print(f"{kind}\t{doc_id}\t{len(snip.split())}\t{snip[:200]}")
            for snip, rules in lost_snippets(text, res.text, ((r.rule, r.text) for r in res.removed),
                                             rows[doc_id]["with"]):
                by_rule[",".join(rules)] += 1
                if show and not args.leaked and not args.shapes and (args.rule is None or args.rule in rules):
                    print(f"{kind}\t{doc_id}\t{','.join(rules)}\t{snip[:160]}")
        if args.shapes:
            for axis, name in enumerate(("words", "digits", "caps", "line", "where", "place", "form")):
                c: Counter[str] = Counter(shape[axis] for shape in shapes.elements())
                print(f"{kind} {args.half} leaked by {name}: "
                      + ", ".join(f"{k} {v}" for k, v in c.most_common()))
            print(f"{kind} {args.half} pages by leaked snippets (5 = 5+): "
                  + ", ".join(f"{k}: {v}" for k, v in sorted(per_page.items())))
            print(f"{kind} {args.half} leaks next to lines removed by: "
                  + ", ".join(f"{k} {v}" for k, v in near_rules.most_common(25)))
            for shape, n in shapes.most_common(15):
                print(f"{kind} {args.half} shape {' '.join(shape)}: {n}")
        counts = ", ".join(f"{k} {v}" for k, v in by_rule.most_common())
        print(f"{kind} {args.half}: with kept {kept}/{n_with} = {kept / max(n_with, 1):.4f}, "
              f"without leaked {leaked}/{n_without} = {leaked / max(n_without, 1):.4f}; "
              f"lost by rule: {counts or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
