"""Memory and CPU of applying a batch's learned packs: all loaded up front vs loaded per site.

    .venv/bin/python benchmarks/packs_memory.py OUT/.cleaner/learned INPUT_FOLDER --docs 2000 --mode eager
    .venv/bin/python benchmarks/packs_memory.py OUT/.cleaner/learned INPUT_FOLDER --docs 2000 --mode lazy

Run each mode in its own process (max RSS only grows). The input folder is the one the packs
were learned from (site = the document's folder, as `clean` finds it). docs/learn.md has figures.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from cleaner import Options, learn, load_rules
from cleaner.pipeline import clean
from cleaner.sites import site_of


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("packs", type=Path, help="a folder of learned packs (OUT/.cleaner/learned)")
    ap.add_argument("inputs", type=Path, help="the folder of site folders they were learned from")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--mode", choices=("eager", "lazy"), required=True)
    args = ap.parse_args()
    before, t = rss_mb(), time.process_time()
    opts = learn.with_packs(Options(load_rules()), args.packs, lazy=args.mode == "lazy")
    _ = opts._prefilter
    loaded, load_s = rss_mb(), time.process_time() - t
    files = sorted(args.inputs.rglob("*.txt"))[: args.docs]
    t, learned = time.process_time(), 0
    for f in files:
        res = clean(f.read_bytes(), opts, site=site_of(path=f))
        learned += sum(r.rule.startswith("Q") for r in res.removed)
    print(f"{args.mode}: after loading {loaded:.0f} MB (+{loaded - before:.0f}), {load_s:.1f} s CPU; "
          f"after {len(files)} documents {rss_mb():.0f} MB, {time.process_time() - t:.1f} s CPU, "
          f"{learned} removals by learned rules")


if __name__ == "__main__":
    main()
