"""[rule.lists]: a rule names files of literal names (rules/data/photo_agencies.txt) and uses
them in its patterns as {{NAME}}; the names are data, matched as any of them."""

from __future__ import annotations

import pytest

from cleaner import Options, RuleError, clean, load_rules

from .conftest import write_pack

LIST_RULE = '''
[pack]
prefix = "ZZ"
summary = "test pack"

[[rule]]
id = "ZZ001"
name = "agency-credit"
summary = "A line ending in a name and an agency."
why = "Test."
scope = "line"
action = "drop"
lists = { AG = "agencies.txt" }
keywords = ["photo"]
patterns = ['\\p{Lu}\\p{Ll}+ \\p{Lu}\\p{Ll}+/{{AG}}$']
[[rule.example]]
match = "Jane Roe/Getty Images"
[[rule.example]]
no_match = "Jane Roe/Somebody"
'''


def _pack(tmp_path, names: str, rule: str = LIST_RULE):
    (tmp_path / "agencies.txt").write_text(names, encoding="utf-8")
    write_pack(tmp_path, rule)
    return load_rules([tmp_path], builtin=False)


def _removed(rules, line: str) -> bool:
    return bool(clean(line, Options(rules)).removed)


def test_listed_names_match_and_others_do_not(tmp_path):
    rules = _pack(tmp_path, "# agencies\nGetty Images\nAP\n\nMagnum Photos\n")
    assert _removed(rules, "Jane Roe/Getty Images")
    assert _removed(rules, "Jane Roe/Magnum  Photos")  # a space in a name is any white space
    assert _removed(rules, "Jane Roe/AP")
    assert not _removed(rules, "Jane Roe/Somebody Else")


def test_long_names_any_case_short_names_as_written(tmp_path):
    rules = _pack(tmp_path, "Getty Images\nAP\n")
    assert _removed(rules, "Jane Roe/GETTY IMAGES")
    assert not _removed(rules, "Jane Roe/ap")


def test_list_names_join_the_keywords(tmp_path):
    """The prefilter lets through a line that holds a listed name and none of the written keywords."""
    rules = _pack(tmp_path, "Getty Images\nAP\n")
    kws = rules.get("ZZ001").keywords
    assert "photo" in kws and "getty images" in kws and "/ap" in kws and "ap" not in kws


def test_longer_name_tried_first(tmp_path):
    rules = _pack(tmp_path, "Getty\nGetty Images\n")
    assert _removed(rules, "Jane Roe/Getty Images")


def test_unknown_slot_is_one_clear_line(tmp_path):
    with pytest.raises(RuleError, match=r"ZZ001: 'patterns': \{\{AGENCY\}\} names no list of the rule"):
        _pack(tmp_path, "AP\n", LIST_RULE.replace("{{AG}}", "{{AGENCY}}"))


def test_missing_list_file_is_one_clear_line(tmp_path):
    with pytest.raises(RuleError, match=r"ZZ001: lists\.AG: cannot read"):
        _pack(tmp_path, "AP\n", LIST_RULE.replace("agencies.txt", "nothing.txt"))


def test_empty_list_is_refused(tmp_path):
    with pytest.raises(RuleError, match=r"ZZ001: lists\.AG: .* holds no name"):
        _pack(tmp_path, "# only a comment\n\n")


def test_builtin_agency_list_is_used_by_the_credit_rules():
    rules = load_rules()
    for rid in ("PH004",):
        assert "getty images" in rules.get(rid).keywords


def test_short_names_wake_the_rule_only_next_to_credit_marks(tmp_path):
    """'IANS' and 'HINA' are inside 'Indians' and 'China': as keywords they woke the credit rules
    on every such line; names of up to 4 characters count only with a credit's marks around them."""
    rules = _pack(tmp_path, "IANS\nGetty Images\n")
    kws = rules.get("ZZ001").keywords
    assert "ians" not in kws and "/ians" in kws and "(ians" in kws and "| ians" in kws


def test_trie_alternation_prefers_the_longer_name(tmp_path):
    from cleaner.ruleset import _trie_regex
    import regex

    pat = regex.compile(r"^(" + _trie_regex(["getty", "getty images", "getty images europe", "ap", "afp"]) + r")")
    assert pat.match("getty images europe x").group(1) == "getty images europe"
    assert pat.match("getty  images").group(1) == "getty  images"
    assert pat.match("getty imag").group(1) == "getty"
    assert pat.match("afp").group(1) == "afp" and pat.match("ap").group(1) == "ap"
    assert pat.match("a") is None
