"""HTML to text with trafilatura: the only module that imports it (imported on first HTML input).

trafilatura finds the main content (comments off, tables and paragraphs kept, one paragraph
per line); the rule pipeline then runs on that text exactly as on a scraped text file.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from typing import Any


class NoContent(Exception):
    """trafilatura found no main text in the page."""


@dataclass(frozen=True)
class Extracted:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)  # title, authors, published, site_name, url, language


def read_html(data: bytes) -> bytes:
    """Raw page bytes; gzip-compressed input (.html.gz) is decompressed."""
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


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
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    meta = {
        "title": doc.title or None,
        "authors": authors,
        "published": doc.date or None,
        "site_name": doc.sitename or None,
        "url": doc.url or url,
        "language": doc.language or None,
    }
    return Extracted(text + "\n", meta)
