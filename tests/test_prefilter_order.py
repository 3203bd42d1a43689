"""The prefilter's automaton (keywords added common characters first) finds exactly the keywords a
plain substring test finds, on the real rule set's keywords."""

from __future__ import annotations

import random

from cleaner import load_rules
from cleaner.prefilter import Prefilter


def test_line_keywords_equal_a_substring_test() -> None:
    rules = load_rules()
    pf = Prefilter(rules)
    keywords = sorted({k for r in rules.rules for k in r.keywords}
                      | {k for r in rules.rules for gate in r.pattern_keywords if gate for k in gate})
    rng = random.Random(13)
    pieces = keywords + ["the ", "Über ", "日本", "Зд", ". ", "2024", "İ", "x"]
    for _ in range(400):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        low = line.lower()
        assert pf.line_keywords(line) == frozenset(k for k in keywords if k in low), line
