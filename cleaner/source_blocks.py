"""detector = "source_blocks": cut the page chrome (menus, sidebars, footers, link lists) out of a
line that holds a page's HTML source, keep the article.

MK001/MK002 cut the markup of such a line span by span and leave the text between, which is the
article and also every visible string of the page around it: menus, sidebars, teaser lists,
footers. In the source those blocks are marked by structure, which this detector reads:

- an element that is chrome by its tag (`<nav>`, `<footer>`, `<aside>`, `<menu>`, `<form>`: the rule's
  `patterns[1]`, matched against the tag name) or by its class or id (`patterns[0]`, matched
  against the class and id values with camelCase split: "mainMenu" -> "main-menu");
- a block whose text is mostly links (`min_links` links or more, at least `link_share` of its
  words inside `<a>`), or only links: a link list, a menu item;
- a teaser list: `min_items` sibling blocks (same parent, tag and class) led by a link;
- a label ("SEE ALSO", "RELATED LINKS:") right before a block cut.

Such an element is cut from its start tag to its end tag, unless it holds a paragraph of prose
(a text block between block-level tags with `prose_words` words outside links and a sentence
end): the article is never inside a cut, whatever the class names around it say. Only elements
that close on the line are cut (a truncated scrape's open `<div id="nav">` is left), only the
outermost of nested candidates, and only on a line that holds at least `min_tags` tags and keeps
`min_text_words` words of text once the blocks are cut.

The line is read once, left to right, with `str.find` (no regular expression runs over the
whole line): the scan is linear in the line's length, and every cut is a non-empty span of an
element that the next pass no longer finds (its tags go with it), so passes end.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import regex

from .segment import without_spans

if TYPE_CHECKING:
    from .docstate import _State
    from .ruleset import Rule

Act = Callable[..., None]
_WS = " \t\u00a0"
_NAME = regex.compile(r"[A-Za-z][A-Za-z0-9]*")
_ATTR = regex.compile(r"""(?i)\b(?:class|id)\s*=\s*(?:"([^"]{0,500})"|'([^']{0,500})'|([^\s"'>]{1,200}))""")
_CLASS = regex.compile(r"""(?i)\bclass\s*=\s*(?:"([^"]{0,500})"|'([^']{0,500})'|([^\s"'>]{1,200}))""")
_CAMEL = regex.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD = regex.compile(r"\w+")
_SENTENCE_END = regex.compile(r"""[.!?。！？]["'”’»)]*(?:\s|$)""")
_HIDDEN = frozenset({"script", "style", "head", "title", "noscript", "template", "svg", "select",
                     "object", "iframe", "map"})  # as MK001
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr", "basefont", "frame", "keygen"})
# Tags that part blocks of text (a prose paragraph is text between two of them).
_BLOCK = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "td", "th", "tr", "table", "tbody",
                    "thead", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
                    "footer", "nav", "aside", "main", "form", "blockquote", "pre", "br", "hr", "figure",
                    "figcaption", "center", "body", "html", "option", "button", "label", "menu", "address",
                    "fieldset", "legend", "caption", "details", "summary", "dialog", "frameset", "noframes"})
# Elements that may be a link-dense block (an inline element never is).
_LINK_BLOCKS = frozenset({"div", "ul", "ol", "dl", "table", "td", "th", "tr", "tbody", "section", "p",
                          "span", "font", "center", "form", "li"})
# A start tag of these closes an open one of the same name (an unclosed <p>, <li>, <td> ...).
_SELF_CLOSING = frozenset({"p", "li", "td", "th", "tr", "dt", "dd", "option"})


@dataclass
class _Elem:
    """One element that closes on the line: its name, span (start tag to end tag) and whether
    its class or id names it chrome."""

    name: str
    start: int
    end: int
    named: bool
    parent: int  # the start of the enclosing element (-1: none)
    cls: str  # the class attribute's value, as written


@dataclass
class _Page:
    """What the scan of one line found: the elements that close on it, the text runs between the
    tags (start, end, inside a link), the starts of the prose paragraphs, and the tag count."""

    elems: list[_Elem]
    runs: list[tuple[int, int, bool]]
    prose: list[int]
    tags: int
    link_starts: list[int]
    text: str


def _named(attrs: str, names: object) -> bool:
    """Whether a class or id value in the start tag's attributes is a chrome name (rule pattern)."""
    for m in _ATTR.finditer(attrs):
        value = m.group(1) or m.group(2) or m.group(3) or ""
        if names.search(_CAMEL.sub("-", value).lower()):  # type: ignore[attr-defined]
            return True
    return False


def _words(s: str) -> int:
    return len(_WORD.findall(s))


def scan(text: str, names: object, chrome_tags: object, prose_words: int) -> _Page:
    """Read the line's tags left to right: element spans (with a stack; an end tag closes the
    nearest open element of its name and the ones opened inside it), text runs and prose blocks.
    Hidden elements (script, style, ...) and comments are skipped whole."""
    elems: list[_Elem] = []
    runs: list[tuple[int, int, bool]] = []
    prose: list[int] = []
    link_starts: list[int] = []
    stack: list[tuple[str, int, bool, str]] = []
    links = 0  # open <a> elements
    block_start, block_words, block_text = 0, 0, []  # the current block of text (between block tags)
    tags = 0
    n, i, text_from, gt = len(text), 0, 0, -1
    lower: str | None = None  # the line lower-cased, once, to find the end tag of a hidden element
    open_count: dict[str, int] = {}  # open elements on the stack, by name
    unclosed: set[str] = set()  # hidden elements whose end tag the line lacks

    def close_block(at: int) -> None:
        nonlocal block_start, block_words, block_text
        if block_words >= prose_words and _SENTENCE_END.search(" ".join(block_text) + " "):
            prose.append(block_start)
        block_start, block_words, block_text = at, 0, []

    def add_text(a: int, b: int) -> None:
        nonlocal block_words
        if b > a and text[a:b].strip():
            runs.append((a, b, links > 0))
            if not links:
                block_words += _words(text[a:b])
            block_text.append(text[a:b])

    while i < n:
        lt = text.find("<", i)
        if lt < 0:
            break
        if text.startswith("<!--", lt):
            add_text(text_from, lt)
            end = text.find("-->", lt + 4)
            i = text_from = n if end < 0 else end + 3
            continue
        closing = text.startswith("</", lt)
        m = _NAME.match(text, lt + (2 if closing else 1))
        if gt <= lt:  # the next ">" after the last one found is still the next one after lt
            gt = text.find(">", lt + 1)
            if gt < 0:
                break  # no ">" further on: no more tags
        if m is None or text.find("<", lt + 1, gt) >= 0:
            i = lt + 1  # "a < b", a stray "<": text
            continue
        add_text(text_from, lt)
        tags += 1
        name = m.group().lower()
        i = text_from = gt + 1
        if not closing and name in _HIDDEN:
            if lower is None:
                lower = text.lower()
            end = -1 if name in unclosed else lower.find(f"</{name}", gt)
            if end < 0:
                unclosed.add(name)  # no end tag further on: the next start tag need not look again
            else:
                end_gt = text.find(">", end)
                i = text_from = n if end_gt < 0 else end_gt + 1
            continue
        if name in _BLOCK:
            close_block(lt)
        if name == "a":
            if closing:
                links = max(0, links - 1)
            else:
                links += 1
                link_starts.append(lt)
            continue
        if closing:
            if not open_count.get(name):
                continue  # an end tag nothing opened: no walk down the stack (linear on "</span>" * n)
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == name:
                    for j in range(k, len(stack)):
                        open_name, start, named, cls = stack[j]
                        elems.append(_Elem(open_name, start, gt + 1, named, stack[j - 1][1] if j else -1, cls))
                        open_count[open_name] -= 1
                    del stack[k:]
                    break
            continue
        if name in _VOID or text[gt - 1] == "/":
            continue
        if name in _SELF_CLOSING and stack and stack[-1][0] == name:
            open_name, start, named, cls = stack.pop()
            open_count[open_name] -= 1
            elems.append(_Elem(open_name, start, lt, named, stack[-1][1] if stack else -1, cls))
        attrs = text[m.end():gt]
        named = bool(chrome_tags.search(name)) or _named(attrs, names)  # type: ignore[attr-defined]
        cm = _CLASS.search(attrs)
        open_count[name] = open_count.get(name, 0) + 1
        stack.append((name, lt, named, (cm.group(1) or cm.group(2) or cm.group(3) or "") if cm else ""))
    add_text(text_from, n)
    close_block(n)
    return _Page(elems, runs, prose, tags, link_starts, text)


def _teaser_item(page: _Page, starts: list[int], words: Callable[[int, int], tuple[int, int]],
                 el: _Elem, max_words: int) -> bool:
    """Whether `el` reads as one item of a teaser list: a block of at most `max_words` words whose
    text starts with a link, perhaps after a bullet ("<a>Kumble denies race slur</a> 11 Jan 08 |
    Cricket", "• <a>Kenyans hacked to death</a> 1/21/2008"). Alone it stays; `min_items` of them
    side by side (same parent, tag and class) are cut."""
    if el.name not in _LINK_BLOCKS:
        return False
    k = bisect.bisect_left(starts, el.start)
    while k < len(page.runs) and page.runs[k][0] < el.end and not page.runs[k][2] and not _WORD.search(
            page.text[page.runs[k][0]:page.runs[k][1]]):
        k += 1  # a bullet before the link
    if k >= len(page.runs) or page.runs[k][0] >= el.end or not page.runs[k][2]:
        return False
    return 0 < words(el.start, el.end)[0] <= max_words


def chrome_spans(rule: "Rule", text: str) -> list[tuple[int, int]]:
    """The outermost chrome elements of a line of page source, left to right (see the module
    docstring); empty when the line is not page source."""
    params = dict(rule.params)
    min_tags = int(params["min_tags"])
    if text.count("<") < min_tags:
        return []
    names, chrome_tags = rule.patterns[0], rule.patterns[1]
    page = scan(text, names, chrome_tags, int(params["prose_words"]))
    if page.tags < min_tags:
        return []
    min_links, link_share = int(params["min_links"]), float(params["link_share"])
    starts = [r[0] for r in page.runs]
    run_words = [_words(text[s:e]) for s, e, _ in page.runs]
    cum, cum_link = [0], [0]
    for (s, e, in_link), w in zip(page.runs, run_words):
        cum.append(cum[-1] + w)
        cum_link.append(cum_link[-1] + (w if in_link else 0))

    def words(a: int, b: int) -> tuple[int, int]:
        lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        return cum[hi] - cum[lo], cum_link[hi] - cum_link[lo]

    chosen: list[tuple[int, int]] = []
    items: dict[tuple[int, str, str], list[_Elem]] = {}
    item_max_words = int(params["item_max_words"])
    for el in page.elems:
        if el.end <= el.start:
            continue
        k = bisect.bisect_left(page.prose, el.start)
        if k < len(page.prose) and page.prose[k] < el.end:
            continue  # holds a paragraph of prose: never cut
        if _teaser_item(page, starts, words, el, item_max_words):
            items.setdefault((el.parent, el.name, el.cls), []).append(el)
        if not el.named:
            if el.name not in _LINK_BLOCKS:
                continue
            n_links = bisect.bisect_left(page.link_starts, el.end) - bisect.bisect_left(page.link_starts, el.start)
            total, linked = words(el.start, el.end)
            if total == 0 or not (n_links >= min_links and linked >= link_share * total or linked == total):
                continue  # a block of links only goes whatever their number (MK002's kind: it may find too few left)
        chosen.append((el.start, el.end))
    min_items = int(params["min_items"])
    for group in items.values():
        if len(group) >= min_items:
            chosen += [(el.start, el.end) for el in group]
    outer = _outermost(text, chosen)
    labels = _labels(page, text, starts, outer, int(params["label_max_words"]))
    return _outermost(text, outer + labels) if labels else outer


def _outermost(text: str, chosen: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside another, left to right; a span with a blank before it takes the
    blanks after it along (no doubled blank where it was)."""
    outer: list[tuple[int, int]] = []
    for a, b in sorted(chosen, key=lambda s: (s[0], -s[1])):
        if outer and a < outer[-1][1]:
            continue  # inside one already chosen
        while b < len(text) and a > 0 and text[a - 1] in _WS and text[b] in _WS:
            b += 1
        outer.append((a, b))
    return outer


def _labels(page: _Page, text: str, starts: list[int], cuts: list[tuple[int, int]],
            max_words: int) -> list[tuple[int, int]]:
    """The heading labels of cut blocks: an element (not h1) of at most `max_words` words, none in
    a link, that reads as a label (ends with a colon, or no lower-case letter: "SEE ALSO",
    "RELATED LINKS:") and whose next text on the line is inside a cut. Its block gone, the label
    would be left alone in the article's text."""
    cut_starts = [a for a, _ in cuts]
    found: list[tuple[int, int]] = []
    for el in page.elems:
        if el.name in ("h1", "a") or el.end <= el.start:
            continue
        lo, hi = bisect.bisect_left(starts, el.start), bisect.bisect_left(starts, el.end)
        if not 0 < hi - lo <= max_words or any(page.runs[k][2] for k in range(lo, hi)):
            continue
        label = " ".join(text[page.runs[k][0]:page.runs[k][1]] for k in range(lo, hi)).strip()
        if not 0 < _words(label) <= max_words or not (label.endswith(":") or (
                label.upper() == label and any(c.isalpha() for c in label))):
            continue
        if hi >= len(page.runs):
            continue
        nxt = page.runs[hi][0]
        k = bisect.bisect_right(cut_starts, nxt) - 1
        if k >= 0 and cuts[k][0] <= nxt < cuts[k][1]:
            found.append((el.start, el.end))
    return found


def source_blocks(rule: "Rule", st: "_State", act: Act) -> None:
    """Cut the chrome elements (see the module docstring) from every live line of page source
    that keeps at least `min_text_words` words of text once they are cut."""
    min_words = int(dict(rule.params)["min_text_words"])
    alive, protected, text = st.alive, st.protected, st.text
    allowed = st.rule_lines(rule)
    for i in range(len(text)) if allowed is None else allowed:
        if not alive[i] or protected[i]:
            continue
        cuts = chrome_spans(rule, text[i])
        if not cuts:
            continue
        page_words = _text_words_outside(rule, text[i], cuts)
        if page_words < min_words:
            continue
        for a, b in reversed(cuts):
            if alive[i] and b > a:
                st.cut(rule, i, a, b)


def _text_words_outside(rule: "Rule", text: str, cuts: list[tuple[int, int]]) -> int:
    """Words of visible text (between tags, outside hidden elements) left once `cuts` are gone."""
    left = without_spans(text, cuts)
    page = scan(left, rule.patterns[0], rule.patterns[1], 10**9)
    return sum(_words(left[s:e]) for s, e, _ in page.runs)
