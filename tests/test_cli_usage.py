"""A new user's first commands: --version, -h everywhere, examples in the top-level help,
`rules show` by any case and by prefix."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import ROOT, GOOD_RULE, write_pack

CLEANER = str(Path(sys.executable).with_name("cleaner"))


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_version_prints_the_project_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    proc = subprocess.run([CLEANER, "--version"], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"cleaner {version}\n", "")


@pytest.mark.parametrize("argv", [[], ["clean"], ["check"], ["fix"], ["explain"], ["rules"], ["rules", "show"], ["rules", "list"], ["rules", "test"]])
def test_h_is_help_everywhere(argv):
    short, long = run(*argv, "-h"), run(*argv, "--help")
    assert short.exit_code == 0, short.output
    assert short.output == long.output and "Usage: " in short.output


def test_top_level_help_has_examples():
    out = run("--help").output
    assert "Examples:" in out
    assert "  cleaner clean pages/ -o out/" in out  # one example per line, not re-wrapped
    assert "  cleaner check --diff articles/" in out
    assert "--version" in out


def test_rules_show_ignores_case():
    upper, lower = run("rules", "show", "NL001"), run("rules", "show", "nl001")
    assert upper.exit_code == 0 and upper.output.startswith("NL001  ")
    assert lower.output == upper.output


def test_rules_show_a_prefix_lists_its_rules():
    res = run("rules", "show", "nl")
    assert res.exit_code == 0, res.output
    listed = res.stdout.splitlines()
    ids = [ln.split()[0] for ln in listed]
    all_ids = [ln.split()[0] for ln in run("rules", "list").stdout.splitlines()]
    assert ids == [i for i in all_ids if i.startswith("NL")] and len(ids) > 1
    nl001 = run("rules", "show", "NL001").stdout.splitlines()
    name, summary = nl001[0].split(None, 1)[1], nl001[1].strip()
    assert listed[ids.index("NL001")].split() == ["NL001", name, *summary.split()]


def test_rules_show_a_prefix_of_a_user_pack(tmp_path):
    write_pack(tmp_path, GOOD_RULE)
    res = run("rules", "show", "zz", "--rules", str(tmp_path))
    assert res.exit_code == 0 and res.stdout.split() == ["ZZ001", "promo-line", "A", "promo", "line."]


def test_rules_show_unknown_is_one_line():
    res = run("rules", "show", "XX9")
    assert res.exit_code == 2
    assert res.stderr == "cleaner: no rule id starts with 'XX9' (see 'cleaner rules list')\n"


@pytest.mark.parametrize(
    "argv",
    [["check", "--help"], ["clean", "-h"], ["fix", "--bogus", "x.txt"], ["explain"], ["learn", "-h"], ["rules", "--help"],
     ["rules", "list", "--bogus"], ["rules", "shw"], ["chek", "x.txt"], ["--help"], []],
)
def test_the_command_line_is_the_same_with_only_the_named_command_built(argv, tmp_path):
    """`cli.main` builds only the command its first argument names (`_only_the_command`, start-up):
    help, usage errors and exit codes are the same as with every command built."""
    code = "import sys\nfrom cleaner import cli\n{}\nsys.argv[0] = 'cleaner'\ncli.main()\n"
    every = code.format("cli._only_the_command = lambda name: None")
    only = code.format("")
    env = {**os.environ, "COLUMNS": "100"}
    got = [subprocess.run([sys.executable, "-c", c, *argv], capture_output=True, text=True, cwd=tmp_path, env=env) for c in (every, only)]
    assert (got[1].returncode, got[1].stdout, got[1].stderr) == (got[0].returncode, got[0].stdout, got[0].stderr)
    assert got[0].stdout or got[0].stderr
