"""Start-up of `cleaner check` on one small file, from cold processes (the pre-commit case).

    .venv/bin/python benchmarks/startup.py            # 30 runs; budget 0.15 s (median wall time)
    .venv/bin/python benchmarks/startup.py --runs 50 --importtime
    .venv/bin/python benchmarks/startup.py --cache off          # every run parses the rules
    .venv/bin/python benchmarks/startup.py --files DIR --limit 200 --runs 5 --budget 1.5   # the hook
    .venv/bin/python benchmarks/startup.py --engine-root /tmp/new --versus /tmp/base      # side by side

The rule cache (cleaner/rulecache.py) lives in a temporary folder of the run: with --cache warm
(default) the warm-up runs fill it, as a developer's earlier commits did; --cache off sets
CLEANER_NO_CACHE=1. --files checks the first --limit .txt files of a folder (sorted by name)
in one process, as the pre-commit hook does with the staged files.

--versus ROOT runs a second package folder (a base, e.g. `git archive <commit> cleaner rules`)
alternately with the first, each with its own rule cache, and prints both and their ratio: on a
busy machine only runs side by side compare.

Like hyperfine: a few warm-up runs (so the OS file cache and .pyc files are in place, as they
are on a developer's machine), then N runs, each a new process; prints median, min and max
wall time and the median CPU time (user + system, less sensitive to a busy machine). With
--importtime it also lists the slowest imports of one run (python -X importtime). Exit 1 when
the median wall time is over the budget.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOC = "The council approved the budget on Monday after a long debate.\n\nShare this article\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--budget", type=float, default=0.15, help="seconds (median wall time)")
    ap.add_argument("--importtime", action="store_true", help="also show the 15 slowest imports")
    ap.add_argument("--cache", choices=("warm", "off"), default="warm", help="rule cache: filled by the warm-up runs, or off")
    ap.add_argument("--files", type=Path, default=None, help="check this folder's .txt files instead of one small file")
    ap.add_argument("--limit", type=int, default=200, help="with --files: how many (first by name)")
    ap.add_argument("--engine-root", type=Path, default=None,
                    help="run the cleaner package in this folder (e.g. `git archive <commit> cleaner rules` of a base)")
    ap.add_argument("--versus", type=Path, default=None,
                    help="also run the package in this folder, alternately with the first; print both and the ratio")
    args = ap.parse_args()

    base_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CLEANER_NO_CACHE")}
    in_folder = [sys.executable, "-c", "import sys; from cleaner.cli import main; sys.argv[0] = 'cleaner'; main()"]
    roots = [args.engine_root] + ([args.versus] if args.versus is not None else [])
    with tempfile.TemporaryDirectory() as tmp:
        setups: list[tuple[list[str], dict[str, str]]] = []
        for k, root in enumerate(roots):
            env = dict(base_env)
            env["CLEANER_CACHE_DIR"] = str(Path(tmp) / f"cache{k}")
            if args.cache == "off":
                env["CLEANER_NO_CACHE"] = "1"
            cleaner = [str(Path(sys.executable).parent / "cleaner")]
            if root is not None:
                env["PYTHONPATH"] = str(root.resolve())
                cleaner = in_folder
            setups.append((cleaner, env))
        if args.files is not None:
            docs = sorted(args.files.resolve().glob("*.txt"))[: args.limit]
            argv = ["check", "-q", *map(str, docs)]
            what = f"{len(docs)} files of {args.files}"
        else:
            doc = Path(tmp) / "small.txt"
            doc.write_text(DOC)
            argv = ["check", str(doc)]
            what = "1 small file"
        walls: list[list[float]] = [[] for _ in setups]
        cpus: list[list[float]] = [[] for _ in setups]
        for i in range(args.warmup + args.runs):
            for (cleaner, env), wall, cpu in zip(setups, walls, cpus):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([*cleaner, *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp)
                elapsed = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if i >= args.warmup:
                    wall.append(elapsed)
                    cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        cleaner, env = setups[0]
        cmd = [*cleaner, *argv]
        if args.importtime:
            script = cmd[1:] if cmd[0] == sys.executable else cmd
            proc = subprocess.run([sys.executable, "-X", "importtime", *script], env=env, capture_output=True, text=True, cwd=tmp)
            rows = [ln.split("|") for ln in proc.stderr.splitlines() if ln.startswith("import time:") and "cumulative" not in ln]
            rows.sort(key=lambda r: -int(r[1]))
            print("slowest imports (cumulative us | module):")
            for r in rows[:15]:
                print(f"  {int(r[1]):>8} | {r[2].rstrip()}")
    for root, wall, cpu in zip(roots, walls, cpus):
        label = f" [{root or 'this checkout'}]" if args.versus is not None else ""
        print(
            f"cleaner check ({what}; cache {args.cache}), {args.runs} cold runs{label}: median {statistics.median(wall) * 1000:.0f} ms "
            f"(min {min(wall) * 1000:.0f}, max {max(wall) * 1000:.0f}); median CPU {statistics.median(cpu) * 1000:.0f} ms; "
            f"budget {args.budget * 1000:.0f} ms"
        )
    if args.versus is not None:
        ratio = lambda xs: statistics.median(xs[0]) / statistics.median(xs[1])  # noqa: E731
        print(f"first / versus: wall {ratio(walls):.2f}x, CPU {ratio(cpus):.2f}x; load average {os.getloadavg()[0]:.1f}")
    return 0 if statistics.median(walls[0]) <= args.budget else 1


if __name__ == "__main__":
    sys.exit(main())
