"""Batches at scale: --jobs (worker processes), --resume (work-unit markers), --report, and the
inputs a crawl folder throws at a batch (symlink loops, deep trees, unreadable files, a rule that
backtracks catastrophically)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner.batch as batch
from cleaner.cli import app

from .conftest import ROOT, write_pack
from .test_engine import BACKTRACK

CRUFT_DOC = "The council approved the budget on Monday after a long debate.\n\nShare this article\n\n0 : 0\n"
CLEAN_DOC = "The council approved the budget on Monday after a long debate.\n"
CLEANER = str(Path(sys.executable).with_name("cleaner"))


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def tree(folder: Path, *, skip_markers: bool = False) -> dict[str, bytes]:
    """Every file under folder by relative path, with its bytes."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if p.is_file() and not (skip_markers and rel.parts[0] == ".cleaner"):
            out[rel.as_posix()] = p.read_bytes()
    return out


def untimed(output: str) -> str:
    """A run's messages without the summary's time line (elapsed seconds and MB/s vary)."""
    return "".join(ln for ln in output.splitlines(keepends=True) if not ln.startswith("time: "))


def doc(i: int) -> str:
    """Varied small documents: different cruft, so the outputs and metadata differ."""
    cruft = ["Share this article", "0 : 0", "Sign up for our newsletter", "Writing by Ann Lee; Editing by Bo Chan"]
    return f"Story {i}: the council met on day {i} and approved item {i * 7}.\n\n{cruft[i % 4]}\n\nMore on item {i}.\n"


def make_inputs(src: Path, n: int = 23) -> Path:
    for i in range(n):
        sub = src / f"d{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"s{i:03}.txt").write_text(doc(i))
    (src / "d1" / "bad.bin").write_bytes(b"\x00\x01binary\x00" * 20)  # skipped, reported
    (src / "d2" / "s001.md").write_text(CRUFT_DOC)  # same stem as s001.txt in another unit's order
    (src / "d2" / "s002.md").write_text(CRUFT_DOC)
    (src / "feed.jsonl").write_text("".join(json.dumps({"id": f"r{i}", "text": doc(i)}) + "\n" for i in range(5)) + "{oops\n")
    return src


@pytest.fixture
def small_units(monkeypatch):
    monkeypatch.setattr(batch, "UNIT_SIZE", 4)


def test_jobs_2_gives_the_same_outputs_markers_and_messages_as_jobs_1(tmp_path, small_units):
    src = make_inputs(tmp_path / "in")
    one = run("clean", str(src), "-o", str(tmp_path / "one"))
    two = run("clean", str(src), "-o", str(tmp_path / "two"), "--jobs", "2")
    assert one.exit_code == two.exit_code == 1, two.output
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert len(tree(tmp_path / "one")) > 50
    assert untimed(one.output) == untimed(two.output)  # problems in the same order, the same summary
    assert "bad.bin: skipped" in two.output and "feed.jsonl:6: skipped" in two.output


def test_jobs_must_be_a_count(tmp_path):
    res = run("clean", str(tmp_path), "-o", str(tmp_path / "o"), "--jobs", "many")
    assert res.exit_code == 2 and "--jobs must be a whole number" in res.output
    assert run("clean", str(tmp_path), "-o", str(tmp_path / "o"), "--jobs", "0").exit_code == 0  # one per CPU


def test_units_are_the_same_on_every_run(tmp_path):
    src = make_inputs(tmp_path / "in", 200)
    from cleaner.io import iter_jobs

    settings = batch.Settings(state=tmp_path / "o" / ".cleaner")
    units = [batch.make_units(batch.resolve_stems(iter_jobs([src], tmp_path / "o")), settings) for _ in range(2)]
    assert [u.key for u in units[0]] == [u.key for u in units[1]]
    assert [len(u.jobs) for u in units[0]] == [64, 64, 64, 12]
    assert len({u.key for u in units[0]}) == 4


def _interrupt_at(monkeypatch, name: str, exc: type[BaseException]):
    real = batch.clean_one

    def crash(content, html, options, source, *rest):
        if source.endswith(name):
            raise exc("simulated interruption")
        return real(content, html, options, source, *rest)

    monkeypatch.setattr("cleaner.units.clean_one", crash)  # the runner of units lives in cleaner.units


@pytest.mark.parametrize("jobs, exc", [("1", KeyboardInterrupt), ("2", RuntimeError)])
def test_resume_finishes_an_interrupted_batch_without_redoing_done_units(tmp_path, monkeypatch, small_units, jobs, exc):
    src = make_inputs(tmp_path / "in")
    full = run("clean", str(src), "-o", str(tmp_path / "full"), "--report", str(tmp_path / "full.json"))
    out = tmp_path / "out"
    with monkeypatch.context() as m:
        _interrupt_at(m, "d0/s009.txt", exc)  # units: feed.jsonl s000 s003 s006 | s009 ...
        res = run("clean", str(src), "-o", str(out), "--jobs", jobs)
    assert res.exit_code != 0 and not (out / "d0" / "s009.txt").exists()
    assert not [p for p in out.rglob("*.tmp")]
    first_unit = ["feed.jsonl", "d0/s000.txt", "d0/s000.json", "d0/s006.txt", "d0/s006.json"]
    mtimes = {name: (out / name).stat().st_mtime_ns for name in first_unit}
    assert len(list((out / ".cleaner" / "done").iterdir())) >= 1
    time.sleep(0.01)
    again = run("clean", str(src), "-o", str(out), "--resume", "--jobs", jobs, "--report", str(tmp_path / "again.json"))
    assert again.exit_code == full.exit_code == 1
    assert tree(out) == tree(tmp_path / "full")  # every output, and every marker
    assert {name: (out / name).stat().st_mtime_ns for name in first_unit} == mtimes  # not redone
    assert "inputs already done, skipped by --resume" in again.output
    a, b = (json.loads((tmp_path / f).read_text()) for f in ("full.json", "again.json"))
    assert a["files"]["resumed"] == 0 and b["files"]["resumed"] >= 4
    for key in ("resumed",):
        a["files"].pop(key), b["files"].pop(key)
    a.pop("time"), b.pop("time")
    assert a == b  # the resumed run's summary is the whole batch's


def test_a_resumed_report_keeps_the_problems_in_input_order(tmp_path, small_units):
    src = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    run("clean", str(src), "-o", str(out), "--report", str(tmp_path / "full.json"))
    from cleaner.io import iter_jobs

    units = batch.make_units(batch.resolve_stems(iter_jobs([src], out)), batch.Settings(state=out / ".cleaner"))
    (out / ".cleaner" / "done" / units[0].key).unlink()  # the first unit is redone, the rest resumed
    res = run("clean", str(src), "-o", str(out), "--resume", "--jobs", "2", "--report", str(tmp_path / "again.json"))
    assert "feed.jsonl:6: skipped" in res.output and "bad.bin" not in res.output  # only the redone unit's
    a, b = (json.loads((tmp_path / f).read_text()) for f in ("full.json", "again.json"))
    assert b["files"].pop("resumed") == sum(len(u.jobs) for u in units[1:])
    a["files"].pop("resumed")
    a.pop("time"), b.pop("time")
    assert a == b


def test_a_changed_input_is_redone_on_resume(tmp_path, small_units):
    src = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    run("clean", str(src), "-o", str(out))
    f = src / "d0" / "s000.txt"
    f.write_text(CRUFT_DOC)
    os.utime(f, ns=(1, 1))
    run("clean", str(src), "-o", str(out), "--resume")
    assert (out / "d0" / "s000.txt").read_text() == CLEAN_DOC


def test_report_file_is_the_summary_as_json(tmp_path):
    src = make_inputs(tmp_path / "in", 4)
    res = run("clean", str(src), "-o", str(tmp_path / "out"), "--report", str(tmp_path / "r.json"), "-q")
    assert res.exit_code == 1 and "cleaned" not in res.output  # -q: no summary on stderr; the report is written
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["files"] == {"done": 11, "skipped": 2, "failed": 0, "resumed": 0}
    assert report["words"]["removed"] == report["words"]["in"] - report["words"]["out"] > 0
    assert report["top_rules"][0]["words"] >= report["top_rules"][-1]["words"]
    assert {"rule", "name", "words", "share", "spans"} == set(report["top_rules"][0])
    assert any("bad.bin: skipped: binary file" in p for p in report["problems"])
    assert report["ok"] is False
    res = run("clean", str(src), "-o", str(tmp_path / "out2"), "--report", str(tmp_path / "r2.json"))
    assert "11 cleaned, 2 skipped, 0 failed" in res.output  # the stderr summary is kept


def test_ctrl_c_stops_the_workers_leaves_no_partial_file_and_resume_completes(tmp_path):
    """Real processes: SIGINT to a --jobs 2 run, then --resume."""
    src = tmp_path / "in"
    src.mkdir()
    body = "".join(doc(i) for i in range(15))
    for i in range(800):
        (src / f"s{i:04}.txt").write_text(f"Doc {i}.\n\n" + body)
    out = tmp_path / "out"
    # A process started with SIGINT ignored keeps it ignored (a background job of a
    # non-interactive shell: `bash -c 'pytest ...' &`): give the child the default disposition,
    # or the run ignores the signal, finishes all 800 files and exits 0.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen([CLEANER, "clean", str(src), "-o", str(out), "--jobs", "2"], stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.txt"))) < 40:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    done = len(list(out.glob("*.txt")))
    assert 40 <= done < 800
    assert not [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]  # no partial file
    for p in out.glob("*.txt"):
        assert p.with_suffix(".json").exists()
    subprocess.run([CLEANER, "clean", str(src), "-o", str(out), "--jobs", "2", "--resume", "-q"], check=True)
    subprocess.run([CLEANER, "clean", str(src), "-o", str(tmp_path / "full"), "-q"], check=True)
    assert tree(out) == tree(tmp_path / "full")


# Robustness: what a crawl folder throws at a batch.


def test_symlink_loop_in_the_input_tree(tmp_path):
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "story.txt").write_text(CRUFT_DOC)
    (src / "a" / "b" / "loop").symlink_to(src / "a")  # a -> b -> loop -> a ...
    (src / "self").symlink_to(src)
    (src / "dangling.txt").symlink_to(src / "missing.txt")
    res = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.exit_code == 1, res.output
    assert "dangling.txt: failed" in res.output
    assert tree(tmp_path / "out", skip_markers=True) == {
        "a/b/story.txt": CLEAN_DOC.encode(),
        "a/b/story.json": (tmp_path / "out" / "a" / "b" / "story.json").read_bytes(),
    }
    assert "1 cleaned, 0 skipped, 1 failed" in res.output


def test_deep_tree(tmp_path):
    src = tmp_path / "in"
    deep = src.joinpath(*[f"d{i}" for i in range(60)])
    deep.mkdir(parents=True)
    (deep / "story.txt").write_text(CRUFT_DOC)
    (src / "top.txt").write_text(CRUFT_DOC)
    res = run("clean", str(src), "-o", str(tmp_path / "out"), "--jobs", "2")
    assert res.exit_code == 0, res.output
    out_deep = (tmp_path / "out").joinpath(*[f"d{i}" for i in range(60)])
    assert (out_deep / "story.txt").read_text() == CLEAN_DOC
    assert "2 cleaned, 0 skipped, 0 failed" in res.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unreadable_file_and_folder_in_a_batch(tmp_path, jobs):
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    (src / "locked" / "x.txt").write_text(CRUFT_DOC)
    (src / "a.txt").write_text(CRUFT_DOC)
    (src / "b.txt").write_text(CRUFT_DOC)
    (src / "b.txt").chmod(0)
    (src / "locked").chmod(0)
    try:
        res = run("clean", str(src), "-o", str(tmp_path / "out"), "--jobs", jobs)
    finally:
        (src / "locked").chmod(0o755)
    assert res.exit_code == 1
    assert f"{src / 'b.txt'}: failed: Permission denied" in res.output
    assert (tmp_path / "out" / "a.txt").read_text() == CLEAN_DOC
    assert "1 cleaned, 0 skipped, 1 failed" in res.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_catastrophic_user_rule_in_a_batch_is_reported_by_id_and_the_document_kept(tmp_path, jobs):
    """The real regex timeout (2 s), in the worker processes too."""
    write_pack(tmp_path / "pack", BACKTRACK)
    src = tmp_path / "in"
    src.mkdir()
    evil = "Share this article\n" + "a" * 40 + "!\n"
    (src / "evil.txt").write_text(evil)
    (src / "fine.txt").write_text(CRUFT_DOC)
    res = run("clean", str(src), "-o", str(tmp_path / "out"), "--rules", str(tmp_path / "pack"), "--jobs", jobs)
    assert res.exit_code == 1
    assert f"{src / 'evil.txt'}: ZZ009: pattern timed out" in res.output and "document kept unchanged" in res.output
    assert (tmp_path / "out" / "evil.txt").read_text() == evil  # unchanged
    assert json.loads((tmp_path / "out" / "evil.json").read_text())["errors"][0].startswith("ZZ009")
    assert (tmp_path / "out" / "fine.txt").read_text() == CLEAN_DOC
    assert "2 cleaned, 0 skipped, 1 failed" in res.output


def shard_units(src: Path, out: Path) -> list:
    from cleaner.io import iter_jobs

    settings = batch.Settings(state=out / ".cleaner", shards=out / "shards")
    return batch.make_units(batch.resolve_stems(iter_jobs([src], out)), settings)


def shard_records(out: Path) -> list[dict]:
    return [json.loads(line) for p in sorted((out / "shards").glob("part-*.jsonl")) for line in p.read_text().splitlines()]


def test_shards_hold_every_document_once_with_the_same_text_as_files(tmp_path, small_units):
    src = make_inputs(tmp_path / "in")
    files = run("clean", str(src), "-o", str(tmp_path / "files"))
    sharded = run("clean", str(src), "-o", str(tmp_path / "sh"), "--shards")
    assert files.exit_code == sharded.exit_code == 1
    assert untimed(files.output) == untimed(sharded.output)  # the same problems and summary
    out = tmp_path / "sh"
    assert sorted(p.name for p in out.iterdir()) == [".cleaner", "shards"]  # no file per document
    assert len(list((out / "shards").glob("part-*.jsonl"))) == len(shard_units(src, out)) > 1
    recs = shard_records(out)
    by_id = {r["id"]: r for r in recs}
    assert len(by_id) == len(recs) == 25 + 5  # 25 text inputs (bad.bin skipped) + 5 good records
    for txt in (tmp_path / "files").rglob("*.txt"):
        rel = txt.relative_to(tmp_path / "files").with_suffix("").as_posix()
        if rel.startswith("feed/"):
            continue
        assert by_id[rel]["text"] == txt.read_text()
        assert by_id[rel]["metadata"]["removed"] == json.loads(txt.with_suffix(".json").read_text())["removed"]
    assert by_id["r3"]["source"].endswith("feed.jsonl:4")


def test_shards_with_jobs_2_and_resume_are_identical(tmp_path, small_units):
    src = make_inputs(tmp_path / "in")
    run("clean", str(src), "-o", str(tmp_path / "one"), "--shards")
    run("clean", str(src), "-o", str(tmp_path / "two"), "--shards", "--jobs", "2")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    out = tmp_path / "one"
    before = tree(out)
    (out / "shards" / "part-000001.jsonl").unlink()  # the second unit's shard and marker are gone
    (out / ".cleaner" / "done" / shard_units(src, out)[1].key).unlink()
    res = run("clean", str(src), "-o", str(out), "--shards", "--resume")
    assert "inputs already done" in res.output
    assert tree(out) == before


def test_shards_refuse_a_per_document_format_and_standard_output(tmp_path):
    (tmp_path / "a.txt").write_text(CRUFT_DOC)
    res = run("clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--shards", "--format", "text")
    assert res.exit_code == 2 and "--shards writes JSON lines" in res.output
    res = run("clean", str(tmp_path / "a.txt"), "--shards")
    assert res.exit_code == 2 and "give -o OUT" in res.output


def test_the_batch_streams_its_inputs_instead_of_listing_them(tmp_path, small_units, monkeypatch):
    """Memory flat over any number of inputs: the first unit runs before the walk is done."""
    from cleaner.io import iter_jobs
    from cleaner.pipeline import Options
    from cleaner.ruleset import load_rules

    src = make_inputs(tmp_path / "in", 40)
    pulled = []

    def counted():
        for job in iter_jobs([src], tmp_path / "out"):
            pulled.append(job)
            yield job

    seen = []
    real = batch.run_unit
    monkeypatch.setattr(batch, "run_unit", lambda unit, *a, **k: (seen.append(len(pulled)), real(unit, *a, **k))[1])
    summary = batch.run_batch(counted(), Options(load_rules()), report=lambda m: None, per_folder=True)
    assert seen[0] <= batch.UNIT_SIZE + 1 < len(pulled)  # one unit's inputs, not all of them
    assert summary.done == 40 + 2 + 5  # every text, the two .md files, five good records


def test_inputs_with_the_same_name_in_two_folders_given_never_share_an_output(tmp_path):
    for folder, text in (("a", "First story about the council budget."), ("b", "Second story about the school plan.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(text + "\n")
    (tmp_path / "a" / "x.md").write_text("Third story about the river.\n")
    out = tmp_path / "out"
    res = run("clean", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out))
    assert res.exit_code == 0, res.output
    texts = sorted(p.read_text() for p in out.glob("*.txt"))
    assert len(texts) == 3 and {t.split()[0] for t in texts} == {"First", "Second", "Third"}


@pytest.mark.parametrize("resume", [False, True])
def test_a_rerun_over_fewer_inputs_leaves_no_shards_of_the_earlier_run(tmp_path, small_units, resume):
    """Shards are named by unit index: a rerun over fewer inputs removes, once it is complete,
    the part files of its own pattern beyond its last unit (and says so), so no document is
    there twice; with --resume too. Files of other names in shards/ are left alone."""
    src = tmp_path / "in"
    for i in range(10):  # 3 units of 4
        (src / f"s{i:03}.txt").parent.mkdir(parents=True, exist_ok=True)
        (src / f"s{i:03}.txt").write_text(doc(i))
    out = tmp_path / "out"
    assert run("clean", str(src), "-o", str(out), "--shards").exit_code == 0
    assert sorted(p.name for p in (out / "shards").iterdir()) == ["part-000000.jsonl", "part-000001.jsonl", "part-000002.jsonl"]
    (out / "shards" / "README.txt").write_text("mine\n")
    for i in range(5, 10):  # 2 units left
        (src / f"s{i:03}.txt").unlink()
    res = run("clean", str(src), "-o", str(out), "--shards", *(["--resume"] if resume else []))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (out / "shards").iterdir()) == ["README.txt", "part-000000.jsonl", "part-000001.jsonl"]
    assert sorted(r["id"] for r in shard_records(out)) == [f"s{i:03}" for i in range(5)]  # each once
    assert "removed 1 shard of an earlier run beyond this run's 2 (part-000002.jsonl)" in res.output
    if resume:
        assert "4 inputs already done" in res.output  # the first unit was kept, not redone
    again = run("clean", str(src), "-o", str(out), "--shards", *(["--resume"] if resume else []))
    assert "earlier run" not in again.output
