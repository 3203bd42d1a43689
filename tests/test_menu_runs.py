"""detector = "head_run" (cleaner/runs.py, MN001): long runs of menu lines above the main text."""

from __future__ import annotations

from cleaner import Options, clean, load_rules
from cleaner.runs import find_head_runs

ARTICLE = [
    "The council voted on Monday to close the old bridge over the river until the summer, after engineers found deep cracks in two of its steel supports.",
    "The mayor said that a temporary ferry would carry pedestrians and cyclists across the river every twenty minutes from next week, and buses would take a longer route.",
    "Residents who live near the bridge will be able to park for free in the station car park while the repairs are under way, the council said on Tuesday.",
    "Work on the new supports is expected to start in June, and the council hopes to reopen the bridge to cars before the schools go back in September.",
]
MENU = [f"Section {c}" for c in "ABCDEFGHIJKLMNOP"]  # 16 short lines, no sentence end, no chrome word


def test_find_head_runs_needs_min_lines_and_no_introduction():
    menu = [True] * 5 + [False] + [True] * 3
    running = [False] * 9
    assert find_head_runs(menu, running, 9, 3) == [range(0, 5), range(6, 9)]
    assert find_head_runs(menu, running, 9, 4) == [range(0, 5)]  # the second run is too short
    assert find_head_runs(menu, running, 5, 6) == []  # only lines above `end` count
    introduced = [False] * 5 + [True] + [False] * 3  # a sentence (or a line ending in ':') above it
    assert find_head_runs(menu, introduced, 9, 3) == [range(0, 5)]


def test_menu_run_above_the_text_goes_without_chrome_markers():
    out = clean("\n".join(MENU + ARTICLE), Options(load_rules()))
    assert out.text.splitlines() == ARTICLE
    assert {r.rule for r in out.removed} == {"MN001"}


def test_list_introduced_by_the_text_and_list_after_it_stay():
    intro = ["The schools that stay closed until Monday are these:"]
    text = "\n".join(ARTICLE[:1] + intro + MENU + ARTICLE[1:] + MENU)
    out = clean(text, Options(load_rules()))
    assert not [r for r in out.removed if r.rule == "MN001"]


def test_short_menu_above_the_text_stays():
    text = "\n".join(MENU[:5] + ARTICLE)
    out = clean(text, Options(load_rules()))
    assert not [r for r in out.removed if r.rule == "MN001"]
