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

# pyahocorasick looks a character up among a trie node's children one by one, in the order they
# were added (measured: a 150-character line of a character that starts no keyword takes 13 us, of
# one the root finds first 1.3 us), and the root has a child for every first character of ~4,000
# keywords (~260): added in set (hash) order, which changed from process to process, a common
# letter was found after half of them. Keywords are added so that at every
# node the characters common in running text come first (space, English letter frequency, digits,
# punctuation; the rest by code point). The same keywords, the same matches; the line scan
# (`line_keywords`, ~12% of the rule stage on naive_b) ~15% cheaper.
_COMMON_FIRST = {c: k for k, c in enumerate(" etaoinsrhldcumfpgwybvkxjqz0123456789.,:-/'\"()!?")}


class _Ranks(dict):
    """Code point -> a one-character string in the insertion order of `_COMMON_FIRST` (its
    characters first, by rank; every other character after them, by code point)."""

    def __missing__(self, code: int) -> str:
        # the last 49 code points (private use) would pass U+10FFFF: they share a rank, which
        # changes only the order keywords are added in, never what the automaton matches
        value = self[code] = chr(min(_OTHERS + code, 0x10FFFF))
        return value


_OTHERS = max(_COMMON_FIRST.values()) + 1  # the first rank of the other characters
_RANKS = _Ranks({ord(c): chr(k) for c, k in _COMMON_FIRST.items()})


def _insertion_key(keyword: str) -> str:
    """The keyword's characters by rank, as a string: sorts as the tuple of ranks
    (`_COMMON_FIRST`, else 1000 + code point) does, about 4x cheaper to build and compare than
    that tuple (the sort of ~4,000 keywords was ~7 ms of a cold `cleaner check`; issue 15)."""
    return keyword.translate(_RANKS)


class Prefilter:
    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules.rules
        self.always = [r for r in self.rules if not r.keywords]
        self.automaton = ahocorasick.Automaton()
        # a rule's pattern_keywords too: the engine reads them off a line's keywords
        words = {k for r in self.rules for k in r.keywords}
        words.update(k for r in self.rules for gate in r.pattern_keywords if gate for k in gate)
        for kw in sorted(words, key=_insertion_key):
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
