"""The command line through typer's CliRunner: folders, stdin, bad inputs, rules commands."""

from __future__ import annotations

import json
import os

from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import GOOD_RULE, write_pack

CRUFT_DOC = "The council approved the budget on Monday after a long debate.\n\nShare this article\n\n0 : 0\n"


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def snapshot(folder):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_folder_mirrors_tree_and_never_touches_inputs(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(CRUFT_DOC)
    (src / "sub" / "b.md").write_text(CRUFT_DOC)
    before = snapshot(src)
    res = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0, res.output
    assert snapshot(src) == before
    assert (tmp_path / "out" / "a.txt").read_text() == "The council approved the budget on Monday after a long debate.\n"
    meta = json.loads((tmp_path / "out" / "sub" / "b.json").read_text())
    assert [r["rule"] for r in meta["removed"]] == ["SH001", "LY002"]
    assert meta["removed"][0] == {"rule": "SH001", "lines": [3, 3], "col": 1, "text": "Share this article"}
    assert meta["words_in"] == 16 and meta["words_out"] == 11
    assert "2 cleaned, 0 skipped, 0 failed" in res.output


def test_stdin_filter():
    res = run("clean", "-", input=CRUFT_DOC)
    assert res.exit_code == 0
    assert res.stdout == "The council approved the budget on Monday after a long debate.\n"


def test_single_file_to_stdout(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(CRUFT_DOC)
    res = run("clean", str(doc))
    assert res.exit_code == 0
    assert res.stdout == "The council approved the budget on Monday after a long debate.\n"


def test_out_dash_is_standard_output_not_a_folder(tmp_path, monkeypatch):
    # `-o -` is the usual spelling of "standard output": it must not create a folder named '-'
    doc = tmp_path / "a.txt"
    doc.write_text(CRUFT_DOC)
    monkeypatch.chdir(tmp_path)
    res = run("clean", str(doc), "-o", "-")
    assert res.exit_code == 0, res.output
    assert res.stdout == "The council approved the budget on Monday after a long debate.\n"
    assert not (tmp_path / "-").exists()
    res = run("clean", "-", "-o", "-", input=CRUFT_DOC)
    assert res.exit_code == 0, res.output
    assert res.stdout == "The council approved the budget on Monday after a long debate.\n"


def test_binary_file_skipped_batch_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(CRUFT_DOC)
    (src / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (src / "zz.txt").write_text(CRUFT_DOC)
    res = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert res.exit_code == 1
    assert f"{src / 'image.png'}: skipped: binary file" in res.output
    assert (tmp_path / "out" / "good.txt").exists() and (tmp_path / "out" / "zz.txt").exists()
    assert not (tmp_path / "out" / "image.txt").exists()
    assert "2 cleaned, 1 skipped, 0 failed" in res.output


def test_empty_file_gives_empty_output(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    res = run("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0
    assert (tmp_path / "out" / "empty.txt").read_text() == ""
    assert json.loads((tmp_path / "out" / "empty.json").read_text())["words_in"] == 0


def test_oversized_file_refused(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_text("word " * 300_000)
    res = run("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--max-mb", "1")
    assert res.exit_code == 1
    assert "big.txt: failed: file is 2 MB, over the 1 MB limit" in res.output


def test_a_200_mb_file_is_refused_by_its_size_without_being_read(tmp_path):
    (tmp_path / "in").mkdir()
    with open(tmp_path / "in" / "huge.txt", "wb") as fh:  # sparse: no 200 MB on disk or in memory
        fh.truncate(200 * 1000 * 1000)
    (tmp_path / "in" / "ok.txt").write_text(CRUFT_DOC)
    res = run("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert res.exit_code == 1
    assert "huge.txt: failed: file is 200 MB, over the 64 MB limit" in res.output
    assert (tmp_path / "out" / "ok.txt").exists()  # the batch went on


def test_output_folder_cannot_be_input_folder(tmp_path):
    (tmp_path / "a.txt").write_text(CRUFT_DOC)
    res = run("clean", str(tmp_path), "-o", str(tmp_path))
    assert res.exit_code == 2
    assert "output folder is the input folder" in res.output
    assert (tmp_path / "a.txt").read_text() == CRUFT_DOC


def test_output_folder_inside_input_is_not_walked(tmp_path):
    (tmp_path / "a.txt").write_text(CRUFT_DOC)
    for _ in range(2):
        res = run("clean", str(tmp_path), "-o", str(tmp_path / "out"))
        assert res.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".cleaner", "a.json", "a.txt"]  # .cleaner: markers


def test_folder_needs_output(tmp_path):
    res = run("clean", str(tmp_path))
    assert res.exit_code == 2 and "give an output folder with -o OUT" in res.output


def test_missing_path(tmp_path):
    res = run("clean", str(tmp_path / "nope.txt"))
    assert res.exit_code == 2 and "no such file or folder" in res.output


def test_ignore_and_select(tmp_path):
    res = run("clean", "-", "--ignore", "SH", input=CRUFT_DOC)
    assert "Share this article" in res.stdout and "0 : 0" not in res.stdout
    res = run("clean", "-", "--select", "SH001", input=CRUFT_DOC)
    assert "Share this article" not in res.stdout and "0 : 0" in res.stdout


def test_extra_rule_pack(tmp_path):
    write_pack(tmp_path / "mine", GOOD_RULE)
    res = run("clean", "-", "--rules", str(tmp_path / "mine"), input="Real text here.\nPROMO: buy now\n")
    assert res.stdout == "Real text here.\n"


def test_rules_list_show_test(tmp_path):
    res = run("rules", "list")
    assert res.exit_code == 0 and "CR001" in res.output and "builtin:credits.toml" in res.output
    res = run("rules", "show", "CR001")
    assert res.exit_code == 0 and "why:" in res.output and "Writing by Lidia Kelly" in res.output
    res = run("rules", "show", "XX999")
    assert res.exit_code == 2
    res = run("rules", "test")
    assert res.exit_code == 0 and " passed, 0 failed" in res.output


def test_rules_test_reports_a_failing_user_example(tmp_path):
    write_pack(tmp_path, GOOD_RULE.replace('no_match = "The promo ended."', 'no_match = "PROMO: oops"'))
    res = run("rules", "test", "--rules", str(tmp_path))
    assert res.exit_code == 1
    assert "FAIL ZZ001-no_match-0: expected no match" in res.output


def test_help_shows_examples():
    res = run("clean", "--help")
    assert res.exit_code == 0 and "cleaner clean samples/input -o out/" in res.output


def test_unreadable_file_reported(tmp_path):
    if os.geteuid() == 0:
        import pytest

        pytest.skip("root can read anything")
    (tmp_path / "in").mkdir()
    f = tmp_path / "in" / "locked.txt"
    f.write_text(CRUFT_DOC)
    f.chmod(0)
    res = run("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert res.exit_code == 1 and "locked.txt: failed" in res.output


def test_outputs_get_the_usual_file_mode_and_a_replaced_file_keeps_its_own(tmp_path):
    import stat

    from cleaner import io

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(CRUFT_DOC)
    out = tmp_path / "out"
    assert run("clean", str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(out / "a.txt") == mode(out / "a.json") == 0o666 & ~io._UMASK  # not mkstemp's 0600
    (out / "a.txt").chmod(0o640)
    assert run("clean", str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    assert mode(out / "a.txt") == 0o640


def test_guess_titles_flag_reaches_the_title_choice(tmp_path):
    """`clean --guess-titles` (Options.guess_titles): a page whose rules find no title gets the
    learned scorer's line, tagged "HD002:model:<line>"; without the flag its title stays null."""
    from .conftest import NO_RULE_TITLE

    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_text(NO_RULE_TITLE)
    titles = {}
    for name, flags in (("off", ()), ("on", ("--guess-titles",))):
        res = run("clean", str(src), "-o", str(tmp_path / name), *flags)
        assert res.exit_code == 0, res.output
        meta = json.loads((tmp_path / name / "page.json").read_text())
        titles[name] = (meta["title"], meta["fields_from"].get("title"))
    assert titles["off"] == (None, None)
    assert titles["on"] == ("Bridge reopens after two years of council repairs", "HD002:model:6")
    assert "--guess-titles" in run("clean", "--help").output


def test_fix_guess_titles_fills_the_sidecar_title(tmp_path):
    from .conftest import NO_RULE_TITLE

    for name, flags in (("off", ()), ("on", ("--guess-titles",))):
        page = tmp_path / f"{name}.txt"
        page.write_text(NO_RULE_TITLE + "\nShare this article\n")  # a finding, so fix writes the sidecar
        run("fix", "--metadata", str(page), *flags)
        meta = json.loads((tmp_path / f"{name}.txt.json").read_text())
        assert meta["title"] == (None if name == "off" else "Bridge reopens after two years of council repairs")
