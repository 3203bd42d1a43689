"""A cache of the parsed rule set, so a cold `cleaner check` (the pre-commit hook) skips the
TOML parse, the checks and the phrase normalisation of every pack (issue 15, item 3).

What is cached: the rules `load_rules` builds before --select/--ignore (one entry per list of
rule sources, whatever the selection), pickled. Built-in patterns pickle as their source
(LazyPattern) and stay lazy; a user pattern is compiled again when the entry is read, as it is
at load without the cache.

When an entry is used: its file is named by a hash of the rule sources (their resolved paths),
the cache format, the cleaner version and the Python version. It holds the files the build read
(rule files, phrase files, list files) with a hash of their contents, and the listing of every
folder the build searched (``*.toml`` of a rule folder, ``*.txt`` of a phrase folder). It is used
only when every one of those files still has the same contents and every listing the same names,
so an edited, added or removed rule or phrase file is seen at once (never stale rules). A
missing, unreadable, corrupt or stale entry is rebuilt; writing one that fails (read-only home)
is ignored. A rule set with an error is never cached (the error is raised as before).

Where: $CLEANER_CACHE_DIR, else $XDG_CACHE_HOME/cleaner, else ~/.cache/cleaner. Off with
CLEANER_NO_CACHE=1 or `cleaner --no-cache COMMAND`. Written atomically: a temporary file in the
same folder, then os.replace, so a reader sees a whole entry or none.
"""

from __future__ import annotations

import fnmatch
import os
import pickle
import stat
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

# A file changed less than this before the build began may change again within the same
# timestamp (coarse file system clocks): its contents are hashed at every read.
RACY_NS = 2_000_000_000
FORMAT = 2  # bump when the entry's layout or the pickled classes change shape
MAX_FILE_BYTES = 64 << 20  # a larger "rule file" is not hashed (the loader refuses it anyway)
ENV_DIR = "CLEANER_CACHE_DIR"
ENV_OFF = "CLEANER_NO_CACHE"
_disabled = False  # `cleaner --no-cache`


def disable() -> None:
    """Turn the cache off for this process (the CLI's --no-cache)."""
    global _disabled
    _disabled = True


def enabled() -> bool:
    return not _disabled and os.environ.get(ENV_OFF, "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path:
    """$CLEANER_CACHE_DIR, else $XDG_CACHE_HOME/cleaner, else ~/.cache/cleaner."""
    own = os.environ.get(ENV_DIR)
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "cleaner"


class Reads:
    """What a build read: files (path -> contents hash) and searched folders (folder, glob) ->
    the names found. `load_rules` and the phrase reader report to the active one."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[str, tuple[int, ...] | None]] = {}  # path -> (digest, stat key)
        self.started = time.time_ns()
        self.listings: dict[tuple[str, str], tuple[str, ...]] = {}
        self.complete = True  # False when a read could not be recorded: the entry is not written

    def file(self, path: Path) -> None:
        """Record a file before the build reads it: its contents hash, and its stat key unless
        the file changed so recently that a change within the clock's resolution would leave
        the key as it is (then the reader hashes it every time, as git does with racy files)."""
        key = str(path)
        if key not in self.files:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
                # a FIFO would block the hash (the loader refuses it itself), a huge file is refused
                self.complete = False
                return
            racy = st.st_ctime_ns >= self.started - RACY_NS or st.st_mtime_ns >= self.started - RACY_NS
            self.files[key] = (_digest(path), None if racy else _stat_key(st))

    def listing(self, folder: Path, pattern: str, names: list[Path]) -> None:
        self.listings[(str(folder), pattern)] = tuple(sorted(p.name for p in names))


_local = threading.local()  # .reads: the Reads of this thread's build under way


def active() -> Reads | None:
    """The Reads of this thread's build under way, or None (no cache, or no build)."""
    return getattr(_local, "reads", None)


try:  # hashlib itself loads OpenSSL (a few ms of a cold start); blake2 is built in
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b as _blake2b


def _digest(path: Path | str) -> str:
    with open(path, "rb") as fh:
        return _blake2b(fh.read(), digest_size=16).hexdigest()


def _stat_key(st: os.stat_result) -> tuple[int, ...]:
    """What changes when a file's contents do: size, times (ctime cannot be set back by a user
    or an archive tool) and the inode (a file replaced by another)."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _still_valid(files: dict[str, tuple[str, tuple[int, ...] | None]], listings: dict[tuple[str, str], tuple[str, ...]]) -> bool:
    """Every searched folder lists the same names and every file has the same contents: its stat
    key unchanged (about 1 us a file), else the hash of its contents (a touched file still counts
    as the same)."""
    try:
        for (folder, pattern), names in listings.items():
            # as Path(folder).glob(pattern) found them at the build (the same names: a pattern
            # of one part, matched with the platform's case rule), without pathlib's selector
            # machinery: ~1 ms for the ~50 folders where glob took ~9 ms of a cold start
            if tuple(sorted(fnmatch.filter(os.listdir(folder), pattern))) != names:
                return False
        for path, (digest, stat_key) in files.items():
            st = os.stat(path)
            if stat_key is not None and _stat_key(st) == stat_key:
                continue
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES or _digest(path) != digest:
                return False
        return True
    except OSError:
        return False


# The modules whose code decides what a rule set is built into (the pickled classes, phrase
# normalisation, reading): their source is part of the key, so a checkout whose code changed
# under the same version number does not read rules built by the old code.
_BUILDERS = ("ruleset.py", "phrases.py", "rulecache.py", "io.py")


def entry_path(sources: list[Path]) -> Path:
    """The cache file for this list of rule sources (as given and resolved: a rule's origin
    names its file as given), cache format, cleaner version and code, and Python version."""
    from . import __version__

    h = _blake2b(digest_size=16)
    here = Path(__file__).parent
    code = [_digest(here / name) for name in _BUILDERS]
    for part in (str(FORMAT), __version__, sys.version, *code, *(f"{p}\0{p.resolve()}" for p in sources)):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return cache_dir() / f"rules-{h.hexdigest()}.pickle"


def cached(sources: list[Path], build: Callable[[], Any]) -> Any:
    """build() for these rule sources, or what it returned last time when nothing it read has
    changed since. build() must report what it reads to `active()`."""
    if not enabled():
        return build()
    try:
        path = entry_path(sources)
    except (OSError, RuntimeError):  # no home folder, a path that cannot be resolved
        return build()
    value = _read(path)
    if value is not None:
        return value
    outer = active()
    reads = _local.reads = Reads()
    try:
        result = build()
    finally:
        _local.reads = outer
    if reads.complete:
        _write(path, reads, result)
    return result


# Phrase indexes built with a cache entry, for the rules they were built from: (those rule
# objects, the index) by the rules' ids. The engine takes one instead of building it again
# (`prebuilt`) when it is asked for an index of exactly those rule objects.
_OFFERED: dict[tuple[int, ...], tuple[tuple[Any, ...], Any]] = {}


def offer(rules: tuple[Any, ...], index: Any) -> None:
    """Make `index` (a PhraseIndex built from exactly `rules`, in order) available to the engine."""
    if len(_OFFERED) >= 16:
        _OFFERED.clear()
    _OFFERED[tuple(map(id, rules))] = (rules, index)


def prebuilt(rules: tuple[Any, ...]) -> Any:
    """The offered index of exactly these rule objects, or None."""
    hit = _OFFERED.get(tuple(map(id, rules)))
    if hit is None or len(hit[0]) != len(rules) or any(a is not b for a, b in zip(hit[0], rules)):
        return None
    return hit[1]


def _read(path: Path) -> Any:
    """The entry's value when it is whole and still valid, else None (never an error).

    The collector is off while it is unpickled: the entry is ~10^5 objects (rules, phrase sets)
    that all stay alive, and the collections their allocation set off made the load ~20%
    slower."""
    import gc

    was_on = gc.isenabled()
    try:
        with open(path, "rb") as fh:
            head = pickle.load(fh)
            if not (isinstance(head, dict) and head.get("format") == FORMAT):
                return None
            if not _still_valid(head["files"], head["listings"]):
                return None
            gc.disable()
            return pickle.load(fh)
    except Exception:  # missing, truncated, corrupt or from another layout: rebuild
        return None
    finally:
        if was_on:
            gc.enable()


def _write(path: Path, reads: Reads, value: Any) -> None:
    """Write the entry atomically; any failure (read-only home, full disk) is ignored."""
    head = {"format": FORMAT, "files": reads.files, "listings": reads.listings}
    if _atomic_pickle(path, ".rules-", head, value):
        _prune(path.parent)


def _atomic_pickle(path: Path, prefix: str, *objects: Any) -> bool:
    """Pickle `objects` one after the other into `path` through a temporary file in its folder
    and os.replace (a reader sees the old file or the whole new one, never a part); True when
    written. Any failure (read-only home, full disk, an object that does not pickle) leaves no
    temporary file and returns False: the caches are an optimisation, never an error."""
    import tempfile  # only when writing (it imports random, shutil, hashlib)

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            for obj in objects:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        return True
    except Exception:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


KEEP_ENTRIES = 8  # rule-set entries kept (other rule folders, versions, Pythons); oldest go


def _prune(folder: Path) -> None:
    """Delete all but the KEEP_ENTRIES most recently written entries (each code or rule-folder
    change of a checkout writes a new one) and temporary files left by a killed writer."""
    entries = sorted(folder.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    stale = [p for p in folder.glob(".*.tmp") if p.stat().st_mtime < time.time() - 3600]
    for p in entries[KEEP_ENTRIES:] + stale:
        try:
            p.unlink()
        except OSError:
            pass


# --- compiled patterns -----------------------------------------------------------------------
#
# The `regex` module parses and compiles a pattern in Python: 0.3-5 ms each, and a cold process
# pays it for every pattern its documents need (the pre-commit hook on 200 files compiles ~550,
# about half of its time). A compiled `regex` Pattern pickles as its compiled program (the
# module registers that with copyreg: unpickling calls the C compiler on the stored code, no
# parse), about 40 times cheaper. So the patterns a process compiled are kept, each as its own
# pickle, in one file per regex version and Python; a later process unpickles only the ones it
# asks for. The key is the pattern's source and flags, so an edited pattern is another entry,
# never a stale one. Written at exit when the process compiled new ones.

PROGRAMS_MAX = 50_000  # entries; past it the file starts afresh (patterns of old rule versions)
_programs: dict[tuple[str, int], bytes] | None = None
_programs_new = False


def _programs_path() -> Path:
    import regex

    h = _blake2b(digest_size=16)
    for part in (str(FORMAT), getattr(regex, "__version__", "?"), str(regex.DEFAULT_VERSION), sys.version):
        h.update(part.encode() + b"\0")
    return cache_dir() / f"patterns-{h.hexdigest()}.pickle"


def _load_programs() -> dict[tuple[str, int], bytes]:
    global _programs
    if _programs is None:
        _programs = {}
        try:
            with open(_programs_path(), "rb") as fh:
                got = pickle.load(fh)
            if isinstance(got, dict):
                _programs = got
        except Exception:  # missing, unreadable or corrupt: compile as usual
            pass
    return _programs


def compile_pattern(source: str, flags: int) -> Any:
    """regex.compile(source, flags), from the compiled-pattern cache when it holds them (the
    same program: the cache stores what regex's own pickling stores). Raises as regex.compile."""
    import regex

    if not enabled():
        return regex.compile(source, flags)
    programs = _load_programs()
    key = (source, flags)
    data = programs.get(key)
    if data is not None:
        try:
            pattern = pickle.loads(data)
            if isinstance(pattern, regex.Pattern) and pattern.pattern == source:
                return pattern
        except Exception:
            pass
        programs.pop(key, None)
    pattern = regex.compile(source, flags)
    if not pattern.flags & regex.LOCALE:  # a LOCALE pattern's program depends on the locale
        global _programs_new
        try:
            programs[key] = pickle.dumps(pattern, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return pattern
        if not _programs_new:
            _programs_new = True
            import atexit

            atexit.register(save_programs)
    return pattern


def save_programs() -> None:
    """Write the compiled-pattern cache (merged with what another process wrote meanwhile),
    atomically; failures ignored."""
    global _programs_new
    if not _programs_new or _programs is None or not enabled():
        return
    _programs_new = False
    path = _programs_path()
    merged: dict[tuple[str, int], bytes] = {}
    try:
        with open(path, "rb") as fh:
            got = pickle.load(fh)
        if isinstance(got, dict) and len(got) + len(_programs) <= PROGRAMS_MAX:
            merged = got
    except Exception:
        pass
    merged.update(_programs)
    _atomic_pickle(path, ".patterns-", merged)
