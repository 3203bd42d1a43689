"""Every inline example of every built-in rule is a test case (ids like CR001-match-0)."""

from __future__ import annotations

import pytest

from cleaner import load_rules
from cleaner.examples import case_id, check_example

RULES = load_rules(include_opt_in=True)
CASES = [(rule, i) for rule in RULES.rules for i in range(len(rule.examples))]


@pytest.mark.parametrize(("rule", "index"), CASES, ids=[case_id(r, i) for r, i in CASES])
def test_rule_example(rule, index):
    assert check_example(rule, rule.examples[index]) is None


def test_every_rule_has_both_kinds_of_example():
    for rule in RULES.rules:
        kinds = {e.should_match for e in rule.examples}
        assert kinds == {True, False}, rule.id


def test_a_wrong_example_is_reported():
    rule = RULES.get("LY002")
    bad = type(rule.examples[0])("The score was 2 : 1 at half time.", should_match=True)
    assert "expected a match" in check_example(rule, bad)
