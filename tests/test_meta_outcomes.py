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
