"""The run lock of an output folder, and the temporary files an earlier run left there.

Every `clean -o OUT` run holds a shared flock on OUT/.cleaner/lock while it runs (its forked
worker processes share it, so it is held until the last of them ends). `--resume` first asks
for the lock exclusively, without waiting: when it gets it, no other run writes under OUT, and
the temporary files of atomic writes found there (io.TEMPORARY_NAME, their process no longer
running) are what an earlier run killed by SIGKILL or a power cut left: they are removed.
When another run holds the lock its temporaries may be live, and nothing is removed.

Like any flock this protects runs on one machine (and on filesystems where flock works); Dask
workers of a cluster given by --scheduler do not hold it.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .io import remove_stale_temporaries

try:
    import fcntl
except ImportError:  # not on Windows: no lock, and no sweeping
    fcntl = None  # type: ignore[assignment]


@contextmanager
def run_lock(state: Path | None, *, sweep: bool, report: Callable[[str], None]) -> Iterator[None]:
    """Hold OUT/.cleaner/lock (shared) for the block; with `sweep`, first remove the temporary
    files an earlier run left under OUT, if no other run is live."""
    fd = _open(state) if state is not None and fcntl is not None else None
    if fd is None:
        yield
        return
    try:
        if sweep:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                report(f"{state.parent}: another cleaner run is writing here; its temporary files are left alone")
            else:
                remove_stale_temporaries(state.parent)
        fcntl.flock(fd, fcntl.LOCK_SH)  # waits only for a --resume that is sweeping
        yield
    finally:
        os.close(fd)


def _open(state: Path) -> int | None:
    try:
        state.mkdir(parents=True, exist_ok=True)
        return os.open(state / "lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError:
        return None  # cannot create it: writing the outputs will say why
