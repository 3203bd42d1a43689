"""cleaner.html.table_layout_text: readability's text for pages laid out with tables."""

from __future__ import annotations

import trafilatura

from cleaner.html import extract, table_layout_text
from cleaner.pipeline import clean_html

SENTENCE = ("<p>The city council approved the new budget on {day} after a debate that lasted most of "
            "the night, members said.</p>")
BODY = "".join(SENTENCE.format(day=d) for d in ("Monday", "Tuesday", "Friday", "Sunday"))
MENU = "".join(f"<tr><td><a href='/s{i}'>Section {i}</a></td><td><a href='/t{i}'>Topic {i}</a></td></tr>"
               for i in range(12))
TABLE_PAGE = (f"<html><head><title>Budget</title></head><body><table><tr><td><table>{MENU}</table></td>"
              f"<td>{BODY}</td></tr><tr><td>Home</td><td>Contact | Privacy policy</td></tr></table></body></html>")
PLAIN_PAGE = f"<html><head><title>Budget</title></head><body><nav><a href='/'>Home</a></nav><article>{BODY}</article></body></html>"


def _trafilatura_text(html: str) -> str:
    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=True)
    return doc.text


def test_table_layout_page_takes_readability_text() -> None:
    raw = _trafilatura_text(TABLE_PAGE)
    assert "Section 3" in raw and raw.count("|") > 10  # trafilatura: the menu cells as table rows
    page = extract(TABLE_PAGE)
    assert page.text_from == "readability (table layout)"
    assert "Section 3" not in page.text and "Topic 7" not in page.text
    assert page.text.count("The city council approved") == 4
    assert clean_html(TABLE_PAGE).metadata["text_from"] == "readability (table layout)"


def test_page_without_table_rows_keeps_trafilatura_text() -> None:
    page = extract(PLAIN_PAGE)
    assert page.text_from == "trafilatura"
    assert table_layout_text(PLAIN_PAGE, page.text) is None


def test_extractors_that_disagree_keep_trafilatura_text() -> None:
    # trafilatura's text is table rows, but readability's text shares none of its words: no vote
    rows = "\n".join(f"| Section {i} | Topic {i} |" for i in range(12))
    assert table_layout_text(TABLE_PAGE, rows) is None


def test_article_with_a_small_data_table_keeps_trafilatura_text() -> None:
    table = "<table><tr><td>Item</td><td>Cost</td></tr><tr><td>Schools</td><td>12 million</td></tr></table>"
    html = f"<html><body><article>{BODY}{table}{BODY}</article></body></html>"
    page = extract(html)
    assert page.text_from == "trafilatura"
    assert "Schools" in page.text
