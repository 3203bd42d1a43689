"""The markup of an HTML file with exact source spans, read by a real HTML tokenizer.

`fix` must never break a page. Regular expressions cannot tell where a tag ends: an attribute
value may hold `<` or `>` (`<div class="a <b>">`, a `data-vars` with JavaScript in it), and a tag
may span lines. Python's html.parser tokenizes as browsers do for those cases; its events are
turned here into tokens with their file offsets (start, end): every character of the file
belongs to a data event or to a piece of markup (tag, comment, declaration, processing
instruction; anything the parser skips silently, like `</>`, goes with the markup before it).

`changed` is the safety net run after every HTML fix: the markup outside the removed spans must
come out of the fixed file exactly as it was, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

# Elements whose whole content is hidden from the rules (not prose a reader sees in the page).
OPAQUE = frozenset({"script", "style", "head", "template", "svg", "noscript"})


@dataclass(frozen=True)
class Token:
    """A piece of markup: file offsets start..end, its kind, and (for tags) the lower-case name."""

    start: int
    end: int
    kind: str  # start | end | empty (self-closing) | other (comment, doctype, PI, CDATA)
    name: str = ""


class _Events(HTMLParser):
    """Records where each parser event starts (offsets into the whole text)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.newlines = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]
        self.events: list[tuple[int, str, str, int]] = []  # (offset, kind, name, length or -1)

    def _at(self, kind: str, name: str = "", length: int = -1) -> None:
        line, col = self.getpos()  # html.parser counts lines by "\n" only, as newlines does
        self.events.append((self.newlines[line - 1] + col, kind, name, length))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._at("start", tag, len(self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._at("empty", tag, len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        self._at("end", tag)

    def handle_comment(self, data: str) -> None:
        self._at("other")

    def handle_decl(self, decl: str) -> None:
        self._at("other")

    def handle_pi(self, data: str) -> None:
        self._at("other")

    def unknown_decl(self, data: str) -> None:
        self._at("other")

    def handle_data(self, data: str) -> None:
        self._at("data")

    def handle_entityref(self, name: str) -> None:
        self._at("data")

    def handle_charref(self, name: str) -> None:
        self._at("data")


@lru_cache(maxsize=4)
def tokens(text: str) -> tuple[Token, ...]:
    """The markup tokens of `text`, in order.

    Cached for the last few texts: a fix tokenizes the original and the fixed page for their
    views and again for `changed`.

    A start tag's span is its source text (get_starttag_text); any other token reaches to the
    next event, so nothing the parser consumed silently is ever taken for prose.
    """
    parser = _Events(text)
    parser.feed(text)
    parser.close()
    events = parser.events
    out: list[Token] = []
    for k, (start, kind, name, length) in enumerate(events):
        if kind == "data":
            continue
        nxt = events[k + 1][0] if k + 1 < len(events) else len(text)
        if length >= 0 and kind in ("start", "empty"):
            end = min(start + length, nxt)
            out.append(Token(start, end, kind, name))
            if end < nxt:  # what the parser skipped after a start tag is markup too
                out.append(Token(end, nxt, "other"))
        elif nxt > start:
            out.append(Token(start, nxt, kind, name))
    return tuple(out)


def hidden(text: str, toks: tuple[Token, ...]) -> list[tuple[int, int]]:
    """Spans the rules must not see: every token, and each OPAQUE element from its start tag to
    its end tag (a script or style never closed runs to the end, as in a browser)."""
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.kind == "start" and t.name in OPAQUE:
            depth, j = 1, k + 1
            while j < len(toks) and depth:
                if toks[j].name == t.name and toks[j].kind in ("start", "end"):
                    depth += 1 if toks[j].kind == "start" else -1
                j += 1
            if depth == 0:
                spans.append((t.start, toks[j - 1].end))
                k = j
                continue
            if t.name in ("script", "style"):
                spans.append((t.start, len(text)))
                break
        spans.append((t.start, t.end))
        k += 1
    return spans


def changed(before: str, after: str, removed: set[int]) -> bool:
    """Whether the markup of `after` differs from that of `before` once the tokens lying wholly
    inside `removed` (file offsets of `before` that the fix deletes) are left out."""
    kept = [before[t.start : t.end] for t in tokens(before) if not all(k in removed for k in range(t.start, t.end))]
    return kept != [after[t.start : t.end] for t in tokens(after)]
