"""Reader-comment threads found by their shape: a run of comment units to the end of the text.

A comment thread is a repeating block: each comment has a stamp line (who and when: "Anna —
June 24th, 2012, 11:39 pm", "by tom on Aug 9, 2012 10:19 AM EDT", "on 2012-10-09 at 9:00 am
Olaf", "Marie · il y a 3 heures", "Jane says:"), a short body, and often controls ("Reply",
"Antworten", "Report", "12 points"). One stamp line is a dateline; a run of them a few lines
apart, running on to the end of the text, is a thread, whether or not a header ("Comments")
opens it and whether or not an article precedes it (an article-container scrape whose
selector picked the thread holds nothing else). The detector is `detector = "thread"`; what a
stamp line looks like is the rule's `patterns`, what a control looks like its
[rule.confirm_after] (patterns, and the phrases of the named rules), how many units and how
close its [rule.params]. No words or patterns live here.
"""

from __future__ import annotations

import bisect
from collections import deque
from typing import TYPE_CHECKING, Callable

import regex

from .matcher import RuleTimeout, _matcher, confirm_searches, searches
from .ruleset import DETECTOR_PARAMS
from .segment import line_words

if TYPE_CHECKING:
    from .docstate import _State
    from .ruleset import Rule

Act = Callable[..., None]

# [rule.params] of detector = "thread" (all required; the values live in rules/):
#   min_units        stamp lines a thread needs (>= 2: one stamp is a dateline)
#   max_gap          at most this many live lines from one stamp line to the next
#   max_stamp_words  a stamp line has at most this many words
#   max_unit_words   the mean words per unit (stamp to stamp) is at most this (blog posts are longer)
#   max_tail_words   at most this many words after the last unit's end (the thread ends the text)
#   max_break_words  at most this many words between two runs of stamps of one thread
#   min_control_share controls (confirm_after lines: "Reply", "Antworten", "12 points", a stamp
#                    ending in "reply") per stamp line of the thread
#   min_text_before  words of running text before the thread's start; 0 lets a text that is
#                    all thread go whole
#   max_thread_ratio at most this many words from the thread's start to the end of the text per
#                    word of the article's prose before it (0: no limit): a text that is mostly
#                    posts is a thread page (a forum, a guest book, a blog whose comments outweigh
#                    its post), whose posts a reader may keep as the page's text
#   prose_line_words the article's prose is the words of the lines before the thread with at
#                    least this many words (menus, headings and bylines are shorter)
PARAMS = DETECTOR_PARAMS["thread"]  # declared where the loader checks them (ruleset sits below this module)


def find_thread(stamps: list[bool], controls: list[bool], words: list[int], p: dict[str, float]) -> int | None:
    """Index (into the live lines) where the trailing thread starts, or None.

    `stamps[k]` says whether live line k is a stamp line, `controls[k]` whether it is a
    control, `words[k]` its word count. A thread is a run of at least `min_units` stamp lines,
    each at most `max_gap` lines after the one before, whose units are short on average, with
    at most `max_tail_words` words after its last unit, and at least
    `min_control_share` controls per stamp. The first such run starts the thread, at its first
    stamp line (or the name line above it, when the units open with one); later runs (after
    a long comment) belong to it while at most `max_break_words` words part them, or whatever
    the words when a control closes the long unit ("Reply" just before the next stamp, or a
    stamp that ends in one), and the last must end the text.
    """
    n = len(stamps)
    idx = [k for k in range(n) if stamps[k]]
    if len(idx) < p["min_units"]:
        return None
    gap = int(p["max_gap"])
    # runs of stamp lines, each within max_gap lines of the one before
    runs: list[list[int]] = [[idx[0]]]
    for k in idx[1:]:
        if k - runs[-1][-1] <= gap:
            runs[-1].append(k)
        else:
            runs.append([k])
    total_before = [0] * (n + 1)
    for k in range(n):
        total_before[k + 1] = total_before[k] + words[k]
    def unit_words(run: list[int]) -> float:
        return (total_before[run[-1] + 1] - total_before[run[0]]) / max(1, len(run) - 1)

    # The thread starts at the first run that looks like one (enough units, short ones) and ends
    # the text: the last run of stamps is followed by at most max_tail_words words. Runs in
    # between may be apart (a long comment, a page break of the thread). Only the first such run
    # may start it, so a second pass, seeing the text before a cut thread, finds none.
    first_run = next((r for r in runs if len(r) >= p["min_units"] and unit_words(r) <= p["max_unit_words"]), None)
    if first_run is None:
        return None
    at = runs.index(first_run)
    for before, after in zip(runs[at:], runs[at + 1 :]):
        bridged = any(controls[max(before[-1] + 1, after[0] - 2) : after[0] + 1])
        if not bridged and total_before[after[0]] - total_before[before[-1] + 1] > p["max_break_words"]:
            return None  # text between two runs of stamps: an article's datelines, not one thread
    first, last = first_run[0], runs[-1][-1]
    end = min(n, last + gap + 1)  # the last unit's body runs at most max_gap lines on
    if total_before[n] - total_before[end] > p["max_tail_words"]:
        return None  # text after the runs: not a trailing thread
    # units, not stamp lines: "Anna says:" over "June 24, 2012 at 10:15 am" is one unit's stamp
    units = sum(1 for k in range(first, end) if stamps[k] and not (k > 0 and stamps[k - 1]))
    if sum(controls[first:end]) < p["min_control_share"] * units:
        return None  # stamps without controls: a forum's posts or an old blog's comment log
    if _name_first(first_run, stamps, controls, words):
        first -= 1  # "Ania" / "5 godzin temu" / body: the unit opens with the commenter's name
    if total_before[first] < p["min_text_before"]:
        return None  # too little text before it: a thread page, or a dateline under a headline
    if p["max_thread_ratio"] and not _article_outweighs(first, words, total_before[n] - total_before[first], p):
        return None  # the posts outweigh the article: the thread is the page's main text
    return first


def _article_outweighs(first: int, words: list[int], thread_words: int, p: dict[str, float]) -> bool:
    """Whether the article's prose before line `first` (the words of its lines of at least
    `prose_line_words` words) is at least 1 / `max_thread_ratio` of the thread's words."""
    prose = sum(w for w in words[:first] if w >= p["prose_line_words"])
    return thread_words <= p["max_thread_ratio"] * prose


NAME_MAX_WORDS = 5  # a commenter's name line ("Ania", "Jane Roe (@jroe)")


def _name_first(run: list[int], stamps: list[bool], controls: list[bool], words: list[int]) -> bool:
    """Whether the units of `run` open with a name line above the stamp: before most of its
    later stamps is a short line that is neither a stamp nor a control (in "Reply" / "Anna —
    June 24th, 2012" units the line above a stamp is the last unit's control)."""
    first = run[0]
    if first == 0 or words[first - 1] > NAME_MAX_WORDS or stamps[first - 1] or controls[first - 1]:
        return False
    later = run[1:]
    named = sum(1 for k in later if words[k - 1] <= NAME_MAX_WORDS and not stamps[k - 1] and not controls[k - 1])
    return named * 2 > len(later)


# Every stamp pattern of a thread rule finds a digit (a date, a clock time, "3 hours ago") or
# a closing colon or ellipsis ("Jane says:", "said..."); a line with none is no stamp, and the
# patterns are not tried on it (most lines of most texts). tests/test_threads.py holds the
# rules' stamp examples to this.
MAYBE_STAMP = regex.compile(r"\d|(?::|…|\.\.\.)\s*$")
STAMP_MAX_CHARS = 40  # characters per allowed word: longer lines are not tried either
# MAYBE_STAMP's answer without its second branch, which the regex module tries at every
# character (1 us a line, the detector's largest cost): a digit anywhere, or the text without
# its trailing \s ends in ":", "…" or "...". _REGEX_SPACE is every character `regex`'s \s
# matches (tests/test_threads.py checks it against every code point).
_DIGIT = regex.compile(r"\d").search
_REGEX_SPACE = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_STAMP_ENDS = (":", "…", "...")


def maybe_stamp(text: str) -> bool:
    """Whether MAYBE_STAMP finds something in `text` (same answer, faster)."""
    return _DIGIT(text) is not None or text.rstrip(_REGEX_SPACE).endswith(_STAMP_ENDS)


class _Scan:
    """What the thread detector reads of a document's lines, for every thread rule with the same
    stamp and control tests (TS004 and TS005 share them): per line text whether it is a stamp
    line and whether it is a control, and the lists for the last live lines looked at. Kept on
    the engine's per-document memo (`_State.memo`, one dict for all passes of a document), so
    the second rule and the later passes look up what the first computed instead of searching
    every line again. Each answer is a function of the line's text alone (and of the rule set's
    phrase index, which is the document's for all its passes)."""

    __slots__ = ("stamp", "control", "live", "stamps", "words", "controls", "stamp_controls", "pending")

    def __init__(self) -> None:
        self.stamp: dict[str, bool] = {}
        self.control: dict[str, bool] = {}
        # the texts of the stamp lines that were controls too ("by tom on Aug 9, 2012 10:19 AM EDT
        # up reply actions"), sorted: a later pass finds the same line with its controls cut off
        # (CM006) by a prefix search here
        self.stamp_controls: list[str] = []
        # the last live-line list looked at (the engine's cached list object: a new object after
        # every change of the document) and the per-line lists built for it
        self.live: list[int] | None = None
        self.stamps: list[bool] = []
        self.words: list[int] | None = None
        self.controls: list[bool] | None = None
        # calls that returned before their stamps were all known (_tail_start), in order, for
        # _catch_up: one entry per live-line list (_Pending; the rules sharing this scan, TS004
        # and TS005, each return early on the same list)
        self.pending: deque[_Pending] = deque()


class _Pending:
    """The lines of the calls that returned early on one live-line list (`live`, the engine's
    list object, held so that its identity means the same lines), and the fewest stamps
    (`min_units`) that made one of them read controls: a second call on the same list adds no
    entry, only its `min_units` when smaller (its stamps are the first's, from the same
    signature's tests, and a control answer once known is not computed again)."""

    __slots__ = ("rule", "live", "lines", "max_stamp", "min_units")

    def __init__(self, rule: "Rule", live: list[int], lines: list[str], max_stamp: float, min_units: float) -> None:
        self.rule, self.live, self.lines, self.max_stamp, self.min_units = rule, live, lines, max_stamp, min_units


def _pattern_key(patterns: "tuple[regex.Pattern[str], ...]") -> tuple:
    # a built-in pattern (LazyPattern) runs without the timeout, a user's under it: kept apart
    return tuple((type(p).__name__, p.pattern, p.flags) for p in patterns)


def _signature(rule: "Rule", one_line: bool) -> tuple:
    """What decides a line's stamp and control answers: two rules with the same signature get
    the same answers on every line."""
    return ("thread", one_line, dict(rule.params)["max_stamp_words"], _pattern_key(rule.patterns),
            _pattern_key(rule.confirm), tuple(rule.confirm_rules))


# A signature stands for itself in the memo by a small number (hashing the nested tuple of
# pattern sources at every rule application cost more than the lookup saves). Never cleared: a
# number must not change meaning while a document's memo holds it (a handful of signatures).
_SIGNATURE_KEYS: dict[tuple, tuple[str, int]] = {}
_signatures: dict[int, tuple["Rule", tuple[str, int], tuple[str, int]]] = {}  # id(rule) -> (rule, keys)


def _key(signature: tuple) -> tuple[str, int]:
    key = _SIGNATURE_KEYS.get(signature)
    if key is None:
        key = _SIGNATURE_KEYS[signature] = ("thread", len(_SIGNATURE_KEYS))
    return key


def _scan(rule: "Rule", st: "_State") -> _Scan:
    """The document's _Scan for the rule's stamp and control tests."""
    hit = _signatures.get(id(rule))
    if hit is None or hit[0] is not rule:
        if len(_signatures) > 4096:
            _signatures.clear()
        hit = _signatures[id(rule)] = (rule, _key(_signature(rule, True)), _key(_signature(rule, False)))
    key = hit[1] if st.one_line else hit[2]
    scan = st.memo.get(key)
    if scan is None:
        scan = st.memo[key] = _Scan()
    return scan


def thread(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "thread": remove a trailing reader-comment thread (see the module doc).

    Stamps first, with a cheap look at each line; words and controls only when a text has
    enough stamps to hold a thread. The per-line answers are shared (_Scan)."""
    p = dict(rule.params)
    live = st.live_lines()
    min_units = p["min_units"]
    if len(live) < min_units:
        return
    scan = _scan(rule, st)
    max_stamp = p["max_stamp_words"]
    texts = st.text
    try:
        if scan.live is not live:  # (set only once the lists are built: a timeout leaves none half-built)
            lines = [texts[i] for i in live]
            if _builtin(rule) and not any(_stamps(rule, st, scan, lines[_tail_start(texts, live, p):], max_stamp)):
                # no stamp where a thread's last one must be: find_thread would say None. What
                # this call would have left for later ones (_controls' stamp_controls) is left
                # to the next call that looks at controls (_catch_up)
                _defer(scan, rule, live, lines, max_stamp, min_units)
                return
            stamps = _stamps(rule, st, scan, lines, max_stamp)
            scan.live, scan.stamps, scan.words, scan.controls = live, stamps, None, None
        stamps = scan.stamps
        if sum(stamps) < min_units:
            return
        if scan.words is None or scan.controls is None:
            _catch_up(st, scan)
            scan.words, scan.controls = _read_controls(rule, st, scan, [texts[i] for i in live], max_stamp)
        words, controls = scan.words, scan.controls
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
    start = find_thread(stamps, controls, words, p)
    if start is None:
        return
    rest = [i for i in live[start:] if not st.protected[i]]
    if rest:
        act(rest)


def _builtin(rule: "Rule") -> bool:
    """Whether the rule's stamp and control patterns are all built in (none runs under the
    regex timeout: _catch_up may search a call's lines at a later call)."""
    return not _matcher(rule).timed


def _catch_up(st: "_State", scan: _Scan) -> None:
    """What the calls that _tail_start let return early would have done to the control answers
    (scan.control, scan.stamp_controls), done in their order before the next call that reads
    them: per call, its stamps, and its controls when it had `min_units` stamps (as `thread`
    computes them). The stamp-and-control lines of an earlier pass let a later pass know a
    stamp whose controls were cut off (_cut_control): without this, a page whose first pass had
    no stamp in its tail lost them (dragnet naive_a, 2 pages of 9,714 outputs)."""
    pending = scan.pending
    while pending:
        call = pending.popleft()
        lines = call.lines
        stamps = _stamps(call.rule, st, scan, lines, call.max_stamp)
        if sum(stamps) >= call.min_units:
            _read_controls(call.rule, st, scan, lines, call.max_stamp)


def _read_controls(rule: "Rule", st: "_State", scan: _Scan, lines: list[str],
                   max_stamp: float) -> tuple[list[int], list[bool]]:
    """The lines' word counts and control answers, as `thread` reads them (and `_catch_up` for
    the calls it replays: their control answers are left in `scan`)."""
    words = [line_words(t) for t in lines]
    return words, _controls(rule, st, scan, lines, words, max_stamp)


def _defer(scan: _Scan, rule: "Rule", live: list[int], lines: list[str], max_stamp: float, min_units: float) -> None:
    """Leave a call that returned early to _catch_up: a new entry, or, when the last entry is
    for the same live-line list (the other rule of the scan on an unchanged document), the
    smaller `min_units` on it (what the second entry would have done is done by the first:
    the same stamps, and controls when either had enough of them)."""
    pending = scan.pending
    if pending and pending[-1].live is live:
        last = pending[-1]
        last.min_units = min(last.min_units, min_units)
        return
    pending.append(_Pending(rule, live, lines, max_stamp, min_units))


def _tail_start(texts: list[str], live: list[int], p: dict[str, float]) -> int:
    """The first index (into `live`) where the last stamp line of a thread can be: find_thread
    needs at most `max_tail_words` words after its last unit's end (the last stamp + `max_gap`
    lines), so a text with no stamp line from here on holds no thread, and the stamp patterns
    need not be tried on the lines above (most of a page; the detector's largest cost was
    trying them on every line with a digit). Same answer as find_thread on the full lists."""
    limit = p["max_tail_words"]
    j = len(live)
    total = 0
    while j > 0:
        w = line_words(texts[live[j - 1]])
        if total + w > limit:
            break
        total += w
        j -= 1
    # the words after min(n, last + gap + 1) are at most `limit` iff last + gap + 1 >= j
    return max(0, j - int(p["max_gap"]) - 1)


def _stamps(rule: "Rule", st: "_State", scan: _Scan, lines: list[str], max_stamp: float) -> list[bool]:
    """Per line whether it is a stamp line: answers kept per text in `scan`."""
    known = scan.stamp
    out = [known.get(t) for t in lines]
    if None not in out:
        return out  # type: ignore[return-value]
    pats = searches(rule, st.one_line)
    max_chars = max_stamp * STAMP_MAX_CHARS
    for k, t in enumerate(lines):
        if out[k] is None:  # the cheapest tests first: most lines hold no digit and no closing
            # colon (maybe_stamp), and the word count's first call scans the line
            out[k] = known[t] = (len(t) <= max_chars and maybe_stamp(t) and line_words(t) <= max_stamp
                                 and any(s(t) for s in pats))
    return out  # type: ignore[return-value]


def _controls(rule: "Rule", st: "_State", scan: _Scan, lines: list[str], words: list[int],
              max_stamp: float) -> list[bool]:
    """Per line whether it is a control (a confirm_after pattern or a named rule's phrase):
    answers kept per text in `scan`; a line longer than a stamp is none."""
    known = scan.control
    ctrl = confirm_searches(rule)
    index = st.phrases if rule.confirm_rules else None
    ids = rule.confirm_rules
    stamp = scan.stamp
    cut = scan.stamp_controls
    added = False
    out: list[bool] = []
    for t, w in zip(lines, words):
        if w > max_stamp:
            out.append(False)
            continue
        c = known.get(t)
        if c is None:
            c = any(s(t) for s in ctrl) or (index is not None and any(r in ids for r in index.match(t)))
            if c and stamp.get(t):
                cut.append(t)
                added = True
            elif not c and stamp.get(t) and cut:
                c = _cut_control(cut, t)
            known[t] = c
        out.append(c)
    if added:
        cut.sort()
    return out


def _cut_control(cut: list[str], text: str) -> bool:
    """Whether `text` (a stamp line) is a stamp-and-control line of an earlier pass with its
    controls cut off: "by tom on Aug 9, 2012 10:19 AM EDT" after CM006 took " up reply actions".
    The stamp keeps its control for the thread detector, as it had one on the page."""
    k = bisect.bisect_left(cut, text)
    return k < len(cut) and cut[k] != text and cut[k].startswith(text) and not cut[k][len(text)].isalnum()
