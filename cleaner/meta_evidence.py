"""Where a metadata value sits on the page, by the rules' audit: refuse what comes from chrome.

A whole scraped page has comments, teasers of other articles, credit lines and menus around
the article, and each of them can look like a headline, a byline or a stamp. Two kinds of
evidence say a value is not the article's own:

- the rule that removed its line: a comment section, a comment counter or prompt, a teaser
  link or a link-list heading never gives a title, author or date; a caption, credit or
  dateline never gives a title (the rule ids are data: rules/data/metadata.toml, [evidence]);
- its place relative to the article body (the longest run of running text the rules kept,
  cut at the lines where comments, teasers and tag lists begin): the headline is at most a few
  lines into the body, a byline or stamp at most a few lines after its end; further down are
  the teasers and comments (and a byline or stamp below the body past a teaser heading, an ad or
  a comment prompt is theirs). A byline or stamp that a rule found anywhere on the page is the
  article's only near its head (not far above the headline, not in the middle of the body) or
  at its very end. A whole page (HD002) without running text has no title.

A value whose line is unknown (0: a rule that gave none) is judged on its rule alone.
"""

from __future__ import annotations

import functools

import regex

from .docstate import Removal
from .wordtables import tables

TEXT_FIELDS = ("title", "authors", "published")
_SENTENCE = regex.compile(r"[\p{L}\p{N}][.!?。！？]")  # running text has a sentence end in it; a menu line has none
TITLE_INTO_BODY = 10  # a headline line at most this many input lines below the body's first line
HEAD_ABOVE_BODY = 60  # a byline or stamp at most this many lines above the body's first line
AFTER_BODY = 12  # ... and at most this many below its last line (an article's byline block under it)
CREDITS_AFTER_BODY = 20  # a wire-service credit trailer ("Reporting by ..."; CR001) further (after notes and links)
ABOVE_HEADLINE = 3  # a byline (found anywhere) at most this many lines above the headline
STAMP_ABOVE_HEADLINE = 3  # a stamp: the same
HEAD_INTO_BODY = 10  # ... or in the article's first lines (below the headline or the body's start)
END_OF_BODY = 6  # ... or in its last lines (the byline block under an article, with a bio line)
PLACED = "HD002"  # the rule whose title needs a body under it (a whole page); other title rules are anchored


@functools.cache
def _ids(key: str) -> tuple[str, ...]:
    return tables().words(f"evidence.{key}")


def _is(rule: str, key: str) -> bool:
    return rule.startswith(_ids(key))


@functools.cache
def _refused_by(by: str, field: str) -> bool:
    """Whether a line that rule `by` removed supplies no `field` (chrome: a teaser, comment, credit, menu)."""
    return _is(by, "not_metadata") or (field == "title" and _is(by, "not_title"))


class Evidence:
    """The audit of one document, asked line by line."""

    def __init__(self, removed: list[Removal], kept: list[tuple[int, str]] | None = None) -> None:
        self.by_line: dict[int, str] = {}  # input line -> the rule that removed it (the first one)
        for r in sorted(removed, key=lambda r: r.line_start):
            for ln in range(r.line_start, r.line_end + 1):
                self.by_line.setdefault(ln, r.rule)
        self.known = kept is not None  # without the clean text (a caller of build alone) no place is judged
        ends_at = {rule: _is(rule, "body_ends") for rule in set(self.by_line.values())}
        ends = sorted(ln for ln, rule in self.by_line.items() if ends_at[rule])
        self.body = body_span(kept or [], ends)
        self.text = dict(kept or [])  # input line -> its clean text
        self.headline: int | None = None  # the input line of the page's headline (HD002), once found

    def refuses(self, field: str, line: int, rule: str) -> bool:
        """Whether the value of `field` that `rule` found on input `line` comes from chrome."""
        return self.reason(field, line, rule) is not None

    def refuses_titles(self, lines: list[int], rule: str) -> list[bool]:
        """`refuses("title", x, rule)` for each input line x of `lines` (a whole page's, for the
        headline scorer): the title branch of `reason` with its per-document tests taken once."""
        by_line, known, body = self.by_line, self.known, self.body
        below = min(body[0] + TITLE_INTO_BODY, body[1]) if body is not None else 0
        out: list[bool] = []
        for line in lines:
            if not line:
                out.append(False)
                continue
            by = by_line.get(line)
            if by is not None and by != rule and _refused_by(by, "title"):
                out.append(True)
            elif not known:
                out.append(False)
            elif body is None:
                out.append(rule == PLACED)
            else:
                out.append(line > below)
        return out

    def reason(self, field: str, line: int, rule: str) -> str | None:
        """Why the value of `field` that `rule` found on input `line` is refused, or None."""
        if not line:
            return None
        by = self.by_line.get(line)
        if by is not None and by != rule and _refused_by(by, field):
            return f"line removed by {by}"
        if not self.known:
            return None
        if self.body is None:  # no running text: a short document, or a page of chrome
            return "no article body" if field == "title" and rule == PLACED else None
        first, last = self.body
        if field == "title":
            return "below the body's start" if line > min(first + TITLE_INTO_BODY, last) else None
        after = CREDITS_AFTER_BODY if rule == "CR001" else AFTER_BODY
        if not (first - HEAD_ABOVE_BODY <= line <= last + after):
            return "far from the body"
        if rule not in (PLACED, "CR001"):  # a byline or stamp found anywhere on the page
            h = self.headline
            if h is not None and line < h - (ABOVE_HEADLINE if field == "authors" else STAMP_ABOVE_HEADLINE):
                return "above the headline"  # a teaser's
            if max(first + HEAD_INTO_BODY, (h or 0) + HEAD_INTO_BODY) < line < last - END_OF_BODY:
                return "in the middle of the body"  # a teaser or a quoted date, not the article's own
        if line > last and any(_is(self.by_line.get(k, ""), "teasers") for k in range(last + 1, line)):
            return "below the body past a teaser heading"
        return None


def body_span(kept: list[tuple[int, str]], ends: list[int] | None = None, gap: int = 15) -> tuple[int, int] | None:
    """The input lines (first, last) of the article body: of the runs of running-text lines
    (12 words or more, or 40 characters of CJK text, with a sentence end) that the rules kept, no two more than `gap`
    input lines apart and no line of `ends` (where comments, teasers, tag lists begin) between
    two of them: the first that has at least half the words of the longest (the article comes
    before the comments, which can be longer). None when the clean text has no such line."""
    import bisect

    ends = ends or []
    runs: list[list[int]] = []  # [first, last, words]
    last = -1
    for origin, text in kept:
        w = len(text.split())
        if (w < 12 and (text.isascii() or len(text) < 40)) or not _SENTENCE.search(text):
            continue
        cut = bisect.bisect_right(ends, origin) != bisect.bisect_right(ends, last)
        if last < 0 or origin - last > gap or cut:
            runs.append([origin, origin, 0])
        runs[-1][1] = origin
        runs[-1][2] += max(w, len(text) // 3)
        last = origin
    if not runs:
        return None
    most = max(r[2] for r in runs)
    first = next(r for r in runs if 2 * r[2] >= most)
    return first[0], first[1]
