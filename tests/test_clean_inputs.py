"""`cleaner clean` on HTML pages and record files, in every output format, through the CLI."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .test_writers import parse_front_matter

CRUFT_DOC = "The council approved the budget on Monday after a long debate.\n\nShare this article\n\n0 : 0\n"
CLEAN_DOC = "The council approved the budget on Monday after a long debate.\n"
BODY = " ".join(["The council approved the new budget on Monday after a long debate."] * 4)
PAGE = f"""<html><head><title>Council approves budget | Example News</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Council approves budget</h1>
<p>{BODY}</p>
<p>Share this article</p>
</article><footer>Copyright 2024 Example News</footer></body></html>"""
EMPTY_PAGE = "<html><head><title>x</title></head><body><script>x()</script></body></html>"
NO_TEXT = "no text in the page (trafilatura found no main text, and no visible text is left)"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def files(folder) -> list[str]:
    """The outputs in a folder (not the completion markers under .cleaner/)."""
    rel = (p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    return sorted(r.as_posix() for r in rel if r.parts[0] != ".cleaner")


def lines(path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path, *records, raw: tuple[str, ...] = ()) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([*(json.dumps(r) for r in records), *raw]) + "\n", encoding="utf-8")


# --- HTML pages ---------------------------------------------------------------------------


def test_html_pages_in_a_folder_and_gzip_names(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "page.html").write_text(PAGE)
    (src / "sub" / "old.htm.gz").write_bytes(gzip.compress(PAGE.encode()))
    (src / "story.txt").write_text(CRUFT_DOC)
    res = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0, res.output
    assert files(tmp_path / "out") == ["page.json", "page.txt", "story.json", "story.txt", "sub/old.json", "sub/old.txt"]
    for stem in ("page", "sub/old"):
        text = (tmp_path / "out" / f"{stem}.txt").read_text()
        assert BODY in text and "Share this article" not in text and "Home" not in text.split("\n")
        meta = json.loads((tmp_path / "out" / f"{stem}.json").read_text())
        assert meta["authors"] == ["Jane Doe"] and meta["fields_from"]["authors"] == "html"
        assert meta["source"].endswith((".html", ".htm.gz"))
        assert "SH001" in {r["rule"] for r in meta["removed"]}
    assert "3 cleaned, 0 skipped, 0 failed" in res.output


def test_html_file_argument_to_stdout_and_gzip_argument(tmp_path):
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(PAGE.encode()))
    res = run("clean", str(page))
    assert res.exit_code == 0 and BODY in res.stdout
    res = run("clean", str(page), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0 and files(tmp_path / "out") == ["page.json", "page.txt"]


def test_page_without_main_text_is_reported_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(EMPTY_PAGE)
    (src / "b.html").write_text(PAGE)
    (src / "c.html.gz").write_bytes(b"not gzip at all")
    res = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.exit_code == 1
    assert f"{src / 'a.html'}: skipped: {NO_TEXT}" in res.output
    assert f"{src / 'c.html.gz'}: failed: not a valid gzip file" in res.output
    assert files(tmp_path / "out") == ["b.json", "b.txt"]
    assert "1 cleaned, 1 skipped, 1 failed" in res.output


def test_a_text_only_run_never_imports_trafilatura(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(CRUFT_DOC)
    write_jsonl(src / "r.jsonl", {"text": CRUFT_DOC})
    code = (
        "import sys\nfrom cleaner.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "print('trafilatura' in sys.modules, 'cleaner.html' in sys.modules)\n"
    )
    argv = [sys.executable, "-c", code, "clean", str(src), "-o", str(tmp_path / "out"), "-q"]
    proc = subprocess.run(argv, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["False", "False"]
    assert files(tmp_path / "out") == ["a.json", "a.txt", "r.jsonl"]
    (src / "p.html").write_text(PAGE)  # the same check sees trafilatura once a page appears
    proc = subprocess.run(argv, capture_output=True, text=True)
    assert proc.stdout.split() == ["True", "True"], proc.stderr[-2000:]


# --- record files -------------------------------------------------------------------------


def test_jsonl_records_mirror_the_layout_in_input_order(tmp_path):
    src = tmp_path / "in"
    write_jsonl(
        src / "2024" / "feed.jsonl",
        {"id": "a", "text": CRUFT_DOC, "url": "http://x/a", "source": "wire"},
        {"text": "Second story about the harbour.\n\nSign up for our newsletter\n", "tags": ["x"]},
        {"id": 3, "text": CRUFT_DOC},
    )
    res = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0, res.output
    assert files(tmp_path / "out") == ["2024/feed.jsonl"]
    got = lines(tmp_path / "out" / "2024" / "feed.jsonl")
    assert [r["id"] for r in got] == ["a", "feed:2", 3]
    first = got[0]
    where = f"{src / '2024' / 'feed.jsonl'}:1"
    assert first["text"] == CLEAN_DOC and first["source"] == where and first["metadata"]["source"] == where
    assert first["url"] == "http://x/a" and first["input"] == {"source": "wire"}
    assert [r["rule"] for r in first["metadata"]["removed"]] == ["SH001", "LY002"]
    assert got[1]["text"] == "Second story about the harbour.\n" and got[1]["tags"] == ["x"]
    assert "3 cleaned, 0 skipped, 0 failed" in res.output


def test_malformed_and_textless_records_are_reported_by_line(tmp_path):
    src = tmp_path / "in"
    write_jsonl(
        src / "feed.jsonl",
        {"id": "ok1", "text": CRUFT_DOC},
        raw=('{"id": "broken", "text": ', json.dumps({"id": "notext", "body": "x"}), json.dumps({"id": "ok2", "text": CRUFT_DOC})),
    )
    res = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.exit_code == 1
    feed = src / "feed.jsonl"
    assert f"{feed}:2: skipped: invalid JSON: Expecting value (column 26)" in res.output
    assert f"{feed}:3: skipped: no 'text' field" in res.output
    assert [r["id"] for r in lines(tmp_path / "out" / "feed.jsonl")] == ["ok1", "ok2"]
    assert "2 cleaned, 2 skipped, 0 failed" in res.output


def test_gzip_jsonl_and_json_files(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    body = "\n".join(json.dumps({"id": i, "text": CRUFT_DOC}) for i in (1, 2)) + "\n"
    (src / "a.jsonl.gz").write_bytes(gzip.compress(body.encode()))
    (src / "b.json").write_text(json.dumps([{"text": CRUFT_DOC, "n": 1}, {"text": CRUFT_DOC, "n": 2}], indent=2))
    (src / "c.json").write_text(json.dumps({"id": "solo", "text": CRUFT_DOC}))
    (src / "d.json").write_text('[{"text": "x"},\n oops]')
    res = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.exit_code == 1
    assert files(tmp_path / "out") == ["a.jsonl", "b.jsonl", "c.jsonl"]  # d.json could not be read: no output
    assert f"{src / 'd.json'}:2: skipped: invalid JSON: Expecting value" in res.output
    assert [r["id"] for r in lines(tmp_path / "out" / "a.jsonl")] == [1, 2]
    assert [(r["id"], r["n"]) for r in lines(tmp_path / "out" / "b.jsonl")] == [("b:1", 1), ("b:2", 2)]
    assert [r["text"] for r in lines(tmp_path / "out" / "c.jsonl")] == [CLEAN_DOC]


def test_text_key_and_id_key(tmp_path):
    feed = tmp_path / "feed.jsonl"
    write_jsonl(feed, {"url": "http://x/1", "body": CRUFT_DOC, "text": "not this"})
    res = run("clean", str(feed), "--text-key", "body", "--id-key", "url")
    assert res.exit_code == 0, res.output
    (rec,) = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert rec["id"] == "http://x/1" and rec["url"] == "http://x/1" and rec["text"] == CLEAN_DOC
    assert rec["input"] == {"text": "not this"} and "body" not in rec


def test_html_key_records(tmp_path):
    feed = tmp_path / "crawl.jsonl"
    write_jsonl(feed, {"id": "p1", "html": PAGE, "fetched": "2024-03-06"}, {"id": "p2", "html": EMPTY_PAGE}, {"id": "p3"})
    res = run("clean", str(feed), "-o", str(tmp_path / "out"), "--html-key", "html")
    assert res.exit_code == 1
    assert f"{feed}:2: skipped: {NO_TEXT}" in res.output
    assert f"{feed}:3: skipped: no 'html' field" in res.output
    (rec,) = lines(tmp_path / "out" / "crawl.jsonl")
    assert rec["id"] == "p1" and BODY in rec["text"] and "Share this article" not in rec["text"]
    assert rec["fetched"] == "2024-03-06" and "html" not in rec
    assert rec["metadata"]["authors"] == ["Jane Doe"]


def test_records_as_text_and_markdown_files(tmp_path):
    src = tmp_path / "in"
    write_jsonl(src / "feed.jsonl", {"id": "a/1", "text": CRUFT_DOC, "url": "u"}, {"text": CRUFT_DOC}, {"id": "a_1", "text": CRUFT_DOC})
    res = run("clean", str(src), "-o", str(tmp_path / "txt"), "--format", "text")
    assert res.exit_code == 0, res.output
    assert files(tmp_path / "txt") == sorted(f"feed/{n}.{s}" for n in ("a_1", "a_1-2", "feed_2") for s in ("json", "txt"))
    assert (tmp_path / "txt" / "feed" / "a_1.txt").read_text() == CLEAN_DOC
    side = json.loads((tmp_path / "txt" / "feed" / "a_1.json").read_text())
    assert side["id"] == "a/1" and side["fields"] == {"url": "u"} and side["removed"]
    res = run("clean", str(src), "-o", str(tmp_path / "md"), "--format", "markdown")
    assert res.exit_code == 0, res.output
    assert files(tmp_path / "md") == ["feed/a_1-2.md", "feed/a_1.md", "feed/feed_2.md"]
    meta, body = parse_front_matter((tmp_path / "md" / "feed" / "a_1.md").read_text())
    assert meta["id"] == "a/1" and meta["fields"] == {"url": "u"} and body == CLEAN_DOC


def test_records_to_stdout_need_jsonl(tmp_path):
    feed = tmp_path / "feed.jsonl"
    write_jsonl(feed, {"text": CRUFT_DOC})
    res = run("clean", str(feed), "--format", "markdown")
    assert res.exit_code == 2 and "give an output folder with -o OUT" in res.output


# --- output formats for files ---------------------------------------------------------------


def test_files_as_jsonl(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(CRUFT_DOC)
    (src / "p.html").write_text(PAGE)
    res = run("clean", str(src), "-o", str(tmp_path / "out"), "--format", "jsonl")
    assert res.exit_code == 0, res.output
    assert files(tmp_path / "out") == ["documents.jsonl"]  # one stream over a folder (tests/test_outputs.py)
    page, rec = lines(tmp_path / "out" / "documents.jsonl")
    assert page["id"] == "p" and BODY in page["text"]
    assert rec == {"id": "sub/a", "source": str(src / "sub" / "a.txt"), "text": CLEAN_DOC, "metadata": rec["metadata"]}
    assert rec["metadata"]["words_out"] == 11


def test_files_as_markdown(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(CRUFT_DOC)
    (src / "p.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    res = run("clean", str(src), "-o", str(tmp_path / "out"), "--format", "markdown")
    assert res.exit_code == 0, res.output
    assert files(tmp_path / "out") == ["a.md", "p.md"]
    meta, body = parse_front_matter((tmp_path / "out" / "p.md").read_text())
    assert meta["title"] and meta["authors"] == ["Jane Doe"] and meta["published"].startswith("2024-03-05")
    assert meta["source"] == str(src / "p.html.gz") and BODY in body
    meta, body = parse_front_matter((tmp_path / "out" / "a.md").read_text())
    assert body == CLEAN_DOC and meta["title"] is None and meta["words_in"] == 16


def test_stdin_formats():
    res = run("clean", "-", "--format", "jsonl", input=CRUFT_DOC)
    assert res.exit_code == 0 and json.loads(res.stdout)["text"] == CLEAN_DOC
    res = run("clean", "-", "--format", "markdown", input=CRUFT_DOC)
    assert parse_front_matter(res.stdout)[1] == CLEAN_DOC


@pytest.mark.parametrize(
    "args, message",
    [
        (("--format", "yaml"), "--format must be text, jsonl or markdown"),
        (("--text-key", "a", "--html-key", "b"), "give --text-key or --html-key, not both"),
    ],
)
def test_usage_errors(args, message):
    res = run("clean", "-", *args, input="x")
    assert res.exit_code == 2 and message in res.output


def test_an_interrupted_jsonl_leaves_no_file(tmp_path, monkeypatch):
    import cleaner.writers

    src = tmp_path / "in"
    write_jsonl(src / "feed.jsonl", *({"text": CRUFT_DOC} for _ in range(3)))
    real, calls = cleaner.writers.jsonl_line, []

    def crash_on_second(doc):
        calls.append(doc)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(doc)

    monkeypatch.setattr(cleaner.writers, "jsonl_line", crash_on_second)
    run("clean", str(src), "-o", str(tmp_path / "out"))
    assert len(calls) == 2
    out = tmp_path / "out"  # neither feed.jsonl nor its temporary file; only the run lock (cleaner.state)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [".cleaner", ".cleaner/lock"]


def test_same_stem_inputs_keep_their_full_names(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(PAGE)
    (src / "a.txt").write_text(CRUFT_DOC)
    res = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0, res.output
    assert files(tmp_path / "out") == ["a.json", "a.txt", "a.txt.json", "a.txt.txt"]
    assert (tmp_path / "out" / "a.txt.txt").read_text() == CLEAN_DOC


def test_readme_records_session_verbatim(tmp_path):
    """The README's record-file example, replayed in real processes (`cat` read directly)."""
    from .test_readme import blocks, run as run_cleaner, section

    part = section("HTML pages and record files")
    (tmp_path / "feed.jsonl").write_text(blocks(part, "jsonl")[0], encoding="utf-8")
    steps = re.split(r"^\$ ", blocks(part, "console")[0], flags=re.M)[1:]
    assert len(steps) == 2
    for step in steps:
        cmd, _, expected = step.partition("\n")
        if cmd.startswith("cat "):
            got = (tmp_path / cmd.split()[1]).read_text(encoding="utf-8")
        else:
            got, code = run_cleaner(cmd, tmp_path)
            assert code == 1
        assert got == expected, f"README.md is out of date for `{cmd}`; it prints:\n{got}"


def test_gzip_inputs_are_bounded_by_max_mb_after_decompression(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.jsonl.gz").write_bytes(gzip.compress((json.dumps({"text": "word " * 1000}) + "\n").encode() * 500))
    (src / "notes.txt.gz").write_bytes(gzip.compress(CRUFT_DOC.encode()))
    res = run("clean", str(src), "-o", str(tmp_path / "out"), "--max-mb", "1")
    assert res.exit_code == 1
    assert f"{src / 'big.jsonl.gz'}: failed: decompressed file is" in res.output and "over the 1 MB limit" in res.output
    assert files(tmp_path / "out") == ["notes.json", "notes.txt"]
    assert (tmp_path / "out" / "notes.txt").read_text() == CLEAN_DOC


def test_a_jsonl_output_never_overwrites_its_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "feed.jsonl", {"text": CRUFT_DOC})
    before = (tmp_path / "feed.jsonl").read_bytes()
    res = run("clean", "feed.jsonl", "-o", ".")
    assert res.exit_code == 1 and "feed.jsonl: failed: output feed.jsonl would overwrite the input" in res.output
    assert (tmp_path / "feed.jsonl").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cleaner") == ["feed.jsonl"]  # .cleaner: the run lock


@pytest.mark.parametrize(
    "name, kind, stem_",
    [
        ("page.html", "html", "page"),
        ("Page.HTM.GZ", "html", "Page"),
        ("page.html.gz", "html", "page"),
        ("feed.jsonl.gz", "records", "feed"),
        ("dump.json", "records", "dump"),
        ("story.txt", "text", "story"),
        ("notes.txt.gz", "text", "notes"),
        ("README", "text", "README"),
        (".html", "html", ""),
    ],
)
def test_input_kinds_and_output_stems(name, kind, stem_):
    from cleaner.io import kind_of, stem

    assert kind_of(name) == kind
    if stem_:
        assert stem(name) == stem_


# --- where outputs go: -o, collisions, symlinks (issue 12, items 7, 12 and 16) ----------------


def test_out_naming_an_existing_file_is_one_usage_error(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(5):
        (src / f"s{i}.txt").write_text(CRUFT_DOC)
    taken = tmp_path / "taken"
    taken.write_text("keep me\n")
    res = run("clean", str(src), "-o", str(taken))
    assert res.exit_code == 2
    assert res.output == f"cleaner: {taken}: exists and is not a folder\n"
    res = run("clean", str(src), "-o", str(taken / "sub"))
    assert res.exit_code == 2
    assert res.output == f"cleaner: {taken / 'sub'}: {taken} exists and is not a folder\n"
    assert taken.read_text() == "keep me\n"


def _record_and_file_inputs(src):
    write_jsonl(src / "a.jsonl", {"id": "x", "text": "Record x about the harbour.\n"}, {"id": "y", "text": "Record y about the port.\n"},
                {"id": "X", "text": "Record X again, about the ships.\n"})
    (src / "a").mkdir()
    (src / "a" / "x.txt").write_text("The real file x about the council.\n")


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md")])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_record_and_a_file_with_the_same_output_are_reported_never_overwritten(tmp_path, fmt, suffix, jobs):
    src, out = tmp_path / "in", tmp_path / "out"
    _record_and_file_inputs(src)
    res = run("clean", str(src), "-o", str(out), "--format", fmt, "--jobs", jobs)
    assert res.exit_code == 1, res.output
    message = (f"cleaner: {out / 'a' / f'x.{suffix}'}: both {src / 'a.jsonl'}:1 (record x) and {src / 'a' / 'x.txt'} "
               "map here; the record is not written")
    assert res.output.count(message) == 1, res.output
    assert "The real file x" in (out / "a" / f"x.{suffix}").read_text()
    assert "Record y" in (out / "a" / f"y.{suffix}").read_text()
    assert "Record X again" in (out / "a" / f"X-2.{suffix}").read_text()  # named as without the clash
    assert "3 cleaned, 0 skipped, 1 failed" in res.output


def test_a_record_landing_on_the_folder_of_an_input_folder_is_reported(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_jsonl(src / "a.jsonl", {"id": "x", "text": "Record x about the harbour.\n"}, {"id": "y", "text": "Record y about the port.\n"})
    (src / "a" / "x.txt").mkdir(parents=True)
    (src / "a" / "x.txt" / "inner.txt").write_text(CRUFT_DOC)
    res = run("clean", str(src), "-o", str(out), "--format", "text")
    assert res.exit_code == 1
    assert f"{out / 'a' / 'x.txt'}: both {src / 'a.jsonl'}:1 (record x) and {src / 'a' / 'x.txt'} (a folder) map here" in res.output
    assert files(out) == ["a/x.txt/inner.json", "a/x.txt/inner.txt", "a/y.json", "a/y.txt"]


def test_a_file_that_appears_where_records_went_is_caught_by_resume(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_jsonl(src / "a.jsonl", {"id": "x", "text": "Record x about the harbour.\n"})
    for i in range(64):  # a.jsonl in the first work unit, a/x.txt in the second
        (src / f"f{i:02}.txt").write_text(CRUFT_DOC)
    res = run("clean", str(src), "-o", str(out), "--format", "text")
    assert res.exit_code == 0 and "Record x" in (out / "a" / "x.txt").read_text()
    (src / "a").mkdir()
    (src / "a" / "x.txt").write_text("The real file x about the council.\n")
    res = run("clean", str(src), "-o", str(out), "--format", "text", "--resume")
    assert res.exit_code == 1
    assert f"{out / 'a' / 'x.txt'}: both {src / 'a.jsonl'}:1 (record x) and {src / 'a' / 'x.txt'} map here" in res.output


def test_a_record_folder_and_a_folder_of_another_input_tree_collide_too(tmp_path):
    one, two, out = tmp_path / "one", tmp_path / "two", tmp_path / "out"
    write_jsonl(one / "a.jsonl", {"id": "x", "text": "Record x about the harbour.\n"})
    (two / "a").mkdir(parents=True)
    (two / "a" / "x.md").write_text("The real file x about the council.\n")
    res = run("clean", str(one), str(two), "-o", str(out), "--format", "text")
    assert res.exit_code == 1
    assert f"{out / 'a' / 'x.txt'}: both {one / 'a.jsonl'}:1 (record x) and {two / 'a' / 'x.md'} map here" in res.output
    assert "The real file x" in (out / "a" / "x.txt").read_text()


def test_inputs_whose_outputs_would_clash_get_distinct_names(tmp_path):
    """Same stems (a.txt, a.md), a name that is another's renamed stem (a.md.txt), a record file
    whose output folder has the name of another input's output file (b.txt.jsonl, b.md), names
    that differ in case only (one file on macOS and Windows), and a file whose output would have
    the name of an input folder's (d.md, d.txt/)."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    texts = {name: f"Text of {name} about the council budget.\n" for name in ("a.md", "a.md.txt", "a.txt", "b.md", "C.txt", "c.txt", "d.md")}
    write_jsonl(src / "b.txt.jsonl", {"id": "r", "text": "A record about the harbour.\n"})
    (src / "d.txt").mkdir()  # its outputs go to the folder OUT/d.txt, where d.md's text would go
    texts["d.txt/e.txt"] = "Text of d.txt/e.txt about the council budget.\n"
    for name, text in texts.items():
        (src / name).write_text(text)
    res = run("clean", str(src), "-o", str(out), "--format", "text")
    assert res.exit_code == 0, res.output
    outputs = {p.read_text() for p in out.rglob("*.txt") if p.is_file()}
    assert outputs == {*texts.values(), "A record about the harbour.\n"}


def _links(src, outside):
    """in/: a text, a link to a file and one to a folder outside, links to a file and a folder inside."""
    (outside / "secret").mkdir(parents=True)
    (outside / "secret" / "s.txt").write_text("Outside text that must stay outside.\n")
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "inner.txt").write_text(CRUFT_DOC)
    (src / "a.txt").write_text(CRUFT_DOC)
    (src / "pw.txt").symlink_to(outside / "passwd")
    (src / "etc").symlink_to(outside / "secret")
    (src / "again.txt").symlink_to(src / "a.txt")
    (src / "sub2").symlink_to(src / "sub")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_links_out_of_the_input_folder_are_skipped_and_reported_once(tmp_path, jobs):
    src, out = tmp_path / "in", tmp_path / "out"
    _links(src, tmp_path / "elsewhere")
    res = run("clean", str(src), "-o", str(out), "--jobs", jobs)
    assert res.exit_code == 1, res.output
    hint = "skipped: symlink leads outside the input folder (use --follow-links)"
    for name in ("pw.txt", "etc"):
        assert res.output.count(f"cleaner: {src / name}: {hint}\n") == 1, res.output
    assert files(out) == ["a.json", "a.txt", "again.json", "again.txt", "sub/inner.json", "sub/inner.txt"]
    assert "3 cleaned, 2 skipped, 0 failed" in res.output
    res = run("clean", str(src), "-o", str(tmp_path / "all"), "--follow-links")
    assert res.exit_code == 0, res.output
    assert {"pw.txt", "etc/s.txt"} <= set(files(tmp_path / "all"))


def test_nothing_is_written_through_a_symlink_inside_out(tmp_path):
    src, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "b.txt").write_text(CRUFT_DOC)
    (src / "a.txt").write_text(CRUFT_DOC)
    (src / "c.txt").write_text(CRUFT_DOC)
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep\n")
    out.mkdir()
    (out / "sub").symlink_to(elsewhere)
    (out / "a.txt").symlink_to(elsewhere / "keep.txt")
    res = run("clean", str(src), "-o", str(out))
    assert res.exit_code == 1
    assert f"cleaner: {src / 'sub' / 'b.txt'}: failed: output folder {out / 'sub'} is a symlink; not written through it" in res.output
    assert f"cleaner: {src / 'a.txt'}: failed: output {out / 'a.txt'} is a symlink; not written through it" in res.output
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert (elsewhere / "keep.txt").read_text() == "keep\n"
    assert (out / "a.txt").is_symlink() and (out / "c.txt").read_text() == CLEAN_DOC


def test_check_and_fix_do_not_follow_a_link_out_of_the_folder_given(tmp_path):
    src, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    src.mkdir()
    elsewhere.mkdir()
    (elsewhere / "notes.md").write_text(CRUFT_DOC)
    (src / "link.md").symlink_to(elsewhere / "notes.md")
    (src / "own.md").write_text(CRUFT_DOC)
    res = run("fix", str(src))
    assert f"cleaner: {src / 'link.md'}: skipped: symlink leads outside the folder given" in res.output
    assert (elsewhere / "notes.md").read_text() == CRUFT_DOC
    assert (src / "own.md").read_text() == CLEAN_DOC


def test_own_folders_of_out_that_are_symlinks_are_refused(tmp_path):
    src, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    src.mkdir()
    (src / "a.txt").write_text(CRUFT_DOC)
    elsewhere.mkdir()
    out.mkdir()
    (out / ".cleaner").symlink_to(elsewhere)
    res = run("clean", str(src), "-o", str(out))
    assert res.exit_code == 2 and res.output == f"cleaner: {out / '.cleaner'}: is a symlink; not written through it\n"
    assert list(elsewhere.iterdir()) == []
