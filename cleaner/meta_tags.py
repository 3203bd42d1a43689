"""The page's <meta> tag values and its publication timestamps, read with regular expressions.

Both HTML routes read these: cleaner.html (trafilatura's metadata checked against the page's
own stamps) and cleaner.meta_html (the page's titles, a stamp in the page's own time zone). They
live here, below both, so that the imports go one way: html -> meta_html -> meta_tags.
"""

from __future__ import annotations

import re
from functools import lru_cache


# <meta> keys of the publication time, most specific first: a generic "date" or "dc.date.issued"
# is on some sites the time of the last change, so it only counts after the specific ones.
_DATE_KEYS = (
    "article:published_time", "article:published:time", "og:published_time", "og:article:published_time",
    "published_time", "datepublished", "article.published", "parsely-pub-date", "sailthru.date", "publishdate",
    "publish-date", "pubdate", "dcterms.created", "date", "dc.date", "dc.date.issued",
)
_ISO_TIME = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)
# Zone abbreviations a page writes in a date ("Fri Apr 28 19:20:36 CEST 2023") whose offset is
# not in doubt; any other abbreviation (IST, CST: several zones) gives no timestamp.
_ZONES = {"UTC": 0, "GMT": 0, "Z": 0, "CET": 3600, "CEST": 7200, "BST": 3600, "WET": 0, "WEST": 3600, "EET": 7200,
          "EEST": 10800, "EST": -18000, "EDT": -14400, "PST": -28800, "PDT": -25200, "MSK": 10800, "JST": 32400}


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


def _loose_timestamp(value: str | None) -> str | None:
    """A timestamp written otherwise ("Fri Apr 28 19:20:36 CEST 2023", "2024-08-05 20:59:59.0"),
    with its offset when the zone is one of _ZONES; None without a time of day or with an
    unknown zone."""
    if not value:
        return None
    if ts := _timestamp(value):
        return ts
    if not re.search(r"\d{1,2}:\d{2}", value) or not re.search(r"\b\d{4}\b", value):
        return None
    zone = re.findall(r"\b([A-Z]{2,5})\b", value)
    if any(z not in _ZONES for z in zone):
        return None
    from dateutil import parser

    try:
        a = parser.parse(value, tzinfos=_ZONES)
    except (ValueError, OverflowError):
        return None
    out = a.strftime("%Y-%m-%dT%H:%M:%S")
    if a.tzinfo is not None and a.utcoffset() is not None:
        off = a.strftime("%z")
        out += off[:3] + ":" + off[3:]
    return out


def page_timestamps(html: str) -> list[str]:
    """Publication timestamps with a time of day, most specific first: the <meta> tags in the
    order of _DATE_KEYS (article:published_time before a generic "date"), then JSON-LD
    datePublished in page order."""
    found: list[tuple[int, str]] = []
    for key, value in _meta_pairs(html):
        if key in _DATE_KEYS and (ts := _timestamp(value)):
            found.append((_DATE_KEYS.index(key), ts))
    out = [ts for _, ts in sorted(found, key=lambda x: x[0])]
    for m in re.finditer(r"\"datePublished\"\s*:\s*\"([^\"]+)\"", html):
        ts = _timestamp(m.group(1))
        if ts:
            out.append(ts)
    return out


@lru_cache(maxsize=4)
def _meta_pairs(html: str) -> tuple[tuple[str, str], ...]:
    """(name, content) of the page's <meta> tags in page order: the name (property, name or
    itemprop) in lower case, the content stripped; a tag without either, or with an empty
    content, gives none. Cached per page: the timestamp, author, site-name, byline and title
    readers each ask (about ten scans of up to 400 kB a page before)."""
    out = []
    for m in re.finditer(r"<meta\b[^>]*>", html[:400_000], re.IGNORECASE):
        tag = m.group(0)
        key = re.search(r"\b(?:property|name|itemprop)\s*=\s*[\"']([^\"']+)", tag, re.IGNORECASE)
        # the value up to its own closing quote: "Taylor Swift's AMA row", 'He said "no"'
        val = re.search(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", tag, re.IGNORECASE)
        if key and val and (v := (val.group(1) or val.group(2) or "").strip()):
            out.append((key.group(1).strip().lower(), v))
    return tuple(out)


def page_meta_values(html: str, keys: tuple[str, ...]) -> list[str]:
    """Contents of the <meta> tags named by keys (lower-case), in page order."""
    return [value for key, value in _meta_pairs(html) if key in keys]


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
