"""benchmarks/lost_snippets.py: which rule lost a trafilatura-eval "with" snippet. Made-up texts only."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import lost_snippets  # noqa: E402


def test_lost_snippet_is_charged_to_the_rule_that_removed_its_line() -> None:
    text = "Home\nAnreise\nThe hall is ten minutes from the station on foot.\nContact"
    out = "The hall is ten minutes from the station on foot."
    removed = [("BP001", "Home"), ("BP001", "Anreise"), ("BP001", "Contact")]
    assert lost_snippets.lost_snippets(text, out, removed, ["Anreise", "ten minutes from"]) == [
        ("Anreise", ["BP001"])
    ]


def test_snippet_inside_a_longer_removal_and_an_unexplained_loss() -> None:
    text = "Intro line here\nServes 4 people, 30 min\nEnd"
    out = "End"
    removed = [("XX001", "Intro line here\nServes 4 people, 30 min")]
    got = lost_snippets.lost_snippets(text, out, removed, ["30 min", "Not in the page", "here Serves"])
    # "here Serves" spans two lines of one removal: whitespace-normalised, it is inside it
    assert got == [("30 min", ["XX001"]), ("here Serves", ["XX001"])]
    assert lost_snippets.lost_snippets("a b c", "", [], ["b"]) == [("b", ["?"])]


def test_leaked_snippets_are_the_without_snippets_left_in_the_output() -> None:
    out = lost_snippets.norm_ws("Rates rose again.\nNever miss a story:  sign up\nShare")
    got = lost_snippets.leaked_snippets(out, ["Never miss a story: sign up", "Related: Rates fell", "", "Share"])
    # white space normalised as quality.py matches snippets; empty and absent snippets are not leaks
    assert got == ["Never miss a story: sign up", "Share"]


def test_leaked_listing_prints_no_check_half_text(tmp_path, capsys) -> None:
    import json

    import halves

    root = tmp_path / "evaldata"
    base = root / lost_snippets.SNIPPETS
    (base / "naive_b").mkdir(parents=True)
    rows = []
    for i, host in enumerate(f"example-{c}.test" for c in "abcdefghijklmnop"):
        doc_id = f"{host}.page{i}"
        (base / "naive_b" / f"{doc_id}.txt").write_text(
            "The council met on Monday and agreed the budget.\nKEEPME LEAKED LINE\n", encoding="utf-8")
        rows.append({"id": doc_id, "url": f"https://{host}/page", "with": ["agreed the budget"],
                     "without": ["KEEPME LEAKED LINE"]})
    (base / "snippets.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    for half in ("write", "check"):
        ids = halves.select(root, lost_snippets.SNIPPETS, sorted(r["id"] for r in rows), half)
        assert ids  # 16 sites: both halves hold some
        lost_snippets.main(["--data", str(root), "--half", half, "--inputs", "naive_b", "--leaked"])
        out = capsys.readouterr().out
        assert f"without leaked {len(ids)}/{len(ids)}" in out
        assert ("KEEPME LEAKED LINE" in out) == (half == "write" and bool(ids))


def test_snippet_shape_counts_form_without_text() -> None:
    lines = ["Top story of the day", "The hall is ten minutes from the station on foot.", "Tags:", "More from us today"]
    # a whole line of 4-10 words near the top; part of a longer line; a colon line at the end
    assert lost_snippets.snippet_shape("Top story of the day", lines) == ("4-10", "-", "-", "line", "top")
    assert lost_snippets.snippet_shape("ten minutes", lines)[3] == "part-of-<=10"
    assert lost_snippets.snippet_shape("More from us", lines)[4] == "end"
    assert lost_snippets.snippet_shape("gone", lines)[3:] == ("span", "?")
    assert lost_snippets.line_form("Tags", lines) == "colon"
    assert lost_snippets.line_form("ten minutes", lines) == "sentence"
    assert lost_snippets.line_form("Top story", lines) == "other"


def test_snippet_place_against_the_kept_with_snippets() -> None:
    out = "Menu A. The body one. The body two. Footer B."
    assert lost_snippets.snippet_place("Menu A", out, ["body one", "body two"]) == "before"
    assert lost_snippets.snippet_place("Footer B", out, ["body one", "body two"]) == "after"
    assert lost_snippets.snippet_place("The body two", out, ["body one", "Footer"]) == "inside"
    assert lost_snippets.snippet_place("Menu A", out, ["not kept"]) == "no-with"
