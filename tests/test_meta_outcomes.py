"""benchmarks/metadata.py's outcome count: a wrong title or author list is told apart from a null
one (issue 16: a wrong value is worse than null, and the two must be counted apart)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import metadata as bench  # noqa: E402


def _row(title: str | None, authors: list[str]) -> dict:
    gold = {"title": "Dam repairs finish early", "authors": ["Jane Doe", "John Roe"]}
    return {"scores": bench.score_one(gold, {"title": title, "authors": authors})}


def test_outcomes_count_wrong_apart_from_null() -> None:
    rows = [
        _row("Dam repairs finish early", ["Jane Doe", "John Roe"]),  # right, right
        _row("Dam repairs finish early | Site", ["Jane Doe"]),  # wrong title, partial authors
        _row(None, []),  # null, null
        _row(None, ["Jane Doe", "Redaktion"]),  # null title, a wrong name beside a right one
    ]
    o = bench.outcomes(rows)
    assert dict(o["title"]) == {"right": 1, "wrong": 1, "null": 2}
    assert dict(o["authors"]) == {"right": 1, "partial": 1, "null": 1, "wrong": 1}


def test_a_stamp_line_alone_is_removed_and_still_dates_the_article():
    # FN019 removes a date with a clock time alone on its line (forum and news stamps alike); as a
    # comment-pack rule (CM012) its removal made the metadata refuse the article's own stamp
    from cleaner import Options, clean, load_rules

    text = (
        "Stadtrat beschließt neuen Haushalt nach langer Debatte\n"
        "\n"
        "28.04.2023, 19:52\n"
        "\n"
        "Der Stadtrat hat am Freitagabend nach einer mehrstündigen Sitzung den neuen Haushalt für das kommende Jahr beschlossen.\n"
        "\n"
        "Die Opposition kritisierte vor allem die geplanten Kürzungen bei den Schulen und kündigte weiteren Widerstand an.\n"
        "\n"
        "Der Bürgermeister zeigte sich dennoch zufrieden und sprach von einem tragfähigen Kompromiss für alle Beteiligten.\n"
    )
    res = clean(text, Options(load_rules()))
    assert "19:52" not in res.text
    assert (res.metadata.get("published") or "").startswith("2023-04-28")
