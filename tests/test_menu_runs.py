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


def test_find_head_runs_bridges_a_few_longer_lines_between_menu_lines():
    menu = [True] * 4 + [False] + [True] * 4 + [False, False] + [True] * 4
    running = [False] * 15
    bridge = [not m for m in menu]
    assert find_head_runs(menu, running, 15, 10) == []  # without bridges no run is long enough
    assert find_head_runs(menu, running, 15, 10, bridge, 0, 1) == []  # two longer lines in a row end it
    assert find_head_runs(menu, running, 15, 12, bridge, 0, 2) == [range(0, 15)]
    assert find_head_runs(menu, running, 15, 13, bridge, 0, 2) == []  # bridged lines do not count
    tail = [True] * 4 + [False]  # a bridge needs a menu line after it
    assert find_head_runs(tail, [False] * 5, 5, 4, [not m for m in tail], 0, 2) == [range(0, 4)]
    assert find_head_runs(menu, running, 15, 4, bridge, 9, 2) == [range(11, 15)]  # from `start` on


MN002 = Options(load_rules(extend_select=("MN002",)))  # opt-in


def test_menu_run_below_the_text_goes_unless_the_text_introduces_it():
    out = clean("\n".join(ARTICLE + MENU), MN002)
    assert out.text.splitlines() == ARTICLE
    assert {r.rule for r in out.removed} == {"MN002"}
    intro = ["The schools that stay closed until Monday are these:"]
    out = clean("\n".join(ARTICLE + intro + MENU), MN002)
    assert not [r for r in out.removed if r.rule == "MN002"]


def test_menu_run_below_is_opt_in_and_a_list_of_longer_lines_stays():
    out = clean("\n".join(ARTICLE + MENU), Options(load_rules()))
    assert not [r for r in out.removed if r.rule == "MN002"]
    places = [f"Town {c}, Region {c} - Cinema {c} (Friday only)" for c in "ABCDEFGHIJKLMN"]
    out = clean("\n".join(ARTICLE + places), MN002)
    assert not [r for r in out.removed if r.rule == "MN002"]


def test_a_longer_headline_inside_a_menu_does_not_end_it():
    headline = ["Council to close the old bridge over the river until summer after cracks found"]  # 14 words
    menu = MENU[:6] + headline + MENU[6:12]
    out = clean("\n".join(ARTICLE + menu), MN002)
    assert out.text.splitlines() == ARTICLE
