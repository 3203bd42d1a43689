"""The seed articles: golden outputs, the facts the product promises about them, idempotence."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from cleaner import clean
from cleaner.cli import app

from .conftest import ROOT

SAMPLES = sorted((ROOT / "samples" / "input").glob("*.txt"))
REUTERS = ROOT / "samples" / "input" / "001_4d696254c12f2358.txt"
INDEPENDENT = ROOT / "samples" / "input" / "000_a714c52cc7b6af3d.txt"


def test_samples_exist():
    assert len(SAMPLES) == 2


def test_cli_output_matches_goldens(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # metadata records the source path as given on the command line
    res = CliRunner().invoke(app, ["clean", "samples/input", "-o", str(tmp_path), "-q"])
    assert res.exit_code == 0, res.output
    for src in SAMPLES:
        for suffix in (".txt", ".json"):
            want = (ROOT / "samples" / "expected" / (src.stem + suffix)).read_text(encoding="utf-8")
            got = (tmp_path / (src.stem + suffix)).read_text(encoding="utf-8")
            assert got == want, f"{src.stem}{suffix} differs from samples/expected"


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_cleaning_is_idempotent(path, options):
    once = clean(path.read_bytes(), options)
    twice = clean(once.text, options)
    assert twice.text == once.text
    assert twice.removed == []


def test_reuters_metadata(options):
    meta = clean(REUTERS.read_bytes(), options).metadata
    assert meta["title"] == "Putin to meet top aide to Chinese president in Moscow"
    assert meta["published"] == "2015-03-19T01:53"
    assert meta["dateline"] == {"location": "MOSCOW", "agency": "Reuters"}
    assert meta["authors"] == ["Lidia Kelly"]
    assert meta["contributors"] == [{"name": "Ben Blanchard", "place": "BEIJING"}]
    assert meta["editors"] == ["Mark Heinrich", "Robert Birsel"]
    assert meta["photo_credits"] == [{"name": "Maxim Zmeyev", "agency": "Reuters"}]
    assert len(meta["captions"]) == 1 and meta["captions"][0].startswith("Russian President Vladimir Putin walks")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_reuters_text_keeps_article_and_nothing_after_it(options):
    raw = REUTERS.read_text(encoding="utf-8")
    text = clean(raw, options).text
    assert text.rstrip().endswith("$400 billion.")
    first, second = _paragraphs(text)[:2]
    assert first == "Putin to meet top aide to Chinese president in Moscow"  # headline kept, also in metadata
    assert second.startswith("MOSCOW (Reuters) - President Vladimir Putin will meet")  # dateline kept (gold convention)
    start = raw.index("MOSCOW (Reuters)")
    end = raw.index("$400 billion.") + len("$400 billion.")
    assert _paragraphs(raw[start:end]) == _paragraphs(text)[1:]  # every article paragraph, unchanged
    for cruft in ("3 years ago", "REUTERS/Maxim Zmeyev", "Writing by", "0 : 0", "narrow-browser-and-phone"):
        assert cruft not in text


def test_dateline_strip_is_opt_in():
    from cleaner import Options, load_rules

    opts = Options(load_rules(extend_select=["DL004"], ignore=["DL003"]))
    result = clean(REUTERS.read_bytes(), opts)
    assert "MOSCOW (Reuters) -" not in result.text
    assert "President Vladimir Putin will meet" in result.text
    assert result.metadata["dateline"] == {"location": "MOSCOW", "agency": "Reuters"}


def test_independent_text(options):
    raw = INDEPENDENT.read_text(encoding="utf-8")
    result = clean(raw, options)
    paras = _paragraphs(result.text)
    assert "The two see eye to eye on many international diplomatic issues" not in paras
    assert result.text.rstrip().endswith("self-proclaimed independent region in Moldova.")
    assert "Sign up" not in result.text and "Mailchimp" not in result.text
    kept = [p for p in _paragraphs(raw.split("Sign up to our free newsletters")[0])
            if p != "The two see eye to eye on many international diplomatic issues"]
    assert paras == kept


def test_removed_spans_account_for_the_input(options):
    for path in SAMPLES:
        result = clean(path.read_bytes(), options)
        words_removed = sum(len(r.text.split()) for r in result.removed)
        assert len(path.read_text(encoding="utf-8").split()) == len(result.text.split()) + words_removed
