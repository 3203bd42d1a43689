"""Configuration files: discovery, keys, command-line overrides, errors naming file and key."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cleaner import config as config_mod
from cleaner.cli import app

from .conftest import GOOD_RULE, write_pack

DOC = "The council approved the budget on Monday after a long debate.\n\nShare this article\n\n0 : 0\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    """Caches are per process; every test gets its own tree and an empty cache."""
    monkeypatch.setattr(config_mod, "_found", {})
    monkeypatch.setattr(config_mod, "_loaded", {})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(DOC)


def rules_of(res) -> list[str]:
    return [ln.split(" ")[1] for ln in res.stdout.splitlines() if ": " in ln and ln[0] != "F"]


def test_pyproject_tool_cleaner(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cleaner]\nignore = ["LY"]\n')
    assert rules_of(run("check", "doc.txt")) == ["SH001"]


def test_pyproject_without_table_is_passed_by(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["SH"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "inner"\n')
    (sub / "doc.txt").write_text(DOC)
    assert rules_of(run("check", "sub/doc.txt")) == ["LY002"]


def test_nearest_file_wins_and_dot_file_beats_pyproject(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('ignore = ["SH"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["LY"]\n')
    (sub / ".cleaner.toml").write_text('select = ["LY"]\n')
    (sub / "doc.txt").write_text(DOC)
    res = run("check", "doc.txt", "sub/doc.txt")
    assert [ln.split(":")[0] + " " + ln.split(" ")[1] for ln in res.stdout.splitlines()[:-1]] == [
        "doc.txt LY002",
        "sub/doc.txt LY002",
    ]


def test_flags_override_config(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('ignore = ["SH"]\n')
    assert rules_of(run("check", "doc.txt")) == ["LY002"]
    assert rules_of(run("check", "--ignore", "LY", "doc.txt")) == ["SH001"]
    assert rules_of(run("check", "--select", "SH", "doc.txt")) == []  # --select replaces; config ignore still applies
    (tmp_path / "other.toml").write_text('select = ["SH"]\n')
    assert rules_of(run("check", "--config", "other.toml", "doc.txt")) == ["SH001"]


def test_extra_rule_folder_relative_to_config(tmp_path):
    write_pack(tmp_path / "conf" / "my_rules", GOOD_RULE)
    (tmp_path / "conf" / ".cleaner.toml").write_text('rules = ["my_rules"]\nextend-select = ["ZZ"]\n')
    (tmp_path / "conf" / "promo.txt").write_text("Real text here.\nPROMO: buy now\n")
    res = run("check", "conf/promo.txt")
    assert rules_of(res) == ["ZZ001"]
    res = run("rules", "list", "--config", "conf/.cleaner.toml")
    assert "ZZ001" in res.stdout


def test_per_path_ignores(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('[per-path-ignores]\n"archive/*" = ["SH"]\n"*.md" = ["LY002"]\n')
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(DOC)
    (tmp_path / "archive" / "deep.md").write_text(DOC)
    res = run("check", "doc.txt", "archive/old.txt", "archive/deep.md")
    assert [ln.split(":")[0] + " " + ln.split(" ")[1] for ln in res.stdout.splitlines()[:-1]] == [
        "doc.txt SH001",
        "doc.txt LY002",
        "archive/old.txt LY002",
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_clean_applies_per_path_ignores(tmp_path, jobs):
    (tmp_path / ".cleaner.toml").write_text('[per-path-ignores]\n"archive/*" = ["SH"]\n')
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(DOC)
    res = run("clean", "doc.txt", "archive", "-o", "out", "--jobs", jobs)
    assert res.exit_code == 0, res.output
    kept, cleaned = (tmp_path / "out" / "old.txt").read_text(), (tmp_path / "out" / "doc.txt").read_text()
    assert "Share this article" in kept and "0 : 0" not in kept  # SH left out there, LY002 still runs
    assert "Share this article" not in cleaned and "0 : 0" not in cleaned


def test_clean_refuses_a_per_path_ignore_naming_no_rule(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('[per-path-ignores]\n"*.txt" = ["QQ"]\n')
    res = run("clean", "doc.txt", "-o", "out")
    assert res.exit_code == 2
    assert res.stderr.startswith("cleaner: .cleaner.toml: per-path-ignores.'*.txt': no rule id starts with 'QQ'"), res.stderr
    assert not (tmp_path / "out").exists()


def test_output_options(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('format = "json"\nmetadata = true\ncolor = "always"\n')
    res = run("check", "doc.txt")
    assert json.loads(res.stdout)[0]["rule"] == "SH001"
    assert run("check", "--format", "text", "doc.txt").stdout.startswith("doc.txt:3:1: SH001")
    assert run("fix", "doc.txt").exit_code == 1
    assert (tmp_path / "doc.txt.json").exists()
    (tmp_path / "doc.txt").write_text(DOC)
    assert "\x1b[31;9m" in run("explain", "doc.txt").stdout


def test_max_mb(tmp_path):
    (tmp_path / ".cleaner.toml").write_text("max-mb = 0.00001\n")
    res = run("check", "doc.txt")
    assert res.exit_code == 2 and "doc.txt: not checked: file is 0 MB, over the 0 MB limit" in res.stderr


def test_clean_command_reads_the_config_too(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('ignore = ["SH"]\n')
    res = run("clean", "doc.txt")
    assert "Share this article" in res.stdout and "0 : 0" not in res.stdout


@pytest.mark.parametrize(
    "body, message",
    [
        ('selct = ["SH"]\n', ".cleaner.toml: unknown key 'selct'; did you mean 'select'?\n"),
        ('max_mb = 3\n', ".cleaner.toml: unknown key 'max_mb'; did you mean 'max-mb'?\n"),
        ('colour = "red"\n', ".cleaner.toml: unknown key 'colour'; did you mean 'color'?\n"),
        ('verbose = true\n', ".cleaner.toml: unknown key 'verbose' (expected one of select, ignore, extend-select,"),
        ("ignore = " + "[" * 2000 + "]" * 2000 + "\n", ".cleaner.toml: invalid TOML: nested too deeply\n"),
        ('ignore = "SH"\n', ".cleaner.toml: ignore: must be a list of strings (got 'SH')"),
        ('ignore = ["ZZ9"]\n', ".cleaner.toml: ignore: no rule id starts with 'ZZ9'"),
        ('format = "xml"\n', ".cleaner.toml: format: must be one of text, json (got 'xml')"),
        ("metadata = 1\n", ".cleaner.toml: metadata: must be true or false (got 1)"),
        ('rules = ["nowhere"]\n', ".cleaner.toml: rules: "),
        ('[per-path-ignores]\n"*.txt" = ["QQ"]\n', ".cleaner.toml: per-path-ignores.'*.txt': no rule id starts with 'QQ'"),
        ("ignore = [\n", ".cleaner.toml: invalid TOML:"),
    ],
)
def test_config_errors_name_file_and_key(tmp_path, body, message):
    (tmp_path / ".cleaner.toml").write_text(body)
    res = run("check", "doc.txt")
    assert res.exit_code == 2
    assert res.stderr.startswith("cleaner: " + message), res.stderr


def test_pyproject_errors_name_the_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nselect = ["NOPE"]\n')
    res = run("check", "doc.txt")
    assert res.exit_code == 2
    assert res.stderr == "cleaner: pyproject.toml: [tool.cleaner] select: no rule id starts with 'NOPE'\n"


def test_deeply_nested_pyproject_is_one_line(tmp_path):
    # found by the search for a configuration file (which reads every pyproject.toml on the way)
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nx = " + "[" * 2000 + "]" * 2000 + "\n")
    res = run("check", "doc.txt")
    assert res.exit_code == 2
    assert res.stderr == "cleaner: pyproject.toml: invalid TOML: nested too deeply\n"


def test_flag_errors_name_the_flag(tmp_path):
    res = run("check", "--ignore", "NOPE", "doc.txt")
    assert res.exit_code == 2 and res.stderr == "cleaner: --ignore: no rule id starts with 'NOPE'\n"


EVERY_PREFIX = '["AD", "BP", "BY", "CK", "CM", "CP", "CR", "DL", "DU", "HD", "HT", "LG", "LY", "NI", "NL", "NV", "SH", "TS", "WG"]'


@pytest.mark.parametrize("given", ["data", "data/doc.txt"])
def test_clean_never_takes_configuration_from_the_data(tmp_path, given):
    """A scraped folder is untrusted input: a .cleaner.toml inside it must not steer the cleaning."""
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (data / "doc.txt").write_text(DOC)
    (data / ".cleaner.toml").write_text(f"ignore = {EVERY_PREFIX}\n")
    (data / "sub" / "pyproject.toml").write_text('[tool.cleaner]\nrules = ["nowhere"]\n')  # not even read
    res = run("clean", given, "-o", "out")
    assert res.exit_code == 0, res.output
    cleaned = (tmp_path / "out" / "doc.txt").read_text()
    assert "Share this article" not in cleaned and "0 : 0" not in cleaned
    assert "The council approved the budget" in cleaned


def test_clean_takes_the_working_directory_project_configuration(tmp_path):
    """The project running the job (working directory upward) configures clean, not the inputs' folders."""
    (tmp_path / ".cleaner.toml").write_text('ignore = ["SH"]\n')
    data = tmp_path / "data"
    data.mkdir()
    (data / "doc.txt").write_text(DOC)
    (data / ".cleaner.toml").write_text('ignore = ["LY"]\n')
    res = run("clean", "data/doc.txt")
    assert res.exit_code == 0, res.output
    assert "Share this article" in res.stdout and "0 : 0" not in res.stdout
    res = run("clean", "--config", "data/.cleaner.toml", "data/doc.txt")  # named on purpose: used
    assert "Share this article" not in res.stdout and "0 : 0" in res.stdout


def test_double_star_glob_also_matches_no_folder(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('[per-path-ignores]\n"archive/**/*.txt" = ["SH"]\n')
    (tmp_path / "archive" / "deep").mkdir(parents=True)
    (tmp_path / "archive" / "old.txt").write_text(DOC)
    (tmp_path / "archive" / "deep" / "older.txt").write_text(DOC)
    res = run("check", "archive/old.txt", "archive/deep/older.txt")
    assert [ln.split(":")[0] + " " + ln.split(" ")[1] for ln in res.stdout.splitlines()[:-1]] == [
        "archive/old.txt LY002",
        "archive/deep/older.txt LY002",
    ]
