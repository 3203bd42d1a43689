"""Run the pipeline over many inputs: one Job at a time, outputs written atomically.

A job is a text file, an HTML page (cleaned through trafilatura, imported only then) or a record
file (.jsonl, .jsonl.gz, .json: one document per record). A bad input (binary, undecodable, too
large, unreadable, a page with no main text) or a bad record (malformed line, no text field) is
reported with its path (and line) and the batch goes on; the summary and the exit code say that
something was skipped or failed.

The local engine: the jobs get their output names (iter_stems), are cut into work units
(cleaner.units: a unit, its runner, its completion marker and --resume) and the units run here,
in `--jobs N` worker processes (cleaner.workers) or as tasks on a Dask cluster
(cleaner.dask_engine, which like this module sits above cleaner.units and is imported only for
`--engine dask`). With Settings.stream (--format jsonl over a folder or several inputs) the
units' parts are copied at the end into the one file OUT/documents.jsonl, in input order
(write_stream); with --shards a complete run removes the shards of an earlier, longer run.
Problems are reported per unit, in unit order, whatever the number of workers.
With `--engine dask` the same units run as tasks on a Dask cluster (cleaner.dask_engine).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .io import MAX_BYTES, Job, atomic_open, remove_temporaries
from .pipeline import Options
from .state import run_lock
# the work units and their runner (re-exported: what callers and tests know as batch.X)
from . import units as _units
from .units import (UNIT_SIZE, Failed, Put, Report, Settings, Skip, Summary, Unit, _collect, _figure,  # noqa: F401
                    _parts, _relative, _resumed_unit, _shard_path, advance_unit, clean_one,
                    run_unit, site_for)


def iter_units(jobs: Iterable[Job], settings: Settings, size: int | None = None) -> Iterator[Unit]:
    """units.iter_units with this module's UNIT_SIZE (what a test sets) when no size is given."""
    return _units.iter_units(jobs, settings, size or UNIT_SIZE)


def make_units(jobs: Iterable[Job], settings: Settings, size: int | None = None) -> list[Unit]:
    """iter_units as a list."""
    return list(iter_units(jobs, settings, size))


InputsInto = Callable[[Path, bool], "tuple[list[Job], list[Path]]"]


def iter_stems(jobs: Iterable[Job], *, per_folder: bool = False, settings: Settings | None = None,
               inputs_into: InputsInto | None = None) -> Iterator[Job]:
    """The jobs with their final output stems: an input whose outputs would take a name another
    input's outputs take in the same folder keeps its full name ('a.txt' after 'a.md': a.txt.txt;
    a third from another folder given: a.txt~2.txt). Names compare without case, as on
    the file systems of macOS and Windows, so that no output can overwrite another. Done over
    the whole sorted stream, so that work units are independent.

    With `settings`, the names compared are the outputs' own (so 'b.md' does not write b.txt
    where the records of 'b.txt.jsonl' make a folder b.txt); without, only the stems.
    With `inputs_into`, also the folders the input folders make (so 'b.md' does not write b.txt
    where the folder 'b.txt/' goes); and a record file whose documents go to a folder of files,
    named by record ids only known when it is read, gets the names other inputs' outputs take
    in that folder (Job.occupied), so that a record that would land on one is refused and
    reported (see _records) whichever worker writes what.

    `per_folder`: the jobs come from one folder walk, where all inputs that can share a stem
    (same output folder) come one after another; then only the current folder's stems are
    remembered, so memory stays flat over any number of inputs."""
    taken: set[tuple[str, str, str]] = set()  # (output folder, "stem" | "out" | "dir", name), lower case
    seen: set[str] = set()  # output folders whose input folders are in `taken`
    folder: Path | None = None
    key = ""  # the current output folder, lower case
    for job in jobs:
        if job.out_stem is not None:
            parent = job.out_stem.parent
            if parent != folder:
                if per_folder:
                    taken.clear()
                    seen.clear()
                folder, key = parent, str(parent).lower()
            if inputs_into is not None and settings is not None and key not in seen:
                seen.add(key)
                taken |= _folder_keys(parent, inputs_into(parent, False)[1])
            stem = _free_stem(job, taken, settings, key)
            if stem != job.out_stem:
                job = replace(job, out_stem=stem)
            if inputs_into is not None and settings is not None and _is_folder_of_records(job, settings):
                job = replace(job, occupied=_occupied(job, settings, inputs_into))
        yield job


def _folder_keys(parent: Path, folders: list[Path]) -> set[tuple[str, str, str]]:
    return {(str(parent).lower(), "dir", f.name.lower()) for f in folders}


def _free_stem(job: Job, taken: set[tuple[str, str, str]], settings: Settings | None, parent: str) -> Path:
    """The job's stem, or the first of its full name, name~2, name~3 ... whose stem and output
    names are free in its output folder; they are then taken. (Stems are kept apart from output
    names: two inputs with one stem get distinct names as they always did, and the stem 'a.txt'
    of one does not clash with the output a.txt of another. A record file's folder may be the
    folder of an input folder too: their names are checked record by record, see _occupied.)"""
    assert job.out_stem is not None
    suffixes = _suffixes(job, settings)
    also = "dir" if suffixes != ("",) else "out"  # an input folder's folder clashes with files only
    name, n = job.out_stem.name, 1
    while True:
        low = name.lower()
        stem_key = (parent, "stem", low)
        keys = [(parent, "out", low + suffix) for suffix in suffixes]
        if stem_key not in taken and _free(keys, taken) and _free([(p, also, o) for p, _, o in keys], taken):
            taken.add(stem_key)
            taken.update(keys)
            return job.out_stem if n == 1 else job.out_stem.parent / name
        n += 1
        name = job.src.name if n == 2 else f"{job.src.name}~{n - 1}"


def _free(keys: list[tuple[str, str, str]], taken: set[tuple[str, str, str]]) -> bool:
    for key in keys:
        if key in taken:
            return False
    return True


def _suffixes(job: Job, settings: Settings | None) -> tuple[str, ...]:
    """What a job appends to its stem for the names it writes in its output folder: its files'
    suffixes, or "" for the folder of a record file's documents (none known without settings;
    none with --shards)."""
    if settings is None or settings.shards is not None:
        return ()
    fmt = settings.format_for(job)
    if job.kind == "records" and fmt != "jsonl":
        return ("",)
    return _SUFFIXES[fmt]


_SUFFIXES = {"text": (".txt", ".json"), "markdown": (".md",), "jsonl": (".jsonl",)}


def _outputs(job: Job, stem: Path, settings: Settings | None) -> tuple[str, ...]:
    """The names a job with this stem writes in its output folder (see _suffixes)."""
    return tuple(stem.name + suffix for suffix in _suffixes(job, settings))


def _is_folder_of_records(job: Job, settings: Settings) -> bool:
    return job.kind == "records" and settings.shards is None and settings.format_for(job) != "jsonl"


def _occupied(job: Job, settings: Settings, inputs_into: InputsInto) -> tuple[tuple[str, str, str], ...]:
    """For a record file written as a folder of files: each record name (lower case) that would
    land on another input's output in that folder (a file, or the folder of an input folder),
    with that output's name and input."""
    assert job.out_stem is not None
    suffixes = _SUFFIXES[settings.format_for(job)]
    others, folders = inputs_into(job.out_stem, True)
    taken, key = _folder_keys(job.out_stem, folders), str(job.out_stem).lower()
    names = [(name, str(other.src)) for other in others
             for name in _outputs(other, _free_stem(other, taken, settings, key), settings)]
    names += [(f.name, f"{f} (a folder)") for f in folders]
    return tuple((name[: -len(suffix)].lower(), name, source) for name, source in names
                 for suffix in suffixes if name.lower().endswith(suffix))


def resolve_stems(jobs: Iterable[Job]) -> list[Job]:
    """iter_stems as a list."""
    return list(iter_stems(jobs))


# Worker processes (cleaner.workers): the Options are installed once per worker by _init_worker.
_worker: tuple[Options, int, Settings] | None = None


def _init_worker(options: Options, max_bytes: int, settings: Settings) -> None:
    from .workers import worker_signals

    global _worker
    _worker = (options, max_bytes, settings)
    worker_signals()


def _work(unit: Unit) -> Summary:
    assert _worker is not None
    options, max_bytes, settings = _worker
    return run_unit(unit, options, max_bytes, settings, lambda msg: None)


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
    inputs_into: InputsInto | None = None,
) -> Summary:
    """Clean every job, unit by unit (in worker processes with settings.jobs > 1, or as tasks on
    a Dask cluster with settings.engine == "dask").

    The jobs are streamed: units are cut as the jobs come and each unit's summary is folded into
    the total in unit order, so a local run holds a window of units, not the whole input list
    (`per_folder`, `inputs_into`: see iter_stems), with either engine."""
    began = time.monotonic()
    settings = settings or Settings()
    units = iter_units(iter_stems(jobs, per_folder=per_folder, settings=settings, inputs_into=inputs_into), settings)
    summary = Summary()
    keys: list[str] = []  # with a stream: every unit's key, in order
    if settings.stream is not None:
        units = (keys.append(unit.key) or unit for unit in units)
    count = [0]  # units cut
    units = (count.__setitem__(0, unit.index + 1) or unit for unit in units)
    with run_lock(settings.state, sweep=settings.resume, report=report):
        if settings.engine == "dask":
            _on_dask(units, options, max_bytes, settings, report, advance, summary)
        elif settings.jobs <= 1:
            for unit in units:
                summary.merge(_resumed_unit(settings, unit, advance) or run_unit(unit, options, max_bytes, settings, report, advance))
        else:
            _in_workers(units, settings.jobs, options, max_bytes, settings, report, advance, summary)
        if settings.stream is not None:
            write_stream(settings, keys, summary, report)
        if settings.shards is not None:
            remove_old_shards(settings.shards, count[0], summary, report)
    summary.elapsed = time.monotonic() - began
    return summary


def write_stream(settings: Settings, keys: list[str], summary: Summary, report: Report) -> None:
    """`--format jsonl` over a folder: the units' parts, in unit order, copied into the one file
    settings.stream, which is renamed into place when complete. The parts stay (what --resume of
    an interrupted or partly failed run builds on; a unit that failed as a whole has none and is
    retried by --resume), except those of units no longer in the batch."""
    assert settings.stream is not None
    parts = _parts(settings)
    try:
        with atomic_open(settings.stream) as fh:
            for key in keys:
                try:
                    src = open(parts / f"{key}.jsonl", "rb")
                except FileNotFoundError:
                    continue
                with src:
                    shutil.copyfileobj(src, fh)
        wanted = {f"{key}.jsonl" for key in keys}
        for old in parts.glob("*.jsonl") if parts.is_dir() else ():
            if old.name not in wanted and not old.name.startswith("."):
                old.unlink(missing_ok=True)
    except OSError as exc:
        summary.failed += 1
        _collect(report, summary)(f"{settings.stream}: failed: {exc.strerror or exc}")


_SHARD = re.compile(r"part-(\d{6,})\.jsonl")


def remove_old_shards(shards: Path, units: int, summary: Summary, report: Report) -> None:
    """At the end of a complete --shards run over `units` units: remove the part files of the
    shard pattern (part-NNNNNN.jsonl) that no unit of this run writes, left by an earlier run
    over more inputs (they would hold documents twice, or ones no longer asked for), and say so
    in the summary. Other files in the folder are left alone."""
    old = sorted((int(m.group(1)), p) for p in (shards.iterdir() if shards.is_dir() else ())
                 if (m := _SHARD.fullmatch(p.name)) and int(m.group(1)) >= units)
    removed = []
    for _, p in old:
        try:
            p.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            summary.failed += 1
            _collect(report, summary)(f"{p}: failed: cannot remove this shard of an earlier run ({exc.strerror or exc})")
            continue
        removed.append(p.name)
    if removed:
        which = removed[0] if len(removed) == 1 else f"{removed[0]} .. {removed[-1]}"
        summary.notes.append(f"removed {len(removed)} shard{'s' if len(removed) > 1 else ''} of an earlier run "
                             f"beyond this run's {units} ({which})")


def _on_dask(units: Iterable[Unit], options: Options, max_bytes: int, settings: Settings, report: Report,
             advance: Callable[[int], None], summary: Summary) -> None:
    """The units as tasks on a Dask cluster, streamed as locally (cleaner.dask_engine.run_units)."""
    from .dask_engine import run_units

    run_units(units, options, max_bytes, settings, report, advance, summary.merge,
              resumed=lambda unit: _resumed_unit(settings, unit, advance),
              scheduler=settings.scheduler, workers=settings.jobs)


def _in_workers(units: Iterable[Unit], workers: int, options: Options, max_bytes: int, settings: Settings,
                report: Report, advance: Callable[[int], None], summary: Summary) -> None:
    """Run the units in worker processes (cleaner.workers) with at most IN_FLIGHT_PER_WORKER
    units per worker cut and not yet folded; results are folded and problems reported in unit
    order. The workers start with the first unit that has work to do. A worker that dies (kill
    -9, the out-of-memory killer) costs its unit: reported as failed, redone by --resume."""
    from .workers import run_ordered

    def fold(unit: Unit, part: Summary, fresh: bool) -> None:
        if fresh:  # a resumed unit was counted when it was cut, and its problems are not repeated
            for msg in part.problems:
                report(msg)
            advance_unit(advance, len(unit.jobs), part.bytes_in)
        summary.merge(part)

    def before_start() -> None:
        _ = options._prefilter, options.for_html._prefilter  # built once, before the fork

    run_ordered(((unit, _resumed_unit(settings, unit, advance)) for unit in units),
                workers=workers, window=IN_FLIGHT_PER_WORKER * workers, init=_init_worker,
                initargs=(options, max_bytes, settings), work=_work,
                lost=lambda unit, pid, why: _lost_unit(unit, pid, why, settings), fold=fold,
                before_start=before_start)


def _lost_unit(unit: Unit, pid: int, why: str, settings: Settings) -> Summary:
    """A unit whose worker process died: all its inputs count as failed (no completion marker
    was written, so --resume does it again), and the temporary files the worker left in the
    unit's output folders are removed."""
    folders: set[Path] = set()
    for job in unit.jobs:
        if job.out_stem is not None:
            folders.update((job.out_stem.parent, job.out_stem))  # the stem: a record file's folder
    folders.update(p for p in (settings.shards, settings.state and settings.state / "done") if p is not None)
    if settings.stream is not None:
        folders.add(_parts(settings))
    remove_temporaries(folders, {pid})
    first, last = unit.jobs[0].src, unit.jobs[-1].src
    where = str(first) if len(unit.jobs) == 1 else f"{first} .. {last} ({len(unit.jobs)} inputs)"
    msg = (f"{where}: failed: the worker process cleaning them died ({why}); "
           "rerun with --resume to do them again")
    return Summary(failed=len(unit.jobs), problems=[msg])


IN_FLIGHT_PER_WORKER = 4  # units queued per worker process

