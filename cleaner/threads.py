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

from typing import TYPE_CHECKING, Callable

import regex

from .matcher import RuleTimeout, confirm_searches, searches
from .ruleset import DETECTOR_PARAMS
from .segment import line_words

if TYPE_CHECKING:
    from .engine import _State
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
    return first


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


def thread(rule: "Rule", st: "_State", act: Act) -> None:
    """detector = "thread": remove a trailing reader-comment thread (see the module doc).

    Stamps first, with a cheap look at each line; words and controls only when a text has
    enough stamps to hold a thread."""
    p = dict(rule.params)
    live = st.live_lines()
    min_units = p["min_units"]
    if len(live) < min_units:
        return
    pats = searches(rule, st.one_line)
    max_stamp = p["max_stamp_words"]
    max_chars = max_stamp * STAMP_MAX_CHARS
    texts = st.text
    maybe = MAYBE_STAMP.search
    try:
        stamps = [len(t) <= max_chars and maybe(t) is not None and line_words(t) <= max_stamp
                  and any(s(t) for s in pats) for t in (texts[i] for i in live)]
        if sum(stamps) < min_units:
            return
        ctrl = confirm_searches(rule)
        index = st.phrases if rule.confirm_rules else None
        ids = rule.confirm_rules
        words = [line_words(texts[i]) for i in live]
        controls = [w <= max_stamp and (any(s(texts[i]) for s in ctrl) or (
            index is not None and any(r in ids for r in index.match(texts[i]))))
            for i, w in zip(live, words)]
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
    start = find_thread(stamps, controls, words, p)
    if start is None:
        return
    rest = [i for i in live[start:] if not st.protected[i]]
    if rest:
        act(rest)
