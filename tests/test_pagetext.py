"""The whole-page text of an HTML page, and the HTML route's fallback to it."""

from __future__ import annotations

import pytest

from cleaner.html import NoContent, extract
from cleaner.pagetext import page_text
from cleaner.pipeline import clean_html

STORY = (
    "The river rose two metres overnight and the town closed the old bridge to traffic until "
    "further notice, officials said on Sunday morning."
)


def test_blocks_become_lines_cells_share_a_row_and_invisible_parts_go():
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/c'>Contact</a></nav><!-- hidden note -->"
        "<p>First <b>para</b>graph.</p><script>track()</script><div>Second<br>line</div>"
        "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>"
        "<textarea>typed</textarea></body></html>"
    )
    assert page_text(html) == "Home Contact\nFirst paragraph.\nSecond\nline\na b\nc d\n"


def test_deep_nesting_does_not_overflow():
    # deeper than libxml2's default limit (255) and than Python's recursion limit (1000)
    html = "<div>" * 2000 + "deep text" + "</div>" * 2000
    assert page_text(html) == "deep text\n"


def test_a_title_that_is_never_closed_is_read_again_as_the_page():
    html = "<html><head><title>Broken" + " filler" * 100 + "</head><body><p>" + STORY + "</p></body></html>"
    assert STORY in page_text(html)


def test_unparsable_or_empty_input_gives_no_text():
    assert page_text("") == ""
    assert page_text("<html><body><script>x()</script></body></html>") == ""


def test_html_route_falls_back_to_the_whole_page_when_trafilatura_finds_nothing():
    html = "<html><head><title>Broken" + " filler" * 100 + "</head><body><p>" + STORY + "</p></body></html>"
    with pytest.raises(NoContent):
        extract(html)  # the premise: trafilatura gives up on this page
    result = clean_html(html.encode())
    assert STORY in result.text
    assert result.metadata["text_from"].startswith("page text")


def test_html_route_says_trafilatura_gave_the_text():
    html = "<html><body><article><h1>Flood</h1><p>" + STORY + "</p><p>" + STORY + " Again.</p></article></body></html>"
    assert clean_html(html).metadata["text_from"] == "trafilatura"


def test_text_after_a_stray_end_of_body_is_read():
    """A damaged page ends <body> early: the parser puts what follows beside <body>, under <html>."""
    html = "<table><tr><td><map name='m'><area href='/a'></map></td></tr></table></body><table><tr><td>" + STORY + "</td></tr></table>"
    assert STORY in page_text(html)


def test_a_self_closed_html_start_tag_does_not_empty_the_page():
    html = '<!DOCTYPE html><html xlogo.jpg" alt="Logo" />\n<table><tr><td><p>' + STORY + "</p></td></tr></table></body></html>"
    assert STORY in page_text(html)
