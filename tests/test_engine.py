"""Engine behaviour: windows, keep rules, the repeat detector, prefilter equivalence, timeouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Options, clean, load_rules

from .conftest import ROOT, write_pack

PACK = '''
[pack]
prefix = "ZZ"
summary = "test"

[[rule]]
id = "ZZ001"
name = "keep-quotes"
summary = "Protect lines in quotes."
why = "Test."
scope = "line"
action = "keep"
patterns = ['^“']
[[rule.example]]
match = "“Share this article,” she said."
[[rule.example]]
no_match = "Plain."

[[rule]]
id = "ZZ002"
name = "tail-note"
summary = "Note in the last line only."
why = "Test."
scope = "line"
where = "tail"
window = 1
action = "drop"
patterns = ['^Note:']
[[rule.example]]
match = "Note: x"
[[rule.example]]
no_match = "No."
'''


def test_keep_rule_protects_from_later_rules(tmp_path):
    write_pack(tmp_path, PACK)
    opts = Options(load_rules([tmp_path], select=["ZZ", "SH001"]))
    text = "Body text here.\nShare this article\n“Share this article,” she said.\n"
    assert clean(text, opts).text == "Body text here.\n“Share this article,” she said.\n"


def test_tail_window_counts_remaining_lines(tmp_path):
    write_pack(tmp_path, PACK)
    opts = Options(load_rules([tmp_path], select=["ZZ002"]))
    assert clean("Note: early\nBody.\nNote: late\n", opts).text == "Note: early\nBody.\n"


def test_repeat_detector_drops_pull_quote_but_not_repeated_list_lines(options):
    para = "Officials said the talks would resume next month in Geneva after a pause of several weeks."
    quote = "the talks would resume next month in Geneva"
    item = "Eat one cup of blueberries every two or three hours"
    text = f"{para}\n\n{quote}\n\n{item}\n\nOther news followed the meeting today.\n\n{item}\n"
    res = clean(text, options)
    assert [r.text for r in res.removed] == [quote]
    assert res.text.count(item) == 2 and para in res.text


def test_prefilter_changes_nothing(options):
    plain = Options(options.rules, prefilter=False)
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "input").glob("*.txt"))]
    docs += [ex.text for r in options.rules.rules for ex in r.examples]
    for doc in docs:
        a, b = clean(doc, options), clean(doc, plain)
        assert a.text == b.text and a.removed == b.removed and a.metadata == b.metadata


BACKTRACK = '''
[pack]
prefix = "ZZ"
summary = "evil"

[[rule]]
id = "ZZ009"
name = "evil"
summary = "Catastrophic backtracking."
why = "Test."
scope = "line"
action = "drop"
patterns = ['^(a|aa)+$']
[[rule.example]]
match = "aaaa"
[[rule.example]]
no_match = "b"
'''


def test_catastrophic_pattern_times_out_and_keeps_document(tmp_path, monkeypatch):
    import cleaner.matcher as matcher  # the engine's span cuts search through matcher.finditer

    monkeypatch.setattr(matcher, "REGEX_TIMEOUT_S", 0.2)
    write_pack(tmp_path, BACKTRACK)
    opts = Options(load_rules([tmp_path]))
    doc = "Share this article\n" + "a" * 40 + "!\n"
    res = clean(doc, opts)
    assert res.text == doc
    assert res.errors and res.errors[0].startswith("ZZ009: pattern timed out")


def test_crlf_bom_and_nfc_are_normalised(options):
    raw = "\ufeffCafe\u0301 opens.\r\n\r\nShare this article\r\n".encode("utf-8")
    assert clean(raw, options).text == "Café opens.\n"


def test_removed_lines_refer_to_input_lines(options):
    res = clean("Intro line here.\n\n\nShare this article\nBody continues here.\n", options)
    assert [(r.rule, r.line_start) for r in res.removed] == [("SH001", 4)]


def test_a_page_of_repeated_timestamp_lines_is_cleaned_in_one_go(options):
    """DL001 looks at the first 3 lines; each timestamp it removes brings the next into view.
    Three passes used to stop with timestamps left, so cleaning the output removed more."""
    head = "Storm closes ports along the coast\n"
    body = "The central bank raised its main interest rate on Tuesday, the third increase this year, officials said.\n"
    doc = head + "12 June 2021 | 4 days ago\n" * 12 + body
    res = clean(doc, options)
    assert res.text == head + body
    assert [r.line_start for r in res.removed] == list(range(2, 14))
    assert clean(res.text, options).text == res.text


def test_a_tail_window_moves_up_past_the_lines_it_removed(options):
    """CR003 looks at the last 6 lines; 20 contributor notes at the end all go, in one clean."""
    body = "The central bank raised its main interest rate on Tuesday, the third increase this year, officials said.\n"
    doc = body + "Li Wei contributed reporting from Beijing.\n" * 20
    res = clean(doc, options)
    assert res.text == body
    assert [r.rule for r in res.removed] == ["CR003"] * 20


DOC_PROMO = '''
[pack]
prefix = "ZD"
summary = "test"

[[rule]]
id = "ZD001"
name = "promo-block"
summary = "A promo line and the line after it."
why = "Test: a document rule that matches many times."
scope = "document"
action = "drop"
patterns = ['(?m)^PROMO:[^\\n]*\\n[^\\n]*$']
[[rule.example]]
match = "PROMO: buy\\nnow"
[[rule.example]]
no_match = "No promo here."
'''


def test_a_document_rule_takes_every_match_in_one_pass(tmp_path):
    """Each match is taken on the text the last one left (one pass, not one pass per match)."""
    from cleaner import engine

    write_pack(tmp_path, DOC_PROMO)
    rules = load_rules([tmp_path], builtin=False)
    lines = ["Body text here."] + ["PROMO: buy now", "limited offer"] * 20 + ["PROMO: last"]
    res = engine.run_pass(rules, lines, list(range(1, len(lines) + 1)))
    assert res.lines == ["Body text here.", "PROMO: last"]
    assert [r.line_start for r in res.removed] == list(range(2, 42, 2))
    assert clean("\n".join(lines) + "\n", Options(rules)).text == "Body text here.\nPROMO: last\n"
