"""benchmarks/rule_gold.py: a removed line counts as gold only when the gold has a copy the output
lacks. Made-up texts only."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import rule_gold


def seq(text: str) -> str:
    return f" {' '.join(rule_gold.tokens(text))} "


def test_a_removed_line_the_gold_holds_is_in_gold() -> None:
    gold = seq("The bridge opened on Monday. By Ann Lee, staff writer.")
    out = seq("The bridge opened on Monday.")
    assert rule_gold.in_gold("By Ann Lee, staff writer.", gold, out)
    assert not rule_gold.in_gold("Share this article", gold, out)


def test_words_must_be_contiguous_and_whole() -> None:
    gold = seq("Ann wrote the report. Lee read it.")
    out = seq("")
    assert not rule_gold.in_gold("Ann Lee", gold, out)  # both words, not side by side
    assert not rule_gold.in_gold("Le", gold, out)  # part of a word is not the word


def test_a_repeat_whose_one_gold_copy_is_kept_is_not_in_gold() -> None:
    quote = "We will not give up on this town."
    gold = seq(f"The mayor spoke. {quote} Then she left.")
    out = gold
    assert not rule_gold.in_gold(quote, gold, out)  # the pull quote's second copy: gold has one, output one
    assert rule_gold.in_gold(quote, seq(f"{quote} and again {quote}"), seq(quote))  # gold keeps both


def test_a_line_without_words_is_never_in_gold() -> None:
    assert not rule_gold.in_gold("— | —", seq("a b"), seq(""))


def test_occurrences_counts_overlapping_copies() -> None:
    assert rule_gold.occurrences(" a a ", " a a a ") == 2
    assert rule_gold.occurrences(" b ", " a a ") == 0
