"""Keyword prefilter: which rules could match a document at all.

One Aho-Corasick automaton (pyahocorasick, C, linear time) over every rule's keywords finds, in a
single scan of the lower-cased document, the keywords it contains; only rules with a keyword
present, plus the rules without keywords, are run. Per-unit keyword checks in the engine then
skip lines a rule cannot match. Output is identical with and without it (tested).
"""

from __future__ import annotations

from operator import itemgetter

import ahocorasick

from .ruleset import Rule, RuleSet


_KEYWORD = itemgetter(1)  # the automaton yields (end offset, keyword)


class Prefilter:
    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules.rules
        self.always = [r for r in self.rules if not r.keywords]
        self.automaton = ahocorasick.Automaton()
        for kw in {k for r in self.rules for k in r.keywords}:
            self.automaton.add_word(kw, kw)
        self.has_words = len(self.automaton) > 0
        if self.has_words:
            self.automaton.make_automaton()

    def candidates(self, text: str) -> tuple[Rule, ...]:
        """Rules that could match `text`, in RuleSet order."""
        if not self.has_words:
            return self.rules
        found = {kw for _, kw in self.automaton.iter(text.lower())}
        return tuple(r for r in self.rules if not r.keywords or not found.isdisjoint(r.keywords))

    def line_keywords(self, line: str) -> frozenset[str]:
        """The keywords `line` contains (lower-cased)."""
        if not self.has_words:
            return frozenset()
        return frozenset(map(_KEYWORD, self.automaton.iter(line.lower())))

    def line_index(self, lines: list[str]) -> dict[str, set[int]]:
        """keyword -> indices of the lines that contain it (lower-cased), one scan per line.

        A rule with keywords only needs to look at the union of its keywords' lines: a line
        that later loses text can only lose keywords, so the sets stay supersets.
        """
        hits: dict[str, set[int]] = {}
        if not self.has_words:
            return hits
        for i, line in enumerate(lines):
            for _, kw in self.automaton.iter(line.lower()):
                hits.setdefault(kw, set()).add(i)
        return hits
