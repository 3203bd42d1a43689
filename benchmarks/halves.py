"""Split the evaldata pages by web site into two fixed halves, ``write`` and ``check``.

Rules are written and tuned looking only at the ``write`` half; the ``check`` half measures
how they carry over to sites nobody looked at (issue 13, item 4). Every benchmark that takes
``--half`` uses this module, so a site is in the same half in every dataset and every tool.

The rule, in full:

1. The page's host: the host name of its ``url`` in ``docs.jsonl`` when that is an http(s) URL,
   else its ``host`` field, else the host of the ``<link rel="canonical">`` or ``og:url`` in
   its HTML, else the site (rule 2) most often named in the HTML's ``href="http(s)://..."``
   attributes, ties to the alphabetically first (125 dragnet, 70 readability and 19
   trafilatura-eval pages have neither url nor host; a blog's own links outnumber the rest),
   else none.
2. The site: the host lower-cased, without a port, a trailing dot or a leading ``www.``, cut to
   its registrable part: the last two labels (``ask.yahoo.com`` -> ``yahoo.com``), or the last
   three when the last label is a two-letter country code and the one before it is a generic
   second-level label from ``SECOND_LEVEL`` (``news.bbc.co.uk`` -> ``bbc.co.uk``,
   ``politics.people.com.cn`` -> ``people.com.cn``) or when the last two are a blog host from
   ``BLOG_HOSTS``, whose subdomains are separate sites as in the public suffix list
   (``x.blogspot.com``). IP addresses stay whole. One publisher on several domains is one
   site: ``ALIASES`` maps the other domains to one (the pairs fundus's ``split_group`` names,
   e.g. bbc.com -> bbc.co.uk, which dragnet has too). A page with no host is a site of its
   own, ``<dataset>/<id>``.
3. The half: ``write`` when the SHA-1 of the site (UTF-8) read as a hexadecimal number is even
   (its last hex digit is one of 02468ace), else ``check``.

No list of sites is stored: the halves follow from the rule, and adding pages never moves a site.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from cleaner.sites import (  # noqa: F401 (SECOND_LEVEL ... re-exported)
    ALIASES, BLOG_HOSTS, CANONICAL, HREF, SECOND_LEVEL, site_of_host,
)

HALVES = ("write", "check")
#: The write half split again by the next bit of the same hash: tune on ``write-a`` and see
#: whether a rule carries over to ``write-b`` before anyone runs ``check`` (never tuned on).
SUBHALVES = ("write-a", "write-b")
CHOICES = ("all",) + HALVES + SUBHALVES
_CANONICAL, _HREF = CANONICAL, HREF
_LINK = re.compile(rb"""\bhref\s*=\s*["']?\s*https?://([^/"'\s>?#]+)""", re.I)


def half_of_site(site: str) -> str:
    """``write`` or ``check`` (rule 3 above)."""
    return "write" if int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "check"


def subhalf_of_site(site: str) -> str:
    """``write-a``/``write-b`` for a write-half site (the hash's second bit), else ``check``."""
    n = int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16)
    if n % 2:
        return "check"
    return "write-a" if (n >> 1) % 2 == 0 else "write-b"


def _host_from_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.strip())
    return parts.hostname if parts.scheme in ("http", "https") and parts.hostname else None


def _host_from_html(path: Path) -> str | None:
    """The host of the page's canonical link or og:url, else its most linked site."""
    try:
        data = gzip.open(path).read() if path.suffix == ".gz" else path.read_bytes()
    except OSError:
        return None
    for tag in _CANONICAL.finditer(data):
        if m := _HREF.search(tag.group(0)):
            if host := _host_from_url(m.group(1).decode("utf-8", "replace")):
                return host
    linked = Counter(site_of_host(m.decode("utf-8", "replace")) for m in _LINK.findall(data))
    linked.pop("", None)
    return min(linked, key=lambda k: (-linked[k], k)) if linked else None


def page_host(root: Path, dataset: str, row: dict) -> str | None:
    """The host of one docs.jsonl row (rule 1 above)."""
    host = _host_from_url(row.get("url")) or row.get("host")
    return host or _host_from_html(root / dataset / "html" / f"{row['id']}.html.gz")


def page_site(root: Path, dataset: str, row: dict) -> str:
    """The site of one docs.jsonl row: its registrable host, or ``<dataset>/<id>`` without one."""
    host = page_host(root, dataset, row)
    return site_of_host(host) if host else f"{dataset}/{row['id']}"


@functools.lru_cache(maxsize=64)
def _sites(root: Path, dataset: str) -> tuple[tuple[str, str], ...]:
    path = root / dataset / "docs.jsonl"
    if not path.exists():
        return ()
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return tuple((row["id"], page_site(root, dataset, row)) for row in rows)


def sites(root: Path, dataset: str) -> dict[str, str]:
    """Page id -> site, for every page in ``<root>/<dataset>/docs.jsonl`` ({} when it is absent);
    read once per process."""
    return dict(_sites(root, dataset))


def halves(root: Path, dataset: str) -> dict[str, str]:
    """Page id -> ``write`` or ``check``."""
    return {doc_id: half_of_site(site) for doc_id, site in sites(root, dataset).items()}


def select(root: Path, dataset: str, ids: list[str], half: str) -> list[str]:
    """The ids in ``half`` (``all``: every id, in order). Pages missing from docs.jsonl count as
    sites of their own."""
    if half == "all":
        return ids
    if half in SUBHALVES:
        s = sites(root, dataset)
        return [i for i in ids if subhalf_of_site(s.get(i, f"{dataset}/{i}")) == half]
    if half not in HALVES:
        raise ValueError(f"half must be write, check, write-a, write-b or all, not {half!r}")
    h = halves(root, dataset)
    return [i for i in ids if h.get(i, half_of_site(f"{dataset}/{i}")) == half]


def main() -> None:
    """Print the page and site counts of each half per dataset."""
    import argparse

    ap = argparse.ArgumentParser(description="Page and site counts of the write and check halves.")
    ap.add_argument("--data", type=Path, default=Path("../shared/evaldata"))
    args = ap.parse_args()
    print(f"{'dataset':<18}{'pages':>7}{'sites':>7}{'write pages':>13}{'sites':>7}{'check pages':>13}{'sites':>7}"
          f"{'write share':>13}")
    tot = {"all": [0, set()], "write": [0, set()], "check": [0, set()]}
    for ds in sorted(p.name for p in args.data.iterdir() if (p / "docs.jsonl").exists()):
        s = sites(args.data, ds)
        row = {}
        for half in ("all",) + HALVES:
            pages = [i for i in s if half == "all" or half_of_site(s[i]) == half]
            row[half] = (len(pages), len({s[i] for i in pages}))
            tot[half][0] += len(pages)
            tot[half][1] |= {s[i] for i in pages}
        print(f"{ds:<18}{row['all'][0]:>7}{row['all'][1]:>7}{row['write'][0]:>13}{row['write'][1]:>7}"
              f"{row['check'][0]:>13}{row['check'][1]:>7}{row['write'][0] / max(row['all'][0], 1):>13.2f}")
    a, w, c = (tot[k] for k in ("all", "write", "check"))
    print(f"{'all (distinct)':<18}{a[0]:>7}{len(a[1]):>7}{w[0]:>13}{len(w[1]):>7}{c[0]:>13}{len(c[1]):>7}"
          f"{w[0] / max(a[0], 1):>13.2f}")


if __name__ == "__main__":
    main()
