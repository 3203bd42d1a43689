"""span = "block" (issue 13): a header line of a box of other articles goes with the
headline-shaped lines after it, up to the first line of prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Options, RuleError, clean, load_rules

from .conftest import write_pack

PACK = '''
[pack]
prefix = "ZB"
summary = "block test pack"

[[rule]]
id = "ZB001"
name = "related-box"
summary = "A related-articles box."
why = "Test."
scope = "line"
action = "drop"
span = "block"
phrase_tail = "any"
phrase_tail_max_words = 6
[rule.phrases]
en = ["Related stories", "More from"]
de = ["Mehr zum Thema"]
[rule.block]
max_words = 12
max_lines = 4
body = ['(?i)\\b\\d+ comments\\.?$']
stop = ['[.:]$']
[[rule.example]]
match = "Related stories"
[[rule.example]]
no_match = "Related stories were published on Monday."
'''

ARTICLE = "The council voted on Tuesday to close the old bridge to cars."


@pytest.fixture
def opts(tmp_path: Path) -> Options:
    write_pack(tmp_path / "rules", PACK)
    return Options(load_rules([tmp_path / "rules"], builtin=False))


def removed(opts: Options, text: str) -> list[tuple[str, str]]:
    return [(r.rule, r.text) for r in clean(text, opts).removed]


def test_header_and_headlines_go_up_to_the_first_prose_line(opts):
    text = f"Related stories\nBridge to close for a year\nWhy the river floods\n{ARTICLE}\nMore text follows here."
    assert removed(opts, text) == [("ZB001", "Related stories\nBridge to close for a year\nWhy the river floods")]
    assert clean(text, opts).text.rstrip("\n") == f"{ARTICLE}\nMore text follows here."


def test_teaser_meta_lines_belong_to_the_block(opts):
    text = (f"{ARTICLE}\nMore from Bright Side\nThe season ahead\nJul 2012 by A. Writer - 12 comments.\n"
            "Trade rumours\n" + ARTICLE)
    out = clean(text, opts)
    assert out.removed[0].text == (
        "More from Bright Side\nThe season ahead\nJul 2012 by A. Writer - 12 comments.\nTrade rumours"
    )
    assert out.text.rstrip("\n") == f"{ARTICLE}\n{ARTICLE}"


def test_a_long_line_without_sentence_end_ends_the_block(opts):
    long_line = " ".join(["word"] * 13)
    text = f"Mehr zum Thema\nDie Bahn streikt\n{long_line}"
    assert removed(opts, text) == [("ZB001", "Mehr zum Thema\nDie Bahn streikt")]


def test_at_most_max_lines_follow_the_header(opts):
    heads = [f"Headline number {k}" for k in range(6)]
    text = "\n".join(["Related stories", *heads, ARTICLE])
    out = clean(text, opts)
    assert out.removed[0].text == "\n".join(["Related stories", *heads[:4]])
    assert out.text.rstrip("\n") == "\n".join([*heads[4:], ARTICLE])


def test_the_next_header_starts_its_own_block(opts):
    text = f"Related stories\nA headline\nMehr zum Thema\nEine Schlagzeile\n{ARTICLE}"
    assert removed(opts, text) == [
        ("ZB001", "Related stories\nA headline"),
        ("ZB001", "Mehr zum Thema\nEine Schlagzeile"),
    ]


def test_a_header_followed_by_prose_goes_alone_and_cleaning_again_changes_nothing(opts):
    text = f"{ARTICLE}\nRelated stories\n{ARTICLE}"
    out = clean(text, opts)
    assert [r.text for r in out.removed] == ["Related stories"]
    assert clean(out.text, opts).text == out.text


def test_prose_that_starts_like_a_header_is_not_a_block(opts):
    text = f"Related stories were published on Monday and Tuesday, the paper said.\nA headline\n{ARTICLE}"
    assert removed(opts, text) == []


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda p: p.replace('span = "block"\n', ""), "[rule.block] is only allowed with span = \"block\""),
        (lambda p: p[: p.index("[rule.block]")] + p[p.index("[[rule.example]]") :], "needs a [rule.block] table"),
        (lambda p: p.replace("max_lines = 4", "max_lines = 0"), "'max_lines' must be an integer >= 1"),
        (lambda p: p.replace("max_lines = 4", "max_line = 4"), "block: unknown key 'max_line'"),
        (lambda p: p.replace("stop = ['[.:]$']", "stop = ['[.:$']"), "'block.stop': bad regex"),
    ],
)
def test_loader_refuses_a_bad_block(tmp_path, edit, message):
    write_pack(tmp_path / "rules", edit(PACK))
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path / "rules"], builtin=False)
    assert message in str(err.value)


REPEAT_PACK = '''
[pack]
prefix = "ZR"
summary = "repeat_line test pack"

[[rule]]
id = "ZR001"
name = "repeated-headline"
summary = "A headline repeated right after itself."
why = "Test."
scope = "line"
action = "drop"
detector = "repeat_line"
min_words = 3
max_words = 20
patterns = ['^(?!.*[.!]$)']
[rule.params]
max_gap = 1
[[rule.example]]
match = "Rates rise again today\\nRates rise again today"
[[rule.example]]
no_match = "Rates rise again today\\nMarkets\\nRates rise again today"
'''


@pytest.fixture
def repeat_opts(tmp_path: Path) -> Options:
    write_pack(tmp_path / "rules", REPEAT_PACK)
    return Options(load_rules([tmp_path / "rules"], builtin=False))


def test_a_headline_right_after_its_copy_goes_and_the_first_stays(repeat_opts):
    text = f"Rates rise again: what it means\nRates rise again - what it means\n{ARTICLE}"
    out = clean(text, repeat_opts)
    assert [r.text for r in out.removed] == ["Rates rise again - what it means"]
    assert out.text.rstrip("\n") == f"Rates rise again: what it means\n{ARTICLE}"


def test_copies_further_apart_sentences_and_short_lines_stay(repeat_opts):
    text = (f"Rates rise again today\nMarkets\nRates rise again today\n{ARTICLE}\n{ARTICLE}\n"
            "Add salt\nAdd salt")
    assert clean(text, repeat_opts).removed == []


def test_three_copies_in_a_row_leave_one(repeat_opts):
    text = "Rates rise again today\nRates rise again today\nRates rise again today"
    assert clean(text, repeat_opts).text.rstrip("\n") == "Rates rise again today"


def test_repeat_line_needs_max_gap(tmp_path):
    write_pack(tmp_path / "rules", REPEAT_PACK.replace("[rule.params]\nmax_gap = 1\n", ""))
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path / "rules"], builtin=False)
    assert "max_gap" in str(err.value)


def test_a_header_an_alone_pattern_matches_goes_without_its_lines(tmp_path):
    pack = PACK.replace("stop = ['[.:]$']", "stop = ['[.:]$']\nalone = ['(?i)^mehr zum thema$']")
    write_pack(tmp_path / "rules", pack)
    opts = Options(load_rules([tmp_path / "rules"], builtin=False))
    text = f"Mehr zum Thema\nDie Bahn streikt\n{ARTICLE}"
    assert removed(opts, text) == [("ZB001", "Mehr zum Thema")]
