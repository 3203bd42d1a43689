"""List candidate cruft lines of the evaldata pages: lines outside the gold text, seen on many sites.

A mining aid for writing rules by kind (issue 13 item 3): it shows which interface strings
recur across sites and whether a default rule already removes them. It never writes rules.
Run it on the ``write`` half only (``benchmarks/halves.py``): the ``check`` half is for judging.

For every page of the chosen half that has a gold text (``gold/<id>.txt``), and every input kind
chosen (``--inputs``, default naive_b and naive_a):

- The page's lines are those the cleaner sees (``split_lines(normalise(text))``).
- **Outside the gold**: the line's word n-grams (``\\w+`` tokens, case kept, as the quality
  metric tokenises) are trigrams, or the whole line as one n-gram when it has fewer than three
  words; the line is outside the gold when under ``--gold-share`` (0.2) of its n-grams occur
  anywhere in the page's gold text (its words, bigrams and trigrams). "Back to top" is outside
  although "to" is a gold word; a gold sentence cut into two lines stays inside.
- **Short**: at most ``--max-words`` (8) words. With ``--long``, instead lines of more than
  ``--max-words`` words.
- **Normalised form** (the group): lower-case, every digit -> 0, a trailing counter dropped
  ("Comments (12)", "Share 0", "[3]", "12 comments" keeps its text: "00 comments"), bullets,
  pipes, arrows and other punctuation stripped at both ends, whitespace collapsed. With
  ``--long`` the group is the first three and last three words of that form ("w w w … w w w";
  ``--long-key first`` or ``last`` for three words of one end).
- **Removed**: an occurrence is removed when its line is not in the default rules' output
  (``cleaner.clean`` once per page); the rules are those whose removals cover that line
  (partial cuts inside a kept line do not count). ``--uncaught-only`` keeps the groups of
  which the rules remove under half of the occurrences.

Groups seen on fewer than ``--min-sites`` (2) sites are dropped (one site's template is not a
kind). Sorted by sites, then pages, then occurrences, descending. Each row: sites, pages,
occurrences, the share removed and by which rules ("-" when none), the kinds seen in
(b = naive_b, a = naive_a), and two examples from different sites.

    python benchmarks/mine.py --data ../shared/evaldata --half write [--inputs naive_b,naive_a]
        [--datasets a,b] [--max-words 8] [--min-sites 2] [--gold-share 0.2] [--long]
        [--long-key both|first|last] [--uncaught-only] [--limit N] [--top 60] [--jobs 2]
        [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner import Options, clean, load_rules
from cleaner.decode import normalise
from cleaner.segment import split_lines

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import CHOICES, select, sites  # noqa: E402
from quality import gold_text  # noqa: E402

TOKEN = re.compile(r"\w+")
# a trailing counter, after digits became 0: "(12)", "[3]", "{4}", or a bare "12", "1,234",
# "1.2k" (not a four-digit year, not "of 3")
_COUNTER = re.compile(r"(?:\s*[(\[{]\s*0[0,.]*k?\s*[)\]}]|(?<!\bof)\s+(?:0{1,3}(?:[,.]0+)?k?))\s*$")
# bullets, pipes, arrows, quotes, colons and the like at either end (anything but a word char
# or a bracket that belongs to the text)
_EDGE_LEFT = re.compile(r"^[\W_]+")
_EDGE_RIGHT = re.compile(r"[\W_]+$")
KIND_LETTER = {"naive_b": "b", "naive_a": "a"}

_options: Options | None = None


def norm_line(line: str) -> str:
    """The group key of a short line (see the module docstring)."""
    s = re.sub(r"\d", "0", line.lower())
    s = " ".join(s.split())
    for _ in range(4):  # "Share | 12 »" -> "share | 00" -> "share"
        prev = s
        s = _EDGE_LEFT.sub("", _EDGE_RIGHT.sub("", _COUNTER.sub("", s)))
        if s == prev:
            break
    return s


def long_key(form: str, how: str) -> str:
    """The group key of a long line: its first and/or last three words."""
    words = form.split()
    first, last = " ".join(words[:3]), " ".join(words[-3:])
    return {"first": f"{first} …", "last": f"… {last}", "both": f"{first} … {last}"}[how]


def gold_grams(gold_text: str) -> set[tuple[str, ...]]:
    """Every word, bigram and trigram of the gold text."""
    w = TOKEN.findall(gold_text)
    return {(x,) for x in w} | set(zip(w, w[1:])) | set(zip(w, w[1:], w[2:]))


def gold_share(words: list[str], gold: set[tuple[str, ...]]) -> float:
    """Share of the line's n-grams (trigrams; the whole line under three words) in the gold."""
    grams = [tuple(words)] if len(words) < 3 else list(zip(words, words[1:], words[2:]))
    return sum(g in gold for g in grams) / len(grams)


@dataclass
class Hit:
    """One line outside the gold on one page."""

    line: str
    words: int
    removed: bool
    rules: tuple[str, ...]


def _init() -> None:
    global _options
    _options = Options(load_rules())


def mine_page(task: tuple[str, str, str, str, int, float, bool]) -> tuple[str, str, str, list[Hit]]:
    """Clean one page once; return its lines outside the gold of the chosen length."""
    root, dataset, kind, doc_id, max_words, share, long = task
    base = Path(root) / dataset
    text = (base / kind / f"{doc_id}.txt").read_text(encoding="utf-8")
    gold = gold_grams(gold_text(base / "gold" / f"{doc_id}.txt", dataset))
    assert _options is not None
    res = clean(text, _options)
    kept = set(res.origins)
    by_line: dict[int, set[str]] = defaultdict(set)
    for rem in res.removed:
        for n in range(rem.line_start, rem.line_end + 1):
            by_line[n].add(rem.rule)
    hits = []
    for n, line in enumerate(split_lines(normalise(text)), 1):
        words = TOKEN.findall(line)
        if not words or (len(words) > max_words) != long:
            continue
        if gold_share(words, gold) >= share:
            continue
        removed = n not in kept
        hits.append(Hit(line.strip(), len(words), removed, tuple(sorted(by_line[n])) if removed else ()))
    return dataset, kind, doc_id, hits


@dataclass
class Group:
    """Every occurrence of one normalised form."""

    key: str
    pages: set[tuple[str, str]] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    occurrences: int = 0
    removed: int = 0
    rules: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # site -> raw line (first seen)
    words: int = 0  # words of all occurrences

    def row(self) -> dict[str, Any]:
        ex = list(self.examples.items())[:2]
        return {
            "form": self.key, "sites": len(self.sites), "pages": len(self.pages),
            "occurrences": self.occurrences, "words": self.words, "removed": self.removed,
            "removed_share": self.removed / self.occurrences if self.occurrences else 0.0,
            "rules": dict(self.rules.most_common()),
            "kinds": "".join(k for k in ("b", "a") if k in self.kinds),
            "examples": [{"site": s, "line": t} for s, t in ex],
        }


def group_hits(results: list[tuple[str, str, str, list[Hit]]], site_of: dict[tuple[str, str], str],
               long: bool, how: str) -> dict[str, Group]:
    """Group every hit by its normalised form."""
    groups: dict[str, Group] = {}
    for dataset, kind, doc_id, hits in results:
        site = site_of[(dataset, doc_id)]
        for h in hits:
            form = norm_line(h.line)
            if not form:
                continue
            key = long_key(form, how) if long else form
            g = groups.setdefault(key, Group(key))
            g.pages.add((dataset, doc_id))
            g.sites.add(site)
            g.kinds.add(KIND_LETTER.get(kind, kind))
            g.occurrences += 1
            g.words += h.words
            g.removed += h.removed
            g.rules.update(h.rules)
            g.examples.setdefault(site, h.line)
    return groups


def select_rows(groups: dict[str, Group], min_sites: int, uncaught_only: bool) -> list[dict[str, Any]]:
    """Rows of the groups kept, most sites first, then pages, then occurrences."""
    rows = [g.row() for g in groups.values() if len(g.sites) >= min_sites]
    if uncaught_only:
        rows = [r for r in rows if r["removed_share"] < 0.5]
    return sorted(rows, key=lambda r: (-r["sites"], -r["pages"], -r["occurrences"], r["form"]))


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def print_rows(rows: list[dict[str, Any]], top: int, long: bool) -> None:
    """An aligned table of the first `top` rows."""
    width = 60 if long else 34
    print(f"{'#':>3} {'form':<{width}}{'sites':>6}{'pages':>6}{'occ':>5}{'rm':>6}  {'rules':<24}{'in':<3} examples")
    for i, r in enumerate(rows[:top], 1):
        rules = " ".join(f"{k}:{v}" for k, v in r["rules"].items()) or "-"
        ex = " / ".join(repr(_clip(e["line"], 70 if long else 40)) for e in r["examples"])
        print(f"{i:>3} {_clip(r['form'], width - 1):<{width}}{r['sites']:>6}{r['pages']:>6}{r['occurrences']:>5}"
              f"{r['removed_share']:>6.2f}  {_clip(rules, 23):<24}{r['kinds']:<3} {ex}")


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/evaldata"))
    ap.add_argument("--half", choices=CHOICES, default="write",
                    help="pages of this half of the sites (default write: mine only what rules may be written on)")
    ap.add_argument("--inputs", default="naive_b,naive_a", help="naive_b, naive_a, comma separated")
    ap.add_argument("--datasets", default=None, help="comma separated; default every dataset with gold/")
    ap.add_argument("--max-words", type=int, default=8, help="short lines have at most N words (default 8)")
    ap.add_argument("--min-sites", type=int, default=2, help="drop forms seen on fewer sites (default 2)")
    ap.add_argument("--gold-share", type=float, default=0.2,
                    help="a line is outside the gold under this share of its n-grams in the gold (default 0.2)")
    ap.add_argument("--long", action="store_true", help="lines of more than --max-words words instead")
    ap.add_argument("--long-key", choices=("both", "first", "last"), default="both",
                    help="--long groups by the first and last three words (both), or one end")
    ap.add_argument("--uncaught-only", action="store_true", help="only forms the rules remove under half the time")
    ap.add_argument("--limit", type=int, default=None, help="at most N pages per dataset (after the half)")
    ap.add_argument("--top", type=int, default=60, help="rows to print (default 60; --json gets all)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    ap.add_argument("--json", type=Path, default=None, help="write every row kept to this file")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"evaldata not found at {args.data}; nothing to mine")
        return 0
    kinds = [k for k in args.inputs.split(",") if k]
    if args.datasets:
        datasets = [d for d in args.datasets.split(",") if d and (args.data / d / "gold").is_dir()]
    else:
        datasets = sorted(p.name for p in args.data.iterdir() if (p / "gold").is_dir())
    start = time.monotonic()
    tasks, site_of = [], {}
    for ds in datasets:
        s = sites(args.data, ds)
        ids = sorted(p.name.removesuffix(".txt") for p in (args.data / ds / "gold").glob("*.txt"))
        ids = select(args.data, ds, ids, args.half)[: args.limit]
        for doc_id in ids:
            site_of[(ds, doc_id)] = s.get(doc_id, f"{ds}/{doc_id}")
            for kind in kinds:
                if (args.data / ds / kind / f"{doc_id}.txt").exists():
                    tasks.append((str(args.data), ds, kind, doc_id, args.max_words, args.gold_share, args.long))
    results = []
    with multiprocessing.Pool(args.jobs, initializer=_init) as pool:
        for i, r in enumerate(pool.imap_unordered(mine_page, tasks, chunksize=8), 1):
            results.append(r)
            if i % 200 == 0 or i == len(tasks):
                print(f"\r{i}/{len(tasks)} texts", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    groups = group_hits(results, site_of, args.long, args.long_key)
    rows = select_rows(groups, args.min_sites, args.uncaught_only)
    what = f"long lines (> {args.max_words} words), grouped by {args.long_key} three words" if args.long \
        else f"short lines (<= {args.max_words} words)"
    print(f"half: {args.half}; inputs: {','.join(kinds)}; {len(site_of)} pages, "
          f"{len(set(site_of.values()))} sites, {len(datasets)} datasets ({','.join(datasets)})")
    print(f"{what} outside the gold (< {args.gold_share} of their n-grams in it), on >= {args.min_sites} sites"
          f"{', removed under half the time' if args.uncaught_only else ''}: {len(rows)} forms "
          f"({sum(r['occurrences'] for r in rows)} occurrences, {sum(r['words'] for r in rows)} words); "
          f"{time.monotonic() - start:.0f}s")
    print("rm = share of the occurrences the default rules remove; rules = rule:occurrences removed")
    print_rows(rows, args.top, args.long)
    if args.json:
        meta = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
        args.json.write_text(json.dumps({"args": meta, "rows": rows}, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
