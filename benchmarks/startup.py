"""Start-up of `cleaner check` on one small file, from cold processes (the pre-commit case).

    .venv/bin/python benchmarks/startup.py            # 30 runs; budget 0.3 s (median wall time)
    .venv/bin/python benchmarks/startup.py --runs 50 --importtime

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
    ap.add_argument("--budget", type=float, default=0.3, help="seconds (median wall time)")
    ap.add_argument("--importtime", action="store_true", help="also show the 15 slowest imports")
    args = ap.parse_args()

    cleaner = str(Path(sys.executable).parent / "cleaner")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "small.txt"
        doc.write_text(DOC)
        cmd = [cleaner, "check", str(doc)]
        wall: list[float] = []
        cpu: list[float] = []
        for i in range(args.warmup + args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i >= args.warmup:
                wall.append(elapsed)
                cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if args.importtime:
            proc = subprocess.run([sys.executable, "-X", "importtime", *cmd], env=env, capture_output=True, text=True, cwd=tmp)
            rows = [ln.split("|") for ln in proc.stderr.splitlines() if ln.startswith("import time:") and "cumulative" not in ln]
            rows.sort(key=lambda r: -int(r[1]))
            print("slowest imports (cumulative us | module):")
            for r in rows[:15]:
                print(f"  {int(r[1]):>8} | {r[2].rstrip()}")
    med = statistics.median(wall)
    print(
        f"cleaner check (1 small file), {args.runs} cold runs: median {med * 1000:.0f} ms "
        f"(min {min(wall) * 1000:.0f}, max {max(wall) * 1000:.0f}); median CPU {statistics.median(cpu) * 1000:.0f} ms; "
        f"budget {args.budget * 1000:.0f} ms"
    )
    return 0 if med <= args.budget else 1


if __name__ == "__main__":
    sys.exit(main())
