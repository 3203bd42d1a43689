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
