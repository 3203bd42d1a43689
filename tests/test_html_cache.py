"""benchmarks/html_cache.py: the cached html route gives clean_html's text. Made-up pages only."""

from __future__ import annotations

import sys

from cleaner.pipeline import clean_html

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import html_cache

STORY = "The river rose two metres overnight and the town closed the old bridge to traffic until further notice."
PAGE = (f"<html><head><title>Flood</title></head><body><article><h1>Flood</h1><p>{STORY}</p>"
        f"<p>{STORY} Engineers will inspect it on Monday.</p><p>Share this article</p></article></body></html>").encode()


def test_cached_route_gives_clean_htmls_text_and_reads_the_cache(tmp_path, options):
    text, result = html_cache.clean_cached(PAGE, options, tmp_path)
    assert result.text == clean_html(PAGE, options).text and STORY in text
    (entry,) = tmp_path.glob("*.json")
    entry.write_text('{"text": "Cached words only.\\n"}', encoding="utf-8")  # the second call reads the entry
    assert html_cache.clean_cached(PAGE, options, tmp_path)[1].text == "Cached words only.\n"


def test_a_page_trafilatura_finds_nothing_in_takes_the_whole_page_route(tmp_path, options):
    page = ("<html><head><title>Broken" + " filler" * 100 + "</head><body><p>" + STORY + "</p></body></html>").encode()
    text, result = html_cache.clean_cached(page, options, tmp_path)
    assert text == "" and STORY in result.text
