"""Run the pipeline over many inputs: one Job at a time, outputs written atomically.

A bad input (binary, undecodable, too large, unreadable) is reported with its path and the
batch goes on; the summary and the exit code say that something failed.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .decode import NotText
from .io import Job, atomic_write, read_input
from .pipeline import Options, clean


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


def _targets(job: Job, taken: set[Path]) -> tuple[Path, Path]:
    """Output paths for a job; a second input with the same stem keeps its suffix."""
    assert job.out_stem is not None
    stem = job.out_stem
    if stem in taken:
        stem = stem.parent / (stem.name + job.src.suffix)
    taken.add(stem)
    return stem.parent / (stem.name + ".txt"), stem.parent / (stem.name + ".json")


def run_batch(
    jobs: Iterable[Job],
    options: Options,
    *,
    max_bytes: int,
    report: Callable[[str], None],
    advance: Callable[[int], None] = lambda n: None,
) -> Summary:
    summary = Summary()
    taken: set[Path] = set()
    for job in jobs:
        try:
            data = read_input(job.src, max_bytes)
            result = clean(data, options, source=str(job.src))
        except NotText as exc:
            summary.skipped += 1
            report(f"{job.src}: skipped: {exc}")
            advance(0)
            continue
        except (OSError, ValueError) as exc:
            summary.failed += 1
            report(f"{job.src}: failed: {getattr(exc, 'strerror', None) or exc}")
            advance(0)
            continue
        for err in result.errors:
            report(f"{job.src}: {err}; document kept unchanged")
        summary.failed += bool(result.errors)
        if job.out_stem is None:
            sys.stdout.write(result.text)
        else:
            txt, meta = _targets(job, taken)
            if txt.exists() and os.path.samefile(txt, job.src):
                summary.failed += 1
                report(f"{job.src}: failed: output {txt} would overwrite the input")
                continue
            atomic_write(txt, result.text)
            atomic_write(meta, json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
        summary.done += 1
        summary.words_in += result.metadata["words_in"]
        summary.words_out += result.metadata["words_out"]
        summary.by_rule.update(r.rule for r in result.removed)
        advance(len(data))
    return summary
