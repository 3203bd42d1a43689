"""Run the pipeline over many inputs: one Job at a time, outputs written atomically.

A job is a text file, an HTML page (cleaned through trafilatura, imported only then) or a record
file (.jsonl, .jsonl.gz, .json: one document per record). A bad input (binary, undecodable, too
large, unreadable, a page with no main text) or a bad record (malformed line, no text field) is
reported with its path (and line) and the batch goes on; the summary and the exit code say that
something was skipped or failed.

Where the outputs go, per format (`writers`), for OUT/<relative path>/<name>:
  text      <name>.txt + <name>.json; a record file's records as <name>/<id>.txt + <id>.json
  markdown  <name>.md; a record file's records as <name>/<id>.md
  jsonl     <name>.jsonl, one line per document (a record file's records in input order)
  shards    (--shards) OUT/shards/part-<unit>.jsonl: every document of a work unit, one line
            each ({"id": the input's path under OUT without suffix, or the record's id, ...})
Every file is written to a temporary file and renamed into place; a .jsonl only once its input
is done, so an interrupted run leaves no half-written file.

Work units: the sorted job list is cut into units of UNIT_SIZE inputs (the same units on every
run over the same inputs). A unit is what a worker process gets (`--jobs N`), and when all its
outputs are written a completion marker OUT/.cleaner/done/<unit key> is written, holding the
unit's summary (not when something in it failed: failures are retried, a skipped input is
not); `--resume` skips the units whose marker exists (the key covers the inputs'
paths, sizes and mtimes, the output stems and the output settings, so a changed input is redone).
Problems are reported per unit, in unit order, whatever the number of workers.
With `--engine dask` the same units run as tasks on a Dask cluster (cleaner.dask_engine).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from . import writers
from .decode import NotText
from .io import MAX_BYTES, Job, atomic_open, atomic_write, exit_on_signal, read_input, signals_deferred
from .pipeline import Options, Result, clean, clean_html
from .records import BadFile, BadRecord, Keys, read_records
from .writers import Doc

if TYPE_CHECKING:
    from .config import Config


@dataclass
class Summary:
    done: int = 0
    skipped: int = 0
    failed: int = 0
    words_in: int = 0
    words_out: int = 0
    bytes_in: int = 0  # bytes of the inputs read (for MB/s)
    by_rule: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.skipped == 0 and self.failed == 0

    def add(self, result: Result, where: str, report: Callable[[str], None]) -> None:
        """Count a cleaned document (a rule that timed out is reported; the document was kept)."""
        for err in result.errors:
            report(f"{where}: {err}; document kept unchanged")
        self.failed += bool(result.errors)
        self.done += 1
        self.words_in += result.metadata["words_in"]
        self.words_out += result.metadata["words_out"]
        self.by_rule.update(r.rule for r in result.removed)

    resumed: int = 0  # inputs of units skipped by --resume (their counts are in the others)

    def merge(self, other: "Summary") -> None:
        self.done += other.done
        self.skipped += other.skipped
        self.failed += other.failed
        self.words_in += other.words_in
        self.words_out += other.words_out
        self.bytes_in += other.bytes_in
        self.by_rule.update(other.by_rule)
        self.problems += other.problems
        self.resumed += other.resumed

    def counts(self) -> dict:
        """What a completion marker keeps (the problems too, for a resumed run's --report)."""
        return {
            "done": self.done, "skipped": self.skipped, "failed": self.failed,
            "words_in": self.words_in, "words_out": self.words_out, "bytes_in": self.bytes_in,
            "by_rule": dict(self.by_rule),
            "problems": list(self.problems),
        }

    @classmethod
    def from_counts(cls, data: dict) -> "Summary":
        return cls(
            done=int(data["done"]), skipped=int(data["skipped"]), failed=int(data["failed"]),
            words_in=int(data["words_in"]), words_out=int(data["words_out"]), by_rule=Counter(data["by_rule"]),
            bytes_in=int(data.get("bytes_in", 0)),
            problems=[str(m) for m in data.get("problems", [])],
        )

    def to_json(self, top: int = 10) -> dict:
        """The closing summary as written by --report."""
        return {
            "files": {"done": self.done, "skipped": self.skipped, "failed": self.failed, "resumed": self.resumed},
            "words": {"in": self.words_in, "out": self.words_out, "removed": self.words_in - self.words_out},
            "top_rules": [{"rule": rid, "spans": n} for rid, n in self.by_rule.most_common(top)],
            "problems": list(self.problems),
            "ok": self.ok,
        }

    def lines(self) -> list[str]:
        removed = self.words_in - self.words_out
        out = [
            f"{self.done} cleaned, {self.skipped} skipped, {self.failed} failed; "
            f"{removed} of {self.words_in} words removed"
        ]
        if self.resumed:
            out[0] += f" ({self.resumed} inputs already done, skipped by --resume)"
        if self.by_rule:
            top = ", ".join(f"{rid} {n}" for rid, n in self.by_rule.most_common(5))
            out.append(f"most removed (spans): {top}")
        return out


class Skip(Exception):
    """This input or record is skipped (not text, no main text, a bad record); str is why.

    `where` is the place to report when it is more than the input's path ('path:LINE').
    """

    def __init__(self, reason: str, where: str | None = None) -> None:
        super().__init__(reason)
        self.where = where


class Failed(Exception):
    """This input could not be cleaned or written; str is why."""


@dataclass(frozen=True)
class Settings:
    """How a batch reads and writes, besides the rules."""

    format: str | None = None  # text | jsonl | markdown; None: jsonl for record files, text otherwise
    keys: Keys = field(default_factory=Keys)
    state: Path | None = None  # OUT/.cleaner: completion markers of work units (None: none written)
    resume: bool = False  # skip the units whose completion marker exists
    jobs: int = 1  # worker processes (1: in this process); with engine dask, LocalCluster workers
    engine: str = "local"  # local | dask (cleaner.dask_engine)
    scheduler: str | None = None  # engine dask: the scheduler's address (None: a LocalCluster)
    shards: Path | None = None  # write each unit's documents to one JSONL shard in this folder
    config: Config | None = None  # its per-path-ignores apply to the inputs they match

    def format_for(self, job: Job) -> str:
        return self.format or ("jsonl" if job.kind == "records" or self.shards else "text")

    def options_for(self, job: Job, options: Options) -> Options:
        """The options for one input: without the rules its per-path-ignores entries name."""
        if self.config is None or not self.config.per_path_ignores:
            return options
        codes = frozenset(code for _, codes in self.config.ignores_for(job.src) for code in codes)
        if not codes:
            return options
        key = (id(options), codes)
        if key not in _IGNORING:  # a few entries: one per distinct set of ignored codes
            if len(_IGNORING) >= 64:  # bounded, should options objects come and go (Dask tasks)
                _IGNORING.clear()
            rules = options.rules.filtered(ignore=sorted(codes), include_opt_in=True)
            _IGNORING[key] = (options, replace(options, rules=rules))
        return _IGNORING[key][1]


# Options with a per-path set of rules left out, per (base options, codes). The base options are
# kept in the value so that their id cannot be reused while the entry exists.
_IGNORING: dict[tuple[int, frozenset[str]], tuple[Options, Options]] = {}


def clean_one(content: str | bytes, html: bool, options: Options, source: str) -> Result:
    """Clean a text or an HTML page; raise Skip when it is not text or has no main text."""
    if not html:
        try:
            return clean(content, options, source=source)
        except NotText as exc:
            raise Skip(str(exc)) from None
    from .html import NoContent  # cleaner.html (and trafilatura) only once an HTML input appears

    try:
        return clean_html(content, options, source=source)
    except NoContent as exc:
        raise Skip(str(exc)) from None
    except Exception as exc:  # a crash inside trafilatura or lxml costs this page, not the batch
        raise Failed(f"HTML extraction failed: {type(exc).__name__}: {exc}") from None


def iter_stems(jobs: Iterable[Job], *, per_folder: bool = False) -> Iterator[Job]:
    """The jobs with their final output stems: a second input with the same stem keeps its full
    name. Done over the whole sorted stream, so that work units are independent.

    `per_folder`: the jobs come from one folder walk, where all inputs that can share a stem
    (same output folder) come one after another; then only the current folder's stems are
    remembered, so memory stays flat over any number of inputs."""
    taken: set[Path] = set()
    folder: Path | None = None
    for job in jobs:
        if job.out_stem is not None:
            stem = job.out_stem
            if per_folder and stem.parent != folder:
                taken.clear()
                folder = stem.parent
            if stem in taken:
                stem = stem.parent / job.src.name
                n = 2
                while stem in taken:  # a third input with the same name (from another folder given)
                    stem = stem.parent / f"{job.src.name}~{n}"
                    n += 1
                job = replace(job, out_stem=stem)
            taken.add(stem)
        yield job


def resolve_stems(jobs: Iterable[Job]) -> list[Job]:
    """iter_stems as a list."""
    return list(iter_stems(jobs))


def _check_target(target: Path, src: Path) -> None:
    if target.exists() and os.path.samefile(target, src):
        raise Failed(f"output {target} would overwrite the input")


Put = Callable[[Doc], None]


@contextmanager
def _sink(job: Job, fmt: str) -> Iterator[Put]:
    """A function that writes one Doc of this job; files appear as described in the module doc."""
    if job.out_stem is None:
        yield lambda doc: sys.stdout.write(writers.render(doc, fmt))
        return
    stem = job.out_stem
    if fmt == "jsonl":
        target = stem.parent / (stem.name + ".jsonl")
        _check_target(target, job.src)
        with atomic_open(target) as fh:
            yield lambda doc: fh.write(writers.jsonl_line(doc).encode("utf-8"))
        return
    folder, names = stem, set()  # a record file's documents: one file per record in OUT/<name>/

    def put(doc: Doc) -> None:
        base = folder / writers.safe_name(doc.id, names) if doc.record else stem
        if fmt == "markdown":
            _write(base.parent / (base.name + ".md"), writers.markdown(doc), job.src)
        else:
            text, sidecar = doc.text, writers.sidecar(doc)
            with signals_deferred():  # the pair appears together, or neither does
                _write(base.parent / (base.name + ".txt"), text, job.src)
                _write(base.parent / (base.name + ".json"), sidecar, job.src)

    yield put


def _write(target: Path, data: str, src: Path) -> None:
    _check_target(target, src)
    atomic_write(target, data)


Report = Callable[[str], None]


def _records(job: Job, data: bytes, options: Options, keys: Keys, report: Report, summary: Summary) -> Iterator[Doc]:
    """The cleaned documents of a record file; bad records are reported and counted as skipped."""
    html = keys.html is not None
    try:
        items = read_records(data, job.src.name, keys)
    except BadFile as exc:
        raise Skip(str(exc), f"{job.src}:{exc.line}" if exc.line else None) from None
    for item in items:
        where = f"{job.src}:{item.number}"
        if isinstance(item, BadRecord):
            summary.skipped += 1
            report(f"{where}: skipped: {item.reason}")
            continue
        try:
            result = clean_one(item.content, html, options, where)
        except (Skip, Failed) as exc:
            failed = isinstance(exc, Failed)
            summary.failed += failed
            summary.skipped += not failed
            report(f"{where}: {'failed' if failed else 'skipped'}: {exc}")
            continue
        summary.add(result, where, report)
        yield Doc(item.id, where, result.text, result.to_json(), item.fields, record=True)


UNIT_SIZE = 64  # inputs per work unit


@dataclass(frozen=True)
class Unit:
    index: int
    jobs: tuple[Job, ...]
    key: str  # names its completion marker


def _stat_key(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _relative(path: Path | None, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix() if path is not None else "-"
    except ValueError:
        return str(path)


def iter_units(jobs: Iterable[Job], settings: Settings, size: int | None = None) -> Iterator[Unit]:
    """Cut the (sorted, stem-resolved) jobs into units of `size` as they come; the same inputs
    give the same units."""
    size = size or UNIT_SIZE
    head = f"{settings.format}|{settings.keys.text}|{settings.keys.html}|{settings.keys.id}|{settings.shards is not None}"
    stream = iter(jobs)
    index = 0
    while chunk := tuple(islice(stream, size)):
        h = hashlib.sha256(head.encode("utf-8", "surrogateescape"))
        if settings.state is not None:  # only markers need the inputs' sizes and mtimes
            for job in chunk:
                target = _relative(job.out_stem, settings.state.parent)
                h.update(f"\0{job.src}\t{target}\t{_stat_key(job.src)}".encode("utf-8", "surrogateescape"))
        yield Unit(index, chunk, h.hexdigest()[:32])
        index += 1


def make_units(jobs: Iterable[Job], settings: Settings, size: int | None = None) -> list[Unit]:
    """iter_units as a list."""
    return list(iter_units(jobs, settings, size))


def _marker(settings: Settings, unit: Unit) -> Path | None:
    return None if settings.state is None else settings.state / "done" / unit.key


def _resumed(settings: Settings, unit: Unit) -> Summary | None:
    """The recorded summary of a unit already done, when resuming."""
    marker = _marker(settings, unit)
    if not settings.resume or marker is None:
        return None
    try:
        return Summary.from_counts(json.loads(marker.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no marker, or a damaged one: do the unit again


def run_unit(unit: Unit, options: Options, max_bytes: int, settings: Settings, report: Report, advance: Callable[[int], None] = lambda n: None) -> Summary:
    """Clean one work unit, then write its completion marker (after all its outputs). Problems
    are passed to `report` as they happen and kept in the summary."""
    summary = Summary()
    report = _collect(report, summary)
    with _shard(settings, unit) as shard_put:
        for job in unit.jobs:
            summary.bytes_in += _run_job(job, options, max_bytes, settings, report, summary, shard_put, advance)
    marker = _marker(settings, unit)
    if marker is not None and not summary.failed:  # a failure (unreadable, unwritable) is retried
        atomic_write(marker, json.dumps(summary.counts(), sort_keys=True) + "\n")
    return summary


@contextmanager
def _shard(settings: Settings, unit: Unit) -> Iterator[Put | None]:
    """With --shards: one JSONL file for the unit's documents, renamed into place when the unit
    is done (an interrupted unit leaves no shard, and --resume redoes it). Otherwise None."""
    if settings.shards is None:
        yield None
        return
    with atomic_open(settings.shards / f"part-{unit.index:06d}.jsonl") as fh:

        def put(doc: Doc) -> None:
            fh.write(writers.jsonl_line(doc).encode("utf-8"))

        yield put


def _run_job(job: Job, options: Options, max_bytes: int, settings: Settings, report: Report,
             summary: Summary, shard_put: Put | None, advance: Callable[[int], None]) -> int:
    """Clean one input and write its outputs (to the unit's shard when there is one); problems
    are reported and counted. Returns the bytes read."""
    size = 0
    options = settings.options_for(job, options)
    try:
        data = read_input(job.src, max_bytes, gunzip=True)
        size = len(data)
        fmt = settings.format_for(job)
        if job.kind == "records":
            docs: Iterable[Doc] = _records(job, data, options, settings.keys, report, summary)
            if shard_put is not None:
                for doc in docs:
                    shard_put(doc)
            else:
                with _sink(job, fmt) as put:
                    for doc in docs:
                        put(doc)
        else:
            source = str(job.src)
            result = clean_one(data, job.kind == "html", options, source)
            if shard_put is not None:
                stem = job.out_stem if job.out_stem is not None else Path(job.name)
                shard_put(Doc(_relative(stem, settings.shards.parent), source, result.text, result.to_json()))
            else:
                with _sink(job, fmt) as put:
                    put(Doc(job.name, source, result.text, result.to_json()))
            summary.add(result, source, report)
    except Skip as exc:
        summary.skipped += 1
        report(f"{exc.where or job.src}: skipped: {exc}")
    except Failed as exc:
        summary.failed += 1
        report(f"{job.src}: failed: {exc}")
    except (OSError, ValueError) as exc:
        summary.failed += 1
        report(f"{job.src}: failed: {getattr(exc, 'strerror', None) or exc}")
    advance(size)
    return size


# Worker processes: the Options are installed once per worker by the pool's initializer.
_worker: tuple[Options, int, Settings] | None = None


def _init_worker(options: Options, max_bytes: int, settings: Settings) -> None:
    import signal

    global _worker
    _worker = (options, max_bytes, settings)
    # Ctrl-C is the parent's to handle (it terminates the pool); the SIGTERM of terminate()
    # removes the temporary files of atomic writes in progress and ends the worker at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, exit_on_signal)


def _work(unit: Unit) -> tuple[int, Summary]:
    assert _worker is not None
    options, max_bytes, settings = _worker
    return len(unit.jobs), run_unit(unit, options, max_bytes, settings, lambda msg: None)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_batch(
    jobs: Iterable[Job],
    options: Options,
    *,
    max_bytes: int = MAX_BYTES,
    report: Report,
    advance: Callable[[int], None] = lambda n: None,
    settings: Settings | None = None,
    per_folder: bool = False,
) -> Summary:
    """Clean every job, unit by unit (in worker processes with settings.jobs > 1, or as tasks on
    a Dask cluster with settings.engine == "dask").

    The jobs are streamed: units are cut as the jobs come and each unit's summary is folded into
    the total in unit order, so a local run holds a window of units, not the whole input list
    (`per_folder`: see iter_stems), with either engine."""
    settings = settings or Settings()
    units = iter_units(iter_stems(jobs, per_folder=per_folder), settings)
    summary = Summary()
    if settings.engine == "dask":
        _on_dask(units, options, max_bytes, settings, report, advance, summary)
    elif settings.jobs <= 1:
        for unit in units:
            summary.merge(_resumed_unit(settings, unit, advance) or run_unit(unit, options, max_bytes, settings, report, advance))
    else:
        _in_workers(units, settings.jobs, options, max_bytes, settings, report, advance, summary)
    return summary


def advance_unit(advance: Callable[[int], None], inputs: int, nbytes: int) -> None:
    """Count a unit done elsewhere (a worker, a Dask task, an earlier run) on the progress bar:
    one step per input, its bytes with the first."""
    for i in range(inputs):
        advance(nbytes if i == 0 else 0)


def _resumed_unit(settings: Settings, unit: Unit, advance: Callable[[int], None]) -> Summary | None:
    """The summary of a unit an earlier run completed (--resume), its inputs counted as done."""
    done = _resumed(settings, unit)
    if done is None:
        return None
    done.resumed = len(unit.jobs)
    advance_unit(advance, len(unit.jobs), 0)
    return done


def _on_dask(units: Iterable[Unit], options: Options, max_bytes: int, settings: Settings, report: Report,
             advance: Callable[[int], None], summary: Summary) -> None:
    """The units as tasks on a Dask cluster, streamed as locally (cleaner.dask_engine.run_units)."""
    from .dask_engine import run_units

    run_units(units, options, max_bytes, settings, report, advance, summary.merge,
              resumed=lambda unit: _resumed_unit(settings, unit, advance),
              scheduler=settings.scheduler, workers=settings.jobs)


def _in_workers(units: Iterable[Unit], workers: int, options: Options, max_bytes: int, settings: Settings,
                report: Report, advance: Callable[[int], None], summary: Summary) -> None:
    """Run the units in a pool of worker processes with at most IN_FLIGHT_PER_WORKER units per
    worker queued (Pool.imap's feeder would queue every unit at once); results are folded and
    problems reported in unit order. The pool starts with the first unit that has work to do."""
    import multiprocessing as mp
    from collections import deque

    pool = None
    inflight: deque = deque()  # (unit, its Summary if resumed, else the pending result), in order

    def settle(block: bool) -> None:
        while inflight:
            unit, part = inflight[0]
            if not isinstance(part, Summary):
                if not block and not part.ready():
                    return
                n, part = part.get()
                for msg in part.problems:
                    report(msg)
                advance_unit(advance, n, part.bytes_in)
            inflight.popleft()
            summary.merge(part)
            block = False  # one blocking wait per call; then take what is ready

    try:
        for unit in units:
            part = _resumed_unit(settings, unit, advance)
            if part is None:
                if pool is None:
                    _ = options._prefilter, options.for_html._prefilter  # built once, before the fork
                    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
                    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(options, max_bytes, settings))
                part = pool.apply_async(_work, (unit,))
            inflight.append((unit, part))
            settle(block=len(inflight) > IN_FLIGHT_PER_WORKER * workers)
        while inflight:
            settle(block=True)
        if pool is not None:
            pool.close()
    except BaseException:
        if pool is not None:
            pool.terminate()  # Ctrl-C or a crash: stop the workers; their temporary files are removed
        raise
    finally:
        if pool is not None:
            pool.join()


IN_FLIGHT_PER_WORKER = 4  # units queued per worker process


def _collect(report: Report, summary: Summary) -> Report:
    """Report at once, and keep the message in the summary."""

    def both(msg: str) -> None:
        summary.problems.append(msg)
        report(msg)

    return both
