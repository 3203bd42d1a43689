"""detector = "trailing_run" (cleaner/runs.py, TZ011): title-shaped lines after the last sentence,
and TZ012's teaser card with a summary (detector = "between")."""

from __future__ import annotations

from cleaner import Options, clean, load_rules
from cleaner.runs import find_trailing_run

ARTICLE = [
    "The council voted on Monday to close the old bridge over the river until the summer, after engineers found deep cracks in two of its steel supports.",
    "The mayor said that a temporary ferry would carry pedestrians and cyclists across the river every twenty minutes from next week, and buses would take a longer route.",
    "Residents who live near the bridge will be able to park for free in the station car park while the repairs are under way, the council said on Tuesday.",
    "Work on the new supports is expected to start in June, and the council hopes to reopen the bridge to cars before the schools go back in September.",
]


def test_find_trailing_run_needs_min_lines_all_titles_and_text_before():
    running = [True, True, False, False, False]
    words = [100, 50, 5, 6, 2]
    assert find_trailing_run(running, [False, False, True, True, True], words, 2, 100) == 2
    assert find_trailing_run(running, [False, False, True, False, True], words, 2, 100) is None  # one line is no title
    assert find_trailing_run(running, [False, False, True, True, True], words, 4, 100) is None  # too few lines
    assert find_trailing_run(running, [False, False, True, True, True], words, 2, 200) is None  # too little text before
    assert find_trailing_run([False, False], [True, True], [3, 3], 1, 0) is None  # no running text at all


def test_trailing_titles_go_only_when_selected():
    titles = ["Storm damage closes two schools in the north", "Why the river floods every spring", "Flooding"]
    text = "\n".join(ARTICLE + titles)
    assert clean(text, Options(load_rules())).text.splitlines()[-1] == "Flooding"  # opt-in
    out = clean(text, Options(load_rules(extend_select=("TZ011",)))).text.splitlines()
    assert out == ARTICLE


def test_trailing_link_list_and_last_sentence_stay():
    links = ["Useful links", "River Trust: www.rivertrust.example", "Bridge Society: www.bridges.example"]
    text = "\n".join(ARTICLE + links)
    out = clean(text, Options(load_rules(extend_select=("TZ011",))))
    assert out.text.splitlines()[-2:] == links[1:]  # ("Useful links" alone is a header of other rules)
    assert not [r for r in out.removed if r.rule == "TZ011"]


def test_teaser_card_with_summary_goes_between_its_meta_lines():
    cards = ["Politics", "3 hours ago", "Storm damage closes two schools in the north",
             "Heavy rain flooded the ground floors of both buildings on Sunday night, the council said.",
             "Politics", "5 hours ago"]
    out = clean("\n".join(ARTICLE + cards)).text
    assert "Storm damage closes" not in out and "Heavy rain flooded" not in out
    assert out.splitlines()[: len(ARTICLE)] == ARTICLE


def test_find_list_after_header_takes_only_titles_under_the_header():
    from cleaner.runs import find_list_after_header

    after = [5, 7, 8, 9]  # live lines after the last sentence; line 6 is the removed header
    assert find_list_after_header(after, 6, [True, True, True, True], 2) == [7, 8, 9]
    assert find_list_after_header(after, 6, [False, True, True, True], 2) == [7, 8, 9]  # above the header: left alone
    assert find_list_after_header(after, 6, [True, True, False, True], 2) == []  # a line under it is no title
    assert find_list_after_header(after, 8, [True, True, True, True], 2) == []  # one line under it: too few


def test_titles_under_a_list_header_after_the_text_go():
    box = ["Most popular", "Storm damage closes two schools in the north", "Why the river floods every spring"]
    out = clean("\n".join(ARTICLE + box), Options(load_rules()))
    assert out.text.splitlines() == ARTICLE
    assert [r.rule for r in out.removed].count("TZ014") == 1


def test_titles_under_a_list_header_inside_the_text_stay():
    inside = ["Most popular", "Storm damage closes two schools in the north", "Why the river floods every spring"]
    text = "\n".join(ARTICLE[:2] + inside + ARTICLE[2:])
    out = clean(text, Options(load_rules()))
    assert not [r for r in out.removed if r.rule == "TZ014"]
    assert "Why the river floods every spring" in out.text
