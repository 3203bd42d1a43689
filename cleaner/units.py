"""Work units and their runner: below both engines (the local one in cleaner.batch, Dask in
cleaner.dask_engine), which import this module and never each other's internals.

A unit is a few inputs (UNIT_SIZE, cut in input order by iter_units: the same inputs give the
same units) and what to do with them. run_unit cleans them: each input read (a text file, an
HTML page through trafilatura, imported only then, or a record file of one document per
record), cleaned and written, problems reported with the input's path (and line), then the
unit's completion marker OUT/.cleaner/done/<unit key> written holding its Summary (not when
something in it failed: failures are retried, a skipped input is not); `--resume` skips the
units whose marker exists (the key covers the inputs' paths, sizes and mtimes, the output stems
and the output settings, so a changed input is redone).

Where the outputs go, per format (`writers`), for OUT/<relative path>/<name>:
  text      <name>.txt + <name>.json; a record file's records as <name>/<id>.txt + <id>.json
  markdown  <name>.md; a record file's records as <name>/<id>.md
  jsonl     <name>.jsonl, one line per document (a record file's records in input order);
            with Settings.stream one part per unit, OUT/.cleaner/parts/<unit key>.jsonl, that
            cleaner.batch.write_stream copies into the one file at the end
  shards    (--shards) OUT/shards/part-<unit>.jsonl: every document of a work unit, one line each
Every file is written to a temporary file and renamed into place; a .jsonl only once its input
is done, so an interrupted run leaves no half-written file.

The other kind of unit: run_unit with `take` walks the same inputs and documents the same way
(the same reading, records, skips and problems) but hands every cleaned document, with its
site, to `take` instead of writing it, and writes no marker: the counting pass of `clean
--learn` and `cleaner learn` (cleaner.learn.count_unit) on the same units, locally, in worker
processes or as Dask tasks.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

from . import writers
from .decode import NotText
from .io import (MAX_BYTES, DiskFull, Job, NotRegularFile, atomic_open, atomic_write, is_disk_full,
                 kind_of, read_input, signals_deferred)
from .pipeline import Options, Result, clean, clean_html
from .records import BadFile, BadRecord, Keys, read_records
from .segment import word_count
from .sites import site_of
from .writers import Doc

if TYPE_CHECKING:
    from .config import Config


@dataclass
class Summary:
    """What a batch did: counts, words removed per rule, problems; one per work unit, merged in
    unit order. `counts()` is what a completion marker keeps, `to_json()` what --report writes."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    words_in: int = 0
    words_out: int = 0
    bytes_in: int = 0  # bytes of the inputs read (for MB/s)
    by_rule: Counter = field(default_factory=Counter)  # removed spans per rule id
    words_by_rule: Counter = field(default_factory=Counter)  # removed words per rule id
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the run did besides its documents (printed, not problems)

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
        for r in result.removed:
            self.by_rule[r.rule] += 1
            self.words_by_rule[r.rule] += word_count(r.text)

    resumed: int = 0  # inputs of units skipped by --resume (their counts are in the others)
    bytes_resumed: int = 0  # bytes_in of those units (read by an earlier run, not this one)
    elapsed: float = 0.0  # seconds the whole batch took (set by run_batch)

    def merge(self, other: "Summary") -> None:
        self.done += other.done
        self.skipped += other.skipped
        self.failed += other.failed
        self.words_in += other.words_in
        self.words_out += other.words_out
        self.bytes_in += other.bytes_in
        self.by_rule.update(other.by_rule)
        self.words_by_rule.update(other.words_by_rule)
        self.problems += other.problems
        self.resumed += other.resumed
        self.bytes_resumed += other.bytes_in if other.resumed else other.bytes_resumed

    def counts(self) -> dict:
        """What a completion marker keeps (the problems too, for a resumed run's --report)."""
        return {
            "done": self.done, "skipped": self.skipped, "failed": self.failed,
            "words_in": self.words_in, "words_out": self.words_out, "bytes_in": self.bytes_in,
            "by_rule": dict(self.by_rule), "words_by_rule": dict(self.words_by_rule),
            "problems": list(self.problems),
        }

    @classmethod
    def from_counts(cls, data: dict) -> "Summary":
        """A marker's counts; one written before a field existed (bytes_in, words_by_rule,
        problems) still loads, without what it lacks."""
        return cls(
            done=int(data["done"]), skipped=int(data["skipped"]), failed=int(data["failed"]),
            words_in=int(data["words_in"]), words_out=int(data["words_out"]), by_rule=Counter(data["by_rule"]),
            words_by_rule=Counter({str(k): int(v) for k, v in data.get("words_by_rule", {}).items()}),
            bytes_in=int(data.get("bytes_in", 0)),
            problems=[str(m) for m in data.get("problems", [])],
        )

    def top_rules(self, top: int = 10) -> list[tuple[str, int, int]]:
        """(rule id, words removed, spans removed) of the rules that removed most words, most first."""
        rules = sorted(self.by_rule.keys() | self.words_by_rule.keys(),
                       key=lambda rid: (-self.words_by_rule[rid], -self.by_rule[rid], rid))
        return [(rid, self.words_by_rule[rid], self.by_rule[rid]) for rid in rules[:top]]

    def mb_per_s(self) -> float | None:
        """MB read by this run (not the units --resume skipped) per second; None if not timed."""
        return (self.bytes_in - self.bytes_resumed) / 1e6 / self.elapsed if self.elapsed > 0 else None

    def _share(self, words: int) -> float:
        return words / self.words_in if self.words_in else 0.0

    def to_json(self, top: int = 10, names: Mapping[str, str] | None = None) -> dict:
        """The closing summary as written by --report (`names`: rule id -> rule name)."""
        names = names or {}
        rate = self.mb_per_s()
        return {
            "files": {"done": self.done, "skipped": self.skipped, "failed": self.failed, "resumed": self.resumed},
            "words": {"in": self.words_in, "out": self.words_out, "removed": self.words_in - self.words_out},
            "top_rules": [
                {"rule": rid, "name": names.get(rid, ""), "words": words, "share": round(self._share(words), 4), "spans": spans}
                for rid, words, spans in self.top_rules(top)
            ],
            "time": {"seconds": round(self.elapsed, 3), "bytes_read": self.bytes_in - self.bytes_resumed,
                     "mb_per_s": None if rate is None else float(f"{rate:.3g}")},
            "problems": list(self.problems),
            "ok": self.ok,
        }

    def lines(self, names: Mapping[str, str] | None = None, top: int = 10) -> list[str]:
        """The closing summary printed on standard error: counts, the rules that removed most
        words (each with its share of all input words), elapsed time and speed."""
        names = names or {}
        removed = self.words_in - self.words_out
        out = [
            f"{self.done} cleaned, {self.skipped} skipped, {self.failed} failed; "
            f"{removed:,} of {self.words_in:,} words removed"
        ]
        if self.resumed:
            out[0] += f" ({self.resumed} inputs already done, skipped by --resume)"
        rows = self.top_rules(top)
        if rows:
            more = len(self.by_rule.keys() | self.words_by_rule.keys())
            out.append(f"words removed per rule (top {len(rows)} of {more}):" if more > len(rows) else "words removed per rule:")
            width = max(len(f"{words:,}") for _, words, _ in rows)
            for rid, words, _ in rows:
                out.append(f"  {rid}  {words:>{width},} words  ({100 * self._share(words):.1f}%)  {names.get(rid, '')}".rstrip())
        rate = self.mb_per_s()
        read = (self.bytes_in - self.bytes_resumed) / 1e6
        out += self.notes
        out.append(f"time: {_figure(self.elapsed)} s; {_figure(read)} MB read" + (f" at {_figure(rate)} MB/s" if rate is not None else ""))
        return out


def _figure(x: float) -> str:
    """One decimal, or two significant digits below 1 (a small run reads 0.0042 MB, not 0.0),
    never in exponent form (0.000074, not 7.4e-05); at most six decimals."""
    if x >= 1 or x <= 0:
        return f"{x:,.1f}"
    return f"{x:.{min(6, 1 - math.floor(math.log10(x)))}f}"


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
    stream: Path | None = None  # write every document to this one JSONL file (see write_stream)
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
            packs = options.site_packs.narrowed(ignore=codes) if options.site_packs is not None else None
            _IGNORING[key] = (options, replace(options, rules=rules, site_packs=packs))
        return _IGNORING[key][1]


# Options with a per-path set of rules left out, per (base options, codes). The base options are
# kept in the value so that their id cannot be reused while the entry exists.
_IGNORING: dict[tuple[int, frozenset[str]], tuple[Options, Options]] = {}


def site_for(options: Options, *, fields: dict | None = None, html: bytes | str | None = None,
             path: Path | None = None, key: str | None = None) -> str | None:
    """The document's site (cleaner/sites.py) when a rule is limited to sites, else None (not
    looked for: most rule sets have no such rule)."""
    if not options.site_scoped:
        return None
    return site_of(fields=fields, html=html, path=path, key=key)


def clean_one(content: str | bytes, html: bool, options: Options, source: str, max_bytes: int = MAX_BYTES,
              site: str | None = None) -> Result:
    """Clean a text or an HTML page; raise Skip when it is not text or has no main text, Failed
    when a gzipped page is over `max_bytes` decompressed (or broken)."""
    if not html:
        try:
            return clean(content, options, source=source, site=site)
        except NotText as exc:
            raise Skip(str(exc)) from None
    from .html import NoContent  # cleaner.html (and trafilatura) only once an HTML input appears

    if isinstance(content, bytes):
        from .html import read_html

        try:
            content = read_html(content, max_bytes)
        except ValueError as exc:
            raise Failed(str(exc)) from None
    try:
        return clean_html(content, options, source=source, max_bytes=max_bytes, site=site)
    except (NoContent, NotText) as exc:
        raise Skip(str(exc)) from None
    except Exception as exc:  # a crash inside trafilatura or lxml costs this page, not the batch
        raise Failed(f"HTML extraction failed: {type(exc).__name__}: {exc}") from None


def _check_target(target: Path, job: Job) -> None:
    """Refuse to write onto the input, or through a symlink inside the output folder (the link
    itself, or a folder on the way to it): a link there would send the output elsewhere."""
    if job.out is not None and job.out in target.parents:
        if target.is_symlink():
            raise Failed(f"output {target} is a symlink; not written through it")
        folder = job.out
        for part in target.relative_to(job.out).parts[:-1]:
            folder = folder / part
            if folder.is_symlink():
                raise Failed(f"output folder {folder} is a symlink; not written through it")
    if target.exists() and os.path.samefile(target, job.src):
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
        _check_target(target, job)
        with atomic_open(target) as fh:
            yield lambda doc: fh.write(writers.jsonl_line(doc).encode("utf-8"))
        return
    # a record file's documents: one file per record in OUT/<name>/; a name that would land on
    # another input's output is never given (_records refuses and reports such a record)
    folder, names = stem, {base for base, _, _ in job.occupied}

    def put(doc: Doc) -> None:
        base = folder / writers.safe_name(doc.id, names) if doc.record else stem
        if fmt == "markdown":
            _write(base.parent / (base.name + ".md"), writers.markdown(doc), job)
        else:
            _write_pair(base, doc.text, writers.sidecar(doc), job)

    yield put


def _write(target: Path, data: str, job: Job) -> None:
    _check_target(target, job)
    atomic_write(target, data)


def _write_pair(base: Path, text: str, sidecar: str, job: Job) -> None:
    """<base>.txt and its metadata <base>.json: both written in full to temporary files, then
    renamed into place metadata first, with Ctrl-C and SIGTERM held. A kill -9 between the two
    renames can leave a new .json beside an old (or no) .txt, never a .txt without its .json;
    its unit has no completion marker yet, and --resume checks the pairs of the units it skips."""
    txt, meta = base.parent / (base.name + ".txt"), base.parent / (base.name + ".json")
    _check_target(txt, job)
    _check_target(meta, job)
    with signals_deferred(), atomic_open(txt) as t, atomic_open(meta) as m:
        t.write(text.encode("utf-8"))
        t.flush()  # a full disk fails here, before anything is renamed
        m.write(sidecar.encode("utf-8"))


Report = Callable[[str], None]


def _records(job: Job, data: bytes, options: Options, keys: Keys, report: Report, summary: Summary,
             sited: bool = False) -> Iterator[tuple[Doc, str | None]]:
    """The cleaned documents of a record file, each with its site (`sited`: always looked for;
    else only when a rule is limited to sites); bad records are reported and counted as skipped."""
    html = keys.html is not None
    occupied: dict[str, tuple[str, str]] = {}
    for base, name, other in job.occupied:
        occupied.setdefault(base, (name, other))
    names: set[str] = set()  # the names _sink gives the documents yielded (and those refused)
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
            site = (site_of if sited else partial(site_for, options))(
                fields=item.fields, html=item.content if html else None, path=job.src, key=keys.site)
            result = clean_one(item.content, html, options, where, MAX_BYTES, site)
        except (Skip, Failed) as exc:
            failed = isinstance(exc, Failed)
            summary.failed += failed
            summary.skipped += not failed
            report(f"{where}: {'failed' if failed else 'skipped'}: {exc}")
            continue
        if occupied and not sited:  # (nothing is written for a Take)
            hit = occupied.get(writers.safe_name(item.id, names).lower())
            if hit is not None:
                assert job.out_stem is not None
                summary.failed += 1
                report(f"{job.out_stem / hit[0]}: both {where} (record {item.id}) and {hit[1]} map here; "
                       "the record is not written")
                continue
        if item.replaced_bytes:  # as for a file: bytes not valid UTF-8, each run now a U+FFFD
            result.metadata["replaced_bytes"] = result.metadata.get("replaced_bytes", 0) + item.replaced_bytes
        summary.add(result, where, report)
        yield Doc(item.id, where, result.text, result.to_json(), item.fields, record=True), site


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
    head += "|stream" if settings.stream is not None else ""  # (the keys of other runs are as before)
    stream = iter(jobs)
    index = 0
    while chunk := tuple(islice(stream, size)):
        h = hashlib.sha256(head.encode("utf-8", "surrogateescape"))
        if settings.state is not None:  # only markers need the inputs' sizes and mtimes
            for job in chunk:
                target = _relative(job.out_stem, settings.state.parent)
                forced = f"\t{job.kind}" if job.kind != kind_of(job.src) else ""  # --input-format; "" keeps old keys
                h.update(f"\0{job.src}\t{target}\t{_stat_key(job.src)}{forced}".encode("utf-8", "surrogateescape"))
                if job.occupied:  # another input appeared where its records go: redo it
                    h.update(repr(job.occupied).encode("utf-8", "surrogateescape"))
        yield Unit(index, chunk, h.hexdigest()[:32])
        index += 1


def make_units(jobs: Iterable[Job], settings: Settings, size: int | None = None) -> list[Unit]:
    """iter_units as a list."""
    return list(iter_units(jobs, settings, size))


def _marker(settings: Settings, unit: Unit) -> Path | None:
    return None if settings.state is None else settings.state / "done" / unit.key


def _resumed(settings: Settings, unit: Unit) -> Summary | None:
    """The recorded summary of a unit already done, when resuming (and its outputs are whole)."""
    marker = _marker(settings, unit)
    if not settings.resume or marker is None:
        return None
    if settings.stream is not None and not _part(settings, unit).exists():
        return None  # its documents for the stream are gone: do the unit again
    if settings.shards is not None and not _shard_path(settings, unit).exists():
        return None  # likewise its shard
    try:
        done = Summary.from_counts(json.loads(marker.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no marker, or a damaged one: do the unit again
    return done if _pairs_whole(settings, unit) else None


def _pairs_whole(settings: Settings, unit: Unit) -> bool:
    """Whether every text output of the unit has its metadata and every metadata its text (a
    file removed since, or a kill -9 between the renames of a pair in a run that redid the
    unit without removing its marker, as runs before this check did)."""
    if settings.shards is not None:
        return True
    for job in unit.jobs:
        if job.out_stem is None or settings.format_for(job) != "text":
            continue
        stem = job.out_stem
        if (stem.parent / (stem.name + ".txt")).exists() != (stem.parent / (stem.name + ".json")).exists():
            return False
        if job.kind == "records" and not _folder_paired(stem):
            return False
    return True


def _folder_paired(folder: Path) -> bool:
    """A record file's folder of <id>.txt and <id>.json files: every name in pairs."""
    try:
        names = os.listdir(folder)
    except OSError:
        return True  # no folder: every record was skipped (or it is gone and not ours to judge)
    texts = {n[:-4] for n in names if n.endswith(".txt")}
    metas = {n[:-5] for n in names if n.endswith(".json")}
    return texts == metas


Take = Callable[[Doc, "str | None"], None]  # a document and its site, for a unit that does not write


def run_unit(unit: Unit, options: Options, max_bytes: int, settings: Settings, report: Report,
             advance: Callable[[int], None] = lambda n: None, take: Take | None = None) -> Summary:
    """Clean one work unit, then write its completion marker (after all its outputs). Problems
    are passed to `report` as they happen and kept in the summary.

    With `take`, every cleaned document goes to take(doc, site) instead (its site always looked
    for): nothing is written, no marker, no shard (the counting pass)."""
    if take is not None:
        settings = replace(settings, state=None, shards=None, stream=None, resume=False)
    summary = Summary()
    report = _collect(report, summary)
    marker = _marker(settings, unit)
    try:
        if marker is not None:  # an earlier run's marker goes first: an interrupted redo is redone
            marker.unlink(missing_ok=True)
        if settings.shards is not None:  # and its shard: a unit that dies must not leave an old one
            _shard_path(settings, unit).unlink(missing_ok=True)
        with _shard(settings, unit) as shard_put:
            for job in unit.jobs:
                summary.bytes_in += _run_job(job, options, max_bytes, settings, report, summary, take or shard_put, advance,
                                             sited=take is not None)
        if marker is not None and not summary.failed:  # a failure (unreadable, unwritable) is retried
            atomic_write(marker, json.dumps(summary.counts(), sort_keys=True) + "\n")
    except OSError as exc:
        if is_disk_full(exc):
            raise _disk_full(exc, settings, unit.jobs[0]) from None
        raise
    return summary


def _disk_full(exc: OSError, settings: Settings, job: Job) -> DiskFull:
    """The one message of a batch stopped by a full disk (no later write could succeed)."""
    where = settings.state.parent if settings.state is not None else (job.out_stem or job.src).parent
    return DiskFull(f"{where}: {exc.strerror} (writing the outputs of {job.src}); stopped: the outputs "
                    "written so far are complete, free some space and rerun with --resume to finish")


@contextmanager
def _shard(settings: Settings, unit: Unit) -> Iterator[Put | None]:
    """With --shards: one JSONL file for the unit's documents, renamed into place when the unit
    is done (an interrupted unit leaves no shard, and --resume redoes it); likewise the unit's
    part of a stream. Otherwise None."""
    if settings.shards is not None:
        target = _shard_path(settings, unit)
    elif settings.stream is not None:
        target = _part(settings, unit)
    else:
        yield None
        return
    with atomic_open(target) as fh:

        def put(doc: Doc) -> None:
            fh.write(writers.jsonl_line(doc).encode("utf-8"))

        yield put


def _run_job(job: Job, options: Options, max_bytes: int, settings: Settings, report: Report,
             summary: Summary, shard_put: Put | Take | None, advance: Callable[[int], None], sited: bool = False) -> int:
    """Clean one input and write its outputs (to the unit's shard when there is one); problems
    are reported and counted. Returns the bytes read. `sited`: `shard_put` is a Take, given
    every document with its site, and nothing is written."""
    size = 0
    if job.skip is not None:  # found so by the walk (a symlink out of the input folder)
        summary.skipped += 1
        report(f"{job.src}: skipped: {job.skip}")
        advance(size)
        return size
    options = settings.options_for(job, options)
    try:
        data = read_input(job.src, max_bytes, gunzip=True)
        size = len(data)
        fmt = settings.format_for(job)
        if job.kind == "records":
            docs = _records(job, data, options, settings.keys, report, summary, sited)
            if sited:
                for doc, site in docs:
                    shard_put(doc, site)  # type: ignore[misc, call-arg]
            elif shard_put is not None:
                for doc, _ in docs:
                    shard_put(doc)  # type: ignore[call-arg]
            else:
                with _sink(job, fmt) as put:
                    for doc, _ in docs:
                        put(doc)
        else:
            source = str(job.src)
            site = (site_of if sited else partial(site_for, options))(html=data if job.kind == "html" else None,
                                                                      path=job.src)
            result = clean_one(data, job.kind == "html", options, source, max_bytes, site)
            if sited:
                shard_put(Doc(job.name, source, result.text, result.to_json()), site)  # type: ignore[call-arg]
            elif shard_put is not None:
                stem = job.out_stem if job.out_stem is not None else Path(job.name)
                shard_put(Doc(_relative(stem, (settings.shards or settings.stream).parent), source, result.text, result.to_json()))
            else:
                with _sink(job, fmt) as put:
                    put(Doc(job.name, source, result.text, result.to_json()))
            summary.add(result, source, report)
    except Skip as exc:
        summary.skipped += 1
        report(f"{exc.where or job.src}: skipped: {exc}")
    except NotRegularFile as exc:  # a FIFO, a device: never read
        summary.skipped += 1
        report(f"{job.src}: skipped: {exc}")
    except Failed as exc:
        summary.failed += 1
        report(f"{job.src}: failed: {exc}")
    except OSError as exc:
        if is_disk_full(exc):
            raise _disk_full(exc, settings, job) from None
        summary.failed += 1
        report(f"{job.src}: failed: {exc.strerror or exc}")
    except ValueError as exc:
        summary.failed += 1
        report(f"{job.src}: failed: {getattr(exc, 'strerror', None) or exc}")
    except MemoryError:  # the input fits --max-mb but not, decoded and cleaned, in memory
        summary.failed += 1
        report(f"{job.src}: failed: out of memory (lower --max-mb to skip inputs this large)")
    advance(size)
    return size


def _part(settings: Settings, unit: Unit) -> Path:
    """Where a unit's documents for the stream go: OUT/.cleaner/parts/<unit key>.jsonl."""
    return _parts(settings) / f"{unit.key}.jsonl"


def _parts(settings: Settings) -> Path:
    assert settings.stream is not None
    return (settings.state if settings.state is not None else settings.stream.parent / ".cleaner") / "parts"


def _shard_path(settings: Settings, unit: Unit) -> Path:
    assert settings.shards is not None
    return settings.shards / f"part-{unit.index:06d}.jsonl"


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


def _collect(report: Report, summary: Summary) -> Report:
    """Report at once, and keep the message in the summary."""

    def both(msg: str) -> None:
        summary.problems.append(msg)
        report(msg)

    return both

