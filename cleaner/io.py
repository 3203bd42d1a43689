"""Finding inputs, mapping them to outputs, and writing files atomically.

`clean` never modifies an input: outputs go to a separate folder, an output that would land on
an input is refused, and every write goes to a temporary file in the target folder that is
renamed into place, so a crash or Ctrl-C never leaves a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

MAX_BYTES = 64 * 1024 * 1024


class UsageError(Exception):
    """Bad paths or options; the CLI prints it and exits 2."""


@dataclass(frozen=True)
class Job:
    """One input file and the stem of its outputs (without suffix)."""

    src: Path
    out_stem: Path | None  # None: write the text to standard output


def iter_jobs(paths: list[Path], out: Path | None) -> Iterator[Job]:
    """Yield a Job per input file; folders are walked (sorted, hidden entries skipped)."""
    out_resolved = out.resolve() if out is not None else None
    for root in paths:
        if not root.exists():
            raise UsageError(f"{root}: no such file or folder")
        if root.is_file():
            yield Job(root, None if out is None else out / root.stem)
            continue
        if out is None:
            raise UsageError(f"{root}: is a folder; give an output folder with -o OUT")
        if out_resolved == root.resolve():
            raise UsageError(f"{root}: the output folder is the input folder; choose another with -o")
        yield from _walk(root, out, out_resolved)


def _walk(root: Path, out: Path, out_resolved: Path | None) -> Iterator[Job]:
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        d = Path(dirpath)
        try:
            st = d.stat()
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:  # a symlink loop or a second link to a visited folder
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        dirnames[:] = sorted(
            n for n in dirnames if not n.startswith(".") and (d / n).resolve() != out_resolved
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            src = d / name
            rel = src.relative_to(root)
            yield Job(src, out / rel.parent / rel.stem)


def read_input(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a whole input; refuse files over `max_bytes` with a clear message."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ValueError(
            f"file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit (raise it with --max-mb)"
        )
    return path.read_bytes()


def atomic_write(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write via a temp file in the same folder and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
