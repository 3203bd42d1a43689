"""detector = "between": lines that stand between (or right above) lines other rules removed —
a teaser card's headline (TZ007), the kicker above a teaser summary (TZ009), a newsletter box's
blurb (TZ010) — and the loading and example running that rule kind needs."""

from __future__ import annotations

import pytest

from cleaner import RuleError, clean, load_rules
from cleaner.examples import check_example
from cleaner.metadata import headline
from cleaner.ruleset import Example

from .conftest import write_pack

PARA = "The council voted on Monday to close the old bridge over the river until the summer, officials said."
CARDS = f"""{PARA}
Politics
Storm damage closes two schools in the north
By Jane Roe
Business
Rates rise again as the bank warns of a slow year
By John Roe
Engineers found cracks in two of the steel supports of the bridge last spring, and repairs start in June.
"""


def kept(text: str) -> list[str]:
    return clean(text).text.splitlines()


def test_card_headlines_between_label_and_byline_go():
    out = kept(CARDS)
    assert "Storm damage closes two schools in the north" not in out
    assert "Rates rise again as the bank warns of a slow year" not in out
    assert PARA in out
    assert out[-1].startswith("Engineers found cracks")


def test_removals_are_charged_to_tz007():
    res = clean(CARDS)
    assert {r.text for r in res.removed if r.rule == "TZ007"} == {
        "Storm damage closes two schools in the north",
        "Rates rise again as the bank warns of a slow year",
    }


def test_the_articles_own_title_block_stays():
    page = """Politics
Bridge reopens after two years of repairs
By Jane Roe
Cars were driving over the bridge again on Tuesday morning, two years after it was closed by the city.
"""
    assert "Bridge reopens after two years of repairs" in kept(page)
    assert headline(page) == "Bridge reopens after two years of repairs"


def test_a_sentence_between_label_and_byline_stays():
    text = f"{PARA}\nPolitics\nThe bridge will reopen when the repairs are done.\nBy Jane Roe\n"
    assert "The bridge will reopen when the repairs are done." in kept(text)


def test_three_lines_between_are_not_a_card():
    text = (f"{PARA}\nPolitics\nStorm damage closes two schools\nFloods in the valley\n"
            "Rates rise again as the bank warns\nBy Jane Roe\n")
    out = kept(text)
    assert "Floods in the valley" in out


def test_kicker_and_headline_above_a_teaser_summary_go():
    text = f"""{PARA}
Analyse 11.04.2022
Rücktritt der Ministerin Wenn der Gegenwind zu stark wird
Bereits als Landesministerin war sie umstritten - zuletzt hieß es oft, sie sei überfordert. mehr
Der Bericht listet mehr als hundert Versäumnisse auf, die der Ausschuss in zwei Jahren gefunden hat.
"""
    out = kept(text)
    assert "Analyse 11.04.2022" not in out
    assert "Rücktritt der Ministerin Wenn der Gegenwind zu stark wird" not in out
    assert out[-1].startswith("Der Bericht listet")


def test_lines_above_a_menu_row_with_more_stay():
    text = f"{PARA}\nEditorial: The sun will shine again\nlocal | columnists | national/world | more »\n"
    assert "Editorial: The sun will shine again" in kept(text)


def test_newsletter_box_name_and_blurb_go_when_the_button_runs_later():
    # UI010 (interface pack, order 96) removes the button after the NL pack (order 4) has run:
    # TZ010 lives in the teasers pack so that both sides are gone when it looks
    text = f"""{PARA}
Newsletter: Sport inside
Jeden Montag die Topstorys der Woche aus der Sportredaktion
Jetzt abonnieren
Engineers found cracks in two of the steel supports of the bridge last spring, and repairs start in June.
"""
    assert "Jeden Montag die Topstorys der Woche aus der Sportredaktion" not in kept(text)


def test_example_of_a_between_rule_runs_its_helpers_in_pack_order():
    rules = load_rules()
    rule = rules.get("TZ007")
    good = Example(CARDS, should_match=True)
    assert check_example(rule, good) is None
    alone = Example(f"{PARA}\nStorm damage closes two schools in the north\n", should_match=True)
    assert "expected a match" in check_example(rule, alone)


BETWEEN = '''
[pack]
prefix = "ZZ"
summary = "test pack"

[[rule]]
id = "ZZ001"
name = "card"
summary = "A card line."
why = "Test."
scope = "line"
action = "drop"
detector = "between"
between_rules = ["UI011"]
patterns = ['\\S']
[rule.params]
max_lines = 1
text_min_words = 5
sides = 2
after_min_words = 0
[[rule.example]]
match = "x"
[[rule.example]]
no_match = "y"
'''


def test_between_rules_must_exist(tmp_path):
    write_pack(tmp_path, BETWEEN.replace('["UI011"]', '["UI999"]'))
    with pytest.raises(RuleError, match="between_rules: rule 'UI999' not found"):
        load_rules([tmp_path])


def test_between_rules_need_the_detector(tmp_path):
    write_pack(tmp_path, BETWEEN.replace('detector = "between"\n', "").replace(
        "[rule.params]\nmax_lines = 1\ntext_min_words = 5\nsides = 2\nafter_min_words = 0\n", ""))
    with pytest.raises(RuleError, match="needs 'between_rules', and only it takes them"):
        load_rules([tmp_path])


def test_between_detector_needs_its_params(tmp_path):
    write_pack(tmp_path, BETWEEN.replace("sides = 2\n", ""))
    with pytest.raises(RuleError, match="missing 'sides'"):
        load_rules([tmp_path])
