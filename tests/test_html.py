"""HTML pages: trafilatura's main text, then the rules; page metadata merged with the rules'."""

from __future__ import annotations

import gzip

import pytest

from cleaner.html import NoContent
from cleaner.pipeline import clean_html

BODY = " ".join(["The council approved the new budget on Monday after a long debate."] * 4)
PAGE = f"""<html><head><title>Council approves budget | Example News</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Council approves budget</h1>
<p>{BODY}</p>
<p>Members said the plan would fund two new schools and repair roads across the north of the city.</p>
<p>Share this article</p>
<p>Sign up to our free newsletters</p>
</article><footer>Copyright 2024 Example News</footer></body></html>"""


def test_html_page_cleaned_and_metadata_merged(options):
    result = clean_html(PAGE.encode(), options, source="page.html")
    assert BODY in result.text
    assert "Share this article" not in result.text and "Sign up" not in result.text
    assert "Home" not in result.text.split("\n")
    meta = result.metadata
    assert meta["authors"] == ["Jane Doe"] and meta["fields_from"]["authors"] == "html"
    assert meta["published"].startswith("2024-03-05")
    assert {r.rule for r in result.removed} >= {"SH001", "NL001"}


def test_gzip_page(options):
    result = clean_html(gzip.compress(PAGE.encode()), options)
    assert BODY in result.text


def test_page_without_text_is_reported(options):
    with pytest.raises(NoContent):
        clean_html(b"<html><head><title>Empty</title></head><body><script>x()</script></body></html>", options)


def test_text_only_rules_do_not_run_on_html(options):
    kinds = {r.id: r.inputs for r in options.for_html.rules.rules}
    assert "BP001" not in kinds and "SH001" in kinds


def test_gzipped_page_inside_gzip_is_bounded_by_max_mb(tmp_path):
    """A .html.gz whose page is gzip again (double-gzipped) is decompressed within --max-mb too,
    as the outer gzip is (io.gunzip_stream): one line, never the whole bomb in memory."""
    from typer.testing import CliRunner

    from cleaner.cli import app
    from cleaner.html import read_html

    inner = gzip.compress(PAGE.encode() + b" " * 3_000_000)
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(inner))
    res = CliRunner().invoke(app, ["clean", str(tmp_path / "page.html.gz"), "-o", str(tmp_path / "out"), "--max-mb", "1"])
    assert res.exit_code == 1, res.output
    assert "page.html.gz: failed: decompressed page is over the 1 MB limit (raise it with --max-mb)" in res.output
    assert "Traceback" not in res.output and not (tmp_path / "out" / "page.txt").exists()
    with pytest.raises(ValueError, match="over the 1 MB limit"):
        read_html(inner, max_bytes=1_000_000)
    assert read_html(gzip.compress(PAGE.encode()), max_bytes=1_000_000) == PAGE.encode()


ARTICLE = (
    "The river rose two metres overnight and the town closed the old bridge to traffic until further notice.\n"
    "Engineers will inspect the piers on Monday, and the council expects the work to take a month.\n"
    "Residents on the east bank were told to use the ferry, which will run every twenty minutes.\n"
)
CAPTIONS = (
    "A man walks his dog along the flooded promenade in the early morning. (Jane Roe/Reuters)\n"
    "Sandbags are piled outside a bakery near the market square on Sunday. (John Doe/AFP/Getty Images)\n"
    "Children watch the water from the steps of the town hall as rain falls. (Ann Lee/Associated Press)\n"
)


def test_a_credited_caption_beside_an_article_goes(options):
    from cleaner.pipeline import clean_main_text

    text = ARTICLE + ARTICLE.replace("river", "stream") + CAPTIONS.splitlines()[0] + "\n"
    result = clean_main_text(text, options)
    assert "Jane Roe" not in result.text and "Engineers will inspect" in result.text


def test_a_photo_page_keeps_its_captions(options):
    """When the caption rules would take most of trafilatura's text, the text is captions: a
    gallery or a photo page, whose captions are its content (pipeline.GALLERY_SHARE)."""
    from cleaner.pipeline import clean, clean_main_text

    text = "Scenes from the flooded town.\n" + CAPTIONS
    assert clean(text, options.for_html).text.count("\n") <= 1  # the premise: the caption rules take them
    result = clean_main_text(text, options)
    assert "(Jane Roe/Reuters)" in result.text and "(Ann Lee/Associated Press)" in result.text
