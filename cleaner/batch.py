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
Every file is written to a temporary file and renamed into place; a .jsonl only once its input
is done, so an interrupted run leaves no half-written file.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import writers
from .decode import NotText
from .io import MAX_BYTES, Job, atomic_open, atomic_write, read_input
from .pipeline import Options, Result, clean, clean_html
from .records import BadFile, BadRecord, Keys, read_records
from .writers import Doc


@dataclass
class Summary:
    done: int = 0
    skipped: int = 0
    failed: int = 0
    words_in: int = 0
    words_out: int = 0
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

    def lines(self) -> list[str]:
        removed = self.words_in - self.words_out
        out = [
            f"{self.done} cleaned, {self.skipped} skipped, {self.failed} failed; "
            f"{removed} of {self.words_in} words removed"
        ]
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

    def format_for(self, job: Job) -> str:
        return self.format or ("jsonl" if job.kind == "records" else "text")


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


def _out_stem(job: Job, taken: set[Path]) -> Path:
    """The job's output stem; a second input with the same stem keeps its full name."""
    assert job.out_stem is not None
    stem = job.out_stem
    if stem in taken:
        stem = stem.parent / job.src.name
    taken.add(stem)
    return stem


def _check_target(target: Path, src: Path) -> None:
    if target.exists() and os.path.samefile(target, src):
        raise Failed(f"output {target} would overwrite the input")


Put = Callable[[Doc], None]


@contextmanager
def _sink(job: Job, fmt: str, taken: set[Path]) -> Iterator[Put]:
    """A function that writes one Doc of this job; files appear as described in the module doc."""
    if job.out_stem is None:
        yield lambda doc: sys.stdout.write(writers.render(doc, fmt))
        return
    stem = _out_stem(job, taken)
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
            _write(base.parent / (base.name + ".txt"), doc.text, job.src)
            _write(base.parent / (base.name + ".json"), writers.sidecar(doc), job.src)

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


def run_batch(
    jobs: Iterable[Job],
    options: Options,
    *,
    max_bytes: int = MAX_BYTES,
    report: Report,
    advance: Callable[[int], None] = lambda n: None,
    settings: Settings | None = None,
) -> Summary:
    settings = settings or Settings()
    summary = Summary()
    taken: set[Path] = set()
    for job in jobs:
        size = 0
        try:
            data = read_input(job.src, max_bytes, gunzip=True)
            size = len(data)
            fmt = settings.format_for(job)
            if job.kind == "records":
                docs: Iterable[Doc] = _records(job, data, options, settings.keys, report, summary)
                with _sink(job, fmt, taken) as put:
                    for doc in docs:
                        put(doc)
            else:
                source = str(job.src)
                result = clean_one(data, job.kind == "html", options, source)
                with _sink(job, fmt, taken) as put:
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
    return summary
