"""HTML to text with trafilatura: the only module that imports it (imported on first HTML input).

trafilatura finds the main content (comments off, tables and paragraphs kept, one paragraph
per line); the rule pipeline then runs on that text exactly as on a scraped text file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any


class NoContent(Exception):
    """trafilatura found no main text in the page."""


@dataclass(frozen=True)
class Extracted:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)  # title, authors, published, site_name, url, language(_from)


def read_html(data: bytes, max_bytes: int | None = None) -> bytes:
    """Raw page bytes; a gzip-compressed page (a .html served gzipped, or a .html.gz whose page
    is gzip again) is decompressed within `max_bytes` (--max-mb; default io.MAX_BYTES), in
    chunks as io.gunzip_stream does: ValueError, one line, when it is over or broken."""
    if data[:2] != b"\x1f\x8b":
        return data
    from .io import MAX_BYTES, gunzip_stream

    limit = MAX_BYTES if max_bytes is None else max_bytes
    over = lambda: ValueError(f"decompressed page is over the {limit / 1e6:g} MB limit (raise it with --max-mb)")  # noqa: E731
    return gunzip_stream(io.BytesIO(data), limit, over=over)


_DATE_KEYS = (
    "article:published_time", "og:published_time", "published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
)
_ISO_TIME = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)


def _timestamp(value: str) -> str | None:
    """'2025-06-05T14:46:12+0200' -> '2025-06-05T14:46:12+02:00'; None unless it has a time."""
    m = _ISO_TIME.match(value or "")
    if not m:
        return None
    day, clock, off = m.groups()
    if off == "Z":
        off = "+00:00"
    elif off and ":" not in off:
        off = off[:3] + ":" + off[3:]
    return f"{day}T{clock}{off or ''}"


def page_timestamps(html: str) -> list[str]:
    """Publication timestamps with a time of day, in the order the page's metadata gives them:
    <meta> tags (article:published_time, pubdate, ...), then JSON-LD datePublished."""
    out: list[str] = []
    for m in re.finditer(r"<meta\b[^>]*>", html[:400_000], re.IGNORECASE):
        tag = m.group(0)
        key = re.search(r"\b(?:property|name|itemprop)\s*=\s*[\"']([^\"']+)", tag, re.IGNORECASE)
        val = re.search(r"\bcontent\s*=\s*[\"']([^\"']+)", tag, re.IGNORECASE)
        if key and val and key.group(1).strip().lower() in _DATE_KEYS:
            ts = _timestamp(val.group(1))
            if ts:
                out.append(ts)
    for m in re.finditer(r"\"datePublished\"\s*:\s*\"([^\"]+)\"", html):
        ts = _timestamp(m.group(1))
        if ts:
            out.append(ts)
    return out


def page_meta_values(html: str, keys: tuple[str, ...]) -> list[str]:
    """Contents of the <meta> tags named by keys (lower-case), in page order."""
    out = []
    for m in re.finditer(r"<meta\b[^>]*>", html[:400_000], re.IGNORECASE):
        tag = m.group(0)
        key = re.search(r"\b(?:property|name|itemprop)\s*=\s*[\"']([^\"']+)", tag, re.IGNORECASE)
        val = re.search(r"\bcontent\s*=\s*[\"']([^\"']+)", tag, re.IGNORECASE)
        if key and val and key.group(1).strip().lower() in keys:
            out.append(val.group(1).strip())
    return out


def _scholarly_authors(html: str) -> list[str]:
    """citation_author / dc.creator names; "Last, First" turned to "First Last"."""
    names = []
    for v in page_meta_values(html, ("citation_author", "dc.creator")):
        last, sep, first = v.partition(",")
        name = f"{first.strip()} {last.strip()}" if sep and first.strip() else v
        if name not in names:
            names.append(name)
    return names


_ITEMPROP_PUBLISHED = re.compile(r"<[^>]*\bitemprop\s*=\s*[\"']datePublished[\"'][^>]*>", re.IGNORECASE)


def microdata_timestamps(html: str) -> list[str]:
    """Publication timestamps the page marks in its body: <time itemprop="datePublished" datetime=...>."""
    out = []
    for m in _ITEMPROP_PUBLISHED.finditer(html):
        val = re.search(r"\b(?:datetime|content)\s*=\s*[\"']([^\"']+)", m.group(0), re.IGNORECASE)
        ts = _timestamp(val.group(1)) if val else None
        if ts:
            out.append(ts)
    return out


def _with_time(day: str | None, html: str) -> str | None:
    """The page's timestamp for trafilatura's day (or the first one when it found no day).

    trafilatura's day stands when any of the page's own timestamps agrees with it (or there are
    none). When none agrees and the page marks its publication time in microdata
    (itemprop="datePublished"), that mark is used: trafilatura then took a date from elsewhere."""
    stamps = page_timestamps(html)
    marked = microdata_timestamps(html)
    for ts in stamps + marked:
        if day is None or ts[:10] == day[:10]:
            return ts
    return marked[0] if marked else day


def markup_language(html: str) -> dict[str, str]:
    """{"language": code, "language_from": evidence} from the page's markup, or {} (cleaner.language)."""
    from .language import page_language

    found = page_language(html)
    return {"language": found[0], "language_from": found[1]} if found else {}


def extract(data: bytes | str, url: str | None = None) -> Extracted:
    """Main text and page metadata; raise NoContent when trafilatura finds nothing."""
    import trafilatura  # heavy: only paid for when an HTML input appears

    if isinstance(data, bytes):
        data = read_html(data)
    doc = trafilatura.bare_extraction(
        data, url=url, include_comments=False, include_tables=True, with_metadata=True
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise NoContent("trafilatura found no main text in the page")
    from .metadata import clean_page_authors, clean_page_title

    html = data if isinstance(data, str) else data.decode("utf-8", "replace")
    authors = clean_page_authors([a for a in (doc.author or "").split(";") if a.strip()], doc.sitename, doc.url or url)
    if len(authors) > 1 and all(len(a.split()) == 1 for a in authors):
        # "Brazil; Rachel": trafilatura split a "Last, First" name; the scholarly tags keep it whole
        authors = clean_page_authors(_scholarly_authors(html)) or authors
    meta = {
        "title": clean_page_title(doc.title or None, doc.sitename, doc.url or url),
        "authors": authors,
        "published": _with_time(doc.date or None, html),
        "site_name": doc.sitename or None,
        "url": doc.url or url,
        **markup_language(html),
    }
    return Extracted(text + "\n", meta)
