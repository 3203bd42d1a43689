"""Whole-batch timing of `cleaner clean DIR -o OUT` with --jobs 1 and --jobs N, in real processes.

Writes a folder of generated news-like text files (benchmarks/speed.py's generator: generated,
never copied; spread over 100 subfolders), then runs the installed `cleaner` on it for each
--jobs value, --repeat times, into a fresh output folder each time, and reports the median wall
time, files/s, MB/s, the speed-up over one job (runs interleaved: 1, 2, 1, 2, ...), and whether the outputs of every --jobs
value are byte-identical.

    python benchmarks/batch.py [--files 4000] [--jobs 1,2] [--repeat 3] [--seed 1] [--dir DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed import corpus  # noqa: E402

CLEANER = str(Path(sys.executable).with_name("cleaner"))


def write_corpus(folder: Path, n: int, seed: int) -> int:
    """n text files in 100 subfolders; returns their total size in bytes."""
    total = 0
    for i, text in enumerate(corpus(n, seed)):
        sub = folder / f"part{i % 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (sub / f"doc{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def one_run(src: Path, out: Path, jobs: int) -> float:
    """Wall seconds of one run into a fresh output folder."""
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([CLEANER, "clean", str(src), "-o", str(out), "--jobs", str(jobs), "-q"], check=True)
    return time.perf_counter() - t


def corpus_options(description: str, files: int) -> argparse.ArgumentParser:
    """The options every batch benchmark takes: corpus size and seed, repeats, work folder, JSON."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--files", type=int, default=files)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", type=Path, help="work folder (default: a temporary one, removed at the end)")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    return ap


@contextmanager
def corpus_folder(args: argparse.Namespace, prefix: str) -> Iterator[tuple[Path, Path, int]]:
    """(work folder, its freshly written corpus IN, corpus bytes); a temporary work folder
    (no --dir) is removed at the end."""
    work = args.dir or Path(tempfile.mkdtemp(prefix=prefix))
    try:
        src = work / "in"
        shutil.rmtree(src, ignore_errors=True)
        yield work, src, write_corpus(src, args.files, args.seed)
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = corpus_options(__doc__.split("\n\n")[0], files=4000)
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values; the first is the baseline")
    args = ap.parse_args(argv)
    with corpus_folder(args, "cleaner-batch-") as (work, src, size):
        print(f"corpus: {args.files} files, {size / 1e6:.2f} MB, seed {args.seed}; "
              f"{os.cpu_count()} CPUs; median of {args.repeat} runs")
        rows, digests = [], {}
        values = [int(j) for j in args.jobs.split(",")]
        walls_by: dict[int, list[float]] = {j: [] for j in values}
        for _ in range(args.repeat):  # interleaved, so that a slow spell of the machine hits every value
            for jobs in values:
                wall = one_run(src, work / f"out{jobs}", jobs)
                walls_by[jobs].append(wall)
        for jobs in values:
            walls = walls_by[jobs]
            digests[jobs] = digest(work / f"out{jobs}")
            med = statistics.median(walls)
            rows.append({"jobs": jobs, "seconds": round(med, 3), "files_per_s": round(args.files / med, 1),
                         "mb_per_s": round(size / 1e6 / med, 2), "runs": [round(w, 3) for w in walls]})
        base = rows[0]["seconds"]
        for row in rows:
            row["speedup"] = round(base / row["seconds"], 2)
            print(f"--jobs {row['jobs']}: {row['seconds']:.2f} s, {row['files_per_s']:.0f} files/s, "
                  f"{row['mb_per_s']:.2f} MB/s, x{row['speedup']:.2f} (runs {row['runs']})")
        same = len(set(digests.values())) == 1
        print(f"outputs identical across --jobs values: {same}")
        if args.json:
            args.json.write_text(json.dumps({"files": args.files, "bytes": size, "rows": rows, "identical": same}, indent=2) + "\n")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
