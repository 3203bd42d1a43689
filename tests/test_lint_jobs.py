"""check / fix --jobs N: the same output, in the same order, as one job (issue 12 item 20)."""

from __future__ import annotations

import multiprocessing

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .test_check_fix import FIXED, STORY


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def tree(tmp_path):
    for k in range(12):
        text = STORY if k % 3 else FIXED
        (tmp_path / "docs" / f"s{k:02}").mkdir(parents=True)
        (tmp_path / "docs" / f"s{k:02}" / "story.txt").write_text(text)
    (tmp_path / "docs" / "s04" / "bad.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "docs" / "s09" / "bad.md").write_bytes(b"\x00\x02binary")
    return tmp_path / "docs"


def test_check_jobs_same_output_as_one_job(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tree(tmp_path)
    one = run("check", "docs")
    assert one.exit_code == 2 and one.stdout.count("\n") == 25
    for jobs in ("2", "0"):
        many = run("check", "--jobs", jobs, "docs")
        assert (many.exit_code, many.stdout, many.stderr) == (one.exit_code, one.stdout, one.stderr)
    diff = run("check", "--diff", "-j", "2", "docs")
    assert diff.stdout == run("check", "--diff", "docs").stdout


def test_fix_jobs_same_files_and_output_as_one_job(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    one = run("fix", str(tree(tmp_path / "a")))
    monkeypatch.chdir(tmp_path / "b")
    many = run("fix", "--jobs", "2", str(tree(tmp_path / "b")))
    assert many.exit_code == one.exit_code == 2
    assert many.stdout.replace("/b/", "/a/") == one.stdout
    assert many.stderr.replace("/b/", "/a/") == one.stderr
    for path in (tmp_path / "a" / "docs").rglob("*"):
        if path.is_file():
            other = tmp_path / "b" / "docs" / path.relative_to(tmp_path / "a" / "docs")
            assert other.read_bytes() == path.read_bytes()
    assert (tmp_path / "b" / "docs" / "s01" / "story.txt").read_text() == FIXED


def test_jobs_must_be_a_whole_number(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(FIXED)
    res = run("check", "--jobs", "x", "a.txt")
    assert res.exit_code == 2
    assert res.stderr == "cleaner: --jobs must be a whole number, 0 for one per CPU (got 'x')\n"


def _dies_on_s05(item):
    import os

    from cleaner import lint

    if "s05" in str(item[0]):
        os._exit(9)  # as the OOM killer would end it
    return lint._original_lint_in_worker(item)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patch reaches forked workers only")
def test_a_dead_worker_is_one_line_not_a_hang(tmp_path, monkeypatch):
    from cleaner import lint

    monkeypatch.chdir(tmp_path)
    tree(tmp_path)
    monkeypatch.setattr(lint, "_original_lint_in_worker", lint._lint_in_worker, raising=False)
    monkeypatch.setattr(lint, "_lint_in_worker", _dies_on_s05)  # workers are forked: they see it
    res = run("fix", "--jobs", "2", "docs")
    assert res.exit_code == 2
    assert res.stderr.splitlines()[-1] == "cleaner: a worker process died (out of memory?); nothing was written"
    assert (tmp_path / "docs" / "s01" / "story.txt").read_text() == STORY
