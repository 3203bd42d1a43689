"""Writing a fixed file back: through symbolic links, keeping hard links, never half-written.

black, ruff and pre-commit-hooks' fixers open the file and write over it: a symbolic link is
followed and a hard link keeps sharing the inode, but a crash mid-write leaves a half-written
file. A temporary file renamed into place cannot be half-written, but it replaces a link with a
regular file and gives a hard-linked file a new inode (its other names keep the old text).
`fix` takes the safe path that keeps both kinds of link:

* a symbolic link is resolved, and the file it points to is the one rewritten (the link stays);
* a file with one name is replaced atomically (temporary file, then rename), as before;
* a file with several names (st_nlink > 1) must keep its inode, so it is overwritten in place,
  but first its current bytes are saved to BACKUP = `.<name>.cleaner-backup` beside it (written
  to BACKUP.tmp, synced, then renamed, so a BACKUP that exists is complete). If the overwrite
  fails (a full disk) the original is put back at once; if the process dies mid-write, BACKUP
  stays, `check` and `explain` refuse the file, and the next `fix` restores it first.
"""

from __future__ import annotations

import os
from pathlib import Path

from .io import atomic_write, signals_deferred

SUFFIX = ".cleaner-backup"


def backup_of(real: Path) -> Path:
    """Where the original of `real` is kept while it is overwritten in place."""
    return real.with_name(f".{real.name}{SUFFIX}")


def pending(path: Path) -> Path | None:
    """The backup an interrupted fix of `path` left behind, if any."""
    backup = backup_of(Path(os.path.realpath(path)))
    return backup if backup.exists() else None


def recover(path: Path) -> bool:
    """Put back the original saved by an interrupted fix; True if there was one.

    A BACKUP.tmp alone means the process died before the overwrite began: the file is intact
    and the partial backup is removed.
    """
    real = Path(os.path.realpath(path))
    backup = backup_of(real)
    _remove(Path(f"{backup}.tmp"))
    if not backup.exists():
        return False
    with signals_deferred():
        _overwrite(real, backup.read_bytes())
        _remove(backup)
    return True


def write(path: Path, data: bytes) -> None:
    """Write `data` as the new content of `path` (see the module docstring); raise OSError."""
    real = Path(os.path.realpath(path))
    st = real.stat()
    if st.st_nlink <= 1:
        atomic_write(real, data, mode=st.st_mode & 0o7777)
        return
    backup = backup_of(real)
    tmp = Path(f"{backup}.tmp")
    _remove(tmp)  # left by a process that died before its backup was complete
    with signals_deferred():  # Ctrl-C waits until the file is whole again
        try:
            with open(tmp, "xb") as fh:
                fh.write(real.read_bytes())
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, backup)
            _sync_folder(real.parent)
        except BaseException:
            _remove(tmp)
            raise
        try:
            _overwrite(real, data)
        except OSError:
            _overwrite(real, backup.read_bytes())  # the blocks are still there: put the original back
            _remove(backup)
            raise
        _remove(backup)


def _overwrite(real: Path, data: bytes) -> None:
    """Write `data` over the file's own bytes (same inode), cut it to length and sync it."""
    with open(real, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
