"""The per-document time budget (Options.doc_timeout, --doc-timeout): a rule set that would hold
one document for a long time ends at the budget, and the document is kept and reported."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cleaner import Options, clean, load_rules
from cleaner.cli import app

from .conftest import write_pack

# Each search takes ~0.2 s on a line of 29 a's and a '!' (catastrophic backtracking), under the
# 2 s regex timeout, so no single search is stopped: 40 such lines would take ~8 s.
SLOW = '''
[pack]
prefix = "ZS"
summary = "slow"

[[rule]]
id = "ZS001"
name = "slow"
summary = "Backtracks for a while on every line."
why = "Test."
scope = "line"
action = "drop"
patterns = ['^(a|aa)+$']
[[rule.example]]
match = "aaaa"
[[rule.example]]
no_match = "b"
'''
SLOW_DOC = "Share this article\n" + ("a" * 29 + "!\n") * 40


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_a_document_past_its_budget_is_kept_and_reported(tmp_path):
    write_pack(tmp_path, SLOW)
    opts = Options(load_rules([tmp_path]), doc_timeout=0.5)
    res = clean(SLOW_DOC, opts)
    assert res.errors == ["rules took over 0.5 s"]
    assert res.text == SLOW_DOC  # "Share this article" (SH001) is not removed either
    assert res.removed == []
    assert res.to_json()["errors"] == ["rules took over 0.5 s"]


def test_the_budget_goes_with_the_html_rule_set(tmp_path):
    opts = Options(load_rules(), doc_timeout=0.5)
    assert opts.for_html.doc_timeout == 0.5
    assert Options(load_rules()).doc_timeout == 10.0


def test_clean_folder_reports_the_document_and_goes_on(tmp_path):
    write_pack(tmp_path / "pack", SLOW)
    src = tmp_path / "in"
    src.mkdir()
    (src / "slow.txt").write_text(SLOW_DOC)
    (src / "fine.txt").write_text("The council met on Monday.\n\nShare this article\n")
    out = tmp_path / "out"
    # 2 s, not 0.5: the other document (cleaned first, paying the rule set's first use) must
    # finish within the budget on a loaded machine too; the slow one needs ~8 s unloaded
    res = run("clean", str(src), "-o", str(out), "--rules", str(tmp_path / "pack"), "--doc-timeout", "2")
    assert res.exit_code == 1, res.output
    assert f"{src / 'slow.txt'}: rules took over 2 s; document kept unchanged" in res.output
    assert (out / "slow.txt").read_text() == SLOW_DOC
    assert json.loads((out / "slow.json").read_text())["errors"] == ["rules took over 2 s"]
    assert (out / "fine.txt").read_text() == "The council met on Monday.\n"
    assert "2 cleaned, 0 skipped, 1 failed" in res.output


def test_check_and_fix_report_the_file_and_leave_it(tmp_path):
    write_pack(tmp_path / "pack", SLOW)
    doc = tmp_path / "slow.txt"
    doc.write_text(SLOW_DOC)
    for cmd in ("check", "fix"):
        res = run(cmd, str(doc), "--rules", str(tmp_path / "pack"), "--doc-timeout", "0.5")
        assert res.exit_code == 2, res.output
        assert f"cleaner: {doc}: rules took over 0.5 s" in res.output
        assert doc.read_text() == SLOW_DOC


def test_doc_timeout_must_be_a_number_of_seconds(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Text.\n")
    res = run("clean", str(doc), "--doc-timeout", "-1")
    assert res.exit_code == 2
    assert "cleaner: --doc-timeout must be a number of seconds, 0 for no limit (got -1)" in res.output
    assert run("check", str(doc), "--doc-timeout", "0").exit_code == 0  # 0: no limit
