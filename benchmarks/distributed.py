"""Overhead of `cleaner clean --engine dask` (a LocalCluster) over the local engine, in real processes.

Writes a folder of generated news-like text files (benchmarks/batch.py's writer around
benchmarks/speed.py's generator: generated, never copied), then runs `cleaner clean`
on it with `--engine local --jobs N` and `--engine dask --jobs N` (a LocalCluster of N worker
processes, one thread each, on 127.0.0.1, started and closed by the run itself, so its
start-up is counted), interleaved (local, dask, local, dask, ...) so that a slow spell of a
shared machine hits both, --repeat times, each into a fresh output folder. Reports the median
wall time and CPU time of each, the ratios dask/local of the medians (and per pair) and of each engine's
fastest run (the least disturbed on a shared machine), the load average, and
whether the two engines' outputs (texts, sidecars and completion markers) are byte-identical in
every pair. It runs a private copy of cleaner/ and rules/ taken at its start (PYTHONPATH), so
that work going on in the checkout cannot change the code between two runs.

    python benchmarks/distributed.py [--files 10000] [--jobs 2] [--repeat 3] [--seed 1] [--dir DIR] [--json FILE]

Exit status 1 when the outputs differ.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from batch import corpus_folder, corpus_options, digest  # noqa: E402

CLEANER = [sys.executable, "-c", "from cleaner.cli import main; main()"]


def one_run(src: Path, out: Path, engine: str, jobs: int, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, of the run and every worker process it
    started and reaped) of one whole `cleaner clean` run into a fresh output folder. CPU time
    is what the engine costs, less disturbed by other work on a shared machine than wall time."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([*CLEANER, "clean", str(src), "-o", str(out), "--engine", engine, "--jobs", str(jobs), "-q"],
                   check=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def snapshot(folder: Path) -> dict[str, str]:
    """A private copy of cleaner's sources and rules to run, and the environment that runs it.

    In a checkout shared with other work, cleaner/ and rules/ change under a long benchmark;
    both engines must run the same code, or their outputs rightly differ."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / "cleaner", folder / "cleaner", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", folder / "cleaner" / "_rules")  # where an installed cleaner keeps them
    return {**os.environ, "PYTHONPATH": str(folder)}


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = corpus_options(__doc__.split("\n\n")[0], files=10000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    with corpus_folder(args, "cleaner-distributed-") as (work, src, size):
        load_before = load()
        print(f"corpus: {args.files} files, {size / 1e6:.2f} MB, seed {args.seed}; {os.cpu_count()} CPUs; "
              f"--jobs {args.jobs}; {args.repeat} interleaved pairs; load average before: {load_before}")
        walls: dict[str, list[float]] = {"local": [], "dask": []}
        cpus: dict[str, list[float]] = {"local": [], "dask": []}
        env = snapshot(work / "src")
        compared: list[bool] = []  # per pair: outputs identical
        for i in range(args.repeat):
            for engine in ("local", "dask"):
                wall, cpu = one_run(src, work / f"out-{engine}", engine, args.jobs, env)
                walls[engine].append(wall)
                cpus[engine].append(cpu)
            compared.append(digest(work / "out-local") == digest(work / "out-dask"))
            print(f"  pair {i + 1}: local {walls['local'][-1]:.2f} s ({cpus['local'][-1]:.1f} CPU s), "
                  f"dask {walls['dask'][-1]:.2f} s ({cpus['dask'][-1]:.1f} CPU s), "
                  f"x{walls['dask'][-1] / walls['local'][-1]:.3f} wall; load average {load()}", flush=True)
        med = {e: statistics.median(w) for e, w in walls.items()}
        cpu_med = {e: statistics.median(c) for e, c in cpus.items()}
        ratio = med["dask"] / med["local"]
        cpu_ratio = cpu_med["dask"] / cpu_med["local"]
        pair_ratios = [d / lo for lo, d in zip(walls["local"], walls["dask"])]
        cpu_pair_ratios = [d / lo for lo, d in zip(cpus["local"], cpus["dask"])]
        # On a shared machine another job's burst slows whichever run it lands on (CPU time grows
        # too: the cores are shared below the process); the fastest run of each engine is the
        # one least disturbed, the nearest to what an idle machine gives.
        best = {e: min(w) for e, w in walls.items()}
        cpu_best = {e: min(c) for e, c in cpus.items()}
        best_ratio = best["dask"] / best["local"]
        same = all(compared)
        load_after = load()
        for engine in ("local", "dask"):
            print(f"--engine {engine}: median {med[engine]:.2f} s, {args.files / med[engine]:.0f} files/s, "
                  f"{cpu_med[engine]:.1f} CPU s (runs {[round(w, 2) for w in walls[engine]]})")
        print(f"dask / local, wall: x{ratio:.3f} of the medians ({(ratio - 1) * 100:+.1f}%); "
              f"median of the per-pair ratios x{statistics.median(pair_ratios):.3f}")
        print(f"dask / local, CPU: x{cpu_ratio:.3f} of the medians ({(cpu_ratio - 1) * 100:+.1f}%); "
              f"median of the per-pair ratios x{statistics.median(cpu_pair_ratios):.3f}")
        print(f"dask / local, fastest run of each: x{best_ratio:.3f} wall ({best['local']:.2f} s, {best['dask']:.2f} s), "
              f"x{cpu_best['dask'] / cpu_best['local']:.3f} CPU")
        print(f"load average after: {load_after}")
        print(f"outputs identical (texts, sidecars, completion markers): {same} "
              f"({sum(compared)} of {len(compared)} pairs compared identical)")
        if args.json:
            args.json.write_text(json.dumps({
                "files": args.files, "bytes": size, "jobs": args.jobs, "runs": walls,
                "median_s": med, "ratio": round(ratio, 4), "cpu_s": cpus, "median_cpu_s": cpu_med,
                "cpu_ratio": round(cpu_ratio, 4), "pair_ratios": [round(r, 4) for r in pair_ratios],
                "cpu_pair_ratios": [round(r, 4) for r in cpu_pair_ratios], "best_s": best, "best_cpu_s": cpu_best,
                "best_ratio": round(best_ratio, 4),
                "load_before": load_before, "load_after": load_after, "identical": same,
                "pairs_identical": sum(compared),
            }, indent=2) + "\n")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
