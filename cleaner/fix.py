"""Turn a cleaning of a file's view into an edit of the file itself.

The pipeline returns the surviving lines of the view and, for each, the line it came from. A
view line that is gone lost all its text; one that survives changed only by characters cut out
of it (the engine never inserts). Those deleted view characters are mapped back to file
columns, syntax that wrapped only deleted text is added (views.Group), and the file is rewritten
line by line: untouched lines keep their bytes, endings and trailing spaces; a line left with
nothing but whitespace is dropped; a blank line left next to another blank line (or at either end
of the file) by a dropped line goes too, so paragraphs stay one blank line apart.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

from .views import Line, View


def deletions(view: View, lines: list[str], origins: list[int]) -> list[set[int]]:
    """For each file line, the set of file columns the cleaning deletes."""
    survivors = dict(zip(origins, lines))
    out: list[set[int]] = []
    for no, ln in enumerate(view.lines, start=1):
        seen = unicodedata.normalize("NFC", ln.text)
        if ln.protected or not seen.strip():
            out.append(set())
            continue
        after = survivors.get(no)
        if after is None:
            cut = range(len(ln.text))
        elif after == seen:
            out.append(set())
            continue
        else:
            cut = _cut(seen, after) if seen == ln.text else None
            if cut is None:  # NFC changed the line, or not a pure deletion: see _fallback
                out.append(_fallback(ln, after))
                continue
        cols = {ln.col(j) for j in cut if (ln.index is None or ln.index[j] >= 0)}
        out.append(_with_syntax(ln, cols))
    return out


def _cut(before: str, after: str) -> list[int] | None:
    """View columns of `before` deleted to give `after`, or None if `after` is no subsequence."""
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    b_mid, a_mid = before[head : len(before) - tail], after[head : len(after) - tail]
    if not a_mid:
        return list(range(head, len(before) - tail))
    cut: list[int] = []
    for op, i1, i2, _, _ in SequenceMatcher(None, b_mid, a_mid, autojunk=False).get_opcodes():
        if op == "delete":
            cut += range(head + i1, head + i2)
        elif op != "equal":
            return None
    return cut


def _fallback(ln: Line, after: str) -> set[int]:
    """A plain-text line whose change cannot be mapped is replaced whole; markup is left alone."""
    if ln.index is None:
        ln.raw = after  # the caller writes ln.raw back; nothing of this line is deleted
    return set()


def _with_syntax(ln: Line, cols: set[int]) -> set[int]:
    """Add the syntax of every group whose text is now all deleted (innermost groups first)."""
    for group in ln.groups:
        a, b = group.content
        inside = [k for k in range(a, b) if not ln.raw[k].isspace()]
        if inside and any(k in cols for k in inside) and all(k in cols for k in inside):
            for x, y in group.syntax:
                cols.update(range(x, y))
    return cols


def rewrite(view: View, cut: list[set[int]], sources: list[int] | None = None) -> str:
    """The file text with `cut` applied (see the module docstring for blank lines). `sources`,
    if given, receives the index of the view line each output line comes from."""
    out: list[tuple[str, str]] = []  # (text, ending)
    src: list[int] = []
    gap = False  # a line was dropped since the last kept line
    for i, (ln, cols) in enumerate(zip(view.lines, cut)):
        raw = ln.raw
        if cols:
            raw = "".join(c for k, c in enumerate(raw) if k not in cols)
            if not raw.strip():
                gap = True
                continue
            if ln.raw == ln.raw.rstrip():  # a cut at the end leaves no trailing space behind
                raw = raw.rstrip()
        if not raw.strip() and gap and (not out or not out[-1][0].strip()):
            continue  # a blank line doubled (or left at the top) by a dropped line
        out.append((raw, ln.end))
        src.append(i)
        gap = False
    if gap:
        while out and not out[-1][0].strip():
            out.pop()
            src.pop()
    if sources is not None:
        sources[:] = src
    return "".join(text + end for text, end in out)
