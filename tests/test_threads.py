"""Reader-comment threads found by their shape (cleaner.threads, TS004/TS005; issue 13)."""

from __future__ import annotations

from cleaner import Options, clean, load_rules
from cleaner.threads import PARAMS, find_thread

P = {"min_units": 3, "max_gap": 12, "max_stamp_words": 16, "max_unit_words": 250, "max_tail_words": 80,
     "max_break_words": 1000, "min_control_share": 0.5, "min_text_before": 150,
     "max_thread_ratio": 0, "prose_line_words": 0}

ARTICLE = "\n".join(
    f"Paragraph {i} of the report says the river rose by two metres overnight and crews worked "
    "through the night to shore up the old embankment near the lower town." for i in range(8)
)
THREAD_EN = "\n".join(
    f"{name} — June {day}th, 2012, 11:{day} pm\n{body}\nReply"
    for name, day, body in (("Anna Berg", 24, "Great reporting, thanks."), ("Tom", 25, "I live there and it was terrible."),
                            ("Kafi", 26, "Same here, the water came up to the door."))
)
THREAD_PL = "\n".join(
    f"{name}\n{n} godzin temu\n{body}\nOdpowiedz"
    for name, n, body in (("Ania", 5, "Dzięki za tekst."), ("Tomek", 4, "Straszne."), ("Kasia", 3, "U nas też zalało."))
)


def _shape(kinds: str, words: list[int] | None = None):
    """Lines from a string of kinds: s = stamp, c = control, x = stamp ending in a control, b = body."""
    stamps = [k in "sx" for k in kinds]
    controls = [k in "cx" for k in kinds]
    return stamps, controls, words if words is not None else [5] * len(kinds)


def test_params_are_the_rule_params():
    rule = next(r for r in load_rules(extend_select=("TS005",)).rules if r.id == "TS004")
    assert {k for k, _ in rule.params} == set(PARAMS)


def test_thread_after_article_starts_at_first_stamp():
    kinds = "b" * 3 + "sbc" * 4
    stamps, controls, _ = _shape(kinds)
    words = [60] * 3 + [5] * 12
    assert find_thread(stamps, controls, words, P) == 3


def test_stamps_without_controls_are_not_a_thread():
    # a forum's posts or an old blog's comment log: human gold keeps these (cleaneval)
    stamps, controls, _ = _shape("b" * 3 + "sbb" * 4)
    assert find_thread(stamps, controls, [60] * 3 + [5] * 12, P) is None


def test_two_stamp_lines_of_one_unit_need_one_control():
    # "Anna says:" / "June 24, 2012 at 10:15 am" / body / "Reply": one control per unit is enough
    stamps, controls, _ = _shape("b" * 3 + "ssbc" * 3 + "ssbb" * 2)
    assert find_thread(stamps, controls, [60] * 3 + [5] * 20, P) == 3


def test_text_after_the_runs_is_not_a_trailing_thread():
    stamps, controls, _ = _shape("b" * 3 + "sbc" * 4 + "b" * 20)
    words = [60] * 3 + [5] * 12 + [20] * 20
    assert find_thread(stamps, controls, words, P) is None


def test_too_little_text_before_leaves_a_thread_page():
    stamps, controls, words = _shape("b" + "sbc" * 4)
    assert find_thread(stamps, controls, words, P) is None
    assert find_thread(stamps, controls, words, {**P, "min_text_before": 0}) == 1


def test_posts_that_outweigh_the_article_are_the_page():
    # max_thread_ratio (CM014): the log goes only when the article's prose (lines of at
    # least prose_line_words words) has at least 1 / max_thread_ratio of the log's words
    q = {**P, "min_control_share": 0, "max_thread_ratio": 1, "prose_line_words": 10}
    stamps, controls, _ = _shape("b" * 4 + "sb" * 4)
    assert find_thread(stamps, controls, [60] * 4 + [5, 20] * 4, q) == 4  # 240 prose words, 100 in the log
    assert find_thread(stamps, controls, [60] * 4 + [5, 60] * 4, q) is None  # 260 in the log: a thread page
    # menus and headings (short lines) are no article prose, however many
    menu_stamps, menu_controls, _ = _shape("b" * 22 + "sb" * 4)
    assert find_thread(menu_stamps, menu_controls, [30] * 2 + [8] * 20 + [5, 20] * 4, q) is None
    assert find_thread(menu_stamps, menu_controls, [30] * 2 + [8] * 20 + [5, 20] * 4, {**q, "prose_line_words": 8}) == 22
    assert find_thread(stamps, controls, [60] * 4 + [5, 60] * 4, {**q, "max_thread_ratio": 0}) == 4


def test_long_comment_bridged_by_its_control():
    # stamp, a 1,500-word comment, Reply, then more units: one thread
    kinds = "b" * 3 + "sbc" * 3 + "s" + "b" * 20 + "c" + "sbc" * 3
    stamps, controls, _ = _shape(kinds)
    words = [60] * 3 + [5] * 10 + [75] * 20 + [1] + [5] * 9
    assert find_thread(stamps, controls, words, P) == 3


def test_long_text_between_runs_without_control_stops_it():
    # three datelines, then 1,500 words of article, then a thread: not one thread from the top
    kinds = "b" * 3 + "sbc" * 3 + "b" * 20 + "sbc" * 3
    stamps, controls, _ = _shape(kinds)
    words = [60] * 3 + [5] * 9 + [75] * 20 + [5] * 9
    assert find_thread(stamps, controls, words, P) is None


def test_two_stamps_are_a_dateline_not_a_thread():
    stamps, controls, _ = _shape("b" * 3 + "sbc" * 2)
    assert find_thread(stamps, controls, [60] * 3 + [5] * 6, P) is None


def test_builtin_rule_removes_the_thread_in_english_and_polish():
    opts = Options(load_rules())
    for thread in (THREAD_EN, THREAD_PL):
        res = clean(ARTICLE + "\n" + thread, opts)
        assert res.text.strip() == ARTICLE
        assert {r.rule for r in res.removed} == {"TS004"}


def test_builtin_rule_leaves_a_timeline_in_the_article():
    # datelines in the article with no reply controls are the article's own
    timeline = "\n".join(f"12. März 2024 um 1{i}:15 Uhr: Der Pegel steigt weiter an." for i in range(5))
    text = ARTICLE + "\n" + timeline
    assert clean(text, Options(load_rules())).text.strip() == text


def test_thread_only_text_goes_by_default_and_stays_with_ignore():
    # a text that is nothing but a reader-comment thread (an article-container scrape whose
    # selector picked the thread): TS005 is on by default; --ignore TS005 keeps the comments
    assert clean(THREAD_EN, Options(load_rules())).text.strip() == ""
    kept = clean(THREAD_EN, Options(load_rules(ignore=("TS005",))))
    assert "I live there and it was terrible." in kept.text  # only the "Reply" buttons go (CM001)
    assert "TS004" not in {r.rule for r in kept.removed}


def test_a_second_pass_finds_no_earlier_thread():
    # a cut thread must not make the text before it end in a run of stamps that a later pass
    # takes for another thread (each pass sees the one before's output)
    head = "\n".join(f"Anna — June {d}th, 2012, 10:1{d % 10} pm\nNice." for d in range(20, 24))
    text = ARTICLE + "\n" + head + "\n" + "\n".join(["Plain article text, without any stamp at all. " * 12] * 12) + "\n" + THREAD_EN
    once = clean(text, Options(load_rules()))
    assert ARTICLE in once.text
    assert clean(once.text, Options(load_rules())).text == once.text


STAMPS = [
    "Anna Berg — June 24th, 2012, 11:39 pm", "by tom on Aug 9, 2012 10:19 AM EDT", "on 2012-10-09 at 9:00 am Olaf",
    "Chris 07.15.12 at 11:59", "Marie · il y a 3 heures", "vor 3 Stunden", "hace 2 horas", "5 godzin temu",
    "3 часа назад", "2 gün önce", "3時間前", "3시간 전", "3小时前", "gestern um 10:15", "hier à 10h15",
    "Jane says:", "Anna sagt:", "Marie dit :", "said...", "12. März 2024 um 10:15",
]


def test_stamp_patterns_only_find_lines_the_cheap_look_lets_through():
    from cleaner.threads import MAYBE_STAMP

    rules = {r.id: r for r in load_rules(extend_select=("TS005",)).rules}
    for rid in ("TS004", "TS005"):
        for stamp in STAMPS:
            assert any(p.search(stamp) for p in rules[rid].patterns), (rid, stamp)
            assert MAYBE_STAMP.search(stamp), stamp


def test_maybe_stamp_is_the_pattern_without_its_slow_branch():
    import sys

    import regex

    from cleaner.threads import _REGEX_SPACE, MAYBE_STAMP, maybe_stamp

    space = regex.compile(r"\s")
    assert set(_REGEX_SPACE) == {chr(c) for c in range(sys.maxunicode + 1) if space.match(chr(c))}
    texts = STAMPS + ["", ":", " :", "a:\u3000 ", "a: b", "x…\n", "x..", "x...\t", "x. . .", "٣", "abc", "a:\x1c",
                      "Fin.\u2028", "no digit here: ", "— 12 —", "said ...", "wait…x"]
    for t in texts:
        assert maybe_stamp(t) == (MAYBE_STAMP.search(t) is not None), repr(t)


def test_thread_rules_share_one_scan_and_give_the_answers_of_their_own():
    # TS004 and TS005 have the same stamp and control tests: the second reads the first's lists
    # (threads._Scan on the document's memo), also in later passes; the removals are those each
    # rule makes alone
    from cleaner import engine

    rules = load_rules()
    for text in (ARTICLE + "\n" + THREAD_EN, THREAD_EN, THREAD_PL, ARTICLE + "\n" + THREAD_PL + "\nMore text after."):
        lines = text.split("\n")
        shared = engine.run(rules, lines)
        alone = [r for r in engine.run(load_rules(ignore=("TS005",)), lines).removed if r.rule == "TS004"]
        assert [r for r in shared.removed if r.rule == "TS004"] == alone
        st = engine._State(lines, list(range(1, len(lines) + 1)))
        st.phrases = engine._plan(rules).phrases
        got = []
        for rule in rules.rules:
            if rule.id in ("TS004", "TS005"):
                engine._apply_rule(rule, st)
                got.append(len(st.memo))
        assert got == [1, 1]  # one scan for both


def test_a_thread_always_has_a_stamp_from_the_tail_start_on():
    """threads._tail_start: the detector tries the stamp patterns above it only when a stamp
    line lies at or after it; find_thread on the full lists finds no thread otherwise."""
    import random

    from cleaner.threads import _tail_start

    rng = random.Random(7)
    found = 0
    for _ in range(4000):
        n = rng.randint(3, 60)
        kinds = rng.choices("sbcx", weights=(3, 6, 2, 1), k=n)
        words = [rng.choice((1, 2, 5, 9, 30, 70)) for _ in kinds]
        stamps = [k in "sx" for k in kinds]
        controls = [k in "cx" for k in kinds]
        p = dict(P, max_gap=rng.choice((2, 5, 12)), max_tail_words=rng.choice((0, 10, 80)),
                 min_text_before=rng.choice((0, 150)))
        texts = [" ".join(["w"] * w) for w in words]
        start = find_thread(stamps, controls, words, p)
        tail = _tail_start(texts, list(range(n)), p)
        if start is not None:
            found += 1
            assert any(stamps[tail:]), (kinds, words, p)
        # the bound is tight: a stamp just before it could not be a thread's last
        if tail > 0:
            end = min(n, (tail - 1) + int(p["max_gap"]) + 1)
            assert sum(words[end:]) > p["max_tail_words"]
    assert found > 50


def test_rules_sharing_a_scan_leave_one_pending_entry_per_live_list():
    # TS004 and TS005 both return early on a text with no stamp in its tail (threads._tail_start):
    # the second adds no entry of its own for the same lines, so _catch_up does their work once
    from cleaner import engine

    rules = load_rules()
    head = "\n".join(f"Anna — June {d}th, 2012, 10:1{d % 10} pm\nNice.\nReply" for d in range(20, 24))
    lines = (head + "\n" + ARTICLE + "\n" + ARTICLE).split("\n")
    st = engine._State(lines, list(range(1, len(lines) + 1)))
    st.phrases = engine._plan(rules).phrases
    for rule in rules.rules:
        if rule.id in ("TS004", "TS005"):
            engine._apply_rule(rule, st)
    (scan,) = st.memo.values()
    assert len(scan.pending) == 1  # was 2: one per rule, the same lines twice
    assert not scan.control  # nothing read of the controls yet
    from cleaner.threads import _catch_up

    _catch_up(st, scan)
    assert not scan.pending and scan.control  # the head's stamps had min_units: controls were read
