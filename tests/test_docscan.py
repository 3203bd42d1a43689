"""cleaner.docscan: line-start patterns searched from newline to newline give finditer's matches."""

from __future__ import annotations

import random

import regex

from cleaner import load_rules
from cleaner.docscan import line_local, line_start_form, line_start_matches, search_lines

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


def _builtin_patterns() -> list[regex.Pattern[str]]:
    out = []
    for r in load_rules().rules:
        for p in (*r.patterns, *r.requires, *r.unless):
            out.append(p._get() if hasattr(p, "_get") else p)
    return out


def test_line_local_patterns_match_a_text_iff_one_of_its_lines() -> None:
    """Every built-in pattern the check calls line-local: a match in the joined text exactly
    when a match in a line (the per-line answers of search_lines stand for the whole text)."""
    rnd = random.Random(7)
    words = ["By", "Von", "von", "Par", "Anna", "Berg", "2024", "1999", "ago", "vor", "x", "12", ":", "-",
             "Home", "Share", "the", "und", "Foto", "(dpa)", "©", "Advertisement", "Read more", "20", "24"]
    local = [p for p in _builtin_patterns() if line_local(p)]
    assert any("(?:19|20)" in p.pattern for p in local)  # HD002 requires
    for p in local:
        for _ in range(60):
            lines = [" ".join(rnd.choice(words) for _ in range(rnd.randint(0, 6))) for _ in range(rnd.randint(1, 5))]
            joined = "\n".join(lines)
            assert (p.search(joined) is not None) == any(p.search(ln) is not None for ln in lines), (p.pattern, lines)
            assert search_lines(p, lines) == (p.search(joined) is not None)


def test_line_local_refuses_what_can_span_lines() -> None:
    for source, flags in [(r"a\sb", 0), (r"a[^x]b", 0), (r"(?s)a.b", 0), (r"^a", 0), (r"a$", 0), (r"\Aa", 0),
                          (r"a\Z", 0), (r"a\Db", 0), (r"a\P{L}b", 0), (r"a.b", regex.DOTALL), (r"(?-m:^)a", regex.M)]:
        assert not line_local(regex.compile(source, flags)), source
    for source, flags in [(r"(?<!\d)20\d{2}(?!\d)", 0), (r"\bago\b", 0), (r"(?m:^)By[ \t]+\p{Lu}", 0),
                          (r"(?m)^x$", 0)]:
        assert line_local(regex.compile(source, flags)), source
