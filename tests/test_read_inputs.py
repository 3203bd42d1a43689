"""Reading inputs through the CLI: bad bytes, NUL bytes, binary files named .html, FIFOs and
devices, and the --max-mb limit (issue 12 items 1, 2, 3, 9, 12 and 18).

The CLI runs in a subprocess with a timeout wherever an input could make it hang."""

from __future__ import annotations

import gzip
import json
import os
import random
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.io import NotRegularFile, read_input

CLEANER = str(Path(sys.executable).parent / "cleaner")
GERMAN = (
    "Die Stadtverwaltung hat am Donnerstag mitgeteilt, dass die Brücke über den Fluss ab nächster "
    "Woche für drei Monate gesperrt wird. Fußgänger und Radfahrer können eine Ersatzfähre nutzen.\n"
)


def cleaner(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """The CLI in a process of its own; a hang fails the test (TimeoutExpired) instead of the run."""
    return subprocess.run([CLEANER, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          stdin=subprocess.DEVNULL)  # fmt: skip


def outputs(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    rel = (p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    return sorted(r.as_posix() for r in rel if r.parts[0] != ".cleaner")


def test_a_bad_byte_keeps_the_text_utf8_and_is_counted(tmp_path):
    """Item 1: one 0xff in a German UTF-8 text made the whole text mojibake, exit 0."""
    src = tmp_path / "in.txt"
    data = GERMAN.encode()
    cut = data.index(b"Woche")
    src.write_bytes(data[:cut] + b"\xff" + data[cut:])
    res = cleaner("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    text = (tmp_path / "out" / "in.txt").read_text(encoding="utf-8")
    assert "nächster \ufffdWoche" in text and "Fußgänger" in text
    meta = json.loads((tmp_path / "out" / "in.json").read_text(encoding="utf-8"))
    assert meta["replaced_bytes"] == 1


def test_valid_utf8_has_no_replaced_bytes_field(tmp_path):
    (tmp_path / "in.txt").write_text(GERMAN, encoding="utf-8")
    res = cleaner("clean", str(tmp_path / "in.txt"), "-o", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert "replaced_bytes" not in json.loads((tmp_path / "out" / "in.json").read_text(encoding="utf-8"))


def test_a_bad_byte_in_an_html_page_keeps_it_utf8(tmp_path):
    """The same for a page: trafilatura would pick a legacy code page for the whole page."""
    body = "<p>" + GERMAN * 3 + "</p>"
    page = f"<html><head><title>Brücke gesperrt</title></head><body><article>{body}</article></body></html>"
    data = page.encode()
    src = tmp_path / "page.html"
    src.write_bytes(b"\xff" + data)
    res = cleaner("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert "Fußgänger" in (tmp_path / "out" / "page.txt").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "out" / "page.json").read_text(encoding="utf-8"))["replaced_bytes"] == 1


def test_check_refuses_a_file_that_is_not_valid_utf8(tmp_path):
    """check/fix do not guess another charset for a UTF-8 file with a bad byte (the findings
    were mojibake), nor write U+FFFD back: the file is reported, left as it is."""
    src = tmp_path / "notes.txt"
    raw = b"Share this article\n" + GERMAN.encode() + b"\xff\n"
    src.write_bytes(raw)
    res = cleaner("fix", str(src))
    assert res.returncode == 2
    assert res.stderr.strip() == f"cleaner: {src}: not checked: 1 byte is not valid UTF-8 (the first at byte {len(raw) - 2})"
    assert src.read_bytes() == raw


def test_a_nul_byte_after_64_kib_separates_words(tmp_path):
    """Item 2: a NUL after the first 64 KiB was deleted and glued two words together; a stray
    NUL now separates them, wherever it is, and many NULs make the file binary."""
    src = tmp_path / "long.txt"
    src.write_bytes(b"The council met again on Monday.\n" * 3000 + b"glued\x00words\n")
    res = cleaner("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out" / "long.txt").read_text(encoding="utf-8").endswith("glued words\n")
    src.write_bytes(b"The council met again\x00on Monday.\n" * 3000)
    res = cleaner("clean", str(src), "-o", str(tmp_path / "out2"))
    assert res.returncode == 1
    assert res.stderr.splitlines()[0] == f"cleaner: {src}: skipped: binary file (a NUL byte at byte 21)"


def test_utf16_without_a_bom_is_cleaned(tmp_path):
    (tmp_path / "in.txt").write_bytes(GERMAN.encode("utf-16-le"))
    res = cleaner("clean", str(tmp_path / "in.txt"), "-o", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out" / "in.txt").read_text(encoding="utf-8") == GERMAN


def _binaries() -> dict[str, bytes]:
    rng = random.Random(3)
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 64, 64, 8, 6, 0, 0, 0)
    elf = b"\x7fELF\x02\x01\x01" + bytes(9) + struct.pack("<HHI", 2, 62, 1) + bytes(40)
    return {
        "random.html": rng.randbytes(20_000),
        "image.html": png + rng.randbytes(5000),
        "program.htm": elf + rng.randbytes(5000),
        "archive.html.gz": gzip.compress(rng.randbytes(20_000)),
    }


def test_a_binary_file_named_html_is_skipped_as_not_text(tmp_path):
    """Item 3: random bytes, an image or a program named .html were cleaned into garbage,
    exit 0. They are skipped as a .txt would be."""
    src = tmp_path / "in"
    src.mkdir()
    for name, data in _binaries().items():
        (src / name).write_bytes(data)
    res = cleaner("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ": skipped: " in ln]
    assert sorted(ln.split(": skipped: ")[0] for ln in lines) == sorted(f"cleaner: {src / n}" for n in _binaries())
    assert all(ln.split(": skipped: ")[1].startswith("binary file") for ln in lines)
    assert outputs(tmp_path / "out") == []
    assert "0 cleaned, 4 skipped, 0 failed" in res.stderr


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")


@needs_fifo
def test_fifos_and_devices_in_a_folder_are_skipped_not_read(tmp_path):
    """Item 9: a FIFO hung the batch, and a link to /dev/zero was read without bound."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GERMAN, encoding="utf-8")
    os.mkfifo(src / "pipe.txt")
    os.mkfifo(src / "pipe.html")
    (src / "zero.txt").symlink_to("/dev/zero")
    (src / "random.jsonl").symlink_to("/dev/urandom")
    res = cleaner("clean", str(src), "-o", str(tmp_path / "out"), timeout=60)
    assert res.returncode == 1
    for name in ("pipe.txt", "pipe.html", "zero.txt", "random.jsonl"):
        assert f"cleaner: {src / name}: skipped: " in res.stderr
    assert res.stderr.count(": skipped: not a regular file") >= 2  # the FIFOs (links: also the link policy's)
    assert outputs(tmp_path / "out") == ["a.json", "a.txt"]


@needs_fifo
@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_a_fifo_or_device_given_directly_is_skipped(tmp_path, kind):
    path = tmp_path / "input.txt"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(f"/dev/{kind}")
    res = cleaner("clean", str(path), "-o", str(tmp_path / "out"), timeout=60)
    assert (res.returncode, res.stderr.splitlines()[0]) == (1, f"cleaner: {path}: skipped: not a regular file")
    res = cleaner("clean", str(path), timeout=60)  # to standard output
    assert (res.returncode, res.stdout) == (1, "")
    assert f"cleaner: {path}: skipped: not a regular file" in res.stderr
    res = cleaner("check", str(path), timeout=60)
    assert (res.returncode, res.stderr.strip()) == (2, f"cleaner: {path}: not checked: not a regular file")


@needs_fifo
def test_check_skips_a_fifo_in_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    res = cleaner("check", str(tmp_path), timeout=60)
    assert res.returncode == 2
    assert res.stderr.strip() == f"cleaner: {tmp_path / 'pipe.txt'}: not checked: not a regular file"


@needs_fifo
def test_read_input_refuses_what_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "zero").symlink_to("/dev/zero")
    for name in ("pipe", "zero"):
        with pytest.raises(NotRegularFile, match="not a regular file"):
            read_input(tmp_path / name)


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs /proc")
def test_the_size_limit_holds_while_reading():
    """A file whose size stat does not tell (/proc files say 0) is still cut at the limit."""
    path = Path("/proc/self/maps")
    assert path.stat().st_size == 0 and len(path.read_bytes()) > 100
    with pytest.raises(ValueError, match="over the 0 MB limit"):
        read_input(path, 100)


def test_gzip_is_decompressed_as_a_stream_whatever_the_limit(tmp_path):
    """Item 12: a limit larger than memory made the decompression allocate it up front
    (MemoryError); the decompressed size is counted as it comes."""
    src = tmp_path / "a.txt.gz"
    src.write_bytes(gzip.compress(GERMAN.encode() * 100))
    assert read_input(src, 10**15, gunzip=True) == GERMAN.encode() * 100
    big = tmp_path / "big.txt.gz"
    big.write_bytes(gzip.compress(bytes(50_000_000)))  # 50 MB of zeros in ~50 KB
    with pytest.raises(ValueError, match="decompressed file is over the 1 MB limit"):
        read_input(big, 1_000_000, gunzip=True)


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "4097", "1e9"])
@pytest.mark.parametrize("command", ["clean", "check"])
def test_max_mb_must_be_positive_and_sane(tmp_path, value, command):
    """Items 12 and 18: 0 meant the default, nan and inf gave tracebacks, 1e9 a MemoryError."""
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    res = cleaner(command, str(tmp_path / "a.txt"), f"--max-mb={value}")
    assert res.returncode == 2
    assert res.stderr.startswith("cleaner: --max-mb must be a positive number of megabytes, at most 4096 (got ")
    assert len(res.stderr.splitlines()) == 1 and res.stdout == ""


@pytest.mark.parametrize("value", ["nan", "inf", "5000"])
def test_max_mb_in_a_config_file_must_be_sane(tmp_path, value):
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / ".cleaner.toml").write_text(f"max-mb = {value}\n")
    res = cleaner("check", "a.txt", cwd=tmp_path)
    assert res.returncode == 2
    assert "max-mb" in res.stderr and "must be a positive number, at most 4096" in res.stderr
    assert len(res.stderr.splitlines()) == 1
