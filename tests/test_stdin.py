"""`cleaner clean -`: what standard input holds is sniffed (HTML, JSON lines, text) or named with
--input-format; options that would do nothing are refused; --max-mb bounds what is read.

Run through the installed command with real pipes (subprocess, input as bytes)."""

from __future__ import annotations

import codecs
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

CLEANER = str(Path(sys.executable).with_name("cleaner"))

BODY = "The council approved the new budget on Monday after a long debate that ran late into the night."
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Council approves budget | Example News</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Council approves budget</h1>
<p>{BODY} {BODY}</p>
<p>Share this article</p>
</article><footer>Copyright 2024 Example News</footer></body></html>
"""
CRUFT_DOC = "The council approved the budget on Monday after a long debate.\n\nShare this article\n\n0 : 0\n"
CLEAN_DOC = "The council approved the budget on Monday after a long debate.\n"


def clean(*args: str, input: bytes):
    return subprocess.run([CLEANER, "clean", "-", *args], input=input, capture_output=True)


def meta_of(input: bytes, *args: str) -> dict:
    """The metadata --format jsonl gives for standard input (text_from is set for HTML only)."""
    proc = clean("--format", "jsonl", *args, input=input)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["metadata"]


def jsonl(*records: dict) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode(),
        codecs.BOM_UTF8 + b"\n  \n" + PAGE.replace("<!DOCTYPE html>\n", "").encode(),  # BOM, blank lines, <html>
        b'<?xml version="1.0" encoding="utf-8"?>\n<!-- saved by a crawler -->\n' + PAGE.encode(),
        PAGE.encode("utf-16"),
    ],
    ids=["doctype", "bom-and-html-tag", "xml-declaration-and-comment", "utf-16"],
)
def test_an_html_page_is_cleaned_as_html(data):
    proc = clean(input=data)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert BODY in out
    assert "<" not in out and "Share this article" not in out and "Copyright" not in out


def test_an_html_fragment_is_html_by_tag_density():
    fragment = f'<div class="story">\n<p>{BODY}</p>\n<p>{BODY}</p>\n<p>Share this article</p>\n</div>\n'.encode()
    assert meta_of(fragment)["text_from"]


@pytest.mark.parametrize(
    "text",
    [
        CRUFT_DOC,
        # a Markdown README with an HTML logo block on top is Markdown, not a page
        '<p align="center"><img src="logo.png"></p>\n\n# Project\n\nSome words about it.\n\n' + "More words here.\n\n" * 20,
        "Use <p> for paragraphs and <br> for breaks in the template.\n" + CRUFT_DOC,
        '[1] A footnote that starts with a bracket.\n{"not": "a record"} followed by text\n',
    ],
    ids=["text", "markdown-with-html-logo", "text-naming-tags", "brackets-and-braces"],
)
def test_text_stays_text(text):
    assert "text_from" not in meta_of(text.encode())


def test_text_is_cleaned_as_before():
    proc = clean(input=CRUFT_DOC.encode())
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, CLEAN_DOC.encode(), b"")


def test_json_lines_are_records():
    data = jsonl({"id": "a", "text": CRUFT_DOC, "url": "https://x/a"}, {"id": "b", "text": "Second story.\n\n0 : 0\n"})
    proc = clean(input=data)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(ln) for ln in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in lines] == ["a", "b"]
    assert lines[0]["text"] == CLEAN_DOC and lines[0]["url"] == "https://x/a"
    assert lines[1]["text"] == "Second story.\n"
    assert lines[0]["metadata"]["removed"][0]["rule"] == "SH001"


def test_json_lines_with_keys_gzip_and_a_bad_record():
    data = jsonl({"body": CRUFT_DOC, "n": 1}) + b"{broken\n" + jsonl({"body": "Second story.\n\n0 : 0\n"})
    proc = clean("--text-key", "body", input=gzip.compress(data))
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == ["cleaner: -:2: skipped: invalid JSON: Expecting property name enclosed in double quotes (column 2)"]
    lines = [json.loads(ln) for ln in proc.stdout.decode().splitlines()]
    assert [(r["id"], r["text"]) for r in lines] == [("-:1", CLEAN_DOC), ("-:3", "Second story.\n")]


def test_a_json_array_is_records():
    data = json.dumps([{"id": 1, "text": CRUFT_DOC}, {"id": 2, "text": "Second story.\n"}], indent=2).encode()
    proc = clean(input=data)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(ln)["text"] for ln in proc.stdout.decode().splitlines()] == [CLEAN_DOC, "Second story.\n"]


def test_records_with_html_key():
    proc = clean("--html-key", "html", input=jsonl({"id": "p", "html": PAGE}))
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert BODY in rec["text"] and "Share this article" not in rec["text"]


def test_input_format_overrides_the_guess():
    assert "text_from" not in meta_of(PAGE.encode(), "--input-format", "text")
    assert meta_of(f"<p>{BODY}</p>\n".encode(), "--input-format", "html")["text_from"]
    proc = clean("--input-format", "text", input=jsonl({"text": CRUFT_DOC}))
    assert proc.stdout.decode().startswith('{"text": ')  # a text that happens to be JSON, kept as text


def test_input_format_applies_to_files(tmp_path):
    (tmp_path / "feed.txt").write_bytes(jsonl({"id": "a", "text": CRUFT_DOC}))
    (tmp_path / "page.txt").write_text(PAGE)
    proc = subprocess.run([CLEANER, "clean", str(tmp_path / "feed.txt"), "--input-format", "jsonl"], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["text"] == CLEAN_DOC
    proc = subprocess.run([CLEANER, "clean", str(tmp_path / "page.txt"), "--input-format", "html"], capture_output=True)
    assert proc.returncode == 0 and BODY in proc.stdout.decode() and b"<" not in proc.stdout


def test_binary_and_empty_input():
    proc = clean(input=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr == b"cleaner: -: skipped: binary file (a NUL byte at byte 8)\n"
    proc = clean(input=b"")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")


@pytest.mark.parametrize(
    "args, message",
    [
        (("-o", "out"), "'-' writes to standard output; -o cannot be used with it"),
        (("--jobs", "2"), "--jobs cannot be used with '-'"),
        (("--resume", "--shards"), "--resume, --shards cannot be used with '-'"),
        (("--engine", "dask"), "--engine cannot be used with '-'"),
        (("--report", "r.json"), "--report cannot be used with '-'"),
        (("--follow-links",), "--follow-links cannot be used with '-'"),
        (("--text-key", "body", "--input-format", "text"), "--text-key: only for records, and --input-format text reads standard input as text"),
        (("--id-key", "url", "--input-format", "html"), "--id-key: only for records, and --input-format html reads standard input as html"),
        (("--input-format", "xml"), "--input-format must be auto, text, html or jsonl (got 'xml')"),
    ],
)
def test_options_that_do_nothing_are_refused(tmp_path, args, message):
    proc = subprocess.run([CLEANER, "clean", "-", *args], input=CRUFT_DOC.encode(), capture_output=True, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == b""
    err = proc.stderr.decode()
    assert err.startswith(f"cleaner: {message}") and err.count("\n") == 1, err
    assert list(tmp_path.iterdir()) == []


def test_records_refuse_a_text_format():
    proc = clean("--format", "markdown", input=jsonl({"text": CRUFT_DOC}))
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr == b"cleaner: standard input holds records, written as JSON lines; --format markdown cannot be used with '-'\n"


def test_max_mb_bounds_standard_input():
    limit = b"word " * 2000  # 10,000 bytes: --max-mb 0.01
    proc = clean("--max-mb", "0.01", input=limit + b"x")
    assert (proc.returncode, proc.stdout) == (1, b"")
    assert proc.stderr == b"cleaner: -: failed: standard input is over the 0.01 MB limit (raise it with --max-mb)\n"
    proc = clean("--max-mb", "0.01", input=gzip.compress(limit * 3))  # small compressed, large once decompressed
    assert (proc.returncode, proc.stdout) == (1, b"")
    assert proc.stderr == b"cleaner: -: failed: decompressed standard input is over the 0.01 MB limit (raise it with --max-mb)\n"
    proc = clean("--max-mb", "0.01", input=limit)
    assert (proc.returncode, proc.stdout) == (0, limit.strip() + b"\n")


def test_an_endless_standard_input_stops_at_the_limit():
    with open("/dev/zero", "rb") as zero:  # read without bound (and out of memory) before the limit
        proc = subprocess.run([CLEANER, "clean", "-", "--max-mb", "2"], stdin=zero, capture_output=True, timeout=300)
    assert proc.returncode == 1
    assert proc.stderr == b"cleaner: -: failed: standard input is over the 2 MB limit (raise it with --max-mb)\n"


def test_resume_redoes_inputs_read_as_another_kind(tmp_path):
    """--input-format is part of what a completion marker covers: a resumed run that reads the
    inputs differently cleans them again instead of keeping the other reading's outputs."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "page.txt").write_text(PAGE)
    (src / "story.txt").write_text(CRUFT_DOC)
    argv = [CLEANER, "clean", str(src), "-o", str(out), "-q"]
    subprocess.run([*argv, "--input-format", "text"], check=True)
    assert "<article>" in (out / "page.txt").read_text()
    subprocess.run([*argv, "--input-format", "html", "--resume"], check=True)
    page = (out / "page.txt").read_text()
    assert BODY in page and "<" not in page
