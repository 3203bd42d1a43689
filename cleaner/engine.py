"""Apply a RuleSet to the lines of one document.

Rules run one after another in RuleSet order over what earlier rules left, so a head window
counts the lines that are still there (a headline rule sees the first line after a removed
timestamp). `keep` rules run first and protect what they match. One pass is a pure function of
(lines, rules); `run` repeats passes on the output until nothing changes (no fixed number of
passes), which is what makes cleaning idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import bisect
import functools
from itertools import accumulate, chain, compress, filterfalse
from operator import not_
from typing import Callable, Iterable, Iterator

import regex

from .detectors import DETECTORS, line_value
from .docscan import line_local, line_start_form, line_start_matches, search_lines
from .matcher import Deferred, RuleTimeout, Search, _bound, _ByIdentity, _matcher
from .matcher import finditer as _finditer, pattern_spans
from .phrases import PhraseIndex
from .rulecache import prebuilt as prebuilt_phrase_index
from .prefilter import Prefilter
from .ruleset import LazyPattern, Rule, RuleSet
from .segment import line_words, merge_spans
from .docstate import DocumentTimeout, Extraction, Removal, _Clock, _KeywordRules, _State  # noqa: F401 (DocumentTimeout re-exported)

TEXT_LINE_WORDS = 10  # a line of running text: at least this many words and a sentence end


@dataclass
class PassResult:
    lines: list[str]
    origins: list[int]
    removed: list[Removal] = field(default_factory=list)
    extracted: list[Extraction] = field(default_factory=list)
    protected: int = 0
    trace: "_Trace | None" = field(default=None, repr=False, compare=False)  # for the next pass


@functools.lru_cache(maxsize=4096)
def _lower(text: str) -> str:
    return text.lower()


_words = line_words  # the pipeline's cached count: a unit's count is shared with words_in/out



def _eligible(rule: Rule, text: str, has_keyword: bool = False, lines: list[str] | None = None) -> bool:
    """Keyword prefilter, vetoes and word-count bounds for one unit.

    Lower-casing and word counts are cached per text: every rule asks the same lines.
    `has_keyword`: the caller knows the text holds one of the rule's keywords (the line index).
    `lines`: the lines `text` joins (a document rule); a built-in `requires` pattern that
    cannot span lines (docscan.line_local) is then answered line by line, from answers kept
    per line text (HD002's stamp/byline test searched the whole page in every pass).
    """
    if rule.keywords and not has_keyword:
        low = _lower(text)
        if not any(k in low for k in rule.keywords):
            return False
    if rule.min_words or rule.max_words is not None:
        words = _words(text)
        if words < rule.min_words or (rule.max_words is not None and words > rule.max_words):
            return False
    if not (rule.unless or rule.requires):
        return True
    match = _matcher(rule)
    try:
        if any(u(text) for u in match.unless):
            return False
        if lines is not None and match.requires and all(type(r) is LazyPattern and line_local(r._get())
                                                          for r in rule.requires):
            return any(search_lines(r._get(), lines) for r in rule.requires)
        return not match.requires or any(r(text) for r in match.requires)
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


def _first_match(rule: Rule, text: str, has_keyword: bool = False) -> regex.Match[str] | None:
    if not _eligible(rule, text, has_keyword):
        return None
    unit = rule.span in ("unit", "block")
    try:
        for search in _matcher(rule).patterns:
            m = search(text)
            if m is not None and (unit or m.end() > m.start()):
                return m
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
    return None


def _match_lines_clocked(rule: Rule, st: _State, cands: list[int], indexed: bool,
                         clock: _Clock) -> list[tuple[int, regex.Match[str]]]:
    """_match_lines with a look at the clock before each line: for a rule with user patterns
    when the document has a time budget (see _Clock)."""
    out: list[tuple[int, regex.Match[str]]] = []
    for i in cands:
        clock.check()
        out += _match_lines(rule, st, [i], indexed)
    return out


def _match_lines(rule: Rule, st: _State, cands: list[int], indexed: bool) -> list[tuple[int, regex.Match[str]]]:
    """_first_match over the candidate lines, in one loop: the line rules' hot path (most
    candidates fail the word bounds, so those checks run inline before any search).
    `indexed`: lines no rule changed yet in this pass hold one of the rule's keywords.

    The tests every line goes through (protection, keyword, word bounds, `unless`) are set up
    here once for both loops: _match_lines_plain, and _match_lines_set where the rule set's one
    scan says which patterns could match. A user pattern's TimeoutError becomes RuleTimeout on
    both paths."""
    one_line = st.one_line
    setup = (_line_setup_one if one_line else _line_setup_multi)(rule)
    patterns, veto, gates, keys, lo, hi, unit, keep = setup
    protected = None if keep else st.protected
    line_set = st.line_set
    try:
        if line_set is not None:
            bits = line_set.slots(rule)
            if bits and any(bits):
                match = _matcher(rule)
                tests: _LineTests = (protected, st.text, st.stamp, keys, indexed, lo, hi, unit)
                return _match_lines_set(st, cands, tests, patterns, match.line_unless if one_line else match.unless, bits)
        if gates is not None:
            return _match_lines_gated(cands, protected, st.text, st.stamp, keys, indexed, lo, hi, unit, veto,
                                      gates, st.line_keywords if st.keyed else None)
        return _match_lines_plain(cands, protected, st.text, st.stamp, keys, indexed, lo, hi, unit, veto, patterns)
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


def _line_setup(rule: Rule, one_line: bool) -> tuple:
    """What _match_lines needs of a rule, resolved once per rule (it was rebuilt on each of
    ~33,000 calls a run): its patterns (one-line form or not), its vetoes as one test (_veto),
    its per-pattern gates as (search, gate) pairs (None without pattern_keywords), its keywords,
    word bounds, whether an empty match counts, and whether it is a keep rule."""
    match = _matcher(rule)
    patterns, unless = (match.line_patterns, match.line_unless) if one_line else (match.patterns, match.unless)
    gates = tuple(zip(patterns, rule.pattern_keywords)) if rule.pattern_keywords else None
    return (patterns, _veto(unless), gates, rule.keywords, rule.min_words, rule.max_words,
            rule.span in ("unit", "block"), rule.action == "keep")


_line_setup_one: _ByIdentity[Rule, tuple] = _ByIdentity(lambda rule: _line_setup(rule, True), 4096)
_line_setup_multi: _ByIdentity[Rule, tuple] = _ByIdentity(lambda rule: _line_setup(rule, False), 4096)


# What _match_lines asks of each candidate line before a search, set up once per call (a plain
# tuple: a NamedTuple's constructor cost ~0.4 us a call): the lines a keep rule protected (None
# for a keep rule itself), the texts, the stamps, the rule's keywords, whether the keyword index
# holds for lines no rule changed yet in this pass, the word bounds (lo, hi), and whether an
# empty match counts (span unit or block).
_LineTests = tuple[list[bool] | None, list[str], list[int], tuple[str, ...], bool, int, int | None, bool]


def _veto(unless: tuple[Search, ...]) -> Search | Callable[[str], bool] | None:
    """The rule's `unless` vetoes as one test of a line (true: vetoed), None without vetoes: a
    rule's one veto itself (most have one; a match is true), else any of them. The loops below
    built a generator per candidate line for `any` (~4% of the rule stage)."""
    if not unless:
        return None
    if len(unless) == 1:
        return unless[0]
    return lambda text: any(u(text) for u in unless)


def _match_lines_plain(cands: list[int], protected: list[bool] | None, texts: list[str], stamp: list[int],
                       keys: tuple[str, ...], indexed: bool, lo: int, hi: int | None, unit: bool,
                       veto: Search | Callable[[str], bool] | None,
                       patterns: tuple[Search, ...]) -> list[tuple[int, regex.Match[str]]]:
    """_match_lines where every pattern is searched (no one scan, or none of these patterns in
    it). The arguments are _LineTests' fields, then the rule's vetoes as one test (_veto)."""
    bounded = bool(lo) or hi is not None
    out: list[tuple[int, regex.Match[str]]] = []
    for i in cands:
        if protected is not None and protected[i]:
            continue
        text = texts[i]
        if keys and not (indexed and stamp[i] < 0):
            low = _lower(text)
            if not any(k in low for k in keys):
                continue
        if bounded:
            w = _words(text)
            if w < lo or (hi is not None and w > hi):
                continue
        if veto is not None and veto(text):
            continue
        for search in patterns:
            m = search(text)
            if m is not None and (unit or m.end() > m.start()):
                out.append((i, m))
                break
    return out


def _match_lines_gated(cands: list[int], protected: list[bool] | None, texts: list[str], stamp: list[int],
                       keys: tuple[str, ...], indexed: bool, lo: int, hi: int | None, unit: bool,
                       veto: Search | Callable[[str], bool] | None,
                       pairs: tuple[tuple[Search, frozenset[str] | None], ...],
                       line_keywords: list[frozenset[str]] | None) -> list[tuple[int, regex.Match[str]]]:
    """_match_lines_plain for a rule with pattern_keywords: a pattern with keywords is searched
    only on a line that holds one of them (a match holds one), read off the line's keywords at
    the pass's start when no rule changed it since (the prefilter's automaton has them), else
    looked for in its lower-cased text. Same matches: a skipped search could not have matched.
    PH004's long credit patterns cost 50-110 us a candidate line, and most candidates hold
    none of their keywords. `pairs`: each pattern with its gate (None: always searched)."""
    bounded = bool(lo) or hi is not None
    out: list[tuple[int, regex.Match[str]]] = []
    for i in cands:
        if protected is not None and protected[i]:
            continue
        text = texts[i]
        low = None
        if keys and not (indexed and stamp[i] < 0):
            low = _lower(text)
            if not any(k in low for k in keys):
                continue
        if bounded:
            w = _words(text)
            if w < lo or (hi is not None and w > hi):
                continue
        if veto is not None and veto(text):
            continue
        known = line_keywords[i] if line_keywords is not None and stamp[i] < 0 else None
        for search, gate in pairs:
            if gate is not None:
                if known is not None:
                    if gate.isdisjoint(known):
                        continue
                else:
                    if low is None:
                        low = _lower(text)
                    if not any(k in low for k in gate):
                        continue
            m = search(text)
            if m is not None and (unit or m.end() > m.start()):
                out.append((i, m))
                break
    return out


def _match_lines_set(st: _State, cands: list[int], tests: _LineTests, patterns: tuple[Search, ...],
                     unless: tuple[Search, ...], bits: tuple[int, ...]) -> list[tuple[int, regex.Match[str]]]:
    """_match_lines where the rule set's one scan (st.line_set) says which of the rule's patterns
    could match each line: a pattern whose bit is not set for a text is not searched, and when
    all of them are in the set and none is set the line is passed over before its keyword, word
    and `unless` tests (it cannot match, whatever they say). Same matches as _match_lines_plain:
    a set bit is a superset of a match, and the first pattern that matches is still taken."""
    protected, texts, stamp, keys, indexed, lo, hi, unit = tests
    bounded = bool(lo) or hi is not None
    veto = _veto(unless)
    gated = all(bits)
    mask = 0
    for b in bits:
        mask |= b
    pairs = tuple(zip(patterns, bits))
    possible = st.line_set.possible  # type: ignore[union-attr]
    out: list[tuple[int, regex.Match[str]]] = []
    for i in cands:
        if protected is not None and protected[i]:
            continue
        text = texts[i]
        hit = possible(text)
        if gated and not hit & mask:
            continue
        if keys and not (indexed and stamp[i] < 0):
            low = _lower(text)
            if not any(k in low for k in keys):
                continue
        if bounded:
            w = _words(text)
            if w < lo or (hi is not None and w > hi):
                continue
        if veto is not None and veto(text):
            continue
        for search, bit in pairs:
            if bit and not hit & bit:
                continue
            m = search(text)
            if m is not None and (unit or m.end() > m.start()):
                out.append((i, m))
                break
    return out


def _candidates(rule: Rule, st: _State, lines: list[int]) -> list[int]:
    """Live lines in the rule's window that hold one of its keywords, in document order."""
    if rule.where == "head":
        lines = lines[: rule.window]
    elif rule.where == "tail":
        lines = lines[-rule.window :]
    allowed = st.rule_lines(rule)
    if allowed is None:
        return lines
    if not allowed or not lines:
        return []
    # Without a blank keyword (_Plan.blank_keywords) no blank line is a keyword line, and before
    # the first line of the pass dies every keyword line is live: then the lines need no
    # filtering, and after it only the liveness test (in C).
    table = st.keyword_rules
    unblank = not st.blank_keywords and table is not None and id(rule) in table.known  # no blank line in `allowed`
    alive, blank = st.alive, st._blank
    if rule.where != "anywhere":
        lo, hi = lines[0], lines[-1]  # the window: the live lines between these two
        # `allowed` is ascending: cut it to the window first (a tail rule's 5 lines among
        # hundreds of keyword lines walked the whole list in every application)
        allowed = allowed[bisect.bisect_left(allowed, lo): bisect.bisect_right(allowed, hi)]
    elif unblank and st.all_alive:
        return allowed[:]  # (a copy: the list is the pass's index)
    if unblank:
        return allowed if st.all_alive else list(compress(allowed, map(alive.__getitem__, allowed)))
    return [i for i in allowed if alive[i] and not blank[i]]


class _LinePlan:
    """A plain line rule (line or run scope, no detector, no phrases) resolved once per rule set
    for _scan_line_rule: what _apply_rule, _candidates and _match_lines looked up on each of
    ~30,000 applications a run that mostly find nothing (fast9 measured ~6 us of setup each)."""

    __slots__ = ("rule", "rid", "where", "window", "keywords", "known", "has_patterns", "timed", "one", "multi")

    def __init__(self, rule: Rule, table: _KeywordRules) -> None:
        self.rule = rule
        self.rid = id(rule)
        self.where = rule.where
        self.window = rule.window
        self.keywords = bool(rule.keywords)
        self.known = id(rule) in table.known  # the rule's keyword lines are in the pass's index
        self.has_patterns = bool(rule.patterns)
        self.timed = _matcher(rule).timed
        self.one: tuple | None = None  # _line_setup, one-line form, at the first search
        self.multi: tuple | None = None  # the same, MULTILINE form (a document with a line break in a line)

    def setup(self, one_line: bool) -> tuple:
        """_line_setup of the rule in the form asked, kept (built at first use: building it for
        every rule in both forms, with the rule set, cost ~20 ms of start-up)."""
        if one_line:
            if self.one is None:
                self.one = _line_setup_one(self.rule)
            return self.one
        if self.multi is None:
            self.multi = _line_setup_multi(self.rule)
        return self.multi


def _plain_line_rule(rule: Rule) -> bool:
    """Whether _scan_line_rule can find the rule's matches (see _LinePlan)."""
    return (rule.detector is None and (rule.scope == "line" or rule.scope == "run")
            and not rule.phrases and not rule.phrase_row)


def _scan_line_rule(lp: _LinePlan, st: _State) -> tuple[list[int], list[int], list[tuple[int, regex.Match[str]]]]:
    """The live lines, the candidates and the matches of a plain line rule in a full application
    (no `only`), as _apply_rule finds them through _candidates and _match_lines, in one function
    from the rule's _LinePlan. The caller makes sure that no clock applies and that the rule set's
    one scan is off (st.line_set None); sets st.last_cands."""
    lines = st.live_lines()
    where = lp.where
    window = lines
    if where == "head":
        window = lines[: lp.window]
    elif where == "tail":
        window = lines[-lp.window :]
    # _candidates, with _State.rule_lines' first answer inline
    keyed = st.keyed
    if keyed and lp.keywords:
        index = st._rule_lines
        allowed = index.get(lp.rid) if index is not None else None
        if allowed is None:
            allowed = st.rule_lines(lp.rule)
    else:
        allowed = None
    if allowed is None:
        cands = window
    elif not allowed or not window:
        cands = []
    else:
        unblank = not st.blank_keywords and st.keyword_rules is not None and lp.known
        if where != "anywhere":
            allowed = allowed[bisect.bisect_left(allowed, window[0]): bisect.bisect_right(allowed, window[-1])]
            if unblank:
                cands = allowed if st.all_alive else list(compress(allowed, map(st.alive.__getitem__, allowed)))
            else:
                alive, blank = st.alive, st._blank
                cands = [i for i in allowed if alive[i] and not blank[i]]
        elif unblank:
            cands = allowed[:] if st.all_alive else list(compress(allowed, map(st.alive.__getitem__, allowed)))
        else:
            alive, blank = st.alive, st._blank
            cands = [i for i in allowed if alive[i] and not blank[i]]
    st.last_cands = cands
    if not lp.has_patterns or not cands:
        return lines, cands, []
    # _match_lines without the one scan
    setup = lp.one if st.one_line else lp.multi
    patterns, veto, gates, keys, lo, hi, unit, keep = setup if setup is not None else lp.setup(st.one_line)
    indexed = keyed and lp.keywords
    protected = None if keep else st.protected
    texts, stamp = st.text, st.stamp
    try:
        if gates is not None:
            matched = _match_lines_gated(cands, protected, texts, stamp, keys, indexed,
                                         lo, hi, unit, veto, gates, st.line_keywords if keyed else None)
        else:
            matched = _match_lines_plain(cands, protected, texts, stamp, keys, indexed, lo, hi, unit, veto, patterns)
    except TimeoutError:
        raise RuleTimeout(lp.rule.id) from None
    return lines, cands, matched


def _run_rule(lp: "_LinePlan | None", rule: Rule, st: _State) -> None:
    """_apply_rule(rule, st), a plain line rule's matches found by _scan_line_rule when it can."""
    if lp is None or st.line_set is not None or (st.clock is not None and lp.timed):
        _apply_rule(rule, st)
        return
    found = _scan_line_rule(lp, st)
    if found[2]:
        _apply_rule(rule, st, None, found)
    elif rule.span == "rest":
        st.rest_matched = False


def _windowed(rule: Rule, units: list) -> Iterator[tuple[int, object]]:
    n = len(units)
    for k, unit in enumerate(units):
        if rule.where == "head" and k >= rule.window:
            break
        if rule.where == "tail" and k < n - rule.window:
            continue
        yield k, unit


def _apply_rule(rule: Rule, st: _State, only: list[int] | None = None,
                found: tuple[list[int], list[int], list[tuple[int, regex.Match[str]]]] | None = None) -> None:
    """Run one rule over the state. `only` (line rules): look at these lines alone, not the window.

    A line rule's matches are found first: when there are none (most rules on most documents)
    it returns before setting up the actions. `found`: a plain line rule's live lines,
    candidates and matches, already found by _scan_line_rule (st.last_cands set)."""
    clock = st.clock if st.clock is not None and _matcher(rule).timed else None
    line_rule = rule.detector is None and (rule.scope == "line" or rule.scope == "run")
    if found is not None:
        lines, cands, matched = found
        if rule.span == "rest":
            st.rest_matched = bool(matched)
        if not matched:
            return
    elif line_rule:
        lines = st.live_lines()
        cands = _candidates(rule, st, lines) if only is None else only
        if only is not None and rule.phrases and rule.keywords:
            # `only` is for the phrases; the patterns need a keyword (the keyword index below)
            allowed = st.keyword_lines(rule)
            if allowed is not None:
                cands = [i for i in only if i in allowed]
        st.last_cands = cands
        # A line from the keyword index that no rule changed yet in this pass holds a keyword.
        indexed = st.keyed and bool(rule.keywords)
        if not rule.patterns or not cands:
            matched = []
        elif clock is None:
            matched = _match_lines(rule, st, cands, indexed)
        else:
            matched = _match_lines_clocked(rule, st, cands, indexed, clock)
        if rule.phrases or rule.phrase_row:
            matched = _with_phrase_lines(rule, st, lines, only, matched)
        if rule.span == "rest":
            st.rest_matched = bool(matched)
        if not matched:
            return  # (each span below does nothing without a matched line)
    hits = 0

    def room() -> bool:
        return rule.max_hits is None or hits < rule.max_hits

    def act(
        idxs: list[int], m: regex.Match[str] | None = None, line: int | None = None, score: float | None = None
    ) -> None:
        nonlocal hits
        hits += 1
        if clock is not None:
            clock.check()  # a user rule's extract patterns run on every hit
        if rule.action == "keep":
            for i in idxs:
                st.protected[i] = True
            st.any_protected = True
            return
        span: tuple[int, ...] = ()
        if rule.extract:  # the input lines of the text that goes (a one-line cut, or the live lines)
            one = m is not None and line is not None and rule.span == "match"
            origin = st.origin
            span = ((origin[line],) if one else tuple([origin[i] for i in idxs]) if rule.action == "note"
                    else tuple([origin[i] for i in idxs if st.alive[i]]))
        if rule.action == "note":  # metadata only; the text stays
            removed = m.group(0) if m is not None and rule.span == "match" else "\n".join([st.text[i] for i in idxs])
        elif m is not None and line is not None and rule.span == "match":
            removed = st.cut(rule, line, m.start(), m.end())
        else:
            removed = st.remove(rule, idxs, score)
        if rule.extract and removed:
            for fname, pat in rule.extract:
                for em in _finditer(rule, pat, removed):
                    groups = {k: v for k, v in em.groupdict().items() if v is not None}
                    at = span[min(removed.count("\n", 0, em.start()), len(span) - 1)] if span else 0
                    st.extracted.append(Extraction(rule.id, fname, groups, at, span))

    if rule.detector is not None:
        DETECTORS[rule.detector](rule, st, act)
        return
    if line_rule:
        if rule.span == "rest":
            _cut_rest(rule, st, lines, [i for i, _ in matched], act)
            return
        if rule.span == "block":
            _cut_blocks(rule, st, lines, [i for i, _ in matched], room, act)
            return
        if rule.span == "all":
            for i, _ in matched:
                if clock is not None:
                    clock.check()
                _cut_all(rule, st, i)
            return
        if rule.scope == "line":
            for i, m in matched:
                if not room():
                    break
                act([i], m, i)
            if matched and rule.where != "anywhere" and only is None:
                _slide(rule, st, cands, room, act)
            return
        # run: consecutive live lines that all match, at least min_lines of them
        pos = {i: k for k, i in enumerate(lines)}
        run: list[int] = []
        for i, _ in matched + [(-1, None)]:
            if run and (i < 0 or pos[i] != pos[run[-1]] + 1):
                if len(run) >= rule.min_lines and room():
                    act(run)
                run = []
            if i >= 0:
                run.append(i)
        return
    if rule.scope == "paragraph":
        for _, para in _windowed(rule, st.live_paras()):
            if not room():
                break
            if clock is not None:
                clock.check()
            if rule.action != "keep" and any(st.protected[i] for i in para):
                continue
            m = _first_match(rule, "\n".join(st.text[i] for i in para))
            if m is not None:
                act(para)
        return
    # One match at a time, each on the text the last one left, as running the rule again would:
    # a rule that removes does not need a pass per match (keep and note rules change no text).
    while _apply_document_rule(rule, st, act) and rule.action in ("drop", "extract") and room():
        pass


def _slide(rule: Rule, st: _State, looked: list[int], room: Callable[[], bool], act) -> None:
    """A head or tail window after the rule removed lines in it: the lines that came into view
    are looked at too, as running the rule again would (a page of timestamp lines under DL001
    goes in one pass, not one pass per three lines)."""
    seen = set(looked)
    indexed = st.keyed and bool(rule.keywords)
    clock = st.clock if st.clock is not None and _matcher(rule).timed else None
    while room():
        fresh = [i for i in _candidates(rule, st, st.live_lines()) if i not in seen]
        if not fresh:
            return
        seen.update(fresh)
        if clock is None:
            found = _match_lines(rule, st, fresh, indexed)
        else:
            found = _match_lines_clocked(rule, st, fresh, indexed, clock)
        for i, m in found:
            if not room():
                return
            act([i], m, i)


def _with_phrase_lines(rule: Rule, st: _State, lines: list[int], only: list[int] | None,
                       matched: list[tuple[int, regex.Match[str] | None]]) -> list:
    """`matched` plus the lines (of the rule's window, or `only`) that the rule's phrases match,
    in document order; a phrase line is removed whole (no Match). The same checks as for
    patterns apply: protected lines, word bounds, `unless` vetoes.

    The rule set's PhraseIndex is asked about every live line once per pass, at the first
    phrase rule's turn (st.phrase_view: per rule id its lines); a later phrase rule takes its
    lines from there and asks again only about lines changed since (stamp), so many phrase
    rules cost about what one does."""
    index = st.phrases
    if index is None:
        return matched
    texts, stamp, rid, match = st.text, st.stamp, rule.id, index.match
    if only is not None:
        cands = [i for i in only if rid in match(texts[i])]
    else:
        if st.phrase_view is None:
            _phrase_lookup(st, lines)
        since, view = st.phrase_view  # type: ignore[misc]
        cands = [i for i in view.get(rid, ()) if stamp[i] < since]  # unchanged since the lookup
        if st.last_touch >= since:  # lines cut since: ask again
            cands += [i for i in lines if stamp[i] >= since and rid in match(texts[i])]
            cands.sort()
        if rule.where != "anywhere" and cands:
            window = set(lines[: rule.window] if rule.where == "head" else lines[-rule.window :])
            cands = [i for i in cands if i in window]
    if not cands:
        return matched
    protected = None if rule.action == "keep" else st.protected
    lo, hi = rule.min_words, rule.max_words
    veto = _veto(_matcher(rule).line_unless if st.one_line else _matcher(rule).unless)
    done = {i for i, _ in matched}
    found: list[tuple[int, regex.Match[str] | None]] = []
    try:
        for i in cands:
            text = texts[i]
            if i in done or (protected is not None and protected[i]):
                continue
            if lo or hi is not None:
                w = _words(text)
                if w < lo or (hi is not None and w > hi):
                    continue
            if veto is not None and veto(text):
                continue
            found.append((i, None))
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
    if not found:
        return matched
    return sorted(matched + found, key=lambda hit: hit[0])


def _phrase_lookup(st: _State, lines: list[int]) -> None:
    """Ask the rule set's PhraseIndex about every live line (`lines`) once, at the turn of the
    rule now running: st.phrase_view is (that turn, rule id -> its lines); st.phrase_ids its ids.
    A line changed from that turn on has stamp >= the turn and is asked again when needed."""
    view: dict[str, list[int]] = {}
    texts, match = st.text, st.phrases.match  # type: ignore[union-attr]
    for i in lines:
        for hit in match(texts[i]):
            view.setdefault(hit, []).append(i)
    st.phrase_view = (st.now, view)
    st.phrase_ids = set(view)
    st._phrase_seen = len(st.cut_lines)  # lines cut before now: asked with their new text


def _phrases_idle(rule: Rule, st: _State) -> bool:
    """Whether a line rule with phrases (_Plan.phrase_gated) can match no line now: none of its
    phrases matches a live line, and its patterns have no live keyword line. Then running it
    finds nothing and does nothing (its kinds keep no view), so the pass skips it: about fifty
    phrase rules, most of which match nothing on a given page, each cost a rule application.

    Exact: st.phrase_ids holds the rules of the phrase view plus those of every line cut since
    (a superset of the rules a live line matches now: the lines a rule removed are dead, and a
    cut is the only change to a line's text)."""
    if st.phrases is not None:
        if st.phrase_view is None:
            _phrase_lookup(st, st.live_lines())
        ids = st.phrase_ids
        assert ids is not None
        cuts = st.cut_lines
        if st._phrase_seen < len(cuts):
            texts, alive, match = st.text, st.alive, st.phrases.match
            for i in cuts[st._phrase_seen:]:
                if alive[i]:
                    ids.update(match(texts[i]))
            st._phrase_seen = len(cuts)
        if rule.id in ids:
            return False
    # (no phrase index: _with_phrase_lines adds nothing)
    if rule.patterns:
        kw_lines = st.rule_lines(rule)
        if kw_lines is None:
            return False
        alive, blank = st.alive, st._blank
        for i in kw_lines:
            if alive[i] and not blank[i]:
                return False
    return True


def _cut_all(rule: Rule, st: _State, i: int) -> None:
    """Cut every match of every pattern from line i (merged, right to left), e.g. leaked tags."""
    for a, b in reversed(merge_spans(pattern_spans(rule, st.text[i]))):
        if st.alive[i]:
            st.cut(rule, i, a, b)


def _cut_rest(rule: Rule, st: _State, lines: list[int], matched: list[int], act) -> None:
    """Remove from the first matched line that follows enough running text to the end.

    A trailing section (comments, reader replies) starts with a header line; everything after
    it goes. The header only counts once `min_text_before` words of running text precede it, so
    a "Comments" link in a menu above the article never cuts the article.
    """
    if not matched:
        return
    before = 0.0
    first = set(matched)
    last = max(matched)
    for k, i in enumerate(lines):
        if i in first:
            if before >= rule.min_text_before and _confirmed(rule, st, lines, k):
                rest = [j for j in lines[k:] if not st.protected[j]]
                act(rest)
                return
            if rule.first_only:
                return  # the section starts at the first match or nowhere
        if i == last:
            return  # no matched line left: the lines after it need no value
        before += max(line_value(st.text[i], TEXT_LINE_WORDS, 0.0), 0.0)


def _confirmed(rule: Rule, st: _State, lines: list[int], k: int) -> bool:
    """Whether the live line at lines[k] has the evidence [rule.confirm_after] asks for: at least
    `confirm_min` of the next `confirm_within` live lines are evidence lines (a confirm pattern
    finds something in one, or a named rule's phrases match it). A bare "Comments" is a thread's
    header only when comment metadata (a "says:" line, a timestamp, "Reply") follows it."""
    if not rule.confirm_min:
        return True
    searches = _matcher(rule).confirm
    index = st.phrases if rule.confirm_rules else None
    ids = rule.confirm_rules
    controls = _matcher(rule).controls
    hits = control_hits = 0
    need = rule.confirm_control_min
    try:
        for j in lines[k + 1 : k + 1 + rule.confirm_within]:
            text = st.text[j]
            control = (index is not None and any(r in ids for r in index.match(text))) or any(
                search(text) for search in controls)
            if control or any(search(text) for search in searches):
                hits += 1
                control_hits += control
                if hits >= rule.confirm_min and control_hits >= need:
                    return True
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
    return False


def _cut_blocks(rule: Rule, st: _State, lines: list[int], matched: list[int],
                room: Callable[[], bool], act) -> None:
    """span = "block": remove each matched header line with the body-shaped lines after it.

    A box of other articles ("Related stories", "Mehr zum Thema", "À lire aussi") is a header
    line and a run of their headlines, bylines and dates; the run ends at the first line of
    prose (see ruleset.Block), at a protected line, at the next header (which starts its own
    block) or after `max_lines` lines; a header that an `alone` pattern matches has none. The
    header and its run go as one removal."""
    block = rule.block
    if block is None or not matched:
        return
    one_line = st.one_line
    body = tuple(_bound(p, one_line) for p in block.body)
    stop = tuple(_bound(p, one_line) for p in block.stop)
    alone = tuple(_bound(p, one_line) for p in block.alone)
    pos = {i: k for k, i in enumerate(lines)}
    headers = set(matched)
    texts, alive, protected = st.text, st.alive, st.protected
    try:
        for i in matched:
            if not room():
                return
            if not alive[i]:
                continue  # eaten by the block before it
            idxs = [i]
            follow = lines[pos[i] + 1 : pos[i] + 1 + block.max_lines]
            if alone and any(a(texts[i]) for a in alone):
                follow = []
            for j in follow:
                if j in headers or protected[j] or not alive[j]:
                    break
                text = texts[j]
                if not any(b(text) for b in body):
                    if _words(text) > block.max_words or any(s(text) for s in stop):
                        break
                idxs.append(j)
            act(idxs)
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


def _document(st: _State) -> tuple[list[int], list[int], str]:
    """Live lines, their offsets in the joined text, the joined text; cached until the state
    changes (document rules share it)."""
    if st._doc is None:
        live = list(compress(range(len(st.text)), st.alive))
        parts = [st.text[i] for i in live]
        starts = list(accumulate([len(t) + 1 for t in parts], initial=0))
        starts.pop()
        st._doc = (live, starts, "\n".join(parts))
    return st._doc


def _ranks(live: list[int], st: _State) -> tuple[list[bool], list[int]]:
    """Per position in `live`: whether its line is non-blank, and how many non-blank live lines
    there are up to it, itself included (its rank among them is that count - 1): the windows of
    head and tail document rules count non-blank lines. Built in C (a dict of ranks built by a
    Python comprehension was ~1.5% of the rule stage)."""
    filled = list(map(not_, map(st._blank.__getitem__, live)))
    return filled, list(accumulate(filled))


def _matches(rule: Rule, pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    """Matches in order, lazily for built-in patterns (a document rule stops at its first act);
    a user pattern's scan is done whole under the timeout, as before."""
    if type(pattern) is LazyPattern:
        return pattern.finditer(text)
    return iter(_finditer(rule, pattern, text))


def _apply_document_rule(rule: Rule, st: _State, act) -> bool:
    """Match against the live text joined by newlines; act on the whole lines the first match
    touches (first in pattern order, then in text order). Whether there was one."""
    live, starts, text = _document(st)
    if not _eligible(rule, text, _unchanged_keyword_line(rule, st), [st.text[i] for i in live] if rule.requires else None):
        return False
    rank: tuple[list[bool], list[int]] | None = None  # built at the first match, for head and tail windows
    blank, protected = st._blank, st.protected
    for pattern in rule.patterns:
        builtin = type(pattern) is LazyPattern
        compiled = pattern._get() if builtin else pattern  # (LazyPattern's __getattr__ compiles and forwards per call)
        has_drop = "drop" in compiled.groupindex
        form = line_start_form(compiled) if builtin else None
        # a line-start pattern searched as "\n" + rest in "\n" + text (cleaner.docscan): group 0
        # starts at the added newline, its end and the other groups' offsets are one more
        shift = 1 if form is not None else 0
        matches = line_start_matches(form, "\n" + text) if form is not None else _matches(rule, pattern, text)
        for m in matches:
            if m.end() - shift <= m.start():
                continue
            if has_drop and m.start("drop") >= 0:
                lo, hi = m.start("drop") - shift, m.end("drop") - shift
            else:
                lo, hi = m.start(), m.end() - shift
            if hi <= lo:
                continue
            first = _line_at(starts, lo)
            last = _line_at(starts, hi - 1)
            if rule.where != "anywhere":
                if rank is None:
                    rank = _ranks(live, st)
                filled, upto = rank
                n = upto[-1] if upto else 0  # the non-blank live lines
                if rule.where == "head" and (upto[first] - 1 if filled[first] else n) >= rule.window:
                    if filled[first]:
                        break  # matches come in order: every later one starts past the window too
                    continue
                if rule.where == "tail" and n - (upto[last] - 1 if filled[last] else -1) > rule.window:
                    continue
            idxs = [i for i in live[first : last + 1] if not blank[i]]
            if not idxs or (rule.action != "keep" and st.any_protected and any(protected[i] for i in idxs)):
                continue
            act(idxs)
            return True
    return False


def _unchanged_keyword_line(rule: Rule, st: _State) -> bool:
    """Whether a live line that no rule of this pass changed holds one of the rule's keywords
    (the keyword index says so): then the live text holds it too, and a document rule need
    not lower-case and scan the whole text for it (on a page with non-ASCII text the
    lower-casing alone cost ~40 us per document and pass)."""
    lines = st.rule_lines(rule)
    if lines is None:
        return False
    alive, stamp = st.alive, st.stamp
    for i in lines:
        if alive[i] and stamp[i] < 0:
            return True
    return False


def _line_at(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


# ---------------------------------------------------------------------------------------------
# Passes. The second pass (on the first one's output) mostly confirms that nothing more goes; it
# used to cost as much as the first. It is now cut down to what the first pass could have changed
# for each rule, and proven equivalent case by case (see _Plan.kind and _restricted_pass).
# ---------------------------------------------------------------------------------------------


class _Plan:
    """Per RuleSet: application order, each rule's position in it and how a later pass treats it.

    kind, per rule, says what the rule's outcome is a function of, hence when a later pass may
    skip it (replaying the extractions it made) or look at fewer lines:
      local  - each line's own text (line scope, anywhere, no max_hits, drops or extracts): a
               later pass need only look at the lines changed at or after its turn;
      rest   - a span = "rest" line rule (anywhere, no phrases): which lines match is each
               line's own text, as for local; when no line matched at its turn, a later pass
               need only look for a match among the lines changed since, and runs it if found;
      cands  - the texts of its candidate lines (other line rules: windows, max_hits, notes);
      lines  - the live lines and their texts (detectors on lines, runs, span = "rest"/"block");
      paras  - the live paragraphs and their texts (paragraph scope);
      doc    - the live text joined by newlines (document scope);
      full   - always run again.
    """

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.order = sorted(rules.rules, key=lambda r: r.action != "keep")
        # A keep rule can move protection between passes; then every pass runs in full.
        self.incremental = not any(r.action == "keep" for r in self.order)
        self.kinds = [_kind(r) for r in self.order]
        self.local = [kind == "local" for kind in self.kinds]  # per position (_restricted_pass)
        # Per rule its keywords as a set: a pass skips a rule none of whose keywords the document has.
        # A rule with phrases runs whatever keywords the document has (they filter its patterns).
        self.keysets = [frozenset(r.keywords) if not r.phrases else frozenset() for r in self.order]
        # The same, turned round (keyword -> positions of the rules it lets run) and the positions
        # of the rules that run whatever the keywords: see positions.
        self.always = frozenset(k for k, keys in enumerate(self.keysets) if not keys)
        by_keyword: dict[str, list[int]] = {}
        for k, keys in enumerate(self.keysets):
            for kw in keys:
                by_keyword.setdefault(kw, []).append(k)
        self.by_keyword = {kw: tuple(ks) for kw, ks in by_keyword.items()}
        self.phrases = _phrase_index(rules)  # every rule's phrases, one lookup structure
        # the same, None when it holds no phrase: the passes test it with `is None` (its __bool__
        # was ~0.7% of the rule stage, asked at every phrase rule's turn)
        self.live_phrases = self.phrases if self.phrases else None
        self.keyword_rules = _KeywordRules(self.order)  # keyword -> rules, for _State.rule_lines
        # Whether a blank line can hold a keyword (one of only blanks): then a rule's keyword
        # lines may include blank lines (_candidates).
        self.blank_keywords = any(not k.strip() for r in self.order for k in r.keywords)
        # Per rule its own keywords as a set, phrase rules included (_phrases_idle: its patterns).
        self.pattern_keys = [frozenset(r.keywords) for r in self.order]
        # Rules the phrase gate may skip: line rules with phrases (or a label row) whose outcome
        # is nothing when no line matches (kinds local and lines; a "cands" rule keeps a view).
        self.phrase_gated = [bool((r.phrases or r.phrase_row) and r.detector is None and kind in ("local", "lines")
                                  and (not r.patterns or r.keywords))
                             for r, kind in zip(self.order, self.kinds)]
        self.line_set = Deferred(rules)  # all line patterns in one scan (matcher.py), built when worth it
        # Per rule its _LinePlan when it is a plain line rule (_scan_line_rule), else None
        self.line_plans = [_LinePlan(r, self.keyword_rules) if _plain_line_rule(r) else None for r in self.order]

    def positions(self, found: set[str] | None) -> Iterable[int]:
        """Positions (in `order`, ascending) of the rules a pass visits given the keywords of the
        document (`found`; None: all): those without keywords and those with one of them. The
        passes tested every rule's keyword set against the document's, ~180 rules twice per
        document (~5% of the rule stage); the ~60 keywords of a page find their rules here."""
        if found is None:
            return range(len(self.order))
        return sorted(self.always.union(*filter(None, map(self.by_keyword.get, found))))


# Detectors whose outcome is a function of the live lines, their texts and protection alone (not
# of what was removed, the keyword index or the stamps; what they keep in _State.memo is a
# function of line texts): kind "lines" for them. A later pass replays such a rule when no line
# changed at or after its turn: TZ013 (trailing_run) in 514 of 515 restricted passes on 500
# generated documents, MN001 (head_run) in 371; they ran again in every one as "full".
_LINE_DETECTORS = frozenset({"boilerplate", "repeat_line", "head_run", "trailing_run", "thread"})


def _kind(rule: Rule) -> str:
    if rule.detector is not None:
        if rule.detector in _LINE_DETECTORS and rule.scope == "line":
            return "lines"
        if rule.detector == "repeat":
            return "paras" if rule.scope == "paragraph" else "lines" if rule.scope == "line" else "full"
        return "full"
    if rule.scope == "line" and rule.span == "rest":
        return "rest" if rule.where == "anywhere" and not rule.phrases else "lines"
    if rule.scope == "run" or (rule.scope == "line" and rule.span == "block"):
        return "lines"
    if rule.scope == "line":
        if rule.where == "anywhere" and rule.max_hits is None and rule.action in ("drop", "extract"):
            return "local"  # with phrases too: a phrase matches on the line's own text
        if rule.phrases and rule.keywords:
            return "lines"  # its keyword lines are not all its candidates: no view of them
        return "cands"
    if rule.scope == "paragraph":
        return "paras"
    if rule.scope == "document":
        return "doc"
    return "full"


_plan: _ByIdentity[RuleSet, _Plan] = _ByIdentity(_Plan, 64)
# PhraseIndex per sequence of phrase rules (kept in the value: their ids stay theirs)
_PHRASE_INDEX: dict[tuple[int, ...], tuple[tuple[Rule, ...], PhraseIndex]] = {}


def _phrase_index(rules: RuleSet) -> PhraseIndex:
    """One PhraseIndex per distinct sequence of rules with phrases (it reads only those): the
    view of a rule set for each site (RuleSet.for_site: the rules without the other sites'
    learned rules, which have no phrases) shares the index instead of building it again, ~1 s
    with the default lexicons, once per site of a `clean --learn` batch."""
    own = tuple(r for r in rules.rules if r.phrases or r.phrase_row)
    key = tuple(map(id, own))
    hit = _PHRASE_INDEX.get(key)
    if hit is None:
        if len(_PHRASE_INDEX) >= 16:
            _PHRASE_INDEX.clear()
        built = prebuilt_phrase_index(own)  # read with the rule cache, when these are its rules
        hit = _PHRASE_INDEX[key] = (own, built if built is not None else PhraseIndex(own))
    return hit[1]


@dataclass
class _Trace:
    """What one full pass leaves for the next: enough to know what the next pass can skip."""

    stamps: list[int]  # per output line: position of the last rule that changed it, -1 if none
    keywords: list[frozenset[str] | None]  # per output line: its keywords at the pass's start
    last_touch: int  # position of the last rule that changed anything, -1 if none
    ran: set[int]  # positions of the rules that ran
    modified: set[int]  # positions of the rules that removed or cut something
    extracts: dict[int, list[Extraction]]  # per rule position: the extractions it made
    views: dict[int, tuple | None]  # per "cands" rule position: origins of its candidate lines
    end: "_State"  # the pass's state at its end (not changed after): paras and doc read it
    quiet: set[int] = field(default_factory=set)  # positions of the "rest" rules that matched no line
    # The pass's keyword-line index (_State.rule_lines, rule id -> lines at the pass's start) and,
    # per output line, the line of the pass it is: the next pass carries a rule's lines over
    # (_State.carried_lines) instead of building the index again. None: no index was built.
    index: tuple[dict[int, list[int]], list[int]] | None = None

    # Built only when a following pass asks (a "paras"/"doc" rule with nothing changed at or after
    # its turn): building them at the end of every pass cost ~1.5% of the rule stage.
    @functools.cached_property
    def paras(self) -> list[tuple[int, ...]]:
        """Live paragraphs at the end, as origins."""
        return [tuple(self.end.origin[i] for i in p) for p in self.end.live_paras()]

    @functools.cached_property
    def doc(self) -> str:
        """Live text at the end, joined by newlines as a document rule sees it."""
        return _document(self.end)[2]


def _line_keywords(prefilter: Prefilter, lines: list[str], known: list[frozenset[str] | None] | None):
    """Per line its keyword set (reusing `known` where not None), and the keywords of all lines.
    (keyword -> line indices, which this built for every keyword of every line, is built only
    when asked: _State.line_hits; the rules take their lines from _State.rule_lines.)"""
    cache = _scanned(prefilter)
    if len(cache) + len(lines) > _SCANNED_LIMIT:
        cache.clear()
    get, scan = cache.get, prefilter.line_keywords
    per_line = []
    add = per_line.append
    for k, line in enumerate(lines):
        kws = known[k] if known is not None else None
        if kws is None:
            kws = get(line)
            if kws is None:
                kws = cache[line] = scan(line)
        add(kws)
    return per_line, set().union(*per_line)


# Per prefilter, line text -> its keywords (Prefilter.line_keywords, a pure function of the text):
# blank lines, repeated boilerplate and a site's furniture come back line after line and page
# after page (on the generated corpus 57% of the lines are repeats within 500 documents); the
# automaton scan was ~7% of the rule stage. Bounded: cleared when a document would overfill it.
_SCANNED_LIMIT = 2048
_scanned: _ByIdentity[Prefilter, dict[str, frozenset[str]]] = _ByIdentity(lambda _: {}, 64)


def _view(rule: Rule, st: _State) -> tuple:
    return tuple(st.origin[i] for i in _candidates(rule, st, st.live_lines()))


def _finish(st: _State, keywords: list[frozenset[str]] | None, plan: _Plan | None, ran: set[int],
            extracts: dict[int, list[Extraction]], views: dict[int, tuple],
            quiet: set[int] | None = None) -> PassResult:
    out_lines: list[str] = []
    out_origins: list[int] = []
    out_stamps: list[int] = []
    out_keywords: list[frozenset[str] | None] = []
    out_from: list[int] = []  # per output line, its line in this pass
    text, origin, stamp, blank = st.text, st.origin, st.stamp, st._blank
    for i in compress(range(len(text)), st.alive):  # the live lines
        if blank[i]:
            if out_lines and out_lines[-1] != "":
                out_lines.append("")
                out_origins.append(origin[i])
                out_stamps.append(-1)
                out_keywords.append(frozenset())
                out_from.append(i)
            continue
        out_lines.append(text[i])
        out_origins.append(origin[i])
        out_stamps.append(stamp[i])
        out_keywords.append(keywords[i] if keywords is not None else None)
        out_from.append(i)
    while out_lines and out_lines[-1] == "":
        out_lines.pop()
        out_origins.pop()
        out_stamps.pop()
        out_keywords.pop()
        out_from.pop()
    trace = None
    if plan is not None and plan.incremental:
        # A "cands" rule's view: its candidate lines, if none changed after its turn (then their
        # texts now are the texts it saw); None if one did.
        views = {
            k: tuple(map(st.origin.__getitem__, cands)) if all(st.alive[i] and st.stamp[i] < k for i in cands) else None
            for k, cands in views.items()
        }
        index = (st._rule_lines, out_from) if st._rule_lines is not None and st.keyed else None
        trace = _Trace(out_stamps, out_keywords, st.last_touch, ran, st.modified, extracts, views, st,
                       quiet or set(), index)
    return PassResult(out_lines, out_origins, st.removed, st.extracted, sum(st.protected), trace)


def _pass_state(plan: _Plan, lines: list[str], origins: list[int], clock: _Clock | None,
                memo: dict[object, object] | None) -> _State:
    """The document's state at the start of a pass (full or restricted): the memo of its
    earlier passes (`memo`, when given), the clock, the rule set's phrase index, and the one
    line scan when it is built (these lines count towards building it: Deferred.get)."""
    st = _State(lines, origins)
    if memo is not None:
        st.memo = memo
    st.clock = clock
    st.phrases = plan.live_phrases
    st.line_set = plan.line_set.get(len(lines))
    return st


def run_pass(rules: RuleSet, lines: list[str], origins: list[int], prefilter: Prefilter | None = None,
             _known: list[frozenset[str] | None] | None = None, clock: _Clock | None = None,
             memo: dict[object, object] | None = None) -> PassResult:
    """One pass of every rule over `lines`; returns the surviving lines with their origins.
    Raises DocumentTimeout when `clock` runs out. `memo`: the document's _State.memo of earlier passes."""
    plan = _plan(rules)
    st = _pass_state(plan, lines, origins, clock, memo)
    if st.line_set is not None:
        st.line_set.prime([t for t, blank in zip(lines, st._blank) if not blank])
    keywords = None
    found: set[str] | None = None
    if prefilter is not None:
        keywords, found = _line_keywords(prefilter, lines, _known)
        st.keyed, st.line_keywords, st.keyword_rules = True, keywords, plan.keyword_rules
        st.blank_keywords = plan.blank_keywords
    positions = plan.positions(found)  # the rules without keywords, and those with one in the document
    ran = set(positions)
    extracts: dict[int, list[Extraction]] = {}
    views: dict[int, tuple] = {}
    quiet: set[int] = set()
    gated, order, line_plans, kinds = plan.phrase_gated, plan.order, plan.line_plans, plan.kinds
    extracted = st.extracted  # (appended to, never replaced)
    for k in positions:
        rule = order[k]
        if clock is not None:
            clock.check()
        st.now = k
        if gated[k] and _phrases_idle(rule, st):
            continue  # no phrase or keyword line of the rule left: it would find nothing
        before = len(extracted)
        _run_rule(line_plans[k], rule, st)
        if len(extracted) > before:
            extracts[k] = extracted[before:]
        kind = kinds[k]
        if kind == "cands":
            views[k] = st.last_cands
        elif kind == "rest" and not st.rest_matched:
            quiet.add(k)
    return _finish(st, keywords, plan, ran, extracts, views, quiet)


def _restricted_pass(plan: _Plan, prev: _Trace, lines: list[str], origins: list[int],
                     prefilter: Prefilter | None, clock: _Clock | None = None,
                     memo: dict[object, object] | None = None) -> PassResult | None:
    """The pass after a full pass, doing only what could find something new: the same result
    as a full pass (run_pass), trace included; None when the caller must run the full pass.

    Let F be the previous pass's output and R a rule. The previous pass ran R on F's lines as
    they were at R's turn; what changed after that is recorded (stamps, last_touch). R can skip
    (replaying its extractions) when its inputs are unchanged since its turn: no change at or
    after its turn for "lines", plus the same paragraphs or joined text for "paras" and "doc",
    the same candidate lines and texts for "cands". A "local" rule need only look at the lines
    changed at or after its turn: on any other line it already found nothing in the same text.
    Until a rule of this pass changes something the state is F, exactly as in a full pass.

    Once a rule of this pass has changed something, the pass goes on (it used to give up and
    run the full pass from the start): every rule then sees the state the full pass would give
    it, so a rule whose inputs may differ from its previous turn ("lines", "paras", "doc")
    runs in full; a "cands" rule still skips when its candidate lines and their texts are the
    ones of its previous turn (none changed in this pass either); a "local" rule looks at the
    lines changed at or after its previous turn plus those changed in this pass.

    The prefilter's keyword index must not grow: a cut that joins text can, rarely, create a
    keyword on a line ("e-<b>mail" -> "e-mail"), and then a rule may look at a line it did not
    look at before. Such a document gets the full pass.
    """
    st = _pass_state(plan, lines, origins, clock, memo)
    keywords = None
    found: set[str] | None = None
    if prefilter is not None:
        known = [kw if stamp < 0 else None for kw, stamp in zip(prev.keywords, prev.stamps)]
        keywords, found = _line_keywords(prefilter, lines, known)
        for i, stamp in enumerate(prev.stamps):
            if stamp >= 0 and not keywords[i] <= (prev.keywords[i] or frozenset()):
                return None
        st.keyed, st.line_keywords, st.keyword_rules = True, keywords, plan.keyword_rules
        st.blank_keywords = plan.blank_keywords
        if prev.index is not None and not plan.blank_keywords:
            st.carried = (prev.index[0], prev.index[1], prev.stamps)
    # Lines the previous pass changed, latest rule first: a rule's share is a prefix of it.
    changed = sorted(((-stamp, i) for i, stamp in enumerate(prev.stamps) if stamp >= 0 and not st._blank[i]))
    since = [s for s, _ in changed]  # -stamp, ascending: bisect finds the lines changed at or after k
    top = -since[0] if since else -1  # the last rule position that changed a line of `lines`
    cut_here: tuple[int, list[int]] = (0, [])  # (len(st.removed), lines changed in this pass)
    paras: list[tuple[int, ...]] | None = None
    order = plan.order
    positions = plan.positions(found)  # the rules without keywords, and those with one in the document
    ran = set(positions)
    if not ran <= prev.ran:
        return None  # cannot happen with the index check above; be safe
    extracts: dict[int, list[Extraction]] = {}
    views: dict[int, tuple] = {}
    # A "local" rule, or a "rest" rule that matched no line, after `top` has nothing to look at
    # until a rule of this pass changes something (what the loop below finds at once): such rules
    # are passed over in bulk (_visits), the quiet ones recorded as quiet again. On 500
    # generated documents ~48,000 of the ~66,000 rule turns of the restricted passes were these.
    cut = bisect.bisect_right(positions, top)
    after = positions[cut:]
    quiet: set[int] = prev.quiet.intersection(after)
    quick: Iterable[int] = filterfalse(plan.local.__getitem__, after)
    if quiet:
        quick = [k for k in quick if k not in quiet]
    for k in _visits(positions, chain(positions[:cut], quick), st):
        rule = order[k]
        if clock is not None:
            clock.check()
        kind = plan.kinds[k]
        st.now = k
        before = len(st.extracted)
        touched = st.last_touch >= 0  # a rule of this pass changed something
        if kind == "local" or (kind == "rest" and k in prev.quiet):
            quiet.discard(k)  # (a skipped quiet rule's mark, when the pass visits it after all)
            if not touched and k > top:  # no line changed at or after its turn, none in this pass:
                if kind == "rest":       # nothing to look at (what the lines below find, at once)
                    quiet.add(k)
                continue
            dirty = [i for _, i in changed[: bisect.bisect_right(since, -k)]]
            if touched:  # lines changed in this pass too, and only the live ones
                if cut_here[0] != len(st.removed):
                    cut_here = (len(st.removed), [i for i, s in enumerate(st.stamp) if s >= 0])
                alive = st.alive
                dirty = sorted({i for i in dirty if alive[i]} | {i for i in cut_here[1] if alive[i]})
            elif len(dirty) > 1:
                dirty.sort()
            if dirty and not rule.phrases:  # a phrase may match a line without a keyword
                allowed = st.keyword_lines(rule)
                if allowed is not None:
                    dirty = [i for i in dirty if i in allowed]
            if kind == "local":
                if dirty:
                    _apply_rule(rule, st, dirty)
            elif dirty and rule.patterns and _match_lines(rule, st, dirty, st.keyed and bool(rule.keywords)):
                _apply_rule(rule, st)  # a line matches now: the rule's outcome is new, run it
                if not st.rest_matched:
                    quiet.add(k)
            else:
                quiet.add(k)  # no line matched at its last turn, none of those changed since does
        elif kind == "rest":
            _apply_rule(rule, st)
            if not st.rest_matched:
                quiet.add(k)
        else:
            same = False
            cands: list[int] | None = None
            if kind == "cands":
                view = prev.views.get(k)
                if view is not None and k not in prev.modified:
                    cands = _candidates(rule, st, st.live_lines())
                    same = tuple(map(st.origin.__getitem__, cands)) == view and (
                        not touched or all(st.stamp[i] < 0 for i in cands))
            elif kind in ("lines", "paras", "doc") and prev.last_touch < k and not touched:
                if kind == "lines":
                    same = True
                elif kind == "paras":
                    if paras is None:
                        paras = [tuple(st.origin[i] for i in p) for p in st.live_paras()]
                    same = paras == prev.paras
                else:
                    same = "\n".join(lines) == prev.doc
            if same:
                st.extracted.extend(prev.extracts.get(k, ()))
                if cands is not None:
                    st.last_cands = cands
            elif not (plan.phrase_gated[k] and _phrases_idle(rule, st)):
                _run_rule(plan.line_plans[k], rule, st)
            if kind == "cands":
                views[k] = st.last_cands
        if len(st.extracted) > before:
            extracts[k] = st.extracted[before:]
    if not st.removed:
        # Nothing changed: no next pass, no trace. With no removal and no cut every line is alive
        # with its text, and `lines` is a pass's output (_finish: no blank line first or last, no
        # two in a row, a blank line is ""), so _finish would give `lines` again.
        return PassResult(list(lines), list(origins), st.removed, st.extracted, sum(st.protected))
    return _finish(st, keywords, plan, ran, extracts, views, quiet)


def _visits(positions: list[int] | range, quick: Iterable[int], st: _State) -> Iterator[int]:
    """The positions a restricted pass visits: `quick` (a subsequence of `positions`) while no rule
    of the pass has changed anything; after the first rule that changes something, every position
    of `positions` that follows it."""
    for k in quick:
        yield k
        if st.last_touch >= 0:
            break
    else:
        return
    yield from positions[bisect.bisect_right(positions, k):]


def run(rules: RuleSet, lines: list[str], prefilter: Prefilter | None = None,
        budget: float | None = None) -> PassResult:
    """Passes until the text stops changing: the result is a fixpoint, so cleaning it again
    changes nothing.

    Every pass that changes the text deletes characters or blank lines, or turns a character into
    a space (a cut between two words), so the loop ends; the bound below is that argument's
    measure (2 x characters + lines), a guard that a terminating rule set never reaches. Most
    documents take two passes (the second confirming, mostly restricted); a rule whose removal
    brings another match into view takes one more each time (a head window moving down is
    followed within its turn, see _slide).

    `budget`: seconds the rules may take on this document; past it DocumentTimeout is raised
    (checked between rules, and within a rule that has user patterns, see _Clock)."""
    plan = _plan(rules)
    clock = _Clock(budget) if budget is not None else None
    result = PassResult(list(lines), list(range(1, len(lines) + 1)))
    total = PassResult(result.lines, result.origins)
    prev: _Trace | None = None
    bound = 2 * sum(map(len, lines)) + len(lines) + 2
    memo: dict[object, object] = {}  # _State.memo, for all passes of this document
    for _ in range(bound):
        nxt = None
        if prev is not None:
            nxt = _restricted_pass(plan, prev, total.lines, total.origins, prefilter, clock, memo)
        if nxt is None:
            known = None
            if prev is not None and prefilter is not None:
                known = [kw if stamp < 0 else None for kw, stamp in zip(prev.keywords, prev.stamps)]
            nxt = run_pass(rules, total.lines, total.origins, prefilter, known, clock, memo)
        prev = nxt.trace
        # A pass that removed nothing can still change the text's shape (trailing blank lines
        # trimmed, blank runs collapsed), and paragraphs depend on it: go on until it is stable.
        # A cut can leave the text as it was ("a b" less " " is "a b" again): that is stable too.
        changed = nxt.lines != total.lines
        total = PassResult(nxt.lines, nxt.origins, total.removed + nxt.removed, total.extracted + nxt.extracted)
        if not changed:
            break
    return total
