"""MK003 (detector = "source_blocks"): on a line of page source, the chrome around the article goes
element by element (named by tag or class/id, link-dense, or a teaser list of link-led items);
every sentence of the article stays, whatever the class names around it; pathological lines end
in bounded time and the engine's passes end (an earlier attempt at this rule hung the engine)."""

from __future__ import annotations

import time

from cleaner import Options, clean, load_rules
from cleaner.source_blocks import chrome_spans

OPTS = Options(load_rules())
MK003 = Options(load_rules(select=["MK003"]))
RULE = next(r for r in load_rules().rules if r.id == "MK003")

ARTICLE = ("The council voted on Tuesday to close the old bridge to traffic for the whole of next year while "
           "engineers replace its deck, a decision that drivers and shop owners on both banks had long opposed.")
SECOND = "Work starts in March, the mayor said, and the ferry will run every hour until the bridge opens again."
MENU = ('<div id="globalMenu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div> '
        '<ul class="lhs"><li><a href="/a">Weather</a></li><li><a href="/b">Travel</a></li><li><a href="/c">TV</a></li></ul> ')
TEASERS = "".join(f'<div class="arr"><a href="/s{i}">Other story number {i} here</a><br /><span class="d">0{i} Jan 08 | UK</span></div> '
                  for i in range(1, 6))
SOURCE = (
    '<html><head><title>Bridge closed</title></head><body> ' + MENU
    + '<div id="main"><h1>Bridge to close for a year</h1> <p>' + ARTICLE + '</p> <p>' + SECOND + '</p></div> '
    + '<div class="see">SEE ALSO</div> ' + TEASERS
    + '<aside><h3>Most read</h3><p>A short teaser.</p></aside> <div id="footer">BBC PRODUCTS AND SERVICES <a href="/m">Mobiles</a></div>'
    + '</body></html>'
)


def test_chrome_goes_article_and_headline_stay() -> None:
    out = clean(SOURCE, OPTS).text
    assert ARTICLE in out and SECOND in out and "Bridge to close for a year" in out
    for chrome in ("Weather", "Travel", "Sport", "Other story number", "Jan 08", "Most read", "PRODUCTS", "Mobiles"):
        assert chrome not in out, chrome


def test_each_block_is_in_the_audit_with_the_rule_id() -> None:
    res = clean(SOURCE, MK003)
    cut = [r.text for r in res.removed]
    assert res.removed and {r.rule for r in res.removed} == {"MK003"}
    assert any(t.startswith('<div id="globalMenu">') for t in cut)
    assert sum(t.startswith('<div class="arr">') for t in cut) == 5
    assert all(ARTICLE not in t and SECOND not in t for t in cut)


def test_prose_inside_a_chrome_named_element_is_never_cut() -> None:
    line = ('<div class="content-with-sidebar nav"><p>' + ARTICLE + '</p></div> ' + MENU * 4 + '<p>' + SECOND + '</p>')
    spans = chrome_spans(RULE, line)
    assert spans and all(ARTICLE not in line[a:b] and SECOND not in line[a:b] for a, b in spans)
    assert ARTICLE in clean(line, OPTS).text


def test_few_teaser_items_or_no_page_source_stay() -> None:
    two = "".join(f'<div class="arr"><a href="/s{i}">Story {i}</a> 08 Jan 08 | UK</div>' for i in range(2))
    line = "<p>" + ARTICLE + "</p>" + two + "<b>x</b>" * 20
    assert not any(line[a:b].startswith('<div class="arr">') for a, b in chrome_spans(RULE, line))
    prose = "Use <b> for bold and </b> to end it; a <div> groups the elements of a page, as the tutorial shows."
    assert chrome_spans(RULE, prose) == []


def test_pathological_lines_end_quickly() -> None:
    lines = [
        '<div class="nav">' * 30_000 + "<p>" + ARTICLE + "</p>",  # deep, never closed
        "<div>" * 20_000 + "</div>" * 20_000 + "<p>" + ARTICLE + "</p>",  # deep, closed
        "<" * 100_000 + ARTICLE,  # no tag at all
        '<a href="/x">' * 20_000 + ARTICLE + "</a>" * 20_000 + "<b></b>" * 20,
        ('<li class="x"><a href="/">Home</a></li>' * 10_000) + "<p>" + ARTICLE + "</p>",  # a huge teaser group
        "<script>" + "<div>" * 50_000 + "<p>" + ARTICLE + "</p>",  # an unclosed script
        "<div>" * 20_000 + "</span>" * 20_000 + "<p>" + ARTICLE + "</p>",  # end tags nothing opened
        "<div>" * 20_000 + "<span>x</div>" * 20_000 + "<p>" + ARTICLE + "</p>",  # end tags deep down
    ]
    for line in lines:
        t0 = time.perf_counter()
        chrome_spans(RULE, line)
        assert time.perf_counter() - t0 < 5, line[:40]


def test_engine_passes_end_on_a_pathological_page() -> None:
    doc = ('<div class="menu"><a href="/">Home</a></div>' * 3000 + "<p>" + ARTICLE + "</p>"
           + '<div class="arr"><a href="/x">Other story</a></div>' * 3000) + "\n" + SOURCE
    t0 = time.perf_counter()
    out = clean(doc, OPTS).text
    assert time.perf_counter() - t0 < 20
    assert ARTICLE in out and "Other story" not in out
    assert clean(out, OPTS).text == out  # idempotent: a second run finds nothing more


def test_many_unclosed_hidden_elements_stay_linear() -> None:
    line = "<script>x " * 40_000 + "<p>" + ARTICLE + "</p>"
    t0 = time.perf_counter()
    chrome_spans(RULE, line)
    assert time.perf_counter() - t0 < 5
