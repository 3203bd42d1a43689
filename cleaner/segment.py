"""Split normalised text into lines and paragraphs.

A paragraph is a block of non-blank lines between blank lines. Scraped text often has no blank
lines at all (one block per line, like a Common Crawl WET record or a naive scraper); in such a
document every line is its own paragraph, so a paragraph rule never sees the whole page as one.
"""

from __future__ import annotations

import functools

import regex

WORD = regex.compile(r"\w+")
# On ASCII text \w is [A-Za-z0-9_]: every other byte becomes a space, and bytes.split finds the
# words ~3x faster than WORD.findall (most lines are ASCII).
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == 0x5F else 0x20 for c in range(128)) + b" " * 128


def split_lines(text: str) -> list[str]:
    """Lines of `text` without their newline; a trailing newline adds no empty line."""
    if not text:
        return []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def paragraphs(lines: list[str]) -> list[list[int]]:
    """Indices of the lines of each paragraph, in order (see module docstring)."""
    blank = [not ln.strip() for ln in lines]
    if not any(blank):
        return [[i] for i in range(len(lines))]
    out: list[list[int]] = []
    current: list[int] = []
    for i, is_blank in enumerate(blank):
        if is_blank:
            if current:
                out.append(current)
                current = []
        else:
            current.append(i)
    if current:
        out.append(current)
    return out


def word_count(text: str) -> int:
    return len(WORD.findall(text))


@functools.lru_cache(maxsize=16384)
def line_norm(line: str) -> str:
    """The words of one line, lower-cased and joined by single spaces ("" if none); cached: a
    document's lines come back in every pass, and its output lines are mostly its input lines.
    One scan of the line serves both the word counts and the repeat detector's comparisons.
    Lower-casing the joined words is lower-casing each word: str.lower works per character,
    and the final-sigma context ends at the space."""
    if line.isascii():
        return b" ".join(line.encode("ascii").translate(_ASCII_WORDS).split()).lower().decode("ascii")
    return " ".join(WORD.findall(line)).lower()


@functools.lru_cache(maxsize=16384)
def line_words(line: str) -> int:
    """Words of one line (\\w+ runs), from line_norm's cached scan."""
    norm = line_norm(line)
    return norm.count(" ") + 1 if norm else 0


def lines_word_count(lines: list[str]) -> int:
    """Words of the lines joined by newlines (a word never spans a newline)."""
    return sum(map(line_words, lines))


def join_lines(lines: list[str]) -> str:
    """Join lines, collapsing runs of blank lines to one and trimming blank ends."""
    out: list[str] = []
    for ln in lines:
        if not ln.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(ln)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def without_spans(text: str, cuts: list[tuple[int, int]]) -> str:
    """`text` with the (start, end) `cuts` (ascending, not overlapping) taken out, the pieces
    joined by one blank (so words on both sides of a cut stay apart)."""
    rest, at = [], 0
    for a, b in cuts:
        rest.append(text[at:a])
        at = b
    rest.append(text[at:])
    return " ".join(rest)


def merge_spans(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching (start, end) spans of one line as one, left to right (the spans a
    rule cuts out of a line: every match of every pattern, or a detector's markup spans)."""
    merged: list[list[int]] = []
    for a, b in sorted(found):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]
