"""The prose inside a file, one view line per file line, with a map back to the file's characters.

Rules are written for prose. In Markdown or HTML the prose sits between syntax (`## `, `**`,
`[text](url)`, `<p>`) that no rule should have to know about and that `fix` must never break.
A View gives the engine, for each line of the file, the text a reader sees, and for each of its
characters the index of the file character it came from. A removal in the view then becomes a
deletion of exactly those characters in the file, and syntax that only wrapped removed text
(a link, an emphasis, a `<p>…</p>` pair, a heading marker) goes with it. Everything else in the
file, including its line endings and trailing spaces, is left as it was.

Lines the rules must never see are protected (their view is blank): Markdown front matter,
fenced code, thematic breaks, and `cleaner: ignore ID` marker lines, whose ids are collected.
This module knows file syntax only; patterns for cruft belong in rules/.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field


NEWLINE = re.compile(r"\r\n|\r|\n|[\u2028\u2029\x85\x0b\x0c]")  # the set decode.normalise unifies
MARKER = re.compile(
    r"^\s*(?:<!--|#|//)?\s*cleaner:\s*ignore\b[ \t]*(?P<ids>[A-Za-z0-9 ,\t]*?)\s*(?:-->)?\s*$"
)
KINDS = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
         ".html": "html", ".htm": "html", ".xhtml": "html"}  # fmt: skip

_HTML_MASKS = re.compile(  # Markdown only: HTML files are read by markup.tokens
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<(script|style|head|template|svg|noscript)\b.*?</\1\s*>"
    r"|<![A-Za-z][^>]*>|<\?.*?\?>|</?[A-Za-z][^<>]*>",
    re.S | re.I,
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)[^<>]*?(/?)>", re.S)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_BREAK = re.compile(r"^\s{0,3}([-*_=])(?:[ \t]*\1){2,}\s*$")
_PREFIX = re.compile(r"^\s{0,3}(?:(?:>[ \t]?)+|#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)+")
_LINK = re.compile(r"(!?\[)([^\]\n]*)(\]\([^)\n]*\))")
_PAIRED = re.compile(r"(?<![\w\\*_`])(\*\*|__|\*|_|`+)(?=\S)(.+?)(?<=\S)\1(?![\w*_`])")
_CLOSE_SPACE = " \t\u00a0"
Tag = tuple[int, int, str, bool]  # a tag on one line: columns a..b, lower-case name, closing


@dataclass
class Group:
    """Syntax that wraps `content` (file columns a..b): deleted when all text inside it is."""

    syntax: list[tuple[int, int]]
    content: tuple[int, int]


@dataclass
class Line:
    raw: str  # the file line, without its terminator
    end: str  # the terminator as found ("\n", "\r\n", ...; "" for a last line without one)
    text: str = ""  # what the rules see
    index: list[int] | None = None  # file column of each text character (-1: a space for markup); None: same
    groups: list[Group] = field(default_factory=list)
    protected: bool = False

    def col(self, j: int) -> int:
        """File column (0-based) of view column j; the nearest following mapped one if j is a gap."""
        if self.index is None:
            return j
        for k in range(max(j, 0), len(self.index)):
            if self.index[k] >= 0:
                return self.index[k]
        return len(self.raw)


@dataclass
class View:
    kind: str  # text | markdown | html
    lines: list[Line]
    ignores: list[tuple[int, str]] = field(default_factory=list)  # (1-based line, rule code)

    def text(self) -> str:
        """The document the pipeline cleans: one line per file line."""
        return "".join(ln.text + "\n" for ln in self.lines)


def kind_of(name: str) -> str:
    dot = name.rfind(".")
    return KINDS.get(name[dot:].lower(), "text") if dot >= 0 else "text"


def split(text: str) -> list[Line]:
    """File lines with their own terminators; joining raw + end gives `text` back."""
    lines: list[Line] = []
    pos = 0
    for m in NEWLINE.finditer(text):
        lines.append(Line(text[pos : m.start()], m.group()))
        pos = m.end()
    if pos < len(text):
        lines.append(Line(text[pos:], ""))
    return lines


def build(text: str, kind: str) -> View:
    """The view of a decoded file. `kind` is text, markdown or html (see kind_of)."""
    lines = split(text)
    view = View(kind, lines)
    _protect(view)
    masks: list[list[tuple[int, int, str]]] = [[] for _ in lines]
    tags: list[list[Tag]] | None = None
    if kind == "html":
        tags = _html_masks(lines, masks)
    elif kind == "markdown":
        _document_masks(lines, masks, " ", comments_only=True)
    for i, ln in enumerate(lines):
        if ln.protected:
            continue
        if kind == "markdown":
            _markdown_line(ln, masks[i])
        if kind != "text":
            _tag_groups(ln, tags[i] if tags is not None else _regex_tags(ln, masks[i]))
        if masks[i] or "\x00" in ln.raw or kind != "text":
            _masked_view(ln, masks[i], strip_lead=kind != "text")
        else:
            ln.text = ln.raw.rstrip(_CLOSE_SPACE)
    return view


def _protect(view: View) -> None:
    lines = view.lines
    start = 0
    if view.kind == "markdown" and lines and lines[0].raw.strip() == "---":
        for k in range(1, len(lines)):
            if lines[k].raw.strip() in ("---", "..."):
                for ln in lines[: k + 1]:
                    ln.protected = True
                start = k + 1
                break
    fence: str | None = None
    for i, ln in enumerate(lines):
        m = MARKER.match(ln.raw)
        if m and fence is None:
            ln.protected = True
            view.ignores += [(i + 1, code) for code in re.split(r"[\s,]+", m.group("ids")) if code]
            continue
        if view.kind != "markdown" or i < start:
            continue
        f = _FENCE.match(ln.raw)
        if fence is None and f:
            fence = f.group(1)
        elif fence is not None:
            if f and f.group(1)[0] == fence[0] and len(f.group(1)) >= len(fence) and not ln.raw.strip(" \t`~"):
                fence = None
        elif _BREAK.match(ln.raw):
            pass
        else:
            continue
        ln.protected = True


def _starts(lines: list[Line]) -> list[int]:
    """The file offset of each line's first character."""
    starts: list[int] = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln.raw) + len(ln.end)
    return starts


def _mask_span(lines: list[Line], starts: list[int], masks: list[list[tuple[int, int, str]]], a: int, b: int, repl: str) -> None:
    """Mask file offsets a..b, cut into per-line pieces (protected lines are left alone)."""
    first = bisect.bisect_right(starts, a) - 1
    for i in range(max(first, 0), len(lines)):
        lo, hi = starts[i], starts[i] + len(lines[i].raw)
        if lo >= b:
            break
        if not lines[i].protected and max(a, lo) < min(b, hi):
            masks[i].append((max(a, lo) - lo, min(b, hi) - lo, repl))


def _html_masks(lines: list[Line], masks: list[list[tuple[int, int, str]]]) -> list[list[Tag]]:
    """Mask the markup of an HTML file (read by markup.tokens); return each line's tags that
    begin and end on it, for _tag_groups."""
    from . import markup  # HTML files only: html.parser and the tokenizer cost a cold check ~5 ms

    starts = _starts(lines)
    whole = "".join(ln.raw + ln.end for ln in lines)
    toks = markup.tokens(whole)
    for a, b in markup.hidden(whole, toks):
        _mask_span(lines, starts, masks, a, b, " ")
    tags: list[list[Tag]] = [[] for _ in lines]
    for t in toks:
        if t.kind in ("start", "end"):
            i = bisect.bisect_right(starts, t.start) - 1
            if t.end <= starts[i] + len(lines[i].raw):
                tags[i].append((t.start - starts[i], t.end - starts[i], t.name, t.kind == "end"))
    return tags


def _document_masks(lines: list[Line], masks: list[list[tuple[int, int, str]]], repl: str, comments_only: bool = False) -> None:
    """Markup that may span lines (comments, script blocks, tags), cut into per-line pieces."""
    starts = _starts(lines)
    whole = "".join(ln.raw + ln.end for ln in lines)
    if comments_only and "<" not in whole:
        return
    for m in _HTML_MASKS.finditer(whole):
        if comments_only and not m.group().startswith("<!--") and "\n" in m.group():
            continue  # Markdown: only comments may span lines; a lone '<' must not eat a paragraph
        _mask_span(lines, starts, masks, *m.span(), repl)


def _taken(masks: list[tuple[int, int, str]], a: int, b: int) -> bool:
    return any(x < b and a < y for x, y, _ in masks)


def _markdown_line(ln: Line, masks: list[tuple[int, int, str]]) -> None:
    """Block prefixes, links and emphasis: masked, and grouped with the text they wrap."""
    raw = ln.raw
    m = _PREFIX.match(raw)
    if m and m.end() > 0 and not _taken(masks, 0, m.end()):
        masks.append((0, m.end(), ""))
        ln.groups.append(Group([(0, m.end())], (m.end(), len(raw))))
    for m in _LINK.finditer(raw):
        (a1, b1), (a3, b3) = m.span(1), m.span(3)
        if not _taken(masks, a1, b1) and not _taken(masks, a3, b3):
            masks += [(a1, b1, ""), (a3, b3, "")]
            ln.groups.append(Group([(a1, b1), (a3, b3)], m.span(2)))
    for m in _PAIRED.finditer(raw):
        (a1, b1), (a2, b2) = m.span(1), (m.end(2), m.end())
        if not _taken(masks, a1, b1) and not _taken(masks, a2, b2):
            masks += [(a1, b1, ""), (a2, b2, "")]
            ln.groups.append(Group([(a1, b1), (a2, b2)], m.span(2)))


def _regex_tags(ln: Line, masks: list[tuple[int, int, str]]) -> list[Tag]:
    """Inline HTML tags of a Markdown line (those inside its masks), found by pattern."""
    out: list[Tag] = []
    for m in _TAG.finditer(ln.raw):
        if not any(x <= m.start() and m.end() <= y for x, y, _ in masks):
            continue  # not markup (inside a protected or unmasked region)
        if not m.group(3):  # a self-closing tag wraps nothing
            out.append((m.start(), m.end(), m.group(2).lower(), bool(m.group(1))))
    return out


def _tag_groups(ln: Line, tags: list[Tag]) -> None:
    """Pair opening and closing tags that sit on this line, innermost first."""
    stack: list[tuple[str, int, int]] = []
    for start, end, name, closing in tags:
        if not closing:
            stack.append((name, start, end))
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == name:
                _, a, b = stack[k]
                del stack[k:]
                ln.groups.append(Group([(a, b), (start, end)], (b, start)))
                break


def _masked_view(ln: Line, masks: list[tuple[int, int, str]], strip_lead: bool) -> None:
    raw = ln.raw
    chars: list[str] = []
    index: list[int] = []
    pos = 0
    for a, b, repl in sorted(masks):
        if a < pos:
            continue
        chars += raw[pos:a]
        index += range(pos, a)
        if repl:
            chars.append(repl)
            index.append(-1)
        pos = b
    chars += raw[pos:]
    index += range(pos, len(raw))
    keep = [k for k, c in enumerate(chars) if c != "\x00"]
    text = "".join(chars[k] for k in keep)
    index = [index[k] for k in keep]
    lead = len(text) - len(text.lstrip()) if strip_lead else 0
    ln.text = text[lead:].rstrip() if strip_lead else text.rstrip(_CLOSE_SPACE)
    ln.index = index[lead : lead + len(ln.text)]
    ln.groups.sort(key=lambda g: g.content[1] - g.content[0])
