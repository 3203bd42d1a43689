"""benchmarks/mine.py: candidate cruft lines outside the gold, grouped, with the rules that catch them
(issue 13 item 3). Runs on a made-up evaldata folder; no real evaldata needed."""

from __future__ import annotations

import json
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import mine  # noqa: E402


@pytest.mark.parametrize(
    ("line", "form"),
    [
        ("Comments (12)", "comments"),
        ("Share | 12 »", "share"),
        ("• Read more »", "read more"),
        ("→ Next article", "next article"),
        ("Likes 1.2K", "likes"),
        ("12 comments", "00 comments"),
        ("Page 2 of 3", "page 0 of 0"),
        ("© 2009 Foo Inc.", "0000 foo inc"),
        ("Photo: Reuters", "photo: reuters"),
    ],
)
def test_normalised_form(line, form):
    assert mine.norm_line(line) == form


def test_outside_the_gold_is_by_ngrams_not_single_words():
    gold = mine.gold_grams("Go back to the top of the hill and read more of the story.")
    assert mine.gold_share("Back to top".split(), gold) == 0  # "to" is gold, the trigram is not
    assert mine.gold_share("read more".split(), gold) == 1
    assert mine.gold_share("top of the hill".split(), gold) == 1


PROSE = [
    "The council voted on Tuesday to approve the new budget for the coming year, officials said.",
    "Mayor Jane Smith said the plan would fund three new schools and repair the old bridge.",
    "Residents who spoke at the meeting asked for more buses on the northern routes.",
]


def _corpus(tmp_path):
    ds = tmp_path / "news"
    for sub in ("naive_b", "gold"):
        (ds / sub).mkdir(parents=True)
    pages = {
        "p1": ("https://www.one.example/a", ["Share on Facebook", "Quiz of the week (3)"]),
        "p2": ("https://two.example/b", ["Share on Facebook", "› Quiz of the week", "Only here once"]),
        "p3": ("https://news.two.example/c", ["Quiz of the week"]),
    }
    rows = []
    for doc_id, (url, cruft) in pages.items():
        rows.append({"id": doc_id, "url": url, "host": None})
        (ds / "gold" / f"{doc_id}.txt").write_text("\n".join(PROSE) + "\n", encoding="utf-8")
        lines = [PROSE[0], *cruft, PROSE[1], PROSE[2]]
        (ds / "naive_b" / f"{doc_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (ds / "docs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp_path


def _run(tmp_path, *extra):
    out = tmp_path / "rows.json"
    argv = ["--data", str(tmp_path), "--half", "all", "--inputs", "naive_b", "--jobs", "1", "--json", str(out)]
    assert mine.main(argv + list(extra)) == 0
    return {r["form"]: r for r in json.loads(out.read_text(encoding="utf-8"))["rows"]}


def test_groups_lines_outside_the_gold_seen_on_two_sites(tmp_path):
    rows = _run(_corpus(tmp_path))
    # gold lines are never listed; "Only here once" is on one site only
    assert set(rows) == {"quiz of the week", "share on facebook"}
    story = rows["quiz of the week"]
    assert (story["sites"], story["pages"], story["occurrences"]) == (2, 3, 3)  # news.two.example is two.example
    assert story["removed"] == 0 and story["rules"] == {}
    share = rows["share on facebook"]
    assert (share["sites"], share["pages"], share["removed"]) == (2, 2, 2)
    assert share["rules"] == {"SH001": 2}
    assert sorted(e["site"] for e in share["examples"]) == ["one.example", "two.example"]


def test_uncaught_only_and_min_sites(tmp_path):
    root = _corpus(tmp_path)
    assert set(_run(root, "--uncaught-only")) == {"quiz of the week"}
    assert "only here once" in _run(root, "--min-sites", "1")


def test_long_lines_group_by_their_first_and_last_words(tmp_path):
    root = _corpus(tmp_path)
    for doc_id, name in (("p1", "Anna Berg"), ("p2", "Ola Nordmann")):
        path = root / "news" / "naive_b" / f"{doc_id}.txt"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + f"Jane Smith is a staff writer covering city hall, schools and transit. Follow {name} (REUTERS)\n",
                        encoding="utf-8")
    rows = _run(root, "--long", "--long-key", "first")
    assert rows["jane smith is …"]["sites"] == 2
    both = _run(root, "--long")
    assert not any(k.startswith("jane smith is") for k in both)  # the last words differ per site
