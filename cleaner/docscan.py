"""Faster document-scope searches for patterns anchored at line starts, with the same matches.

A document rule's pattern such as BY002's ``(?m)^[ \\t]*(?:By|Von|...)`` can only match at a
line start, but the regex module tries it at every character of the page: at each one it
tests ``^`` (and the alternation behind it), so the search costs about as much per character
as a real attempt. Written as ``\\n`` + the rest, searched in ``"\\n" + text``, the same
pattern starts with a literal, and the module jumps from newline to newline: 3-5x less time on
the corpus of benchmarks/speed.py (BY002, BY004).

The rewrite is only made where it is provably the same search (see `line_start_form`): the
pattern opens with ``(?m)^``, has no top-level alternation (``^`` would bind to the first
branch only), no look-behind, ``\\A``, ``\\G`` or ``\\K`` (they would see the added newline or
the shifted start) and is not verbose (where a literal newline is whitespace) nor VERSION1
(other rules for empty matches). `line_start_matches` then yields the matches in the order
and with the non-overlap of ``finditer`` on the original text, offsets shifted by one.
"""

from __future__ import annotations

import functools
from typing import Iterator

import regex

_PREFIX = "(?m)^"


def _top_level_bar(source: str) -> bool | None:
    """Whether `source` has a ``|`` outside groups and classes; None when unsure (then the
    caller does not rewrite)."""
    depth = 0
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1  # a leading "]" is a literal
            while i < n and source[i] != "]":
                if source[i] == "[":
                    return None  # nested class or POSIX class: do not parse
                i += 2 if source[i] == "\\" else 1
            if i >= n:
                return None
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False if depth == 0 else None


@functools.lru_cache(maxsize=1024)
def _form(source: str, flags: int) -> regex.Pattern[str] | None:
    if not source.startswith(_PREFIX) or flags & (regex.VERBOSE | regex.V1):
        return None
    rest = source[len(_PREFIX):]
    if any(s in rest for s in ("(?<", "\\A", "\\G", "\\K", "(?x", "(?V1", "(?|")):
        return None
    if _top_level_bar(rest) is not False:
        return None
    try:
        return regex.compile("(?m)\\n" + rest, flags)
    except regex.error:
        return None


def line_start_form(pattern: regex.Pattern[str]) -> regex.Pattern[str] | None:
    """The pattern as ``\\n`` + rest, to search in ``"\\n" + text``; None if it is not of the
    form above (search it as it is)."""
    return _form(pattern.pattern, pattern.flags)


def line_start_matches(form: regex.Pattern[str], shifted: str) -> Iterator[regex.Match[str]]:
    """The matches of `form` in `shifted` (= "\\n" + text) that ``finditer`` of the original
    pattern finds in text, in order. Group 0 also holds the newline before the line: its start
    is the original's, its end one more; every other group's offsets are one more. After a match the original search goes on at its
    end (one past its start if empty); the line start there has its newline at the same index
    of `shifted`."""
    pos = 0
    search = form.search
    while True:
        m = search(shifted, pos)
        if m is None:
            return
        yield m
        start, end = m.start(), m.end() - 1  # end in the original text's offsets + 1 - 1
        pos = end if end > start else start + 1
