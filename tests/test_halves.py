"""benchmarks/halves.py: the fixed write/check split of the evaldata pages by site (issue 13 item 4).

The expected halves below were worked out by hand from the documented rule (site = host without
``www.``, cut to its registrable part; ``write`` when the SHA-1 hex digest of the site is even,
i.e. ends in 0 2 4 6 8 a c e), with ``printf %s SITE | sha1sum``; no evaldata is needed.
"""

from __future__ import annotations

import gzip
import json
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from halves import half_of_site, select, site_of_host, sites  # noqa: E402


@pytest.mark.parametrize(
    ("site", "half"),
    [
        ("nytimes.com", "check"),  # 6291f8ec...b20263: ends in 3
        ("bbc.co.uk", "write"),  # 69426f1f...dd43168: ends in 8
        ("example.org", "check"),  # 20116dfd...38fc3f: ends in f
        ("sethgodin.typepad.com", "check"),  # 1b8cbb34...bb36c9cd: ends in d
    ],
)
def test_a_fixed_site_always_lands_in_the_same_half(site, half):
    assert half_of_site(site) == half


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("www.nytimes.com", "nytimes.com"),
        ("WWW.NYTimes.com.", "nytimes.com"),
        ("nytimes.com:8080", "nytimes.com"),
        ("thecaucus.blogs.nytimes.com", "nytimes.com"),
        ("news.bbc.co.uk", "bbc.co.uk"),
        ("www.abc.net.au", "abc.net.au"),
        ("politics.people.com.cn", "people.com.cn"),
        ("sethgodin.typepad.com", "sethgodin.typepad.com"),
        ("x.y.blogspot.com", "y.blogspot.com"),
        ("www.srf.ch", "srf.ch"),
        ("192.168.0.1", "192.168.0.1"),
        ("www.bbc.com", "bbc.co.uk"),  # one publisher, two domains
        ("www.zdfheute.de", "zdf.de"),
    ],
)
def test_site_is_the_registrable_host_without_www(host, site):
    assert site_of_host(host) == site


def test_www_and_subdomains_share_the_half_of_their_site():
    assert half_of_site(site_of_host("www.bbc.co.uk")) == "write"
    assert half_of_site(site_of_host("news.bbc.co.uk")) == "write"
    assert half_of_site(site_of_host("www.nytimes.com")) == "check"


def test_both_halves_are_used_on_a_made_up_list():
    made_up = [f"site{i}.example" for i in range(40)]
    got = {half_of_site(site_of_host(h)) for h in made_up}
    assert got == {"write", "check"}


def test_pages_without_url_take_the_host_of_their_html(tmp_path):
    """docs.jsonl rows without url/host: the canonical link, else the most linked site."""
    ds = tmp_path / "d"
    (ds / "html").mkdir(parents=True)
    rows = [
        {"id": "a", "url": "https://www.nytimes.com/x.html", "host": "nytimes.com"},
        {"id": "b", "url": None, "host": None},
        {"id": "c", "url": None, "host": None},
        {"id": "e", "url": None, "host": None},
    ]
    (ds / "docs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pages = {
        "b": b'<html><head><link rel="canonical" href="https://news.bbc.co.uk/1"></head></html>',
        "c": b'<a href="http://www.nytimes.com/1">1</a><a href="https://nytimes.com/2">2</a>'
        b'<a href="https://twitter.com/share">t</a>',
        "e": b"<p>no links at all</p>",
    }
    for doc_id, html in pages.items():
        (ds / "html" / f"{doc_id}.html.gz").write_bytes(gzip.compress(html))
    assert sites(tmp_path, "d") == {"a": "nytimes.com", "b": "bbc.co.uk", "c": "nytimes.com", "e": "d/e"}
    assert select(tmp_path, "d", ["a", "b", "c"], "write") == ["b"]
    assert select(tmp_path, "d", ["a", "b", "c"], "check") == ["a", "c"]
    assert select(tmp_path, "d", ["a", "b", "c"], "all") == ["a", "b", "c"]


def test_write_subhalves_split_the_write_half_and_nothing_else():
    from halves import subhalf_of_site

    sites_ = [f"site{i}.example" for i in range(400)]
    sub = {s: subhalf_of_site(s) for s in sites_}
    write = {s for s in sites_ if half_of_site(s) == "write"}
    a = {s for s, h in sub.items() if h == "write-a"}
    b = {s for s, h in sub.items() if h == "write-b"}
    assert a | b == write and not a & b
    assert len(a) > 50 and len(b) > 50  # both sub-halves are real splits, not one empty side
    assert all(sub[s] == "check" for s in sites_ if s not in write)
