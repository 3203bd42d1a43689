"""benchmarks/lost_snippets.py: which rule lost a trafilatura-eval "with" snippet. Made-up texts only."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import lost_snippets  # noqa: E402


def test_lost_snippet_is_charged_to_the_rule_that_removed_its_line() -> None:
    text = "Home\nAnreise\nThe hall is ten minutes from the station on foot.\nContact"
    out = "The hall is ten minutes from the station on foot."
    removed = [("BP001", "Home"), ("BP001", "Anreise"), ("BP001", "Contact")]
    assert lost_snippets.lost_snippets(text, out, removed, ["Anreise", "ten minutes from"]) == [
        ("Anreise", ["BP001"])
    ]


def test_snippet_inside_a_longer_removal_and_an_unexplained_loss() -> None:
    text = "Intro line here\nServes 4 people, 30 min\nEnd"
    out = "End"
    removed = [("XX001", "Intro line here\nServes 4 people, 30 min")]
    got = lost_snippets.lost_snippets(text, out, removed, ["30 min", "Not in the page", "here Serves"])
    # "here Serves" spans two lines of one removal: whitespace-normalised, it is inside it
    assert got == [("30 min", ["XX001"]), ("here Serves", ["XX001"])]
    assert lost_snippets.lost_snippets("a b c", "", [], ["b"]) == [("b", ["?"])]
