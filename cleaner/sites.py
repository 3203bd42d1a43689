"""Which web site a document comes from: its registrable host.

`cleaner learn` groups documents by site, and a rule with a `sites` key applies only to the
documents of those sites. The site of a document is, in this order: the URL in a record field
(`--site-key`, else the first of `url`, `link`, `source_url`, `canonical` that holds an http(s)
URL), an HTML page's `<link rel="canonical">` or `og:url`, else the name of the input's parent
folder (a folder of pages per site is a common layout of scraped text).

The host becomes a site as benchmarks/halves.py splits the evaluation pages (one rule, used by
both): lower-cased, without port, trailing dot or leading ``www.``, cut to the last two labels,
or three under a country code with a generic second level (``news.bbc.co.uk`` -> ``bbc.co.uk``)
or under a blog host whose subdomains are separate sites (``x.blogspot.com``); one publisher on
several domains is one site (ALIASES).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

# generic labels under a country code that are not themselves a site (co.uk, com.au, ne.jp ...)
SECOND_LEVEL = frozenset(
    "ac co com edu gob gov go govt ltd me mil net ne nic nom or org plc sch".split()
)
# hosts whose subdomains are separate sites (the public suffix list's private entries among them)
BLOG_HOSTS = frozenset("blogspot.com wordpress.com typepad.com tumblr.com livejournal.com github.io".split())
# one publisher, several registrable domains (from fundus's split_group): other domain -> site
ALIASES = {"bbc.com": "bbc.co.uk", "zdfheute.de": "zdf.de", "db.no": "dagbladet.no"}
URL_FIELDS = ("url", "link", "source_url", "canonical", "canonical_url")
_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
CANONICAL = re.compile(
    rb"""<link\b[^>]*\brel=["']?canonical["']?[^>]*>|<meta\b[^>]*\bproperty=["']?og:url["']?[^>]*>""", re.I
)
HREF = re.compile(rb"""\b(?:href|content)=["']?(https?://[^"'\s>]+)""", re.I)
HEAD_BYTES = 256 * 1024  # the canonical link sits in the head; do not scan a whole large page


def site_of_host(host: str) -> str:
    """The registrable site of a host name."""
    h = host.strip().lower().rstrip(".")
    h = h.rsplit("@", 1)[-1].split(":", 1)[0]  # user info, port
    h = h.removeprefix("www.")
    if _IP.match(h):
        return h
    labels = [x for x in h.split(".") if x]
    keep = 3 if len(labels) >= 3 and (len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL
                                      or ".".join(labels[-2:]) in BLOG_HOSTS) else 2
    site = ".".join(labels[-keep:])
    return ALIASES.get(site, site)


def host_of_url(url: Any) -> str | None:
    """The host of an http(s) URL, else None."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:  # a malformed URL ("http://[x")
        return None
    return host if parts.scheme in ("http", "https") and host else None


def site_of_url(url: Any) -> str | None:
    host = host_of_url(url)
    return site_of_host(host) if host else None


def host_of_html(data: bytes | str) -> str | None:
    """The host of a page's canonical link or og:url, None without one."""
    raw = data[:HEAD_BYTES]
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "replace")
    for tag in CANONICAL.finditer(raw):
        if m := HREF.search(tag.group(0)):
            if host := host_of_url(m.group(1).decode("utf-8", "replace")):
                return host
    return None


def site_of(*, fields: Mapping[str, Any] | None = None, html: bytes | str | None = None,
            path: Path | None = None, key: str | None = None) -> str | None:
    """A document's site (see the module's docstring): from a record's fields (`key` names the
    field when given; its value may be a URL or already a site name), an HTML page, else the
    input's parent folder name. None when nothing names one."""
    if fields:
        if key is not None:
            value = fields.get(key)
            if isinstance(value, str) and value.strip():
                return site_of_url(value) or value.strip().lower()
        else:
            for name in URL_FIELDS:
                if site := site_of_url(fields.get(name)):
                    return site
    if html is not None:
        if host := host_of_html(html):
            return site_of_host(host)
    if path is not None:
        folder = path.parent.name or path.absolute().parent.name  # "p1.txt" given inside its site's folder
        if folder:
            return folder.lower()
    return None
