"""MK001 (detector = "markup_spans"): a page's HTML source on one line with the article inside.
The markup goes span by span, each span in the audit with the rule id; the prose between stays,
one blank apart; prose that quotes a tag or two, code in a tutorial and words in angle brackets
stay whole. Also the engine's cut: a span cut between two blanks leaves one blank (HT002)."""

from __future__ import annotations

from cleaner import Options, clean, load_rules

OPTS = Options(load_rules())
MK001 = Options(load_rules(select=["MK001"]))

ARTICLE = ("The council voted on Tuesday to close the old bridge to traffic for the whole of next year while "
           "engineers replace its deck, a decision that drivers and shop owners on both banks had long opposed.")
SOURCE = (
    'Bridge closed - City News</title> <script type="text/javascript"> var slot = googletag.defineSlot('
    "'/1/news', [728, 90], 'ad1'); function go() { window.open('/print'); } </script> "
    '<style>.nav{color:#fff;}</style> </head> <BODY leftmargin="0"> <!-- START TOOLBAR --> '
    '<div id="nav"><A HREF="/">Home</A></div> <select name="s"><option value="/a">Football</option>'
    '<option value="/b">Cricket</option></select> <P>' + ARTICLE + '</P> <p>Work&nbsp;starts in '
    'March, the <b>mayor</b> said.</p> <fb:like href="/x"></fb:like> <NOSCRIPT><IMG SRC="/pixel.gif">'
    "</NOSCRIPT> </BODY></HTML>"
)


def test_page_source_line_keeps_the_prose_only() -> None:
    out = clean(SOURCE, MK001).text.rstrip("\n")
    assert out == f"Home {ARTICLE} Work starts in March, the mayor said."


def test_each_span_is_in_the_audit_with_the_rule_id() -> None:
    res = clean(SOURCE, MK001)
    assert res.removed and {r.rule for r in res.removed} == {"MK001"}
    cut = [r.text for r in res.removed]
    assert any(t.startswith("Bridge closed - City News</title>") and "</head>" in t for t in cut)  # the head
    assert any("<option" in t and "Cricket" in t for t in cut)  # a select's options are never shown
    assert all(ARTICLE not in t and "mayor" not in t for t in cut)
    # every removed word is markup or hidden; the visible ones are exactly what the output keeps
    assert "".join(cut).count("<") >= 20


def test_no_doubled_blanks_and_no_glued_words() -> None:
    line = ('<div class="a">' + ARTICLE + ' </div> <div class="b"> <a href="/x">Next</a></div><div>story'
            '</div> <ul><li>one</li> <li>two</li></ul>')
    out = clean(line, MK001).text.rstrip("\n")
    assert "  " not in out
    assert out.endswith("opposed. Next story one two")


def test_default_rules_clean_the_source_line() -> None:
    out = clean(SOURCE, OPTS).text
    assert ARTICLE in out and "<" not in out and "googletag" not in out and "nbsp" not in out


def test_prose_that_quotes_tags_or_code_is_kept() -> None:
    for text in [
        "Use <b> for bold and </b> to end it; a <div> groups the elements of a page, as the tutorial shows.",
        "A simple protocol sends a value and then a carriage return <CR>. The <CR> ends the message; "
        "read until <CR>, then <CR> again, and <CR> <CR> <CR> once more before the next value.",
        "In C you write for (i = 0; i < n; i++) { if (a[i] < b) { s += a[i]; } } and the loop adds "
        "every value below b < c < d < e < f to the sum, as the second chapter explains.",
        "Die Betreffzeile lautet: Bitte bestätigen Sie Ihre E-Mail-Adresse: <persönliche E-Mail-Adresse>.",
    ]:
        res = clean(text, MK001)
        assert res.text.rstrip("\n") == text and not res.removed


def test_markup_with_a_label_only_is_left_to_the_line_rules() -> None:
    line = '<div class="alertBox"><div class="alert"><i></i><p>JavaScript is off.<br><a href="/help">Help</a></p></div></div>'
    assert not clean(line, MK001).removed  # too little text left: not MK001's to cut
    res = clean(f"{ARTICLE}\n{line}\n{ARTICLE}", OPTS)
    assert "JavaScript is off" not in res.text  # HT001 drops the line whole


def test_engine_cut_between_blanks_leaves_one_blank() -> None:
    """A span = "all" cut (HT002) of a tag between two blanks: one blank stays, not two."""
    line = "The council said on Monday <br> that the library would open in the spring after years of delay."
    res = clean(line, Options(load_rules(select=["HT002"])))
    assert [r.text for r in res.removed] == ["<br>"]
    assert res.text.rstrip("\n") == "The council said on Monday that the library would open in the spring after years of delay."


def test_link_only_blocks_of_page_source_go_links_in_sentences_stay() -> None:
    """MK002: the menus of a page's source (a list item, cell or div holding one link and nothing
    else) go with their text; a link inside a paragraph's sentence stays, as its words."""
    line = ('<ul><li><a href="/">Home</a></li> <li><div><a href="/news">News</a></div></li></ul> '
            '<div class="nav"> <a href="/sport">Sport</a> </div> <td><a href="/golf">Golf</a></td> '
            '<p>' + ARTICLE + ' The <a href="/plan">plan</a> goes to the council in May.</p>')
    res = clean(line, OPTS)
    assert res.text.rstrip("\n") == f"{ARTICLE} The plan goes to the council in May."
    # MK003 (chrome blocks, before MK002) now takes the whole link list and the nav div; MK002 alone still cuts each item
    assert [r.text for r in res.removed if r.rule == "MK003"][0].startswith('<ul><li><a href="/">Home</a></li>')
    alone = clean(line, Options(load_rules(ignore=["MK003"])))
    assert alone.text == res.text and {r.rule for r in alone.removed} >= {"MK001", "MK002"}
    assert [r.text for r in alone.removed if r.rule == "MK002"][0].startswith('<li><a href="/">Home</a></li>')


def test_block_tags_between_sentences_leave_a_blank() -> None:
    # "sail.</p><p>Schools": a cut between a sentence's end and the next word must not glue them
    line = ('<div><p>The storm closed the port on Monday and the ferries will not sail.</p><p>Schools in the town'
            ' stay closed until Wednesday, the council said today.</p></div>')
    out = clean(line, MK001).text.rstrip("\n")
    assert "sail. Schools" in out and "sail.Schools" not in out
