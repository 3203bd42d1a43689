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


@pytest.mark.parametrize(
    "before, after",
    [  # issue 12 item 4: '<' or '>' inside an attribute value, a start tag over several lines
        (
            f'<div class="a <b>">\n<p>{PROSE}</p>\n<p><span title="x > y">{CRUFT}</span></p>\n</div>\n',
            f'<div class="a <b>">\n<p>{PROSE}</p>\n</div>\n',
        ),
        (f'<p>{PROSE}</p>\n<div class="a <b>">{CRUFT}</div>\n', f"<p>{PROSE}</p>\n"),
        (
            f'<div class="r"\n\tdata-vars="{{f:function() {{\n\t\tvar i = url.indexOf(v);\n'
            f'\t\treturn i < 1 ? v : url.substring(i);}}}}">\n<p>{PROSE}</p>\n</div>\n',
            None,  # nothing to remove: the script-like lines are inside the tag
        ),
    ],
)
def test_html_angle_brackets_inside_attributes(tmp_path, before, after):
    assert fixed(tmp_path, "a.html", before) == (before if after is None else after)


def test_markup_tokens_have_exact_spans():
    from cleaner.markup import tokens

    doc = '<!-- c --><div class="a <b>"\n  title="x > y">T &amp; U<br/></div ></>'
    got = [(doc[t.start : t.end], t.kind, t.name) for t in tokens(doc)]
    assert got == [
        ("<!-- c -->", "other", ""),
        ('<div class="a <b>"\n  title="x > y">', "start", "div"),
        ("<br/>", "empty", "br"),
        ("</div ></>", "end", "div"),  # '</>' is skipped by browsers: markup, never prose
    ]


def test_markup_changed():
    from cleaner.markup import changed

    before = "<p>a</p><div>b</div>"
    assert not changed(before, "<p>a</p>", set(range(8, len(before))))  # a whole element removed
    assert not changed(before, "<p>a</p><div></div>", {13})  # text only
    assert changed(before, "<p>a</p>b</div>", set(range(8, 13)) - {12})  # a tag cut, not removed
    assert changed(before, "<p>a</p>b</div>", {13})  # a tag lost outside the removed span
