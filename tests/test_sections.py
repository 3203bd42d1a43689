"""Trailing sections (span = "rest", issue 13): [rule.confirm_after] evidence, first_only, and
section-header phrases that may repeat a line rule's phrase."""

from __future__ import annotations

import pytest

from cleaner import Options, RuleError, clean, load_rules

from .conftest import write_pack

ARTICLE = "\n".join(
    f"Paragraph {i} of the report says the river rose by two metres overnight and crews worked "
    "through the night to shore up the old embankment near the lower town." for i in range(8)
)

PACK = '''
[pack]
prefix = "ZS"
summary = "section test pack"

[[rule]]
id = "ZS001"
name = "thread"
summary = "A bare header with comment metadata after it."
why = "Test."
scope = "line"
action = "drop"
span = "rest"
min_text_before = 100
phrase_tail = "counter"
phrase_lead = "counter"
[rule.phrases]
en = ["Comments"]
de = ["Kommentare"]
[rule.confirm_after]
patterns = [\'\'\'^#\\d+$\'\'\']
rules = ["ZS002"]
min_hits = 2
within = 5
[[rule.example]]
match = """ARTICLE
Comments
#1
Reply"""
[[rule.example]]
no_match = "Comments"

[[rule]]
id = "ZS002"
name = "controls"
summary = "Reply buttons."
why = "Test."
scope = "line"
action = "drop"
phrase_tail = "counter"
[rule.phrases]
en = ["Reply"]
de = ["Antworten", "Kommentare"]
[[rule.example]]
match = "Reply"
[[rule.example]]
no_match = "Reply to the letter"
'''.replace("ARTICLE", ARTICLE)

FIRST = '''
[pack]
prefix = "ZT"
summary = "first_only test pack"

[[rule]]
id = "ZT001"
name = "headerless"
summary = "A says: line."
why = "Test."
scope = "line"
action = "drop"
span = "rest"
first_only = true
min_text_before = 100
patterns = [\'\'\'^\\w+ says:$\'\'\']
[[rule.example]]
match = """ARTICLE
Ann says:
Nice."""
[[rule.example]]
no_match = "Ann says:"
'''.replace("ARTICLE", ARTICLE)


def _opts(tmp_path, text: str) -> Options:
    write_pack(tmp_path, text)
    return Options(load_rules([tmp_path], builtin=False))


def test_bare_header_cuts_with_evidence(tmp_path):
    opts = _opts(tmp_path, PACK)
    res = clean(ARTICLE + "\nComments\n#1\nAnn\nNice.\nReply\n#2\nTom\nBad.", opts)
    assert res.text.strip() == ARTICLE
    assert {r.rule for r in res.removed} == {"ZS001"}


def test_bare_header_without_evidence_stays(tmp_path):
    opts = _opts(tmp_path, PACK)
    text = ARTICLE + "\nComments\nArchive\nLinks\nAbout us\nContact"
    assert clean(text, opts).text.strip() == text


def test_evidence_only_within_the_window(tmp_path):
    opts = _opts(tmp_path, PACK)
    text = ARTICLE + "\nComments\na\nb\nc\nd\ne\n#1\n#2"  # the evidence is 6 lines on; within = 5
    assert "Comments" in clean(text, opts).text


def test_header_phrase_may_repeat_a_line_rules_phrase(tmp_path):
    opts = _opts(tmp_path, PACK)  # "Kommentare" is a ZS001 header and a ZS002 phrase
    res = clean("Kommentare\n" + ARTICLE, opts)
    assert [r.rule for r in res.removed] == ["ZS002"]  # no text before it: the line rule drops it


def test_two_section_rules_may_not_share_a_header(tmp_path):
    twin = PACK.replace('id = "ZS002"', 'id = "ZS003"').replace('name = "controls"', 'name = "c2"')
    second = PACK.split("[[rule]]")[1].replace('id = "ZS001"', 'id = "ZS004"').replace('rules = ["ZS002"]', 'rules = ["ZS003"]')
    with pytest.raises(RuleError, match="also in"):
        _opts(tmp_path, twin + "\n[[rule]]" + second)


def test_confirm_rules_must_have_phrases(tmp_path):
    with pytest.raises(RuleError, match="confirm_after: rule 'ZZ999'"):
        _opts(tmp_path, PACK.replace('rules = ["ZS002"]', 'rules = ["ZZ999"]'))


def test_confirm_after_needs_span_rest(tmp_path):
    bad = PACK.replace('span = "rest"\n', "").replace("min_text_before = 100\n", "")
    with pytest.raises(RuleError, match="need span"):
        _opts(tmp_path, bad)


def test_confirm_after_unknown_key(tmp_path):
    with pytest.raises(RuleError, match="confirm_after"):
        _opts(tmp_path, PACK.replace("within = 5", "within = 5\nwithin_lines = 3"))


def test_first_only_cuts_at_the_first_match(tmp_path):
    opts = _opts(tmp_path, FIRST)
    res = clean(ARTICLE + "\nAnn says:\nNice.\nTom says:\nBad.", opts)
    assert res.text.strip() == ARTICLE


def test_first_only_leaves_a_thread_page_alone(tmp_path):
    opts = _opts(tmp_path, FIRST)
    text = "Ann says:\n" + ARTICLE + "\nTom says:\nBad."  # first start line has no text before it
    assert clean(text, opts).text.strip() == text


def test_min_controls_needs_a_control_among_the_evidence(tmp_path):
    pack = PACK.replace("min_hits = 2\n", "min_hits = 2\ncontrols = ['''^Reply$''']\nmin_controls = 1\n")
    opts = _opts(tmp_path, pack)
    log = ARTICLE + "\nComments\n#1\nNice.\n#2\nBad."  # evidence, but no control: a comment log
    assert "Comments" in clean(log, opts).text
    thread = ARTICLE + "\nComments\n#1\nNice.\nReply\n#2\nBad."
    assert clean(thread, opts).text.strip() == ARTICLE


def test_min_controls_needs_controls_or_rules(tmp_path):
    bad = PACK.replace('rules = ["ZS002"]\n', "").replace("min_hits = 2\n", "min_hits = 2\nmin_controls = 1\n")
    with pytest.raises(RuleError, match="min_controls"):
        _opts(tmp_path, bad)
