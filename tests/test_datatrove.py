"""CleanerStep in a real datatrove pipeline: JsonlReader -> CleanerStep -> JsonlWriter, run by
datatrove's LocalPipelineExecutor on a small JSONL in temporary folders."""

from __future__ import annotations

import gzip
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import cleaner.integrations.datatrove as dt  # noqa: E402
from cleaner import Options, clean, load_rules  # noqa: E402
from cleaner.integrations.datatrove import CleanerStep  # noqa: E402
from cleaner.ruleset import RuleError  # noqa: E402

from .conftest import GOOD_RULE, write_pack  # noqa: E402

DOCS = [
    {"id": "a1", "text": "By Jane Smith\n\nThe council approved the budget on Monday after a long debate.\n\nShare this article\n"},
    {"id": "a2", "text": "Schools and roads get most of the money, the mayor said.\n\nSign up for our newsletter\n\nPROMO: buy now\n"},
    {"id": "a3", "text": "A plain paragraph with nothing to remove in it at all.\n"},
    {"id": "a4", "text": "Share this article\n"},
]


def run_pipeline(tmp_path: Path, step: CleanerStep, tasks: int = 1) -> tuple[list[dict], dict]:
    src, out, logs = tmp_path / "in", tmp_path / "out", tmp_path / "logs"
    src.mkdir(exist_ok=True)
    for t in range(tasks):  # one input file per task
        part = DOCS[t::tasks]
        (src / f"part{t}.jsonl").write_text("".join(json.dumps(d) + "\n" for d in part))
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), step, JsonlWriter(str(out))],
        tasks=tasks, workers=1, logging_dir=str(logs),
    ).run()
    rows = []
    for f in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    stats = json.loads((logs / "stats.json").read_text())
    step_stats = next(s["stats"] for s in stats if "cleaner" in s["name"])
    return sorted(rows, key=lambda r: r["id"]), step_stats


def test_cleaner_step_cleans_text_and_keeps_what_it_removed(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "house", GOOD_RULE)
    rows, stats = run_pipeline(tmp_path, CleanerStep(rules=[pack.parent], ignore=["DU"]))
    opts = Options(load_rules([pack.parent], ignore=["DU"]))
    assert [r["id"] for r in rows] == ["a1", "a2", "a3", "a4"]
    for row, given in zip(rows, DOCS):
        expected = clean(given["text"], opts, source=given["id"])
        assert row.get("text", "") == expected.text  # the library's clean text (datatrove's writer omits an empty one)
        assert row["metadata"]["cleaner"] == json.loads(json.dumps(expected.to_json()))
    a1, a2 = rows[0]["metadata"]["cleaner"], rows[1]["metadata"]["cleaner"]
    assert rows[0]["text"] == "The council approved the budget on Monday after a long debate.\n"
    assert a1["authors"] == ["Jane Smith"]
    assert [r["rule"] for r in a1["removed"]] == ["CR002", "SH001"]
    assert [r["rule"] for r in a2["removed"]] == ["NL001", "ZZ001"]  # the --rules pack's rule ran
    assert "removed" in rows[2]["metadata"]["cleaner"] and rows[2]["metadata"]["cleaner"]["removed"] == []
    assert stats["total"] == 4 and stats["forwarded"] == 4
    assert stats["removed_SH001"] == 2 and stats["removed_ZZ001"] == 1 and stats["removed_NL001"] == 1
    assert stats["removed_spans"]["total"] == 5
    assert stats["words_removed"]["total"] == sum(
        r["metadata"]["cleaner"]["words_in"] - r["metadata"]["cleaner"]["words_out"] for r in rows
    )


def test_select_and_drop_empty(tmp_path: Path) -> None:
    rows, stats = run_pipeline(tmp_path, CleanerStep(select=["SH"], drop_empty=True))
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]  # a4 was only a share prompt: dropped
    assert "Sign up for our newsletter" in rows[1]["text"]  # NL not selected
    assert {r["rule"] for row in rows for r in row["metadata"]["cleaner"]["removed"]} == {"SH001"}
    assert stats["dropped"] == 1 and stats["forwarded"] == 3


def test_options_are_built_once_not_per_document_and_not_pickled(tmp_path: Path, monkeypatch) -> None:
    calls = []
    real = dt.load_rules

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(dt, "load_rules", counting)
    monkeypatch.setattr(dt, "_options_cache", {})
    step = CleanerStep(ignore=["BP"])
    assert len(calls) == 1  # at definition: a broken pack fails here
    shipped = pickle.dumps(step)  # what an executor sends to its workers
    assert len(shipped) < 5000 and b"_prefilter" not in shipped
    rows, _ = run_pipeline(tmp_path, pickle.loads(shipped), tasks=2)
    assert len(rows) == 4 and len(calls) == 1  # two tasks, four documents: the same Options


def test_a_broken_rule_choice_fails_when_the_step_is_built(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="NOPE"):
        CleanerStep(select=["NOPE"])
    with pytest.raises(RuleError, match="not found"):
        CleanerStep(rules=[tmp_path / "missing"])


def test_importing_cleaner_imports_neither_dask_nor_datatrove() -> None:
    code = ("import sys, cleaner, cleaner.cli, cleaner.batch; "
            "print(sorted(m for m in ('dask', 'distributed', 'datatrove') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


PAGE = (
    "<html><head><title>Budget passes</title></head><body><nav>Home | World | Sport</nav>"
    "<article><h1>Budget passes</h1><p>The council approved the budget on Monday after a long debate "
    "that ran late into the evening, with most members in favour of the plan.</p>"
    "<p>Schools and roads get most of the money, the mayor said, and the rest goes to parks and "
    "libraries across the city over the next three years.</p><p>Share this article</p></article>"
    "<footer>Privacy policy | Contact us</footer></body></html>"
)


def test_html_documents_go_through_trafilatura_then_the_rules(tmp_path: Path) -> None:
    from cleaner.pipeline import clean_html

    src, out, logs = tmp_path / "in", tmp_path / "out", tmp_path / "logs"
    src.mkdir()
    docs = [{"id": "p1", "text": PAGE, "metadata": {"url": "https://example.org/budget"}},
            {"id": "p2", "text": "<html><body><script>var x = 1;</script></body></html>"}]
    (src / "part.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), CleanerStep(html=True), JsonlWriter(str(out))],
        tasks=1, workers=1, logging_dir=str(logs),
    ).run()
    with gzip.open(next(out.glob("*.jsonl.gz")), "rt", encoding="utf-8") as fh:
        rows = {r["id"]: r for r in map(json.loads, fh)}
    expected = clean_html(PAGE, Options(load_rules()), source="p1", url="https://example.org/budget")
    assert rows["p1"]["text"] == expected.text
    assert "The council approved the budget" in rows["p1"]["text"]
    assert "Home | World" not in rows["p1"]["text"] and "Share this article" not in rows["p1"]["text"]
    assert rows["p1"]["metadata"]["cleaner"]["title"] == "Budget passes"
    assert rows["p2"].get("text", "") == "" and "error" in rows["p2"]["metadata"]["cleaner"]
    stats = json.loads((logs / "stats.json").read_text())
    step = next(s["stats"] for s in stats if "cleaner" in s["name"])
    assert step["no_content"] == 1 and step["forwarded"] == 2


def test_cleaner_step_guess_titles_is_opt_in() -> None:
    """CleanerStep(guess_titles=True) builds Options.guess_titles (`clean --guess-titles`); off by default."""
    from datatrove.data import Document

    from .conftest import NO_RULE_TITLE

    off, on = CleanerStep(), CleanerStep(guess_titles=True)
    assert off.options.guess_titles is False and on.options.guess_titles is True
    doc = Document(text=NO_RULE_TITLE, id="p1")
    assert off._clean(doc, off.options).metadata["title"] is None
    assert on._clean(doc, on.options).metadata["title"] == "Bridge reopens after two years of council repairs"
