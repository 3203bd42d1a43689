"""What check, fix and explain print. Formats here are documented in the README and tested
verbatim, so change them only together with both.

    story.md:1:1: DL001 A timestamp line ...      one line per finding (check)
    Found 3 findings in 1 file.                    closing count (check, fix)
    Fixing story.md                                a file fix rewrote
    3  NL001  newsletter-sign-up-prompt           findings per rule (check --statistics)
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from typing import IO, Iterable, Mapping

from .lint import Finding, Outcome

RED, YELLOW, DIM, RESET = "\x1b[31;9m", "\x1b[33m", "\x1b[2m", "\x1b[0m"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def finding_line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.col}: {f.rule} {f.summary}"


def count_line(findings: int, files_with: int, files: int, verb: str = "Found") -> str:
    """'Found 3 findings in 1 of 2 files.' / 'No findings in 2 files.'"""
    if findings == 0:
        return f"No findings in {plural(files, 'file')}."
    where = plural(files, "file") if files == files_with else f"{files_with} of {plural(files, 'file')}"
    return f"{verb} {plural(findings, 'finding')} in {where}."


def statistics(outcomes: Iterable[Outcome], names: Mapping[str, str]) -> list[tuple[int, str, str]]:
    """(count, rule id, rule name) per rule that found something, most findings first (as ruff's
    --statistics); ties by rule id."""
    counts = Counter(f.rule for o in outcomes for f in o.findings)
    return [(n, rid, names.get(rid, "")) for rid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics_lines(rows: list[tuple[int, str, str]]) -> list[str]:
    """'COUNT  ID  name' per rule, the counts right-aligned."""
    width = max((len(str(n)) for n, _, _ in rows), default=1)
    return [f"{n:>{width}}  {rid}  {name}".rstrip() for n, rid, name in rows]


def json_statistics(rows: list[tuple[int, str, str]]) -> str:
    import json  # --format json only

    return json.dumps([{"rule": rid, "name": name, "count": n} for n, rid, name in rows], ensure_ascii=False, indent=2)


def json_findings(outcomes: Iterable[Outcome]) -> str:
    import json  # --format json only

    return json.dumps([f.to_json() for o in outcomes for f in o.findings], ensure_ascii=False, indent=2)


def diff(outcome: Outcome, shown: str) -> str:
    """A unified diff (git's a/ b/ prefixes) of what fix would write; '' when nothing changes."""
    if not outcome.changed:
        return ""
    lines = difflib.unified_diff(
        outcome.original.splitlines(keepends=True),
        outcome.fixed.splitlines(keepends=True),
        fromfile=f"a/{shown}",
        tofile=f"b/{shown}",
    )
    return "".join(ln if ln.endswith(("\n", "\r")) else ln + "\n\\ No newline at end of file\n" for ln in lines)


def use_color(setting: str | None, stream: IO[str]) -> bool:
    if setting == "always":
        return True
    if setting == "never" or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def explain(outcome: Outcome, shown: str, color: bool, context: int | None = None) -> str:
    """The file with every removed span marked ([-like this-], or red) and labelled below it.

    With `context`, only the lines with removals and that many lines around them are shown
    (as grep -C does), hunks apart separated by a '--' line."""
    view = outcome.view
    width = max(3, len(str(len(view.lines))))
    gutter = " " * width + " |"
    labels: dict[int, list[Finding]] = {}
    for f in outcome.findings:
        labels.setdefault(f.end_line, []).append(f)
    n = len(outcome.findings)
    head = f"{shown}: {plural(n, 'span')} would be removed" if n else f"{shown}: nothing would be removed"
    out = [head]
    shown_lines = _around(outcome, context) if context is not None else None
    last = 0
    for no, (ln, cols) in enumerate(zip(view.lines, outcome.cut), start=1):
        if shown_lines is not None:
            if no not in shown_lines:
                continue
            if last and no > last + 1:
                out.append(f"{DIM}--{RESET}" if color else "--")
            last = no
        text = _mark(ln.raw, cols, color)
        number = f"{no:>{width}}"
        out.append(f"{DIM}{number} |{RESET} {text}".rstrip() if color else f"{number} | {text}".rstrip())
        for f in labels.get(no, []):
            lines = f" (lines {f.line}-{f.end_line})" if f.end_line != f.line else ""
            label = f"^ {f.rule} {f.summary}{lines}"
            out.append(f"{DIM}{gutter}{RESET}   {YELLOW}{label}{RESET}" if color else f"{gutter}   {label}")
    return "\n".join(out) + "\n"


def _around(outcome: Outcome, context: int) -> set[int]:
    """1-based numbers of the lines within `context` lines of a removal."""
    hit = {no for no, cols in enumerate(outcome.cut, start=1) if cols}
    for f in outcome.findings:
        hit.update(range(f.line, f.end_line + 1))
    return {k for no in hit for k in range(no - context, no + context + 1)}


def _mark(raw: str, cols: set[int], color: bool) -> str:
    if not cols:
        return raw
    start, end = (RED, RESET) if color else ("[-", "-]")
    parts: list[str] = []
    inside = False
    for k, c in enumerate(raw):
        cut = k in cols
        if cut != inside:
            parts.append(start if cut else end)
            inside = cut
        parts.append(c)
    if inside:
        parts.append(end)
    return "".join(parts)
