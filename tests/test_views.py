"""How a cleaning maps back onto a file: blank lines, syntax groups, protected lines, fallbacks."""

from __future__ import annotations

import pytest

from cleaner.lint import Linter
from cleaner.views import build, kind_of

CRUFT = "Share this article"
PROSE = "The council approved the budget on Monday after a long debate about schools."


def fixed(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return Linter({}, []).lint(path).fixed


@pytest.mark.parametrize(
    "before, after",
    [
        (f"{PROSE}\n\n{CRUFT}\n\nB.\n", f"{PROSE}\n\nB.\n"),  # one blank line of the two goes
        (f"{CRUFT}\n\n{PROSE}\n", f"{PROSE}\n"),  # none left at the top
        (f"{PROSE}\n\n{CRUFT}\n", f"{PROSE}\n"),  # nor at the end
        (f"{PROSE}\n\n\n\nB.\n{CRUFT}\n", f"{PROSE}\n\n\n\nB.\n"),  # blank lines it did not touch stay
        (f"{PROSE}\n{CRUFT}", f"{PROSE}\n"),  # a last line without newline
        (f"\n\n{PROSE}\n{CRUFT}\n", f"\n\n{PROSE}\n"),  # leading blank lines of the file stay
    ],
)
def test_blank_lines(tmp_path, before, after):
    assert fixed(tmp_path, "a.txt", before) == after


@pytest.mark.parametrize(
    "line",
    [f"**{CRUFT}**", f"> {CRUFT}", f"1. [{CRUFT}](https://x.org/s)", f"- _{CRUFT}_", f"### {CRUFT} ###"],
)
def test_markdown_syntax_goes_with_its_text(tmp_path, line):
    assert fixed(tmp_path, "a.md", f"{PROSE}\n\n{line}\n") == f"{PROSE}\n"


def test_markdown_protected_lines(tmp_path):
    doc = f"---\nnote: {CRUFT}\n---\n\n{PROSE}\n\n~~~\n{CRUFT}\n~~~\n\n<!--\n{CRUFT}\n-->\n"
    assert fixed(tmp_path, "a.md", doc) == doc


def test_html_multi_line_markup_and_pairs(tmp_path):
    doc = f'<div\n  class="x">\n<p>{PROSE}</p>\n<!-- {CRUFT} -->\n<li><a href="/s">{CRUFT}</a>\n<p><b>{CRUFT}</b></p>\n</div>\n'
    assert fixed(tmp_path, "a.html", doc) == f'<div\n  class="x">\n<p>{PROSE}</p>\n<!-- {CRUFT} -->\n<li>\n</div>\n'


def test_nfc_change_falls_back_to_the_clean_line(tmp_path):
    doc = f"Cafe\u0301 <b>x</b> {PROSE}\n"
    assert fixed(tmp_path, "a.txt", doc) == f"Caf\u00e9 x {PROSE}\n"


def test_view_columns_map_back():
    view = build(f'<p><a href="/s">{CRUFT}</a></p>\n', "html")
    line = view.lines[0]
    assert line.text == CRUFT
    assert line.raw[line.col(0) :].startswith(CRUFT)


def test_kinds():
    assert [kind_of(n) for n in ("a.txt", "a.MD", "b.markdown", "c.htm", "README", "x.html.txt")] == [
        "text", "markdown", "markdown", "html", "text", "text",
    ]  # fmt: skip
