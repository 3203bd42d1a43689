"""fix writes through symbolic links, keeps hard links, and never leaves a half-written file
(issue 12 item 5; see cleaner/inplace.py)."""

from __future__ import annotations

import errno
import os

from typer.testing import CliRunner

from cleaner import inplace
from cleaner.cli import app

from .test_check_fix import FIXED, STORY


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_fix_through_a_symlink_keeps_the_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "story.txt"
    target.write_text(STORY)
    target.chmod(0o640)
    (tmp_path / "link.txt").symlink_to("real/story.txt")
    res = run("fix", "link.txt")
    assert res.exit_code == 1
    assert res.stdout.splitlines()[0] == "Fixing link.txt"
    assert (tmp_path / "link.txt").is_symlink()
    assert os.readlink(tmp_path / "link.txt") == "real/story.txt"
    assert target.read_text() == FIXED
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["story.txt"]


def test_fix_keeps_a_hard_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    os.link(story, tmp_path / "alias.txt")
    inode = story.stat().st_ino
    assert run("fix", "story.txt").exit_code == 1
    assert story.stat().st_ino == inode
    assert (tmp_path / "alias.txt").stat().st_ino == inode
    assert (tmp_path / "alias.txt").read_text() == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.txt", "story.txt"]  # no backup left


def test_failed_in_place_write_puts_the_original_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    os.link(story, tmp_path / "alias.txt")
    real = inplace._overwrite
    calls = []

    def disk_full(path, data):  # the first overwrite (the fix) writes half, then the disk is full
        calls.append(data)
        if len(calls) == 1:
            with open(path, "r+b") as fh:
                fh.write(data[: len(data) // 2] + b"\0" * 7)
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(inplace, "_overwrite", disk_full)
    res = run("fix", "story.txt")
    assert res.exit_code == 2
    assert "cleaner: story.txt: cannot write: No space left on device" in res.stderr.splitlines()
    assert story.read_text() == STORY
    assert (tmp_path / "alias.txt").read_text() == STORY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.txt", "story.txt"]


def test_rerun_restores_after_a_crash_mid_write(tmp_path, monkeypatch):
    """What a kill -9 during the in-place overwrite leaves: a half-written file and the backup."""
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "story.txt"
    story.write_text(STORY[:30])
    inplace.backup_of(story).write_text(STORY)
    res = run("check", "story.txt")
    assert res.exit_code == 2
    assert "an interrupted fix left its original in" in res.stderr
    res = run("fix", "story.txt")
    assert res.exit_code == 1
    assert "cleaner: story.txt: restored the original an interrupted fix had saved" in res.stderr.splitlines()
    assert story.read_text() == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_partial_backup_alone_is_discarded(tmp_path, monkeypatch):
    """A kill -9 while the backup was being written: the file is intact, the partial backup goes."""
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    (tmp_path / ".story.txt.cleaner-backup.tmp").write_text(STORY[:10])
    assert run("fix", "story.txt").exit_code == 1
    assert story.read_text() == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]
