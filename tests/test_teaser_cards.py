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


def _between_every_line(rule, st, act):
    """The 'between' detector as it was before it walked back from the removed lines: every
    live line after the first line of running text tested, runs found going forward (the
    reference the faster one must equal)."""
    from cleaner.detectors import line_value, text_words
    from cleaner.matcher import searches, unless_searches

    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    params = dict(rule.params)
    max_lines, text_min = int(params["max_lines"]), params["text_min_words"]
    both = int(params["sides"]) >= 2
    after_min = params["after_min_words"]
    names = set(rule.between_rules)
    gone = {n for rem in st.removed if rem.rule in names for n in range(rem.line_start, rem.line_end + 1)}
    if not gone:
        return
    lines = [i for i in range(len(st.text)) if st.text[i].strip()]

    def flank(k):
        return 0 <= k < len(lines) and not st.alive[lines[k]] and st.origin[lines[k]] in gone

    def candidate(i):
        text = st.text[i]
        words = text_words(text)
        if not st.alive[i] or st.protected[i] or words < rule.min_words:
            return False
        if rule.max_words is not None and words > rule.max_words:
            return False
        return any(p(text) for p in pats) and not any(u(text) for u in vetoes)

    started = False
    k = 0
    while k < len(lines):
        i = lines[k]
        if not st.alive[i]:
            k += 1
            continue
        if not started or not candidate(i):
            started = started or line_value(st.text[i], text_min, 0.0) > 0
            k += 1
            continue
        end = k
        while end < len(lines) and candidate(lines[end]):
            end += 1
        if (end - k <= max_lines and flank(end) and text_words(st.text[lines[end]]) >= after_min
                and (not both or flank(k - 1))):
            act([lines[j] for j in range(k, end)])
        k = end


def test_walking_back_from_removed_lines_finds_the_runs_testing_every_line_found(monkeypatch):
    # random texts from the lines of the between rules' examples (teaser cards, kickers,
    # newsletter boxes, embeds), running text and blank lines: the same output either way
    import random

    from cleaner import Options, detectors, engine

    rules = load_rules()
    pool = {PARA, "", "Politics", "By Jane Roe", "vor 2 Std.", "Storm damage closes two schools in the north"}
    for rule in rules.rules:
        if rule.detector == "between" or rule.id in {n for r in rules.rules for n in r.between_rules}:
            for ex in rule.examples:
                pool.update(ex.text.splitlines())
    pool = sorted(pool)
    rng = random.Random(15)
    opts = Options(rules)
    texts = [CARDS.splitlines()] + [[rng.choice(pool) for _ in range(rng.randint(3, 40))] for _ in range(400)]
    fast = [engine.run(rules, t, opts._prefilter) for t in texts]
    monkeypatch.setitem(detectors.DETECTORS, "between", _between_every_line)
    slow = [engine.run(rules, t, opts._prefilter) for t in texts]
    assert [(r.lines, r.removed) for r in fast] == [(r.lines, r.removed) for r in slow]
    between = {r.id for r in rules.rules if r.detector == "between"}
    assert sum(1 for r in fast for rem in r.removed if rem.rule in between) >= 20  # the runs are there
