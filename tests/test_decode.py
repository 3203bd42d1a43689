"""Bytes to text: UTF-8 with and without BOM, other encodings, binary refused, empty accepted."""

from __future__ import annotations

import pytest

from cleaner.decode import NotText, decode
from cleaner.io import atomic_write


def test_utf8_and_bom():
    assert decode("naïve".encode()) == ("naïve", "utf-8")
    assert decode(b"\xef\xbb\xbfhello")[0] == "hello"
    assert decode("héllo".encode("utf-16"))[0] == "héllo"


def test_legacy_encoding_is_detected():
    text = "Le président a déclaré que la réunion aurait lieu à Genève la semaine prochaine. " * 5
    decoded, enc = decode(text.encode("cp1252"))
    assert decoded == text and enc != "utf-8"


def test_binary_is_refused():
    with pytest.raises(NotText, match="NUL"):
        decode(b"abc\x00def")
    with pytest.raises(NotText, match="control characters"):
        decode(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 100)


def test_empty():
    assert decode(b"") == ("", "utf-8")


def test_atomic_write_leaves_no_partial_file(tmp_path, monkeypatch):
    import cleaner.io

    target = tmp_path / "out.txt"
    target.write_text("old")

    def interrupted(src, dst):  # Ctrl-C after the temp file is written, before the rename
        raise KeyboardInterrupt

    monkeypatch.setattr(cleaner.io.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_a_terminated_worker_leaves_no_temporary_file(tmp_path):
    """A worker killed by SIGTERM (pool.terminate()) in the middle of an atomic write removes
    its temporary file and exits at once; the old output is untouched."""
    import os
    import signal

    from cleaner.io import atomic_open, exit_on_signal

    target = tmp_path / "out.txt"
    target.write_text("old")
    pid = os.fork()
    if pid == 0:  # the worker
        signal.signal(signal.SIGTERM, exit_on_signal)
        try:
            with atomic_open(target) as fh:
                fh.write(b"half of the new text")
                fh.flush()
                os.kill(os.getpid(), signal.SIGTERM)
                fh.write(b" and the rest")  # never reached
        finally:
            os._exit(1)  # only if the handler did not end the process
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_skips_a_temporary_name_already_taken(tmp_path):
    """A file left under the next temporary name (an earlier process with the same pid) is
    neither reused nor removed: O_EXCL refuses it and the next number is taken."""
    import itertools
    import os

    import cleaner.io

    start = next(cleaner.io._temporary_numbers) + 1
    cleaner.io._temporary_numbers = itertools.count(start)
    taken = tmp_path / f".out.txt.{os.getpid()}.{start}.tmp"
    taken.write_text("someone else's")
    cleaner.io.atomic_write(tmp_path / "out.txt", "new")
    assert (tmp_path / "out.txt").read_text() == "new"
    assert taken.read_text() == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.txt", taken.name])
