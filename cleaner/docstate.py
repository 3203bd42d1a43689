"""One document's state during a pass, and the records a pass leaves (Removal, Extraction).

The engine drives passes; detectors, boxes, runs and markup_spans read and change a `_State`.
Both sides need these types, so they live here, below both: no module above imports back.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from itertools import compress
from operator import gt

import regex

from .matcher import LineMatcher, _ByIdentity
from .phrases import PhraseIndex
from .ruleset import Rule
from .segment import paragraphs

_WORD_CHAR = regex.compile(r"[\w\p{N}]")  # a cut between two of these would glue two words into one
_CLAUSE_END = frozenset(".!?;:,)]»”…")  # a cut between these and a word leaves a blank, never "end.Next"


class DocumentTimeout(Exception):
    """The rules ran past the document's time budget (Options.doc_timeout)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"rules took over {seconds:g} s")
        self.seconds = seconds


class _Clock:
    """A document's time budget. Checked once per rule in a pass, and per line (or paragraph)
    only for rules with user patterns: a user pattern that stays just under the regex timeout
    on every line would otherwise hold one document for minutes. Built-in rules' hot loops
    never look at the clock (time.monotonic is ~50 ns; a line search is often less)."""

    __slots__ = ("seconds", "deadline")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise DocumentTimeout(self.seconds)


@dataclass(frozen=True)
class Removal:
    """One removed span: which rule, where (1-based lines of the normalised input), what."""

    rule: str
    line_start: int
    line_end: int
    col: int
    text: str
    score: float | None = None  # set by scoring detectors: why this line went

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"rule": self.rule, "lines": [self.line_start, self.line_end], "col": self.col}
        if self.score is not None:
            out["score"] = self.score
        out["text"] = self.text
        return out


@dataclass(frozen=True)
class Extraction:
    """Named groups of an extract pattern that matched inside a removed span."""

    rule: str
    field: str
    groups: dict[str, str]
    line: int = 0  # 1-based input line where the extracted text starts (0: unknown)
    # 1-based input lines of the text the extract pattern ran on, one per line of it: the
    # metadata step maps a line it picks inside a handed-over span (HD002's page) back to the input
    origins: tuple[int, ...] = ()


_NO_LINES: list[int] = []  # a rule without keyword lines (shared: never changed)


class _KeywordRules:
    """Per rule set: which rules (by identity) each keyword belongs to, and per line keyword set
    the rules it makes a line a candidate of (cached: most lines share a few sets)."""

    CACHE = 65536

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules  # keeps the rules (and so their ids) alive with the table
        by_keyword: dict[str, set[int]] = {}
        for rule in rules:
            for k in rule.keywords:
                by_keyword.setdefault(k, set()).add(id(rule))
        self.by_keyword = by_keyword
        self.known = frozenset(id(r) for r in rules if r.keywords)
        self._cache: dict[frozenset[str], tuple[int, ...]] = {}

    def of(self, keywords: frozenset[str]) -> tuple[int, ...]:
        """The rules a line with these keywords is a candidate of."""
        hit = self._cache.get(keywords)
        if hit is None:
            found: set[int] = set()
            for k in keywords:
                ids = self.by_keyword.get(k)
                if ids is not None:
                    found |= ids
            if len(self._cache) >= self.CACHE:
                self._cache.clear()
            hit = self._cache[keywords] = tuple(found)
        return hit

    def index(self, per_line: list[frozenset[str]]) -> dict[int, list[int]]:
        """rule id -> its keyword lines, ascending."""
        out: dict[int, list[int]] = {}
        of, cache = self.of, self._cache
        for i, kws in enumerate(per_line):
            if kws:
                rules = cache.get(kws)
                for r in rules if rules is not None else of(kws):
                    found = out.get(r)
                    if found is None:
                        out[r] = [i]
                    else:
                        found.append(i)
        return out


class _State:
    """Mutable view of one document during a pass: current text and liveness per line."""

    def __init__(self, lines: list[str], origins: list[int]) -> None:
        self.text = list(lines)
        self.origin = origins
        self.alive = [True] * len(lines)
        self.protected = [False] * len(lines)
        self.any_protected = False  # a keep rule protected a line (none do in most rule sets)
        self.offset = [0] * len(lines)  # characters cut from the start of each line so far
        self._lines = lines  # the pass's input (not changed): paras reads it
        self.removed: list[Removal] = []
        self.extracted: list[Extraction] = []
        self.keyed = False  # the prefilter's keyword index holds for this pass (line_keywords)
        self._hits: dict[str, set[int]] | None = None  # keyword -> line indices, see line_hits
        self._blank = [not ln.strip() for ln in lines]  # a cut that empties a line also kills it
        self.all_alive = True  # no line died yet in this pass (see _candidates)
        self.blank_keywords = True  # a keyword of the rule set is blank (_Plan.blank_keywords)
        self.one_line = not any("\n" in ln for ln in lines)  # lines as split: rules may skip MULTILINE
        self._live: list[int] | None = None  # cache of live_lines(), dropped on every change
        self._doc: tuple[list[int], list[int], str, dict[int, int]] | None = None  # _document()
        # What a following pass needs to know (see _Trace): the position (in _Plan.order) of the
        # rule now running, and per line the position of the last rule that changed it.
        self.now = -1
        self.last_touch = -1
        self.stamp = [-1] * len(lines)
        self.modified: set[int] = set()  # positions of the rules that changed something
        self.last_cands: list[int] = []  # the lines the last line rule looked at
        self.rest_matched = False  # whether the last span = "rest" rule matched a line
        self.clock: _Clock | None = None  # the document's time budget, if it has one
        self.phrases: PhraseIndex | None = None  # the rule set's phrase lexicons (_Plan.phrases), None if empty
        self.phrase_view: tuple[int, dict[str, list[int]]] | None = None  # see _with_phrase_lines
        self.line_set: LineMatcher | None = None  # which line patterns could match a text (matcher.py)
        # Per document, shared by all its passes (run hands the same dict to each): what detectors
        # compute from line texts alone and several rules read (threads._Scan: TS004/TS005's stamps).
        self.memo: dict[object, object] = {}
        # Per line its keywords at the pass's start (_line_keywords) and the rule set's keyword ->
        # rules table: together they give each rule's keyword lines (rule_lines), built once.
        self.line_keywords: list[frozenset[str]] | None = None
        self.keyword_rules: _KeywordRules | None = None
        self._rule_lines: dict[int, list[int]] | None = None
        # The last pass's index, its output lines' lines in it, and their stamps (see carried_lines)
        self.carried: tuple[dict[int, list[int]], list[int], list[int]] | None = None
        self._carried: dict[int, list[int]] = {}  # rule id -> its lines, carried over
        self._line_of: dict[int, int] | None = None  # the last pass's line -> the line now
        self.cut_lines: list[int] = []  # lines whose text a cut changed in this pass (phrase gate)
        self.phrase_ids: set[str] | None = None  # rules the phrase view found (see _phrases_idle)
        self._phrase_seen = 0  # cut_lines already asked about

    def rule_lines(self, rule: Rule) -> list[int] | None:
        """The lines that held one of the rule's keywords at the pass's start, ascending (the
        same lines as keyword_lines, in order), or None when any line may match. Built for all
        rules at the first ask, in one loop over the lines: a rule's lines were a union of its
        keywords' line sets, sorted, once per rule and pass."""
        index = self._rule_lines
        if index is not None and self.keyed:  # the index of this pass holds the rule's lines
            found = index.get(id(rule))       # (only rules with keywords are in it)
            if found is not None:
                return found
        if not self.keyed or not rule.keywords:
            return None
        table = self.keyword_rules
        if table is None or self.line_keywords is None or id(rule) not in table.known:
            return sorted(self.keyword_lines(rule) or ())  # a rule not of this rule set
        if self.carried is not None:
            return self.carried_lines(rule, table)
        if index is None:
            index = self._rule_lines = table.index(self.line_keywords)
        return index.get(id(rule), _NO_LINES)

    def carried_lines(self, rule: Rule, table: _KeywordRules) -> list[int]:
        """rule_lines in a pass that follows a pass with an index (the restricted pass): the
        rule's lines there, those that are still lines, renumbered; a line that pass changed
        (its keywords scanned again, a subset of those it had) stays if it still has one of the
        rule's keywords. A line without a keyword then has none now, so no line is missing.
        About 15 rules ask in a restricted pass, of ~100 the whole index holds: building it was
        ~2% of the rule stage."""
        rid = id(rule)
        found = self._carried.get(rid)
        if found is None:
            index, out_from, stamps = self.carried  # type: ignore[misc]
            old = index.get(rid)
            if not old:
                found = _NO_LINES
            else:
                line_of = self._line_of
                if line_of is None:
                    line_of = self._line_of = dict(zip(out_from, range(len(out_from))))
                found = [line_of[i] for i in old if i in line_of]
                keywords, of = self.line_keywords, table.of
                assert keywords is not None
                found = [j for j in found if stamps[j] < 0 or rid in of(keywords[j])]
            self._carried[rid] = found
        return found

    @property
    def line_hits(self) -> dict[str, set[int]] | None:
        """keyword -> the lines holding it at the pass's start (None without the prefilter)."""
        if not self.keyed or self.line_keywords is None:
            return None
        if self._hits is None:
            self._hits = _hits(self.line_keywords)
        return self._hits

    def keyword_lines(self, rule: Rule) -> set[int] | None:
        """Lines that contain one of the rule's keywords, or None when any line may match."""
        if not self.keyed or not rule.keywords:
            return None
        table = self.keyword_rules
        if table is not None and id(rule) in table.known and self.line_keywords is not None:
            return set(self.rule_lines(rule) or ())
        hits = self.line_hits
        assert hits is not None
        keywords = rule.keywords
        if len(keywords) > len(hits):  # a rule with hundreds of keywords (PH001): walk the few found
            return set().union(*[hits[k] for k in hits.keys() & _keyword_set(rule)])
        return set().union(*[hits[k] for k in keywords if k in hits])

    @functools.cached_property
    def paras(self) -> list[list[int]]:
        """The pass's input lines as paragraphs (segment.paragraphs), built at the first ask: only
        paragraph rules and detectors read them (~1,000 passes a run built them at the start)."""
        return paragraphs(self._lines)

    def live_lines(self) -> list[int]:
        if self._live is None:
            blank = self._blank
            # alive and not blank, as alive > blank (True > False), in C: ~50k calls a run
            self._live = list(compress(range(len(self.text)), map(gt, self.alive, blank)))
        return self._live

    def live_paras(self) -> list[list[int]]:
        """The paragraphs' live lines (a paragraph holds no blank line: segment.paragraphs splits
        at the lines that are blank here), in C per paragraph."""
        out = []
        alive = self.alive.__getitem__
        for para in self.paras:
            kept = list(compress(para, map(alive, para)))
            if kept:
                out.append(kept)
        return out

    def remove(self, rule: Rule, idxs: list[int], score: float | None = None) -> str:
        idxs = [i for i in idxs if self.alive[i]]
        if not idxs:
            return ""
        text = "\n".join(self.text[i] for i in idxs)
        self._live = None
        self._doc = None
        self.last_touch = self.now
        self.modified.add(self.now)
        self.all_alive = False
        for i in idxs:
            self.alive[i] = False
            self.stamp[i] = self.now
        self.removed.append(
            Removal(rule.id, self.origin[idxs[0]], self.origin[idxs[-1]], self.offset[idxs[0]] + 1, text, score)
        )
        return text

    def cut(self, rule: Rule, i: int, start: int, end: int) -> str:
        line = self.text[i]
        piece = line[start:end]
        self._live = None
        self._doc = None
        self.last_touch = self.now
        self.modified.add(self.now)
        self.stamp[i] = self.now
        self.removed.append(Removal(rule.id, self.origin[i], self.origin[i], self.offset[i] + start + 1, piece))
        rest = line[:start] + line[end:]
        if 0 < start and end < len(line) and line[start - 1] in " \t" and line[end] in " \t":
            rest = line[:start] + line[end:].lstrip(" \t")  # "said <br> that" -> "said that", one blank
        if 0 < start and end < len(line) and _WORD_CHAR.match(line[end]) and (
                _WORD_CHAR.match(line[start - 1]) or line[start - 1] in _CLAUSE_END):
            rest = line[:start] + " " + line[end:]  # "Hello<br>world" -> "Hello world", "sail.</p><p>Schools" -> "sail. Schools"
        rest = rest.rstrip(" \t\u00a0")  # "said. <br>" -> "said.": keep normalise's no-trailing-blanks
        if start == 0:
            stripped = rest.lstrip()
            self.offset[i] += end + (len(rest) - len(stripped))
            rest = stripped
        self.text[i] = rest
        self.cut_lines.append(i)
        if not rest.strip():
            self.alive[i] = False
            self.all_alive = False
        return piece


_keyword_set: _ByIdentity[Rule, frozenset[str]] = _ByIdentity(lambda rule: frozenset(rule.keywords), 4096)


def _hits(per_line: list[frozenset[str]]) -> dict[str, set[int]]:
    """keyword -> indices of the lines that hold it."""
    hits: dict[str, set[int]] = {}
    for i, kws in enumerate(per_line):
        for kw in kws:
            found = hits.get(kw)
            if found is None:
                hits[kw] = {i}
            else:
                found.add(i)
    return hits
