"""The restricted second pass (engine._restricted_pass) gives exactly what full passes give."""

from __future__ import annotations

import sys

import pytest

from cleaner import Options, engine, load_rules
from cleaner.decode import normalise
from cleaner.segment import split_lines

from .conftest import ROOT, write_pack

sys.path.insert(0, str(ROOT / "benchmarks"))
from speed import corpus  # noqa: E402


def _full(rules, lines, prefilter):
    """engine.run with every pass in full (the behaviour before the restricted pass)."""
    saved = engine._restricted_pass
    engine._restricted_pass = lambda *a, **k: None
    try:
        return engine.run(rules, lines, prefilter)
    finally:
        engine._restricted_pass = saved


def _same(a: engine.PassResult, b: engine.PassResult) -> None:
    assert a.lines == b.lines
    assert a.origins == b.origins
    assert a.removed == b.removed
    assert a.extracted == b.extracted


@pytest.mark.parametrize("prefilter", [True, False])
def test_restricted_pass_equals_full_passes_on_generated_documents(prefilter):
    opts = Options(load_rules(), prefilter)
    for doc in corpus(150, 5):
        lines = split_lines(normalise(doc))
        _same(engine.run(opts.rules, lines, opts._prefilter), _full(opts.rules, lines, opts._prefilter))


CUTS = '''
[pack]
prefix = "ZY"
summary = "test"

[[rule]]
id = "ZY001"
name = "mail-line"
summary = "A line that is only e-mail."
why = "Test: becomes true only after ZY002 cut a tag out of 'e-<b>mail'."
scope = "line"
action = "drop"
keywords = ["e-mail"]
patterns = ['^e-mail$']
[[rule.example]]
match = "e-mail"
[[rule.example]]
no_match = "mail"

[[rule]]
id = "ZY002"
name = "tags"
summary = "Leaked tags."
why = "Test."
scope = "line"
action = "drop"
span = "all"
keywords = ["<"]
patterns = ['</?b>']
[[rule.example]]
match = "a <b>b</b>"
[[rule.example]]
no_match = "a b"

[[rule]]
id = "ZY003"
name = "head-note"
summary = "First line noted."
why = "Test: its window moves when a line above goes."
scope = "line"
where = "head"
window = 1
action = "drop"
patterns = ['^Note']
[[rule.example]]
match = "Note this"
[[rule.example]]
no_match = "This"
'''


def test_a_keyword_created_by_a_cut_and_a_moving_window(tmp_path):
    write_pack(tmp_path, CUTS)
    for pf in (True, False):
        opts = Options(load_rules([tmp_path], builtin=False), pf)
        for doc in ("e-<b>mail\nNote one\nbody text here.\n", "<b></b>\nNote\ne-<b>mail\n\nNote two\n"):
            lines = split_lines(normalise(doc))
            res = engine.run(opts.rules, lines, opts._prefilter)
            _same(res, _full(opts.rules, lines, opts._prefilter))
        res = engine.run(opts.rules, split_lines("e-<b>mail\nbody text here.\n"), opts._prefilter)
        assert [r.rule for r in res.removed] == ["ZY002", "ZY001"]


SLIDE = '''
[pack]
prefix = "ZX"
summary = "test"

[[rule]]
id = "ZX000"
name = "comment-section"
summary = "A comments header and all after it."
why = "Test: a span = 'rest' rule whose header line appears only after a later rule's cut."
scope = "line"
action = "drop"
span = "rest"
min_text_before = 0
keywords = ["comments"]
patterns = ['^Comments$']
[[rule.example]]
match = """Text.
Comments
Nice."""
removes = """Comments
Nice."""
[[rule.example]]
no_match = "No comments here"

[[rule]]
id = "ZX001"
name = "head-stamp"
summary = "A stamp line among the first two lines."
why = "Test: a head window that a later rule's removal moves."
scope = "line"
where = "head"
window = 2
action = "extract"
keywords = ["updated"]
patterns = ['^Updated (?P<when>\\d+)$']
[rule.extract]
published = '^Updated (?P<v>\\d+)$'
[[rule.example]]
match = "Updated 5"
[[rule.example]]
no_match = "It was updated"

[[rule]]
id = "ZX002"
name = "tags"
summary = "Leaked tags."
why = "Test: a local rule that a later pass must look at again on cut lines."
scope = "line"
action = "drop"
span = "all"
keywords = ["<"]
patterns = ['</?i>']
[[rule.example]]
match = "a <i>b</i>"
[[rule.example]]
no_match = "a b"

[[rule]]
id = "ZX003"
name = "menu"
summary = "A menu label."
why = "Test: removes a line at the head after ZX001 looked there."
scope = "line"
action = "drop"
keywords = ["menu"]
patterns = ['^Menu$']
[[rule.example]]
match = "Menu"
[[rule.example]]
no_match = "The menu was long"

[[rule]]
id = "ZX004"
name = "bare-tag-line"
summary = "A line that is only a tag name left by a cut."
why = "Test: matches only once ZX002 has cut the line (local rule after the moving window)."
scope = "line"
action = "drop"
keywords = ["note"]
patterns = ['^note$']
[[rule.example]]
match = "note"
[[rule.example]]
no_match = "a note"

[[rule]]
id = "ZX005"
name = "pull-quote"
summary = "Repeated paragraph."
why = "Test: a detector over all lines after the moving window."
scope = "paragraph"
action = "drop"
detector = "repeat"
min_words = 3
[[rule.example]]
match = """one two three four five six seven

two three four"""
removes = "two three four"
[[rule.example]]
no_match = "one two three"
'''


def test_a_second_pass_that_removes_goes_on_restricted_and_equals_full_passes(tmp_path, monkeypatch):
    """A later rule (ZX003) removes a head line after the head window (ZX001) looked: the next
    pass removes the stamp that moved into view. That pass goes on restricted (no full pass
    after the first), and every pass's result equals what full passes give."""
    write_pack(tmp_path, SLIDE)
    docs = [
        "Menu\nMenu\nUpdated 5\n<i>note</i>\nBody text one two three four five six seven.\n\ntwo three four\n",
        "Menu\nUpdated 7\nUpdated 8\nMenu\n<i>x</i> note\none two three four five\n\nthree four five\n",
        "Menu\n<i></i>\nUpdated 1\n\nnote\nplain text here\n",
        "Menu\nUpdated 2\nBody text.\n<i>Comments</i>\nFirst!\n",
        "Body text.\nComments please\n<i>note</i>\nMenu\n",
    ]
    for pf in (True, False):
        opts = Options(load_rules([tmp_path], builtin=False), pf)
        for doc in docs:
            lines = split_lines(normalise(doc))
            full_passes = []
            inner = engine.run_pass
            monkeypatch.setattr(engine, "run_pass", lambda *a, **k: full_passes.append(1) or inner(*a, **k))
            res = engine.run(opts.rules, lines, opts._prefilter)
            monkeypatch.setattr(engine, "run_pass", inner)
            _same(res, _full(opts.rules, lines, opts._prefilter))
            assert len(full_passes) == 1  # the first pass only: later passes stay restricted
        res = engine.run(opts.rules, split_lines(normalise(docs[0])), opts._prefilter)
        assert "Updated 5" not in res.lines and [e.groups for e in res.extracted] == [{"v": "5"}]
        res = engine.run(opts.rules, split_lines(normalise(docs[3])), opts._prefilter)
        assert res.lines == ["Body text."]  # the header made by ZX002's cut took the rest with it


def test_repeat_detector_containment_equals_the_plain_scan():
    """The repeat detector's longest-first index answers "is ' x ' inside a unit at least L
    long" as a scan of every unit does."""
    import random

    from cleaner.detectors import _LongerFirst

    rng = random.Random(3)
    words = ["a", "b", "c", "ab", "ba", "é", "日本"]
    for _ in range(3000):
        norms = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 7))) for _ in range(rng.randint(1, 7))]
        index = _LongerFirst(norms)
        for norm in norms:
            needle = f" {norm} "
            for factor in (1.0, 1.5, 2.0):
                plain = any(needle in f" {o} " and len(o) >= factor * len(norm) for o in norms)
                assert index.contains(needle, factor * len(norm)) == plain


def test_repeat_detector_memo_equals_a_fresh_run_per_pass():
    """The repeat detector's per-document memo of units found inside no longer unit
    (detectors._absent_since) gives, on every later state of a document, what a fresh run gives:
    random units lose units and words between calls (as passes do), and sometimes gain some."""
    import random
    from types import SimpleNamespace

    from cleaner import detectors

    rule = SimpleNamespace(scope="paragraph", min_words=2, max_words=None, keywords=())
    rng = random.Random(5)
    words = ["a", "b", "c", "ab", "d"]

    def run(texts: list[str], memo: dict) -> list[int]:
        st = SimpleNamespace(live_paras=lambda: [[i] for i in range(len(texts))], text=texts,
                             protected=[False] * len(texts), memo=memo)
        out: list[int] = []
        detectors.repeat(rule, st, lambda unit, *a, **k: out.extend(unit))  # type: ignore[arg-type]
        return out

    for _ in range(600):
        texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(rng.randint(1, 8))]
        memo: dict = {}
        for _step in range(4):
            assert run(texts, memo) == run(texts, {})
            if rng.random() < 0.2:
                texts = texts + [" ".join(rng.choice(words) for _ in range(rng.randint(1, 9)))]
            elif len(texts) > 1:
                texts = [t for k, t in enumerate(texts) if k != rng.randrange(len(texts))]


def test_line_keyword_cache_gives_the_scan_and_stays_bounded(monkeypatch):
    """engine._line_keywords keeps line text -> keywords per prefilter (repeated lines are not
    scanned again): the sets are the prefilter's own, for known and unknown lines, and the cache
    is cleared before a document would pass its limit."""
    opts = Options(load_rules())
    pf = opts._prefilter
    monkeypatch.setattr(engine, "_SCANNED_LIMIT", 40)
    engine._scanned(pf).clear()
    for doc in corpus(20, 3):
        lines = split_lines(normalise(doc))
        per_line, found = engine._line_keywords(pf, lines, None)
        assert per_line == [pf.line_keywords(ln) for ln in lines]
        assert found == set().union(*per_line)
        known = [kw if k % 2 else None for k, kw in enumerate(per_line)]
        again, _ = engine._line_keywords(pf, lines, known)
        assert again == per_line
        assert len(engine._scanned(pf)) <= max(40, len(lines))


def test_window_candidates_equal_the_plain_filter():
    """_candidates cuts a head/tail rule's keyword lines to the window by bisect: the same lines
    as keeping every keyword line that is live, not blank and inside the window."""
    opts = Options(load_rules())
    windowed = [r for r in opts.rules.rules if r.where != "anywhere" and r.keywords and r.detector is None]
    assert windowed
    for doc in corpus(30, 4):
        lines = split_lines(normalise(doc))
        st = engine._State(lines, list(range(1, len(lines) + 1)))
        per_line, _ = engine._line_keywords(opts._prefilter, lines, None)
        plan = engine._plan(opts.rules)
        st.keyed, st.line_keywords, st.keyword_rules = True, per_line, plan.keyword_rules
        for k in range(0, len(lines), 3):  # some lines gone, as after removals
            st.alive[k] = False
        st._live = None
        live = st.live_lines()
        for rule in windowed:
            window = live[: rule.window] if rule.where == "head" else live[-rule.window:]
            allowed = st.rule_lines(rule)
            want = [i for i in (allowed or []) if window and window[0] <= i <= window[-1]
                    and st.alive[i] and not st._blank[i]]
            assert engine._candidates(rule, st, live) == want


def test_carried_keyword_lines_equal_the_index_built_again(monkeypatch):
    """The restricted pass takes a rule's keyword lines from the last pass's index, renumbered
    (_State.carried_lines): for every rule that asks, the lines are those the pass's own index
    would give, built from its line keywords (cut lines rescanned), on every document."""
    opts = Options(load_rules())
    asked: list[str] = []
    carried = engine._State.carried_lines

    def check(self, rule, table):
        got = carried(self, rule, table)
        assert got == table.index(self.line_keywords).get(id(rule), []), rule.id
        asked.append(rule.id)
        return got

    monkeypatch.setattr(engine._State, "carried_lines", check)
    for doc in corpus(60, 7):
        engine.run(opts.rules, split_lines(normalise(doc)), opts._prefilter)
    assert len(set(asked)) >= 5  # tail, head and document rules asked in restricted passes


@pytest.mark.parametrize("prefilter", [True, False])
def test_line_rule_scan_equals_candidates_and_match_lines(monkeypatch, prefilter):
    """_scan_line_rule (a plain line rule's plan: candidates and matches in one function) finds,
    at every turn of every plain line rule in full and restricted passes, the candidates and
    matches that _candidates and _match_lines find on the same state."""
    opts = Options(load_rules(), prefilter)
    scan = engine._scan_line_rule
    seen: set[str] = set()

    def check(lp, st):
        rule = lp.rule
        want_cands = engine._candidates(rule, st, st.live_lines())
        want = (engine._match_lines(rule, st, want_cands, st.keyed and bool(rule.keywords))
                if rule.patterns and want_cands else [])
        lines, cands, matched = scan(lp, st)
        assert lines == st.live_lines() and cands == want_cands, rule.id
        assert [(i, m.span()) for i, m in matched] == [(i, m.span()) for i, m in want], rule.id
        assert st.last_cands is cands
        seen.add(rule.id)
        return lines, cands, matched

    monkeypatch.setattr(engine, "_scan_line_rule", check)
    for doc in corpus(40, 11):
        engine.run(opts.rules, split_lines(normalise(doc)), opts._prefilter)
    assert len(seen) >= 50
