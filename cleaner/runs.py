"""Runs of title-shaped lines after an article's last sentence: headerless teaser boxes and tag lists.

News pages end the article container with boxes of other stories' headlines and with topic-tag
lists ("Recession" / "GDP" / "UK economy"), often with no header line left in the scrape
("Related", "More from ..." are UI002's). What tells them from the article is their place and
their shape, not their words: after the article's last line of running text (a line of at least
`text_min_words` words that ends a sentence), every live line left to the end of the text is
short and title-shaped (the rule's `patterns`: no sentence end), and there are at least
`min_lines` of them. An article does not end on a stack of titles; a trailing subheading with
no paragraph under it is one line, below `min_lines`. The detector is `detector =
"trailing_run"`; what a title line looks like is the rule's `patterns` (and `unless`), how many
and how long its [rule.params]. No words or patterns live here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .boxes import removed_by
from .matcher import RuleTimeout, line_fits, searches, unless_searches

if TYPE_CHECKING:
    from .docstate import _State
    from .ruleset import Rule

Act = Callable[..., None]
LineValue = Callable[[str, float, float], float]  # detectors.line_value: +words for running text
Words = Callable[[str], int]  # detectors.text_words


def find_trailing_run(running: list[bool], titles: list[bool], words: list[int], min_lines: int,
                      min_text_before: float) -> int | None:
    """Index (into the live lines) where the trailing run of title lines starts, or None.

    `running[k]`: live line k is running text; `titles[k]`: it is title-shaped (the rule's
    patterns and word bounds); `words[k]`: its word count. The run is every line after the last
    running-text line; it needs at least `min_lines` lines, all titles, and at least
    `min_text_before` words of text before it (an article, not a page of links)."""
    n = len(running)
    last = next((k for k in range(n - 1, -1, -1) if running[k]), None)
    if last is None:
        return None
    start = last + 1
    if n - start < min_lines or not all(titles[start:]):
        return None
    if sum(words[:start]) < min_text_before:
        return None
    return start


def _live_texts(rule: "Rule", st: "_State") -> tuple[dict, list[int], int, list[str]] | None:
    """The run detectors' common start: the rule's params, the live line numbers, `min_lines`
    and the live lines' texts; None when the page has no more live lines than `min_lines`."""
    p = dict(rule.params)
    live = st.live_lines()
    min_lines = int(p["min_lines"])
    if len(live) <= min_lines:
        return None
    return p, live, min_lines, [st.text[i] for i in live]


def _tail_after_text(rule: "Rule", st: "_State", line_value: LineValue) -> tuple[dict, list[int], int, list[str], int] | None:
    """The start of the detectors that look after the text's last running line (trailing_run,
    trailing_list): `_live_texts`' tuple and the index (into the live lines) of that last running
    line; None when there is none or fewer than `min_lines` live lines follow it. The last running
    line is looked for from the end: most texts end in running text."""
    start = _live_texts(rule, st)
    if start is None:
        return None
    p, live, min_lines, texts = start
    text_min = p["text_min_words"]
    last = next((k for k in range(len(live) - 1, -1, -1) if line_value(texts[k], text_min, 0.0) > 0), None)
    if last is None or len(live) - last - 1 < min_lines:
        return None
    return p, live, min_lines, texts, last


def trailing_run(rule: "Rule", st: "_State", act: Act, line_value: LineValue, text_words: Words) -> None:
    """detector = "trailing_run": drop the title-shaped lines that end the text after its last
    sentence (see the module doc). `line_value` and `text_words` are the detectors' running-text
    test and word count (handed in: detectors.py imports this module)."""
    # only the tail after the last running line needs its title test
    start = _tail_after_text(rule, st, line_value)
    if start is None:
        return
    p, live, min_lines, texts, last = start
    text_min = p["text_min_words"]
    running = [line_value(t, text_min, 0.0) > 0 for t in texts]
    words = [text_words(t) for t in texts]
    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    max_words = rule.max_words
    titles = [False] * len(live)
    try:
        for k in range(last + 1, len(live)):
            t, w = texts[k], words[k]
            titles[k] = (w >= rule.min_words and (max_words is None or w <= max_words)
                         and any(s(t) for s in pats) and not any(u(t) for u in vetoes))
            if not titles[k]:
                return
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
    start = find_trailing_run(running, titles, words, min_lines, p["min_text_before"])
    if start is None:
        return
    rest = [i for i in live[start:] if not st.protected[i]]
    if rest:
        act(rest)


def find_list_after_header(after_last: list[int], header: int, titles: list[bool], min_lines: int) -> list[int]:
    """The lines to drop of a list that a removed header opens after the article's last sentence.

    `after_last`: the live lines (line numbers) after the last line of running text, in order;
    `header`: the line number of the first line after that one which a named rule removed (the
    list's header); `titles[k]`: after_last[k] is title-shaped. The list is every line of
    `after_last` below the header; it needs at least `min_lines` lines, all titles."""
    run = [k for k, i in enumerate(after_last) if i > header]
    if len(run) < min_lines or not all(titles[k] for k in run):
        return []
    return [after_last[k] for k in run]


def trailing_list(rule: "Rule", st: "_State", act: Act, line_value: LineValue, text_words: Words) -> None:
    """detector = "trailing_list": drop the title-shaped lines that end the text under a list
    header another rule removed ("Most popular", "Related", "Latest news": the rules named in
    `between_rules`), when the header stands after the article's last line of running text.

    Such headers go alone where they are (UI009): a header with the lines under it measured 0.50
    precision on naive_b, because under a header inside the article come the article's own
    lists and subheadings. After the last sentence, with nothing but titles from the header to
    the end of the text, the lines under it are the box's: other stories' headlines, topic
    tags. The header's place and the titles' shape decide (find_list_after_header); what a
    title looks like is the rule's `patterns` and `unless`, as for trailing_run."""
    start = _tail_after_text(rule, st, line_value)
    if start is None:
        return
    p, live, min_lines, texts, last = start
    if sum(text_words(t) for t in texts[:last + 1]) < p["min_text_before"]:
        return
    gone = removed_by(st, set(rule.between_rules))
    if not gone:
        return
    header = next((i for i in range(live[last] + 1, len(st.text))
                   if not st.alive[i] and st.origin[i] in gone), None)
    if header is None:
        return
    after = live[last + 1:]
    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    try:
        titles = [i < header or line_fits(rule, st.text[i], text_words(st.text[i]), pats, vetoes) for i in after]
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
    rest = [i for i in find_list_after_header(after, header, titles, min_lines) if not st.protected[i]]
    if rest:
        act(rest)


Region = Callable[[list[float]], tuple[int, int, float]]  # detectors.main_region


def find_head_runs(menu: list[bool], running: list[bool], end: int, min_lines: int,
                   bridge: list[bool] | None = None, start: int = 0, bridge_lines: int = 1) -> list[range]:
    """The runs of menu lines among lines [start, end) to drop.

    `menu[k]`: line k is menu-shaped (the rule's patterns and word bounds); `running[k]`: it is
    running text (or introduces a list). A run is a maximal stretch of consecutive menu lines of
    at least `min_lines` menu lines; a run right after a line of running text, or after a line
    ending in ':', is a list that the text introduces ("Here is the full list:"), not a menu,
    and stays. `bridge[k]` (optional): line k may sit inside a run, up to `bridge_lines` such
    lines in a row with a menu line after them (a list of other stories' longer headlines, a
    menu's search prompt does not end it); bridged lines go with the run but do not count
    towards `min_lines`."""
    runs: list[range] = []
    k = start
    while k < end:
        if not menu[k]:
            k += 1
            continue
        j, n = k, 0
        while j < end:
            if menu[j]:
                n += 1
                j += 1
            else:
                b = 0
                while bridge is not None and b < bridge_lines and j + b < end and bridge[j + b]:
                    b += 1
                if b == 0 or j + b >= end or not menu[j + b]:
                    break
                j += b
        if n >= min_lines and not (k > 0 and running[k - 1]):
            runs.append(range(k, j))
        k = j
    return runs


def head_run(rule: "Rule", st: "_State", act: Act, line_value: LineValue, main_region: Region,
             text_words: Words) -> None:
    """detector = "head_run": drop long runs of short menu-shaped lines above the page's main
    run of text (a blogroll, a category menu, a list of other stories with their dates), on any
    page, with or without the chrome markers BP001 needs.

    BP001 acts only on a page with a chrome marker ("Home", "Contact", "Privacy policy") and
    drops whole stretches; many whole-page scrapes have none of its words, and an
    article-container scrape's own lists must stay. What tells a header block from an article's
    list is its place and its length: above the main run of text (the maximum-sum region of
    detectors.main_region over the lines' running-text values) and `min_lines` lines or more
    in a row, none of them a sentence. A list that a line of running text or a line ending in
    ':' introduces is the article's (find_head_runs)."""
    start = _live_texts(rule, st)
    if start is None:
        return
    p, live, min_lines, texts = start
    values = [line_value(t, p["text_min_words"], p["short_penalty"]) for t in texts]
    first, last, total = main_region(values)
    below = p["below"] > 0
    lo, hi = (last + 1, len(live)) if below else (0, first)
    if total < p["min_region_words"] or hi - lo < min_lines:
        return
    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    colon = [t.rstrip().endswith(":") for t in texts]
    # below the text, the line before a run is often the article's last paragraph (the share
    # bar between them is gone): only a line ending in ':' introduces a list there
    running = [c or (v > 0 and not below) for v, c in zip(values, colon)]
    bridge_words = p["max_bridge_words"]
    bridge_lines = int(p["bridge_lines"])
    try:
        menu = [False] * lo + [line_fits(rule, t, text_words(t), pats, vetoes) for t in texts[lo:hi]]
        bridge = None
        if bridge_words > 0 and bridge_lines > 0:
            bridge = [False] * lo + [
                values[k] <= 0 and not colon[k] and not menu[k] and text_words(texts[k]) <= bridge_words
                and not any(u(texts[k]) for u in vetoes)
                for k in range(lo, hi)]
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
    max_mean = p["max_mean_words"]
    for run in find_head_runs(menu, running, hi, min_lines, bridge, lo, bridge_lines):
        if max_mean > 0 and sum(text_words(texts[k]) for k in run) > max_mean * len(run):
            continue  # an article's list of names, places or links, not a menu of sections
        rest = [live[k] for k in run if not st.protected[live[k]]]
        if rest:
            act(rest)
