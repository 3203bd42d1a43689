"""Finding inputs, mapping them to outputs, and writing files atomically.

`clean` never modifies an input: outputs go to a separate folder, an output that would land on
an input is refused, and every write goes to a temporary file in the target folder that is
renamed into place, so a crash or Ctrl-C never leaves a half-written file.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import signal
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Literal

MAX_BYTES = 64 * 1024 * 1024
# The largest --max-mb (max-mb) accepted: a whole input is held in memory, decoded and cleaned,
# which takes several times its size.
MAX_MB_LIMIT = 4096

Kind = Literal["text", "html", "records"]
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".json")


class UsageError(Exception):
    """Bad paths or options; the CLI prints it and exits 2."""


@dataclass(frozen=True)
class Job:
    """One input file and the stem of its outputs (without suffix)."""

    src: Path
    out_stem: Path | None  # None: write the text to standard output
    kind: Kind = "text"
    rel: str = ""  # the input's path relative to the folder given (its name for a file argument)
    out: Path | None = None  # the output folder given (-o): nothing below it is written through a symlink
    skip: str | None = None  # not read, and reported as skipped for this reason (a link out of the input)
    # A record file written as a folder of files: each record name (lower case) that would land on
    # another input's output there, with that output's name and input (see batch.iter_stems)
    occupied: tuple[tuple[str, str, str], ...] = ()

    @property
    def name(self) -> str:
        """The input's name relative to what was given, for ids: 'sub/page.html'."""
        return self.rel or self.src.name


def kind_of(path: Path | str) -> Kind:
    """What a file holds, by its name: HTML pages, record files, or (anything else) text."""
    name = str(path).lower()
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(RECORD_SUFFIXES):
        return "records"
    return "text"


def stem(name: str) -> str:
    """The name without its format suffix: 'page.html.gz' -> 'page', 'a.jsonl' -> 'a', 'b.md' -> 'b',
    'c.txt.gz' -> 'c'."""
    lower = name.lower()
    for suffix in (*HTML_SUFFIXES, *RECORD_SUFFIXES):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    if lower.endswith(".gz") and len(name) > 3:
        name = name[:-3]
    return Path(name).stem


def _job(src: Path, out_stem: Path | None, rel: Path, out: Path | None = None) -> Job:
    return Job(src, out_stem, kind_of(src), rel.as_posix(), out)


LINK_OUTSIDE = "symlink leads outside the input folder (use --follow-links)"


def iter_jobs(paths: list[Path], out: Path | None, *, follow_links: bool = False) -> Iterator[Job]:
    """Yield a Job per input file; folders are walked (sorted, hidden entries skipped).

    In a folder, a symlink (to a file or a folder) is followed only when it leads inside one of
    the folders given, unless `follow_links`; one that leads out is yielded as a Job with `skip`
    set, to be reported once (as rsync and ruff do not wander out of the tree they are given). A
    path given by name is always read, link or not: the user named it.
    """
    out_resolved = out.resolve() if out is not None else None
    trees = None if follow_links else tuple(p.resolve() for p in paths if p.is_dir())
    for root in paths:
        if not root.exists():
            raise UsageError(f"{root}: no such file or folder")
        if not root.is_dir():  # a file (read_input refuses what is not a regular file)
            yield _job(root, None if out is None else out / stem(root.name), Path(root.name), out)
            continue
        if out is None:
            raise UsageError(f"{root}: is a folder; give an output folder with -o OUT")
        if out_resolved == root.resolve():
            raise UsageError(f"{root}: the output folder is the input folder; choose another with -o")
        yield from _walk(root, out, out_resolved, trees)


def _inside(path: Path, folders: Iterable[Path]) -> bool:
    return any(path == f or path.is_relative_to(f) for f in folders)


def _walk(root: Path, out: Path, out_resolved: Path | None, trees: tuple[Path, ...] | None) -> Iterator[Job]:
    """The files under `root`, depth first, each folder's files before its subfolders (as
    os.walk top-down), both sorted by name. Symlinks: see iter_jobs (`trees` None: follow all);
    the output folder, and links into it, are left out; a folder reached twice (a link loop, or
    a second link to it) is walked once."""
    seen_dirs: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            st = d.stat()
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen_dirs:
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        jobs, subdirs = _listing(d, root, out, out_resolved, trees)
        yield from jobs
        stack.extend(reversed(subdirs))


def _listing(d: Path, root: Path, out: Path, out_resolved: Path | None,
             trees: tuple[Path, ...] | None, files: bool = True) -> tuple[list[Job], list[Path]]:
    """One folder of a walk: the jobs of its files (a link leading out as a skipped job; none
    unless `files`), and the subfolders to walk, both sorted by name."""
    try:
        with os.scandir(d) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:  # as os.walk: a folder that cannot be listed is passed over
        return [], []
    jobs, subdirs = [], []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not (files or is_dir):
            continue
        path = Path(entry.path)
        how = _how(path, entry.is_symlink(), out_resolved, trees)
        if how == "leave":
            continue
        rel = path.relative_to(root)
        if how == "outside":
            if files:
                jobs.append(Job(path, None, kind_of(path), rel.as_posix(), out, skip=LINK_OUTSIDE))
        elif is_dir:
            if path.resolve() != out_resolved:
                subdirs.append(path)
        else:
            jobs.append(_job(path, out / rel.parent / stem(rel.name), rel, out))
    return jobs, subdirs


def _how(path: Path, is_link: bool, out_resolved: Path | None, trees: tuple[Path, ...] | None) -> str:
    """What a walk does with an entry: 'follow' it, 'leave' it (a link into the output folder),
    or skip it as a link leading 'outside' the folders given."""
    if not is_link:
        return "follow"
    target = path.resolve()
    if out_resolved is not None and _inside(target, (out_resolved,)):
        return "leave"
    if trees is not None and not _inside(target, trees):
        return "outside"
    return "follow"


def inputs_into(paths: list[Path], out: Path, folder: Path, *, follow_links: bool = False,
                files: bool = True) -> tuple[list[Job], list[Path]]:
    """What iter_jobs(paths, out) puts straight into `folder` (a folder under `out`): the jobs
    of the files of <root>/<folder under out> of each folder given, in the same order (none
    unless `files`), and its subfolders, which become folders there; if the walk reaches it.

    A record file's documents go to such a folder, named by their ids, which are known only when
    the file is read; the batch checks those names against these, before any work."""
    rel = folder.relative_to(out)
    out_resolved = out.resolve()
    trees = None if follow_links else tuple(p.resolve() for p in paths if p.is_dir())
    jobs: list[Job] = []
    subdirs: list[Path] = []
    for root in paths:
        d = root / rel
        if not d.is_dir() or not root.is_dir() or root.resolve() == out_resolved:
            continue
        place, reached = root, True
        for part in rel.parts:
            place = place / part
            if part.startswith(".") or _how(place, place.is_symlink(), out_resolved, trees) != "follow" \
                    or place.resolve() == out_resolved:
                reached = False
                break
        if reached:
            more, dirs = _listing(d, root, out, out_resolved, trees, files)
            jobs += (job for job in more if job.skip is None)
            subdirs += dirs
    return jobs, subdirs


def _too_big(size: float | None, max_bytes: int, what: str = "file") -> ValueError:
    """The error for an input over the limit; `size` None when reading stopped at the limit."""
    how_big = "" if size is None else f"{size / 1e6:.0f} MB, "
    return ValueError(f"{what} is {how_big}over the {max_bytes / 1e6:.0f} MB limit (raise it with --max-mb)")


class NotRegularFile(ValueError):
    """The input is a FIFO, a device, a socket: never read (it could block or never end)."""


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


def read_input(path: Path, max_bytes: int = MAX_BYTES, *, gunzip: bool = False) -> bytes:
    """Read a whole input; refuse files over `max_bytes` with a clear message.

    Only regular files are read (a symlink is followed to what it names): anything else raises
    NotRegularFile, decided by stat before opening and checked again on the open file (opened
    non-blocking, so that a FIFO swapped in meanwhile cannot hang the open). The limit holds
    while reading, not only by the size stat reported: at most `max_bytes` + 1 bytes are read.

    With `gunzip`, a name ending in .gz is decompressed as a stream, and the limit applies to
    the decompressed size too (a small archive cannot expand into gigabytes); a broken archive
    raises ValueError. (`fix` never sets it: it rewrites files as they are.)
    """
    with _open_regular(path) as (fh, st):
        if st.st_size > max_bytes:
            raise _too_big(st.st_size, max_bytes)
        if gunzip and path.name.lower().endswith(".gz"):
            return gunzip_stream(fh, max_bytes)
        return _read_bounded(fh, max_bytes, st.st_size)


@contextmanager
def _open_regular(path: Path) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """`path` opened for reading, with its stat, if it is a regular file (else NotRegularFile):
    checked by stat before opening and again on the open file, opened non-blocking so that a
    FIFO swapped in meanwhile cannot hang the open."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile("not a regular file")
    fd = os.open(path, _READ_FLAGS)
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile("not a regular file")
        yield fh, st


CONFIG_MAX_BYTES = 16 * 1024 * 1024  # a configuration, rule pack, word table or phrase file


def read_config_text(path: Path, max_bytes: int = CONFIG_MAX_BYTES) -> str:
    """The UTF-8 text of a configuration or rule file (.cleaner.toml, pyproject.toml, a rule
    pack, a word table, a phrase file), read as inputs are (read_input): only a regular file
    (a FIFO or a link to /dev/zero would hang or never end), at most `max_bytes`. Raises
    OSError, UnicodeDecodeError, or ValueError with a one-line reason."""
    with _open_regular(path) as (fh, st):

        def too_big() -> ValueError:
            return ValueError(f"over the {max_bytes // (1024 * 1024)} MB limit of a configuration or rule file")

        if st.st_size > max_bytes:
            raise too_big()
        return _read_bounded(fh, max_bytes, st.st_size, too_big).decode("utf-8")


def _read_bounded(fh: BinaryIO, max_bytes: int, expected: int, too_big: Callable[[], Exception] | None = None) -> bytes:
    """Read to the end, but never more than `max_bytes` + 1 bytes: the size stat gave is asked
    for first (read(n) allocates n bytes up front), then chunks, for a file that grew or whose
    size says nothing (/proc)."""
    parts: list[bytes] = []
    size = 0
    want = min(expected, max_bytes) + 1
    while chunk := fh.read(want):
        parts.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise too_big() if too_big is not None else _too_big(None, max_bytes)
        if len(chunk) < want:  # a buffered read returns less only at the end
            break
        want = min(_CHUNK, max_bytes + 1 - size)
    return b"".join(parts)


def gunzip_stream(fh: BinaryIO, max_bytes: int, over: Callable[[], Exception] | None = None) -> bytes:
    """The decompressed content of a gzip stream, read in chunks: never more than
    `max_bytes` + one chunk in memory, whatever the archive claims. Over the limit: the error
    `over` makes (default: a decompressed file over the limit); a broken archive: ValueError."""
    import gzip
    import zlib

    parts: list[bytes] = []
    size = 0
    try:
        with gzip.GzipFile(fileobj=fh) as gz:
            while chunk := gz.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise over() if over is not None else _too_big(None, max_bytes, "decompressed file")
                parts.append(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"not a valid gzip file ({exc})") from None
    return b"".join(parts)


@contextmanager
def atomic_open(path: Path, mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary file at `path` that appears only when the block ends without an exception.

    Writes go to a temporary file in the same folder, renamed into place at the end; on any
    error or interruption the temporary file is removed and `path` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with signals_deferred():  # a temporary file exists only while it is in _TEMPORARIES
        fd, tmp = _create_temporary(path)
        _TEMPORARIES.add(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        # the temporary file is private (0600); the result gets the mode asked for, else the
        # mode of the file it replaces, else what a plain open() would give (0666 less umask)
        os.chmod(tmp, mode if mode is not None else _existing_mode(path))
        with signals_deferred():
            os.replace(tmp, path)
            _TEMPORARIES.discard(tmp)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        _TEMPORARIES.discard(tmp)
        raise


# As tempfile.mkstemp opens its files: created here or not at all, never through a symlink.
_TEMPORARY_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_TEMPORARY_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_temporary_numbers = itertools.count()


def _create_temporary(path: Path) -> tuple[int, str]:
    """Create a new private (0600) file beside `path`; return its descriptor and absolute name.

    The name is '.<name>.<pid>.<n>.tmp', n from a per-process counter: unique among live
    processes (a forked worker has its own pid) and O_EXCL makes the creation fail rather than
    reuse a file left by an earlier process with the same pid, in which case the next number is
    tried. tempfile.mkstemp gives the same guarantees, but draws a random name per file (its
    Python side cost about a quarter of its time in a batch of small files); the name needs to
    be unique, not unguessable, since the folder is the output's own.
    """
    prefix = os.path.abspath(path.parent / f".{path.name}.{os.getpid()}.")
    while True:
        tmp = f"{prefix}{next(_temporary_numbers)}.tmp"
        try:
            return os.open(tmp, _TEMPORARY_FLAGS, 0o600), tmp
        except FileExistsError:
            continue


# The names _create_temporary gives: '.<name>.<pid>.<n>.tmp'.
TEMPORARY_NAME = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.(?P<n>[0-9]+)\.tmp")


def temporary_pid(name: str) -> int | None:
    """The pid in the name of one of our temporary files; None for any other name."""
    match = TEMPORARY_NAME.fullmatch(name)
    return int(match["pid"]) if match else None


def remove_temporaries(folders: Iterator[Path] | list[Path] | set[Path], pids: set[int]) -> int:
    """Remove the temporary files that processes `pids` (ended without cleaning up, killed by
    SIGKILL) left directly in `folders`; returns how many were removed."""
    removed = 0
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if temporary_pid(name) in pids:
                removed += _remove_file(os.path.join(folder, name))
    return removed


def _remove_file(path: str) -> bool:
    """Unlink a regular file (never a link or a folder); whether it was removed."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        os.unlink(path)
        return True
    except OSError:
        return False


def process_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this machine (one of another user counts)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass  # EPERM: it exists
    try:  # a zombie (ended, its parent gone, not reaped: a container's init may never reap) is not running
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def remove_stale_temporaries(root: Path) -> int:
    """Remove, anywhere under `root` (links not followed), the temporary files of atomic_open
    whose process no longer runs: what a kill -9 or a power cut left. Only names of our pattern
    are touched. The caller makes sure that no other run writes under `root` (a file of a live
    process on another machine would look stale); returns how many were removed."""
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            pid = temporary_pid(name)
            if pid is not None and pid != os.getpid() and not process_alive(pid):
                removed += _remove_file(os.path.join(dirpath, name))
    return removed


class Stopped(Exception):
    """A batch cannot go on (the disk is full, worker processes keep dying); str is the one-line
    message, the CLI exits 1."""


class DiskFull(Stopped):
    """A write failed with "No space left on device" or "Disk quota exceeded"."""


DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error is "No space left on device" or "Disk quota exceeded": no later write
    to that disk can succeed, so a batch stops rather than fail every input the same way."""
    return isinstance(exc, OSError) and exc.errno in DISK_FULL


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception in the main process (see terminate_raises): it unwinds
    as Ctrl-C does, so that workers are stopped and temporary files removed on the way out."""

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


@contextmanager
def terminate_raises() -> Iterator[None]:
    """In the block, SIGTERM raises Terminated in the main thread (it would otherwise end the
    process at once, leaving its worker processes to die on broken pipes). Signals held by
    signals_deferred are delivered when it ends, so a pair of files still appears together."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


# Temporary files of atomic_open not yet renamed into place (see exit_on_signal).
_TEMPORARIES: set[str] = set()


def exit_on_signal(signum: int, frame: object) -> None:
    """Signal handler for worker processes: remove the temporary files being written, then exit.

    Raising SystemExit from a handler instead unwinds through whatever the process was doing,
    multiprocessing's own locks and queues included, and was seen to hang a terminated pool or
    to leave a temporary file under load; exiting at once cannot, and the set above is updated
    with the signals held, so no temporary file can be missed.
    """
    for tmp in list(_TEMPORARIES):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    os._exit(128 + signum)


def _umask() -> int:
    """The process's umask (read by setting and restoring it; done once, at import)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


_UMASK = _umask()


def _existing_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def atomic_write(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write via a temp file in the same folder and rename it into place."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_open(path, mode) as fh:
        fh.write(raw)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block is done, so that the files written together
    inside it (a text and its metadata sidecar) appear as a pair or not at all. A signal that
    arrives meanwhile is delivered on leaving the block. No-op where pthread_sigmask is missing."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)
