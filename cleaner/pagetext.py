"""The whole visible text of an HTML page, one line per block: what a whole-page scraper (or a
Common Crawl WET record) gives, and the input the text rules (BP001's page-chrome scoring
included) were measured on.

It is the HTML route's fallback: when trafilatura finds no main text in a page, the page is not
lost; its whole text goes through the text rules instead. lxml comes with trafilatura, and this
module is only imported on that path.
"""

from __future__ import annotations

import re

# Subtrees that never hold visible text.
_DROP = (
    "script", "style", "template", "svg", "math", "head", "iframe", "object", "embed", "canvas",
    "audio", "video", "map", "area", "link", "meta", "input", "textarea", "select",
)
# Elements that start and end a line.
_BLOCK = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 section article header footer nav aside main table thead tbody "
    "tfoot tr figure figcaption blockquote pre ul ol dl dt dd form br hr button label option "
    "address details summary fieldset legend caption center".split()
)
_CELL = frozenset(("td", "th"))
_SPACE = re.compile(r"\s+")
_SELF_CLOSED_HTML = re.compile(r"<html\b[^>]*/>", re.IGNORECASE)


def page_text(html: str | bytes, _nested: bool = False) -> str:
    """Every visible text of <body>, one line per block element; table cells joined by a space
    on their row's line; whitespace collapsed; empty lines dropped. '' for an unparsable page.

    A page whose <title> is never closed parses as one long title holding the rest of the page
    as raw text; that text is parsed again as the page. So is a page whose <html> start tag
    closes itself ("<html .../>", a damaged page), without that tag."""
    import lxml.etree
    import lxml.html

    try:
        # huge_tree: libxml2 otherwise stops at 255 levels of nesting and drops the rest
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (lxml.etree.ParserError, ValueError):
        return ""
    for el in root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction):
        el.text = ""  # keeps the tail text, which belongs to the parent
    title = root.find("head/title")
    swallowed = title.text if title is not None and title.text and len(title.text) > 500 else None
    for el in list(root.iter(*_DROP)):
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()  # keeps the tail
    # The whole tree, not <body> alone: on a damaged page the parser puts what follows a stray
    # </body> beside it, under <html> (the page's text; <head> went with _DROP).
    body = root
    parts: list[str] = []
    # Iterative walk (deeply nested pages would overflow a recursive one): ("open", el) emits
    # the element's start and text and schedules its children, ("close", el) its end and tail.
    stack: list[tuple[str, lxml.html.HtmlElement]] = [("open", body)]
    while stack:
        phase, el = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        mark = "\n" if tag in _BLOCK else " " if tag in _CELL else ""
        if phase == "open":
            parts.append(mark)
            parts.append(el.text or "")
            stack.append(("close", el))
            stack.extend(("open", child) for child in reversed(el))
        else:
            parts.append(mark)
            if el is not body:
                parts.append(el.tail or "")
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    text = "".join(line + "\n" for line in lines if line)
    if not text and swallowed and "<" in swallowed and not _nested:
        return page_text(swallowed, _nested=True)
    if not text and not _nested and isinstance(html, str) and (start := _SELF_CLOSED_HTML.search(html)):
        # a damaged <html .../> start tag (the head cut out of it) closes the document at once
        return page_text(html[: start.start()] + html[start.end():], _nested=True)
    return text
