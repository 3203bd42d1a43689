"""Apply a RuleSet to the lines of one document.

Rules run one after another in RuleSet order over what earlier rules left, so a head window
counts the lines that are still there (a headline rule sees the first line after a removed
timestamp). `keep` rules run first and protect what they match. One pass is a pure function of
(lines, rules); `run` repeats passes on the output until nothing changes, which is what makes
cleaning idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import bisect
import functools
from typing import Iterator

import regex

from .detectors import DETECTORS, line_values
from .prefilter import Prefilter
from .ruleset import Rule, RuleSet
from .segment import paragraphs, word_count

REGEX_TIMEOUT_S = 2.0
MAX_PASSES = 3
TEXT_LINE_WORDS = 10  # a line of running text: at least this many words and a sentence end
_WORD_CHAR = regex.compile(r"[\w\p{N}]")  # a cut between two of these would glue two words into one


class RuleTimeout(Exception):
    """A rule's pattern ran past the regex timeout (catastrophic backtracking)."""

    def __init__(self, rule_id: str) -> None:
        super().__init__(f"{rule_id}: pattern timed out after {REGEX_TIMEOUT_S:g}s (catastrophic backtracking?)")
        self.rule_id = rule_id


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


@dataclass
class PassResult:
    lines: list[str]
    origins: list[int]
    removed: list[Removal] = field(default_factory=list)
    extracted: list[Extraction] = field(default_factory=list)
    protected: int = 0


class _State:
    """Mutable view of one document during a pass: current text and liveness per line."""

    def __init__(self, lines: list[str], origins: list[int]) -> None:
        self.text = list(lines)
        self.origin = origins
        self.alive = [True] * len(lines)
        self.protected = [False] * len(lines)
        self.offset = [0] * len(lines)  # characters cut from the start of each line so far
        self.paras = paragraphs(lines)
        self.removed: list[Removal] = []
        self.extracted: list[Extraction] = []
        self.line_hits: dict[str, set[int]] | None = None  # keyword -> line indices (prefilter)
        self._blank = [not ln.strip() for ln in lines]  # a cut that empties a line also kills it
        self._live: list[int] | None = None  # cache of live_lines(), dropped on every change

    def keyword_lines(self, rule: Rule) -> set[int] | None:
        """Lines that contain one of the rule's keywords, or None when any line may match."""
        if self.line_hits is None or not rule.keywords:
            return None
        out: set[int] = set()
        for k in rule.keywords:
            out |= self.line_hits.get(k, set())
        return out

    def blank(self, i: int) -> bool:
        return self._blank[i]

    def live_lines(self) -> list[int]:
        if self._live is None:
            self._live = [i for i in range(len(self.text)) if self.alive[i] and not self._blank[i]]
        return self._live

    def live_paras(self) -> list[list[int]]:
        out = []
        for para in self.paras:
            kept = [i for i in para if self.alive[i] and not self.blank(i)]
            if kept:
                out.append(kept)
        return out

    def remove(self, rule: Rule, idxs: list[int], score: float | None = None) -> str:
        idxs = [i for i in idxs if self.alive[i]]
        if not idxs:
            return ""
        text = "\n".join(self.text[i] for i in idxs)
        self._live = None
        for i in idxs:
            self.alive[i] = False
        self.removed.append(
            Removal(rule.id, self.origin[idxs[0]], self.origin[idxs[-1]], self.offset[idxs[0]] + 1, text, score)
        )
        return text

    def cut(self, rule: Rule, i: int, start: int, end: int) -> str:
        line = self.text[i]
        piece = line[start:end]
        self._live = None
        self.removed.append(Removal(rule.id, self.origin[i], self.origin[i], self.offset[i] + start + 1, piece))
        rest = line[:start] + line[end:]
        if 0 < start and end < len(line) and _WORD_CHAR.match(line[start - 1]) and _WORD_CHAR.match(line[end]):
            rest = line[:start] + " " + line[end:]  # "Hello<br>world" -> "Hello world", never "Helloworld"
        rest = rest.rstrip(" \t\u00a0")  # "said. <br>" -> "said.": keep normalise's no-trailing-blanks
        if start == 0:
            stripped = rest.lstrip()
            self.offset[i] += end + (len(rest) - len(stripped))
            rest = stripped
        self.text[i] = rest
        if not rest.strip():
            self.alive[i] = False
        return piece


def _search(rule: Rule, pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    try:
        return pattern.search(text, timeout=REGEX_TIMEOUT_S)
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


@functools.lru_cache(maxsize=4096)
def _lower(text: str) -> str:
    return text.lower()


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> int:
    return word_count(text)


def _eligible(rule: Rule, text: str) -> bool:
    """Keyword prefilter, vetoes and word-count bounds for one unit.

    Lower-casing and word counts are cached per text: every rule asks the same lines.
    """
    if rule.keywords:
        low = _lower(text)
        if not any(k in low for k in rule.keywords):
            return False
    if rule.min_words or rule.max_words is not None:
        words = _words(text)
        if words < rule.min_words or (rule.max_words is not None and words > rule.max_words):
            return False
    return not any(_search(rule, u, text) for u in rule.unless)


def _first_match(rule: Rule, text: str) -> regex.Match[str] | None:
    if not _eligible(rule, text):
        return None
    for pattern in rule.patterns:
        m = _search(rule, pattern, text)
        if m is not None and (rule.span == "unit" or m.end() > m.start()):
            return m
    return None


def _candidates(rule: Rule, st: _State, lines: list[int]) -> list[int]:
    """Live lines in the rule's window that hold one of its keywords, in document order."""
    if rule.where == "head":
        lines = lines[: rule.window]
    elif rule.where == "tail":
        lines = lines[-rule.window :]
    allowed = st.keyword_lines(rule)
    if allowed is None:
        return lines
    if rule.where == "anywhere" and len(allowed) < len(lines):
        return sorted(i for i in allowed if st.alive[i] and not st.blank(i))
    return [i for i in lines if i in allowed]


def _windowed(rule: Rule, units: list) -> Iterator[tuple[int, object]]:
    n = len(units)
    for k, unit in enumerate(units):
        if rule.where == "head" and k >= rule.window:
            break
        if rule.where == "tail" and k < n - rule.window:
            continue
        yield k, unit


def _apply_rule(rule: Rule, st: _State) -> None:
    hits = 0

    def room() -> bool:
        return rule.max_hits is None or hits < rule.max_hits

    def act(
        idxs: list[int], m: regex.Match[str] | None = None, line: int | None = None, score: float | None = None
    ) -> None:
        nonlocal hits
        hits += 1
        if rule.action == "keep":
            for i in idxs:
                st.protected[i] = True
            return
        if rule.action == "note":  # metadata only; the text stays
            removed = m.group(0) if m is not None and rule.span == "match" else "\n".join(st.text[i] for i in idxs)
        elif m is not None and line is not None and rule.span == "match":
            removed = st.cut(rule, line, m.start(), m.end())
        else:
            removed = st.remove(rule, idxs, score)
        if rule.extract and removed:
            for fname, pat in rule.extract:
                try:
                    found = list(pat.finditer(removed, timeout=REGEX_TIMEOUT_S))
                except TimeoutError:
                    raise RuleTimeout(rule.id) from None
                for em in found:
                    groups = {k: v for k, v in em.groupdict().items() if v is not None}
                    st.extracted.append(Extraction(rule.id, fname, groups))

    if rule.detector is not None:
        DETECTORS[rule.detector](rule, st, act)
        return
    if rule.scope == "line" or rule.scope == "run":
        lines = st.live_lines()
        matched: list[tuple[int, regex.Match[str] | None]] = []
        for i in _candidates(rule, st, lines):
            if rule.action != "keep" and st.protected[i]:
                continue
            m = _first_match(rule, st.text[i])
            if m is not None:
                matched.append((i, m))
        if rule.span == "rest":
            _cut_rest(rule, st, lines, [i for i, _ in matched], act)
            return
        if rule.span == "all":
            for i, _ in matched:
                _cut_all(rule, st, i)
            return
        if rule.scope == "line":
            for i, m in matched:
                if not room():
                    break
                act([i], m, i)
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
            if rule.action != "keep" and any(st.protected[i] for i in para):
                continue
            m = _first_match(rule, "\n".join(st.text[i] for i in para))
            if m is not None:
                act(para)
        return
    _apply_document_rule(rule, st, act)


def _cut_all(rule: Rule, st: _State, i: int) -> None:
    """Cut every match of every pattern from line i (merged, right to left), e.g. leaked tags."""
    spans: list[tuple[int, int]] = []
    for pattern in rule.patterns:
        try:
            spans += [m.span() for m in pattern.finditer(st.text[i], timeout=REGEX_TIMEOUT_S) if m.end() > m.start()]
        except TimeoutError:
            raise RuleTimeout(rule.id) from None
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    for a, b in reversed(merged):
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
    values = line_values([st.text[i] for i in lines], TEXT_LINE_WORDS, 0.0)
    before = 0.0
    first = set(matched)
    for k, i in enumerate(lines):
        if i in first and before >= rule.min_text_before:
            rest = [j for j in lines[k:] if not st.protected[j]]
            act(rest)
            return
        before += max(values[k], 0.0)


def _apply_document_rule(rule: Rule, st: _State, act) -> None:
    """Match against the live text joined by newlines; remove the whole lines a match touches."""
    live = [i for i in range(len(st.text)) if st.alive[i]]
    starts: list[int] = []
    pos = 0
    for i in live:
        starts.append(pos)
        pos += len(st.text[i]) + 1
    text = "\n".join(st.text[i] for i in live)
    if not _eligible(rule, text):
        return
    rank = {k: r for r, k in enumerate(k for k, i in enumerate(live) if not st.blank(i))}
    n = len(rank)
    for pattern in rule.patterns:
        try:
            matches = list(pattern.finditer(text, timeout=REGEX_TIMEOUT_S))
        except TimeoutError:
            raise RuleTimeout(rule.id) from None
        for m in matches:
            if m.end() <= m.start():
                continue
            lo, hi = m.span("drop") if "drop" in pattern.groupindex and m.start("drop") >= 0 else m.span()
            if hi <= lo:
                continue
            first = _line_at(starts, lo)
            last = _line_at(starts, hi - 1)
            if rule.where == "head" and rank.get(first, n) >= rule.window:
                continue
            if rule.where == "tail" and n - rank.get(last, -1) > rule.window:
                continue
            idxs = [live[k] for k in range(first, last + 1) if not st.blank(live[k])]
            if not idxs or (rule.action != "keep" and any(st.protected[i] for i in idxs)):
                continue
            act(idxs)
            return  # one match per document rule per pass; the fixpoint loop finds more


def _line_at(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def run_pass(rules: RuleSet, lines: list[str], origins: list[int], prefilter: Prefilter | None = None) -> PassResult:
    """One pass of every rule over `lines`; returns the surviving lines with their origins."""
    st = _State(lines, origins)
    active = rules.rules
    if prefilter is not None:
        st.line_hits = prefilter.line_index(lines)
        found = set(st.line_hits)
        active = tuple(r for r in rules.rules if not r.keywords or any(k in found for k in r.keywords))
    for rule in sorted(active, key=lambda r: r.action != "keep"):
        _apply_rule(rule, st)
    out_lines: list[str] = []
    out_origins: list[int] = []
    for i, ln in enumerate(st.text):
        if not st.alive[i]:
            continue
        if not ln.strip():
            if out_lines and out_lines[-1] != "":
                out_lines.append("")
                out_origins.append(st.origin[i])
            continue
        out_lines.append(ln)
        out_origins.append(st.origin[i])
    while out_lines and out_lines[-1] == "":
        out_lines.pop()
        out_origins.pop()
    return PassResult(out_lines, out_origins, st.removed, st.extracted, sum(st.protected))


def run(rules: RuleSet, lines: list[str], prefilter: Prefilter | None = None) -> PassResult:
    """Passes until the text stops changing (at most MAX_PASSES)."""
    result = PassResult(list(lines), list(range(1, len(lines) + 1)))
    total = PassResult(result.lines, result.origins)
    for _ in range(MAX_PASSES):
        nxt = run_pass(rules, total.lines, total.origins, prefilter)
        # A pass that removed nothing can still change the text's shape (trailing blank lines
        # trimmed, blank runs collapsed), and paragraphs depend on it: go on until it is stable.
        changed = bool(nxt.removed) or nxt.lines != total.lines
        total = PassResult(nxt.lines, nxt.origins, total.removed + nxt.removed, total.extracted + nxt.extracted)
        if not changed:
            break
    return total
