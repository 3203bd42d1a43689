"""`check --hook` / `fix --hook`, the pre-commit hooks' entries: only the documents the user selected.

pre-commit passes every staged file of the hook's types (plain text, Markdown, HTML), so a hook that
cleaned them all would rewrite a repository's README and notes. In hook mode a file is taken only
when the `include` globs of its configuration select it; with no `include` the hook stops with one
line saying how to select (exit 2) and touches nothing; `--hook-all` trusts pre-commit's `files:`.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cleaner import config as config_mod
from cleaner.cli import app

DOC = "The council approved the budget on Monday after a long debate.\n\nShare this article\n"
FIXED = "The council approved the budget on Monday after a long debate.\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(autouse=True)
def repo(tmp_path, monkeypatch):
    monkeypatch.setattr(config_mod, "_found", {})
    monkeypatch.setattr(config_mod, "_loaded", {})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "deep").mkdir(parents=True)
    for name in ("README.md", "notes.txt", "data/story.txt", "data/deep/more.txt", "data/page.md"):
        (tmp_path / name).write_text(DOC)
    return tmp_path


FILES = ["README.md", "notes.txt", "data/story.txt", "data/deep/more.txt", "data/page.md"]


def unchanged(repo, *names: str) -> bool:
    return all((repo / n).read_text() == DOC for n in names)


@pytest.mark.parametrize("cmd", ["check", "fix"])
def test_hook_without_selection_refuses_and_touches_nothing(repo, cmd):
    res = run(cmd, "--hook", *FILES)
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr.startswith("cleaner: the pre-commit hook cleans only the documents you select: add include = ["), res.stderr
    assert "--hook-all" in res.stderr and len(res.stderr.splitlines()) == 1
    assert unchanged(repo, *FILES)


def test_hook_without_include_names_the_configuration_file(repo):
    (repo / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["LY"]\n')
    res = run("fix", "--hook", *FILES)
    assert res.exit_code == 2
    assert res.stderr.startswith("cleaner: pyproject.toml: [tool.cleaner] include: not set; the pre-commit hook cleans only"), res.stderr
    assert unchanged(repo, *FILES)


def test_hook_fixes_only_the_included_documents(repo):
    (repo / "pyproject.toml").write_text('[tool.cleaner]\ninclude = ["data/**/*.txt"]\n')
    res = run("fix", "--hook", *FILES)
    assert res.exit_code == 1, res.output
    assert res.stdout.splitlines()[:2] == ["Fixing data/story.txt", "Fixing data/deep/more.txt"]
    assert (repo / "data" / "story.txt").read_text() == FIXED
    assert (repo / "data" / "deep" / "more.txt").read_text() == FIXED
    assert unchanged(repo, "README.md", "notes.txt", "data/page.md")


def test_check_hook_reports_only_the_included_documents(repo):
    (repo / ".cleaner.toml").write_text('include = ["data/*.md"]\n')
    res = run("check", "--hook", *FILES)
    assert res.exit_code == 1
    assert [ln.split(":")[0] for ln in res.stdout.splitlines()[:-1]] == ["data/page.md"]


def test_include_is_relative_to_its_file(repo):
    (repo / "data" / ".cleaner.toml").write_text('include = ["deep/*"]\n')
    res = run("fix", "--hook", "data/story.txt", "data/deep/more.txt")
    assert res.exit_code == 1 and res.stdout.startswith("Fixing data/deep/more.txt\n"), res.output
    assert unchanged(repo, "data/story.txt")


def test_hook_all_trusts_the_files_pre_commit_passes(repo):
    res = run("fix", "--hook", "--hook-all", "data/story.txt")
    assert res.exit_code == 1
    assert (repo / "data" / "story.txt").read_text() == FIXED


def test_an_empty_include_selects_nothing(repo):
    (repo / ".cleaner.toml").write_text("include = []\n")
    res = run("fix", "--hook", *FILES)
    assert res.exit_code == 0, res.output
    assert unchanged(repo, *FILES)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--hook-all", "data/story.txt"], "cleaner: --hook-all goes with --hook (the pre-commit hooks' entry)\n"),
        (["--hook", "data"], "cleaner: data: --hook takes the files pre-commit passes, not folders\n"),
    ],
)
def test_hook_usage_errors(repo, args, message):
    res = run("fix", *args)
    assert (res.exit_code, res.stderr) == (2, message)
    assert unchanged(repo, *FILES)


def test_include_must_be_a_list_of_globs(repo):
    (repo / ".cleaner.toml").write_text('include = "data/*"\n')
    res = run("fix", "--hook", "data/story.txt")
    assert res.exit_code == 2
    assert res.stderr == "cleaner: .cleaner.toml: include: must be a list of strings (got 'data/*')\n"


def test_without_hook_the_given_files_are_checked_as_before(repo):
    (repo / ".cleaner.toml").write_text('include = ["data/**/*.txt"]\n')
    res = run("check", "README.md")
    assert res.exit_code == 1 and res.stdout.startswith("README.md:3:1: SH001")
