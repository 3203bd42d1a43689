"""detector = "markup_spans": cut the raw HTML out of a line that holds a page's source, keep the prose.

Some scrapes are a page's HTML source on one line, with the article inside it (a scraper that
took the page's bytes, not its text). A line rule cannot drop such a line: the article would go
with it. What a browser would not show is cut span by span instead: the tags, comments and
doctypes, the contents of elements that are never shown (script, style, head, title, ...), and
the head of a scrape that starts inside such an element (everything before a `</head>` that no
`<head>` opened). The text between the tags stays, as a browser shows it.

The rule's `patterns` say what a span is (markup by structure: a tag of a real HTML element, a
comment, a hidden element from its start tag to its end tag); the detector only decides on which
lines to cut them and how: a line is page source when the patterns find at least `min_spans`
spans in it, so a tutorial that quotes one `<div>` or a sentence with `a < b` is never touched.
A span with a blank before it takes the blanks after it along, so the words around it stay one
space apart ("word <b> word" -> "word word") and words that only a tag parts keep the blank
between the tags ("Top</a> <b>Next" -> "Top Next"); overlapping or touching spans are merged and
cut right to left through the engine's `cut`, so each one lands in the audit with the rule's id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .matcher import pattern_spans
from .segment import line_words, merge_spans, without_spans

if TYPE_CHECKING:
    from .docstate import _State
    from .ruleset import Rule

Act = Callable[..., None]
_WS = " \t\u00a0"


def spans(rule: "Rule", text: str) -> list[tuple[int, int]]:
    """The merged spans of markup to cut from `text`, left to right; empty when the line is not
    page source (fewer than `min_spans` matches of the rule's patterns)."""
    need = int(dict(rule.params)["min_spans"])
    if text.count("<") < need:
        return []
    found = pattern_spans(rule, text)
    if len(found) < need:
        return []
    grown: list[tuple[int, int]] = []
    for a, b in found:
        if a > 0 and text[a - 1] in _WS:  # "word <b> word" -> "word word", never a doubled blank
            while b < len(text) and text[b] in _WS:
                b += 1
        grown.append((a, b))
    # "Top</a> <b>Next" keeps its one blank: "</a>" has none before it, so it takes none after
    return merge_spans(grown)


def _prose_left(text: str, cuts: list[tuple[int, int]], min_words: int) -> bool:
    """Whether `text` without the `cuts` still has `min_words` words (\\w+ runs, as HT001's veto
    counts them): the line carries prose, not only markup and a label or two. A line of CJK
    text (few spaces) falls short and is left to HT001 as it was before this rule."""
    return line_words(without_spans(text, cuts)) >= min_words


def markup_spans(rule: "Rule", st: "_State", act: Act) -> None:
    """Cut the markup spans (see the module docstring) from every live line of page source
    that keeps at least `min_text_words` words of text: a line of markup and a label or two is
    left whole to the line rules (HT001 drops it, markup and label together)."""
    min_words = int(dict(rule.params)["min_text_words"])
    alive, protected, text = st.alive, st.protected, st.text
    allowed = st.rule_lines(rule)  # the lines with a keyword ("<"), when the prefilter is on
    for i in range(len(text)) if allowed is None else allowed:
        if not alive[i] or protected[i]:
            continue
        cuts = spans(rule, text[i])
        if not cuts or not _prose_left(text[i], cuts, min_words):
            continue
        for a, b in reversed(cuts):
            if alive[i]:
                st.cut(rule, i, a, b)
