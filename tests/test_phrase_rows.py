"""Label rows (issue 13): a line that segments completely into >= 2 labels of the lexicons a
row rule names (`phrase_row_from`), with separators or glued at a case change."""

from __future__ import annotations

import pytest

from cleaner import Options, RuleError, clean, load_rules
from cleaner.phrases import RowIndex, normalise, segment_row

from .conftest import write_pack

LABELS = frozenset(normalise(p) for p in [
    "Print", "Email", "Return to top", "Tweet", "Pin it", "Share", "Share on Facebook", "Facebook",
    "X", "WhatsApp", "Cookie settings", "Accept all", "E-paper", "Newsletter", "Rätsel", "Home",
    "分享", "微博", "微信", "Drucken", "Teilen", "Comments",
])


@pytest.mark.parametrize("line, want", [
    ("Print Email Return to Top", ["print", "email", "return to top"]),
    ("Tweet Pin It", ["tweet", "pin it"]),
    ("Share on FacebookShare", ["share on facebook", "share"]),
    ("FacebookXWhatsApp", ["facebook", "x", "whatsapp"]),
    ("Cookie settingsAccept all", ["cookie settings", "accept all"]),
    ("E-paperNewsletterRätsel", ["e-paper", "newsletter", "rätsel"]),
    ("Drucken | Teilen", ["drucken", "teilen"]),
    ("» Facebook · Email /", ["facebook", "email"]),
    ("Permalink | Comments (0)", None),  # "permalink" is not among these labels
    ("Share | Comments (0)", ["share", "comments"]),
    ("Facebook 12 Tweet 3", ["facebook", "tweet"]),  # counts between and after labels
    ("分享微博微信", ["分享", "微博", "微信"]),
])
def test_segments(line, want):
    assert segment_row(line, LABELS) == want


@pytest.mark.parametrize("line", [
    "Print",  # one label: the lexicon rules' business, not a row
    "Share the news",  # a label, then words that are not labels
    "Printed Email",  # a label must end at a boundary
    "facebookshare",  # glued without a case change: not two labels
    "Homepage Email",
    "12 Print Email",  # a leading count is not a separator
    "分享一下",
])
def test_does_not_segment(line):
    assert segment_row(line, LABELS) is None


SECTIONS = frozenset(normalise(p) for p in ["World", "News", "Graphics", "Settings", "Sport", "国際", "経済"])
BUTTONS = frozenset(normalise(p) for p in ["Print", "Email", "Share"])


@pytest.mark.parametrize("line, want", [
    ("World news", None),  # two section names joined by a space read as prose
    ("Graphics settings", None),
    ("World-news", None),  # a hyphen joins words as a space does
    ("国際経済", None),  # run together without spaces: a compound word
    ("Print Email", ["print", "email"]),  # two buttons
    ("World | News", ["world", "news"]),  # a separator makes it a row
    ("WorldNews", ["world", "news"]),  # so does a case change
    ("World News Sport", ["world", "news", "sport"]),  # three labels
    ("Share World", None),  # one of two is not a button
])
def test_weak_pairs_need_buttons(line, want):
    assert segment_row(line, SECTIONS | BUTTONS, BUTTONS) == want


def test_cheap_check_lets_rows_through_and_stops_prose():
    row = RowIndex("ZR001", LABELS)
    for line in ["Print Email Return to Top", "FacebookXWhatsApp", "Facebook 12 Tweet 3", "分享微博微信"]:
        assert row.may_match(normalise(line)), line
    assert not row.may_match(normalise("The minister said nothing about the print run."))
    assert not row.may_match(normalise("Print " * 30))  # too long for a row


PACK = '''
[pack]
prefix = "ZR"
summary = "row test pack"

[[rule]]
id = "ZR001"
name = "label"
summary = "Labels."
why = "Test."
scope = "line"
action = "drop"
[rule.phrases]
en = ["Print", "Email", "Tweet", "Pin it"]
[[rule.example]]
match = "Print"
[[rule.example]]
no_match = "Print it."

[[rule]]
id = "ZR002"
name = "row"
summary = "Rows of labels."
why = "Test."
scope = "line"
action = "drop"
phrase_row_from = ["ZR001"]
phrase_pair_from = ["ZR001"]
[[rule.example]]
match = "Print Email"
[[rule.example]]
no_match = "Print the email"
'''


def removed_by(opts: Options, text: str) -> list[tuple[str, str]]:
    res = clean(text, opts)
    return [(r.rule, r.text.strip()) for r in res.removed]


def test_row_rule_removes_rows_only(tmp_path):
    write_pack(tmp_path, PACK)
    opts = Options(load_rules([tmp_path], builtin=False))
    text = "Print Email\nA sentence of the article that stays.\nTweet Pin it\nPrint\n"
    got = removed_by(opts, text)
    assert ("ZR002", "Print Email") in got and ("ZR002", "Tweet Pin it") in got
    assert ("ZR001", "Print") in got
    assert all("article" not in t for _, t in got)


def test_row_rule_only_selected_still_knows_its_labels(tmp_path):
    write_pack(tmp_path, PACK)
    opts = Options(load_rules([tmp_path], builtin=False, select=["ZR002"]))
    assert removed_by(opts, "Print Email\nPrint\n") == [("ZR002", "Print Email")]


def test_row_rule_alone_takes_a_row_longer_than_its_labels(tmp_path):
    """A row rule selected alone (as its examples run) has no phrase table of its own: a row
    longer than the longest label + 40 characters was skipped as "too long for a phrase"."""
    write_pack(tmp_path, PACK)
    opts = Options(load_rules([tmp_path], builtin=False, select=["ZR002"]))
    row = "Print | Email | Tweet | Pin it | Print | Email | Tweet"
    assert removed_by(opts, row + "\n") == [("ZR002", row)]


def test_row_from_unknown_rule_is_an_error(tmp_path):
    write_pack(tmp_path, PACK.replace('phrase_row_from = ["ZR001"]', 'phrase_row_from = ["ZR009"]'))
    with pytest.raises(RuleError, match="phrase_row_from"):
        load_rules([tmp_path], builtin=False)


def test_row_rule_takes_no_phrases_of_its_own(tmp_path):
    write_pack(tmp_path, PACK.replace('phrase_row_from = ["ZR001"]', 'phrase_row_from = ["ZR001"]\npatterns = ["x"]'))
    with pytest.raises(RuleError, match="phrase_row_from"):
        load_rules([tmp_path], builtin=False)
