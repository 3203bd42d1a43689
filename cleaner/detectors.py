"""Detectors: rules whose judgement is not a pattern, configured by [rule.params] in rules/.

Each detector gets the rule, the engine's document state and the engine's `act` callback, and
calls `act(line_indices, score=...)` for every unit it removes, so its removals land in the
audit like any rule's.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from typing import TYPE_CHECKING, Callable

import regex

from .matcher import RuleTimeout, _ByIdentity, searches, unless_searches
from .segment import line_norm, line_words
from .boxes import box_between as _box_between, caption_after_credit as _caption_after_credit, caption_echo as _caption_echo, lone_line as _lone_line
from .runs import head_run as _head_run
from .markup_spans import markup_spans
from .source_blocks import source_blocks
from .runs import trailing_list as _trailing_list, trailing_run as _trailing_run
from .threads import thread

if TYPE_CHECKING:
    from .docstate import _State
    from .ruleset import Rule

Act = Callable[..., None]
_SENTENCE_END = regex.compile(r"[.!?…。！？][\"'”’»)\]]*\s*$|[.!?。！？][\"'”’»)\]]*\s+\S")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def _normalise(lines: list[str]) -> str:
    """The words of a unit (lines joined by newlines), lower-cased, as segment.line_norm: no
    word spans a newline, so the unit's words are its lines' words in order."""
    if len(lines) == 1:
        return line_norm(lines[0])
    return " ".join(n for n in map(line_norm, lines) if n)


def repeat(rule: "Rule", st: "_State", act: Act) -> None:
    """Drop a unit whose words repeat inside a longer unit (a pull quote).

    Exact repeats of a whole unit are left alone: lists and recipes repeat lines on purpose
    (measured on the dev pages, dropping them cost more article words than cruft).
    """
    units = st.live_paras() if rule.scope == "paragraph" else [[i] for i in st.live_lines()]
    text = st.text
    norms = [line_norm(text[u[0]]) if len(u) == 1 else _normalise([text[i] for i in u]) for u in units]
    longer: _LongerFirst | None = None  # built at the first unit that needs it
    absent = _absent_since(st, ("repeat", id(rule)), norms)
    guarded = any(st.protected)  # a keep rule protected a line (in C: most documents have none)
    for unit, norm in zip(units, norms):
        words = norm.count(" ") + 1 if norm else 0
        if not norm or words < rule.min_words or (rule.max_words is not None and words > rule.max_words):
            continue
        if rule.keywords and not any(k in norm for k in rule.keywords):
            continue
        if guarded and any(st.protected[i] for i in unit):
            continue
        if norm in absent:
            continue
        if longer is None:
            longer = _LongerFirst(norms)
        if longer.contains(f" {norm} ", 1.5 * len(norm)):
            act(unit)
        else:
            absent.add(norm)


def _absent_since(st: "_State", key: tuple, norms: list[str]) -> set[str]:
    """The units (normalised) that an earlier application of the repeat detector in this document
    found inside no longer unit, if the units now are among the units then; else a fresh set,
    kept for the next application. Whether a unit stands inside a longer one is a function of
    the set of units: with units only gone (the usual change between two passes: removals),
    what was inside none is inside none now, and the C scan of the longer units is not redone."""
    now = set(norms)
    held = st.memo.get(key)
    if held is not None and now <= held[0]:  # type: ignore[index]
        absent: set[str] = held[1]  # type: ignore[index]
    else:
        absent = set()
    st.memo[key] = (now, absent)
    return absent


class _LongerFirst:
    """The units' normalised texts, longest first, joined as "\n {a} \n {b} \n..." with the end
    offset of each: "is ' x ' inside a unit at least L long" is one str.find over the prefix of
    the units that long (a needle holds no newline, so it never spans two units). One C scan of
    the longer units per candidate instead of a count over the whole text plus a Python loop
    over every unit (what the repeat detector did before; same answers)."""

    __slots__ = ("lengths", "ends", "text")

    def __init__(self, norms: list[str]) -> None:
        ordered = sorted(norms, key=len, reverse=True)
        self.lengths = [-len(n) for n in ordered]  # ascending, for bisect
        parts = [f"\n {n} " for n in ordered]
        self.ends = list(itertools.accumulate(map(len, parts)))
        self.text = "".join(parts)

    def contains(self, needle: str, min_len: float) -> bool:
        """Whether `needle` occurs in " {unit} " for some unit of at least `min_len` characters."""
        k = bisect.bisect_right(self.lengths, -min_len)  # units [0, k) are at least min_len long
        return k > 0 and self.text.find(needle, 0, self.ends[k - 1]) >= 0


def text_words(line: str) -> int:
    """Words of a line; CJK text (no spaces) counts one word per two characters. The \\w+ count
    is segment.line_words, whose cache the engine's word bounds and words_in/out share."""
    if line.isascii():
        return line_words(line)
    return _wide_words(line)


@functools.lru_cache(maxsize=4096)
def _wide_words(line: str) -> int:
    return max(line_words(line), len(_CJK.findall(line)) // 2)


def line_value(line: str, text_min_words: float, short_penalty: float) -> float:
    """+words for a line that reads like running text, a negative cost for anything else."""
    w = text_words(line)
    if w >= text_min_words and _ends_sentence(line):
        return float(w)
    return -short_penalty


@functools.lru_cache(maxsize=16384)
def _ends_sentence(line: str) -> bool:
    """Whether _SENTENCE_END finds a sentence end in the line, kept per text: the detectors
    and the rest cut ask it of the same lines in every pass (the search was ~2.5% of the rule
    stage, the lookup a tenth of it)."""
    return _SENTENCE_END.search(line) is not None


def line_values(lines: list[str], text_min_words: float, short_penalty: float) -> list[float]:
    return [line_value(line, text_min_words, short_penalty) for line in lines]


def _line_values_memo(st: "_State", lines: list[str], text_min_words: float, short_penalty: float) -> list[float]:
    """line_values, each line's value kept per text for the document's later passes (the
    boilerplate detector runs again in the next pass after any change, on mostly the same lines)."""
    key = ("line_value", text_min_words, short_penalty)
    known: dict[str, float] | None = st.memo.get(key)  # type: ignore[assignment]
    if known is None:
        known = st.memo[key] = {}
    out: list[float] = []
    for line in lines:
        v = known.get(line)
        if v is None:
            v = known[line] = line_value(line, text_min_words, short_penalty)
        out.append(v)
    return out


def main_region(values: list[float]) -> tuple[int, int, float]:
    """The stretch of lines with the largest total value (Kadane), as (first, last, total)."""
    best = (0, -1, 0.0)
    start, total = 0, 0.0
    for i, v in enumerate(values):
        if total <= 0:
            start, total = i, 0.0
        total += v
        if total > best[2]:
            best = (start, i, total)
    return best


def _has_markers(rule: "Rule", texts: list[str], needed: float, one_line: bool) -> bool:
    """Whether at least `needed` lines are page chrome by one of the rule's marker patterns
    (e.g. "Home", "Privacy policy", a "Login | Register" menu). Stops as soon as enough are
    found; lines longer than a menu line are not tried. Patterns run like any rule's (built-in
    ones without the timeout, a user's under it; on lines, without MULTILINE)."""

    if needed <= 0:
        return True
    pats = searches(rule, one_line)
    n = 0
    try:
        for text in texts:
            if len(text) > MARKER_MAX_CHARS:
                continue
            if any(search(text) for search in pats):
                n += 1
                if n >= needed:
                    return True
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
    return False


MARKER_MAX_CHARS = 120  # a line of page chrome is short; longer lines are never markers


def _sentence_edges(texts: list[str], first: int, last: int, min_words: float,
                    head_lines: float = 0) -> tuple[int, int]:
    """The main region grown over the short sentences at its edges.

    A line of running text that is short (fewer than text_min_words words) scores as chrome, so
    the region stops before a last short paragraph or a one-sentence lead ("The colour was
    changed to orange."). Menus and link lists do not end in sentence punctuation; a line of at
    least `min_words` words that does, next to the region, is the article's own (0: off)."""
    def sentence(t: str) -> bool:
        return 0 < min_words <= text_words(t) and _ends_sentence(t)

    while first > 0 and sentence(texts[first - 1]):
        first -= 1
    while last + 1 < len(texts) and sentence(texts[last + 1]):
        last += 1
    for _ in range(int(head_lines)):  # a headline and a dek directly above the text
        if first == 0 or not 3 <= text_words(texts[first - 1]) <= 30:
            break
        first -= 1
    return first, last


def boilerplate(rule: "Rule", st: "_State", act: Act) -> None:
    """Keep the main run of text (maximum-sum region); drop short lines outside it.

    Whole-page scrapes put menus, link lists and footers above and below the article. Each
    line scores +words when it reads like running text and -short_penalty otherwise; the region
    with the largest total is the article body (the Body Text Extraction idea of Finn et al.,
    2001, on lines instead of tags). Lines outside it are removed unless they are long running
    text themselves (keep_outside_min_words), which protects articles split by a widget.

    The rule acts only on a page with at least min_markers lines of page chrome (its patterns:
    "Home", "Contact us", "Privacy policy", a "Login | Register" menu): an article-container
    scrape has none, and there the stretches outside the running text are the article's own
    lists (product features, member names, recipe links). Measured on the dev pages this took
    BP001's precision on naive_b from 0.61 to 0.73 and the lost trafilatura-eval snippets from
    42 to 7, for 0.2 F1 points on whole pages.
    """
    p = dict(rule.params)
    live = st.live_lines()
    texts = [st.text[i] for i in live]
    values = _line_values_memo(st, texts, p["text_min_words"], p["short_penalty"])
    first, last, total = main_region(values)
    if total < p["min_region_words"]:
        return  # no clear body of text: leave the document to the other rules
    words = [text_words(t) for t in texts]
    if sum(words[first : last + 1]) >= p["max_region_share"] * sum(words):
        # Nearly all main text: an article-container scrape, unless the lines outside it hold
        # share_min_markers lines of page chrome (a whole page with a short menu and footer).
        outside = texts[:first] + texts[last + 1 :]
        if not _has_markers(rule, outside, p["share_min_markers"], st.one_line):
            return
    if not _has_markers(rule, texts, p["min_markers"], st.one_line):
        return  # no page chrome at all: an article-container scrape, whose lists are its own
    first, last = _sentence_edges(texts, first, last, p.get("edge_min_words", 0), p.get("edge_head_lines", 0))
    # A short stretch outside the region is the article's own edge (headline, a last short
    # paragraph), not page chrome: article-container scrapes have a few such lines, whole pages
    # have menus of dozens.
    stretches = [range(0, first), range(last + 1, len(live))]
    for stretch in stretches:
        if len(stretch) < p["min_outside_lines"]:
            continue
        mean_words = sum(text_words(texts[k]) for k in stretch) / len(stretch)
        if mean_words > p["max_outside_mean_words"]:
            continue  # long lines on average: more likely article matter (lists, notes) than menus
        for k in stretch:
            i = live[k]
            if st.protected[i] or (values[k] > 0 and values[k] >= p["keep_outside_min_words"]):
                continue
            act([i], score=values[k])


def repeat_line(rule: "Rule", st: "_State", act: Act) -> None:
    """Drop a line whose words (lower-cased, punctuation aside) are those of one of the
    `max_gap` live lines before it: the same headline twice in a row on a news page (the title
    and the teaser box's copy, a heading and its anchor copy, an image's alt text and its
    headline). The first copy stays.

    Only lines the rule's patterns match (and none of its `unless`) take part, first or later
    copy, within `min_words`..`max_words`: the patterns say what a headline looks like (no
    sentence end). Copies further apart are left alone: forum signatures, refrains, repeated
    list items and the quotes of a thread repeat on purpose (see `repeat`)."""

    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    gap = int(dict(rule.params)["max_gap"])
    recent: list[str] = []  # normalised words of the last `gap` live lines ("" for other lines)
    try:
        for i in st.live_lines():
            text = st.text[i]
            norm = ""
            words = line_words(text)
            if words >= rule.min_words and (rule.max_words is None or words <= rule.max_words):
                if any(p(text) for p in pats) and not any(u(text) for u in vetoes):
                    norm = line_norm(text)
            if norm and norm in recent and not st.protected[i]:
                act([i])
                continue  # the copy is gone: the lines after it are compared with those before
            recent.append(norm)
            if len(recent) > gap:
                del recent[0]
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


def between(rule: "Rule", st: "_State", act: Act) -> None:
    """Drop up to `max_lines` headline-shaped lines that stand right between two lines the
    rules in `between_rules` removed: a teaser card in a box of other articles, its section
    label or kicker above the headline and its byline, age or meta line below ("Mode" /
    headline / "Von Jane Roe"; headline / "News" / "vor 2 Std."). The headline is the only
    part of the card no phrase names; its neighbours say what it is.

    Only lines the rule's patterns match (and none of its `unless`), within
    `min_words`..`max_words`, take part, and only after the first line of running text
    (`text_min_words` words ending a sentence): above it, a section label, a headline and a
    byline are the article's own title block. With `sides` = 2 the lines right before and after
    the run (blank lines aside) must both be gone, each removed by one of `between_rules`; with
    `sides` = 1 only the line right after it (the headline and kicker above a teaser's summary
    that TZ001 removed for its "more" link). The line after the run needs at least
    `after_min_words` words (a teaser's summary, not a menu row ending in "more »")."""
    names = _between_names(rule)
    gone: set[int] = set()  # origins of the lines the named rules removed
    for rem in st.removed:
        if rem.rule in names:
            gone.update(range(rem.line_start, rem.line_end + 1))
    if not gone:
        return  # none of the named rules removed anything: nothing stands between (3 calls in 4)
    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    params = dict(rule.params)
    max_lines, text_min = int(params["max_lines"]), params["text_min_words"]
    both = int(params["sides"]) >= 2
    after_min = params["after_min_words"]
    lines = list(itertools.compress(range(len(st.text)), map(str.strip, st.text)))  # the non-blank lines

    def flank(k: int) -> bool:
        if k < 0 or k >= len(lines):
            return False
        i = lines[k]
        return not st.alive[i] and st.origin[i] in gone

    def candidate(i: int) -> bool:
        text = st.text[i]
        words = text_words(text)
        if not st.alive[i] or st.protected[i] or words < rule.min_words:
            return False
        if rule.max_words is not None and words > rule.max_words:
            return False
        return any(p(text) for p in pats) and not any(u(text) for u in vetoes)

    # Runs start after the first live line of running text (`first`); a run is a maximal
    # stretch of candidate lines and goes when it is short enough and a line the named rules
    # removed follows it (and precedes it, with sides = 2). So only the stretches that end
    # right before such a line need looking at: walk back from each of them. (The detector used
    # to test every live line after `first`, in a pattern search per line; these are the same
    # runs, found in the same order.)
    alive, text, origin = st.alive, st.text, st.origin
    first = next((k for k, i in enumerate(lines) if alive[i] and line_value(text[i], text_min, 0.0) > 0), None)
    if first is None:
        return
    try:
        for end in range(first + 2, len(lines)):
            i = lines[end]
            if alive[i] or origin[i] not in gone or text_words(text[i]) < after_min:
                continue
            k = end
            while k - 1 > first and end - k <= max_lines and candidate(lines[k - 1]):
                k -= 1
            if k == end or end - k > max_lines:
                continue  # no candidate right before it, or a longer run than max_lines
            if not both or flank(k - 1):
                act([lines[j] for j in range(k, end)])
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


# Per rule its between_rules as a set (between: four rules a pass built it for every document)
_between_names: _ByIdentity["Rule", frozenset[str]] = _ByIdentity(lambda rule: frozenset(rule.between_rules), 4096)


def between_pair(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "between_pair": `between`, for a run of exactly two lines whose first has no
    sentence end: a teaser card's headline and its one-sentence summary (TZ012). A single line
    that ends a sentence between two removed meta lines is as often a post's or a comment's
    text as a teaser's."""

    def pair(idxs: list[int], **kw: object) -> None:
        if len(idxs) == 2 and not _ends_sentence(st.text[idxs[0]]):
            act(idxs, **kw)

    between(rule, st, pair)


def trailing_run(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "trailing_run" (cleaner/runs.py): title-shaped lines after the last sentence."""
    _trailing_run(rule, st, act, line_value, text_words)


def trailing_list(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "trailing_list" (cleaner/runs.py): the titles under a removed list header after the last sentence."""
    _trailing_list(rule, st, act, line_value, text_words)


def box_between(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "box_between" (cleaner/boxes.py): a box's content between its opening line and its end mark."""
    _box_between(rule, st, act, text_words)


def caption_after_credit(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "caption_after_credit" (cleaner/boxes.py): the caption under a credit that follows running text."""
    _caption_after_credit(rule, st, act, text_words, line_value)


def caption_echo(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "caption_echo" (cleaner/boxes.py): a caption repeated without the credit of its removed copy."""
    _caption_echo(rule, st, act, text_words)


def lone_line(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "lone_line" (cleaner/boxes.py): an unpunctuated caption or link line between two paragraphs."""
    _lone_line(rule, st, act, text_words, line_value)


def head_run(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "head_run" (cleaner/runs.py): long runs of menu lines above the main text."""
    _head_run(rule, st, act, line_value, main_region, text_words)


DETECTORS: dict[str, Callable[["Rule", "_State", Act], None]] = {
    "repeat": repeat,
    "repeat_line": repeat_line,
    "between": between,
    "boilerplate": boilerplate,
    "thread": thread,
    "trailing_run": trailing_run,
    "trailing_list": trailing_list,
    "between_pair": between_pair,
    "box_between": box_between,
    "caption_after_credit": caption_after_credit,
    "caption_echo": caption_echo,
    "lone_line": lone_line,
    "head_run": head_run,
    "markup_spans": markup_spans,
    "source_blocks": source_blocks,
}
