"""Detectors for the parts of a news page that no phrase names but whose neighbours do.

``box_between``: the content of a box (an info box, a gallery, an embedded post, an ad)
between the line that opens it and the screen-reader mark that closes it ("Weitere
Informationen" / … / "Ende der weiteren Informationen"; "Skip X post" / … / "End of X post").

``caption_after_credit``: a picture's caption right after a credit that stands alone on its
line between two parts of the article ("… last year." / "EPA" / "Former PM … with the OBR"):
a credit belongs to the picture it sits next to, and when the line before it is running text
the picture, and so its caption, is the line after it.

``caption_echo``: a caption printed a second time without its credit, next to the copy a
caption rule removed ("Office buildings … zone. Jane Roe for X" / "Office buildings … zone.").

All three only look at lines the other rules removed (named in ``between_rules``) and at the shape
of the line they remove; nothing in them names a site. They take the word counter and the
running-text test from cleaner/detectors.py as arguments (as cleaner/runs.py does), so this
module does not import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import regex

from .matcher import RuleTimeout, line_fits, searches, unless_searches

if TYPE_CHECKING:
    from .docstate import _State
    from .ruleset import Rule

Act = Callable[..., None]
LineValue = Callable[[str, float, float], float]
TextWords = Callable[[str], int]
# a line that ends a sentence (the caption test: a caption here has no final stop)
_ENDS_SENTENCE = regex.compile(r"[.!?…。！？][\"'”’»)\]]*[\s\p{Cf}]*$")  # \p{Cf}: invisible marks after the stop


def removed_by(st: "_State", names: set[str]) -> set[int]:
    """Origins of the lines the rules in `names` removed."""
    out: set[int] = set()
    for rem in st.removed:
        if rem.rule in names:
            out.update(range(rem.line_start, rem.line_end + 1))
    return out


def box_between(rule: "Rule", st: "_State", act: Act, text_words: TextWords) -> None:
    """detector = "box_between": drop a run of at most `max_lines` live lines that stands
    right between a line that opens a box and a line that closes it, both removed.

    The first `end_rules` rules of `between_rules` name the closing marks ("Ende der weiteren
    Informationen", "End of gallery", "Fin du contenu intégré"); the others the lines that
    open a box (a box or embed label, "Skip gallery", an ad label, a consent prompt). The
    opening line must not itself be a closing mark: between the end of one box and the end of
    the next stands the article. Candidate lines are those the rule's patterns match, within
    its word bounds."""
    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    params = dict(rule.params)
    max_lines, n_end = int(params["max_lines"]), int(params["end_rules"])
    ends = removed_by(st, set(rule.between_rules[:n_end]))
    if not ends:
        return
    starts = removed_by(st, set(rule.between_rules[n_end:])) - ends
    if not starts:
        return
    alive, text, origin = st.alive, st.text, st.origin
    lines = [i for i in range(len(text)) if text[i].strip()]

    def candidate(i: int) -> bool:
        return alive[i] and not st.protected[i] and line_fits(rule, text[i], text_words(text[i]), pats, vetoes)

    try:
        for end, i in enumerate(lines):
            if alive[i] or origin[i] not in ends:
                continue
            k = end
            while k - 1 >= 0 and end - k <= max_lines and candidate(lines[k - 1]):
                k -= 1
            if k == end or end - k > max_lines or k == 0:
                continue
            s = lines[k - 1]
            if not alive[s] and origin[s] in starts:
                act([lines[j] for j in range(k, end)])
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


def caption_after_credit(rule: "Rule", st: "_State", act: Act, text_words: TextWords,
                         line_value: LineValue) -> None:
    """detector = "caption_after_credit": drop the line right after a credit alone on its line
    (removed by one of `between_rules`, at most `credit_max_words` words) when the line before
    the credit is running text (`text_min_words` words ending a sentence): the credit then
    heads a picture, and the short line after it without a final stop is that picture's
    caption (measured: allowing a stop too removed paragraphs under captionless pictures). A credit under a caption (the line before it is the caption, not running text)
    says nothing of the line after it. Only after the article's first line of running text."""
    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    params = dict(rule.params)
    text_min, credit_max = params["text_min_words"], int(params["credit_max_words"])
    credits = removed_by(st, set(rule.between_rules))
    if not credits:
        return
    alive, text, origin = st.alive, st.text, st.origin
    lines = [i for i in range(len(text)) if text[i].strip()]
    try:
        for k in range(1, len(lines) - 1):
            c = lines[k]
            if alive[c] or origin[c] not in credits or text_words(text[c]) > credit_max:
                continue
            p, n = lines[k - 1], lines[k + 1]
            if not alive[p] or line_value(text[p], text_min, 0.0) <= 0:
                continue
            if not alive[n] or st.protected[n] or _ENDS_SENTENCE.search(text[n]):
                continue
            if line_fits(rule, text[n], text_words(text[n]), pats, vetoes):
                act([n])
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


def _echo_form(text: str) -> str:
    """A line as caption_echo compares it: white space collapsed, no final stop or blanks."""
    return " ".join(text.split()).rstrip(" .…。")


def caption_echo(rule: "Rule", st: "_State", act: Act, text_words: TextWords) -> None:
    """detector = "caption_echo": drop a live line within `max_gap` lines of a one-line caption
    that one of `between_rules` removed, when that caption starts with the line's words and
    goes on past them (its credit): the same caption printed again without its credit (a
    figure's caption and its gallery copy). The credit made the removed line a caption; the
    live line is the same words, so it is the same caption."""
    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    max_gap = int(dict(rule.params)["max_gap"])
    names = set(rule.between_rules)
    gone = {rem.line_start: _echo_form(rem.text) for rem in st.removed
            if rem.rule in names and rem.line_start == rem.line_end}
    if not gone:
        return
    alive, text, origin = st.alive, st.text, st.origin
    lines = [i for i in range(len(text)) if text[i].strip()]
    # only lines within max_gap of a line of a removed caption can echo one: look at those alone
    # (every line whose origin is a removed caption's, live or not, so the set is a superset)
    at = [k for k, j in enumerate(lines) if origin[j] in gone]
    near = sorted({m for k in at for m in range(max(0, k - max_gap), min(len(lines), k + max_gap + 1))})
    try:
        for k in near:
            i = lines[k]
            if not alive[i] or st.protected[i]:
                continue
            s = _echo_form(text[i])
            if not s or not line_fits(rule, text[i], text_words(text[i]), pats, vetoes):
                continue
            for j in lines[max(0, k - max_gap):k + max_gap + 1]:
                g = gone.get(origin[j]) if not alive[j] else None
                if g and len(g) > len(s) and g.startswith(s) and not g[len(s)].isalnum():
                    act([i])
                    break
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


def lone_line(rule: "Rule", st: "_State", act: Act, text_words: TextWords, line_value: LineValue) -> None:
    """detector = "lone_line": drop a run of at most `max_lines` lines with no final stop,
    each of at least the rule's `min_words`, that stands right between two live lines of
    running text (`text_min_words` words ending a sentence): a picture's caption or a link to
    another story set between two paragraphs ("Ramming it home: the striker scores the
    second goal", "Seit Monaten umkämpft: die ostukrainische Stadt Bachmut"). A subheading
    stands there too, but it is short: the rule's `min_words` is set above a heading's usual
    length, and a question or a lead-in (":" at the end) is a heading, never a caption."""
    pats = searches(rule, st.one_line)
    vetoes = unless_searches(rule, st.one_line)
    params = dict(rule.params)
    text_min, max_lines = params["text_min_words"], int(params["max_lines"])
    alive, text = st.alive, st.text
    lines = [i for i in range(len(text)) if text[i].strip()]

    def candidate(i: int) -> bool:
        if not alive[i] or st.protected[i] or _ENDS_SENTENCE.search(text[i]):
            return False
        return line_fits(rule, text[i], text_words(text[i]), pats, vetoes)

    def running(i: int) -> bool:
        return alive[i] and line_value(text[i], text_min, 0.0) > 0

    try:
        k = 1
        while k < len(lines) - 1:
            if not candidate(lines[k]) or not running(lines[k - 1]):
                k += 1
                continue
            end = k
            while end < len(lines) - 1 and end - k < max_lines and candidate(lines[end]):
                end += 1
            if end < len(lines) and end - k <= max_lines and running(lines[end]):
                act([lines[j] for j in range(k, end)])
            k = end + 1
    except TimeoutError:
        raise RuleTimeout(rule.id) from None
