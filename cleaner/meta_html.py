"""The page's own schema.org article record (JSON-LD): headline, authors, publication time.

trafilatura's metadata is one source among others. Where a page describes its article in
JSON-LD (an object whose @type is NewsArticle, Article, BlogPosting, ReportageNewsArticle...),
that record is the publisher's own statement of its authors (typed Person or Organization, so
a publisher's name is never taken for a person) and of its publication time (a full timestamp,
where a generic "date" meta tag may be the update time). Its headline is used only for its
typography: taking it over trafilatura's title whenever present was measured and was worse
(docs/metadata.md), the record holding the SEO or kicker variant as often as the page's title.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from typing import Any

_LD_SCRIPT = re.compile(r"<script\b[^>]*application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|LiveBlogPosting|Report)$")
_ORG_TYPE = re.compile(r"Organi[sz]ation$|^Corporation$")
_TRUNCATED = ("...", "…")


@dataclass
class ArticleRecord:
    """What the page's JSON-LD says about its article (empty fields when it says nothing)."""

    headline: str | None = None
    persons: list[str] = field(default_factory=list)  # author names typed Person (or untyped strings)
    organisations: list[str] = field(default_factory=list)  # author names typed Organization
    publisher: str | None = None
    published: str | None = None  # datePublished as written


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every JSON object in a JSON-LD document: lists and @graph unrolled."""
    out: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(reversed(n))
        elif isinstance(n, dict):
            out.append(n)
            if "@graph" in n:
                stack.append(n["@graph"])
    return out


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type", [])
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def _text(v: Any) -> str | None:
    """A JSON-LD string value, entities decoded ("&#8216;" -> "‘"), spaces collapsed."""
    if isinstance(v, list) and v:
        v = v[0]
    if not isinstance(v, str):
        return None
    v = " ".join(htmllib.unescape(v).split())
    return v or None


def ld_objects(page: str) -> list[dict[str, Any]]:
    """The JSON objects of the page's JSON-LD scripts, in page order; a broken script is skipped."""
    out: list[dict[str, Any]] = []
    for m in _LD_SCRIPT.finditer(page):
        try:
            out += _objects(json.loads(m.group(1).strip(), strict=False))
        except ValueError:
            continue
    return out


def article_record(page: str) -> ArticleRecord:
    """The first article-typed JSON-LD object's headline, authors, publisher and datePublished."""
    rec = ArticleRecord()
    for obj in ld_objects(page):
        if not any(_ARTICLE_TYPE.search(t) for t in _types(obj)):
            continue
        rec.headline = _text(obj.get("headline"))
        authors = obj.get("author") or []
        for a in authors if isinstance(authors, list) else [authors]:
            name = _text(a.get("name")) if isinstance(a, dict) else _text(a)
            if not name:
                continue
            is_org = isinstance(a, dict) and any(_ORG_TYPE.search(t) for t in _types(a))
            (rec.organisations if is_org else rec.persons).append(name)
        pub = obj.get("publisher")
        if isinstance(pub, list) and pub:
            pub = pub[0]
        rec.publisher = _text(pub.get("name")) if isinstance(pub, dict) else _text(pub)
        rec.published = _text(obj.get("datePublished"))
        break
    return rec


_PLAIN = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "\u00ad": None, "\u200b": None})


def same_headline(title: str | None, rec: ArticleRecord) -> str | None:
    """`title` as the article record writes it when the two differ only in quote marks and
    invisible characters (og:title often has straight quotes where the headline has ‘curly’
    ones, or drops soft hyphens): the record's typography is the article's."""
    h = rec.headline
    if not title or not h or h.endswith(_TRUNCATED):
        return title
    same = " ".join(h.translate(_PLAIN).split()) == " ".join(title.translate(_PLAIN).split())
    return h if same else title
