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


# ---------------------------------------------------------------------------------------------
# Line-local patterns: whether a pattern matches somewhere in a text is whether it matches in
# one of its lines, so the answer can be kept per line text across passes and documents.
# ---------------------------------------------------------------------------------------------

_UNSAFE = ("\\A", "\\Z", "\\z", "\\G", "\\K", "\\L<", "\\N", "(?s", "(?x", "(?w", "(?V1", "(?(", "(?P=",
           "(?|", "{e", "(?&", "(?-", "(?P>", "(?^", "(?R", "(?0", "(?1", "(?2", "(?3", "(?4", "(?5", "(?6", "(?7", "(?8", "(?9")


def _takes_newline(atom: str, flags: int) -> bool:
    try:
        return regex.fullmatch(atom, "\n", flags) is not None
    except regex.error:
        return True


@functools.lru_cache(maxsize=1024)
def _line_local(source: str, flags: int) -> bool:
    """True only when no part of the pattern can match a newline and every zero-width test in
    it reads a newline as it reads the text's start or end: then each match lies inside one
    line, and is found in that line alone (its \\b, multi-line ^ and $ and look-arounds give the
    same answers there). Conservative: a construct it does not know makes it False."""
    if flags & (regex.DOTALL | regex.VERBOSE | regex.WORD | regex.V1):
        return False
    if any(s in source for s in _UNSAFE):
        return False
    multiline = bool(flags & regex.MULTILINE) or source.startswith("(?m)")
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            if i + 1 >= n:
                return False
            e = source[i + 1]
            if e in "pP":  # \p{..}: one atom
                j = source.find("}", i)
                if j < 0:
                    return False
                atom, i = source[i:j + 1], j + 1
            elif e.isdigit() or e in "xuUoNg":
                return False  # back-references, code points: not parsed here
            else:
                atom, i = source[i:i + 2], i + 2
            if e not in "bB" and _takes_newline(atom, flags):
                return False
            continue
        if c == "[":
            j = i + 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            while j < n and source[j] != "]":
                if source[j] == "[":
                    return False
                j += 2 if source[j] == "\\" else 1
            if j >= n:
                return False
            if _takes_newline(source[i:j + 1], flags):
                return False
            i = j + 1
            continue
        if c == "(":
            if source.startswith("(?m:^)", i):
                i += 6
                continue
            i += 1
            continue
        if c in "^$":
            if not multiline:
                return False
        elif c == "." or c == "\n" or c == "\r":
            return False  # "." without DOTALL misses "\n" only, but keep it simple
        i += 1
    return True


def line_local(pattern: regex.Pattern[str]) -> bool:
    """Whether `pattern.search(text)` finds a match exactly when it finds one in a line of
    `text` (see _line_local)."""
    return _line_local(pattern.pattern, pattern.flags)


_LINE_HITS: dict[object, dict[str, bool]] = {}
_LINE_HITS_MAX = 1 << 16


def search_lines(pattern: regex.Pattern[str], lines: list[str]) -> bool:
    """Whether a line-local pattern matches in one of `lines` (= in their text joined by
    newlines), each line's answer kept: a later pass over the same page, and other pages with
    the same lines, look it up instead of searching again."""
    key = (pattern.pattern, pattern.flags)
    seen = _LINE_HITS.get(key)
    if seen is None or len(seen) > _LINE_HITS_MAX:
        seen = _LINE_HITS[key] = {}
    search = pattern.search
    for line in lines:
        hit = seen.get(line)
        if hit is None:
            hit = seen[line] = search(line) is not None
        if hit:
            return True
    return False
