"""cleaner.docscan: line-start patterns searched from newline to newline give finditer's matches."""

from __future__ import annotations

import random

import regex

from cleaner import load_rules
from cleaner.docscan import line_start_form, line_start_matches

PATTERNS = [
    r"(?m)^[ \t]*(?:By|Von)[ \t]*:?[ \t]*\n[ \t]*(?P<drop>\p{Lu}\p{L}+(?:[ ]+\p{Lu}\p{L}+){1,2})[ \t]*$",
    r"(?m)^(?P<drop>\p{Lu}\p{Ll}+)[ \t]*\n\d+",
    r"(?m)^x*",  # empty matches at every line start
    r"(?m)^a*\n?",  # matches that end after a newline, so the next may start right there
    r"(?m)^(?:ab|a)(?=b)",
    r"(?m)^\b\w+$",
    r"(?m)^[^\n]*[|][^\n]*$",  # a "|" inside a class is no alternation
    r"(?m)^(?:a|b)c(?:d|)",
]
REJECTED = [
    r"(?m)^a|b",  # top-level alternation: ^ binds to the first branch only
    r"(?m)^(?<=x)a",
    r"(?m)^\Aa",
    r"^a",  # no inline (?m)
    r"(?s)\A(?P<drop>.*\S)",
]


def _orig(m: regex.Match[str]) -> tuple:
    """A shifted match's spans in the original text's offsets (group 0, then every group)."""
    spans = [(m.start(), m.end() - 1)]
    for g in range(1, len(m.groups()) + 1):
        s, e = m.span(g)
        spans.append((s - 1, e - 1) if s >= 0 else (-1, -1))
    return tuple(spans)


def _texts(seed: int) -> list[str]:
    rnd = random.Random(seed)
    atoms = ["By", "Von", "Anna Berg", "a", "aa", "ab", "b", "c", "cd", "x", "12", " ", "\t", "|", ":",
             "Karl Muster", "Word", "\n", "\n", "\n", "\n\n"]
    out = ["", "\n", "a", "\n\n", "By\nAnna Berg", "a\n", "\na"]
    for _ in range(400):
        out.append("".join(rnd.choice(atoms) for _ in range(rnd.randint(1, 30))))
    return out


def test_line_start_matches_equal_finditer() -> None:
    for source in PATTERNS:
        p = regex.compile(source)
        form = line_start_form(p)
        assert form is not None, source
        for text in _texts(len(source)):
            want = [tuple([m.span()] + [m.span(g) for g in range(1, len(m.groups()) + 1)]) for m in p.finditer(text)]
            got = [_orig(m) for m in line_start_matches(form, "\n" + text)]
            assert got == want, (source, text)


def test_patterns_it_cannot_prove_are_left_as_they_are() -> None:
    for source in REJECTED:
        assert line_start_form(regex.compile(source)) is None, source
    assert line_start_form(regex.compile(r"(?m)^a #c", regex.VERBOSE)) is None


def test_builtin_document_rules_that_take_the_form() -> None:
    """The rewrite applies to the byline document rules (the point of it) and not to the head rules."""
    forms = {r.id: line_start_form(r.patterns[0]._get()) is not None
             for r in load_rules().rules if r.scope == "document"}
    assert forms.get("BY002") and forms.get("BY004")
    assert not forms.get("HD001") and not forms.get("HD002")
