"""The real pre-commit framework runs the hooks of this checkout in a throwaway repository.

pre-commit installs a hook repository by cloning it at `rev` and pip-installing it into a fresh
virtualenv, so this proves what a user gets from the README snippet: the manifest
(.pre-commit-hooks.yaml) is valid, the package installs from a clone (PyPI is the only network
it needs), and the built-in rules travel inside it (cleaner/_rules in the wheel).

The hook repository is a snapshot of this checkout's working tree (tracked files plus new,
not-ignored ones) committed with fixed dates, so uncommitted work is what gets tested and an
unchanged tree gives the same `rev`, letting pre-commit reuse the environment it built last time
(kept in pytest's cache folder). In CI, on a fresh clone, the snapshot is HEAD.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("pre_commit")

DOC = """Council approves budget

The council approved the budget on Monday after a long debate about schools and roads.

Share this article

Sign up for our newsletter
"""
FIXED = """Council approves budget

The council approved the budget on Monday after a long debate about schools and roads.
"""
DATE = "2024-01-01T00:00:00+00:00"


def git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout.strip()


@pytest.fixture
def env(tmp_path, request) -> dict[str, str]:
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n")
    out = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    out.update(
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_DATE=DATE,
        GIT_COMMITTER_DATE=DATE,
        PRE_COMMIT_HOME=str(request.config.cache.mkdir("pre-commit-home")),
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    )
    return out


def snapshot(dest: Path, env: dict[str, str]) -> str:
    """Commit the checkout's working tree into a new repository at `dest`; return the sha."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    names = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", env=env).split("\0")
    for name in filter(None, names):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    git(dest, "init", "-q", env=env)
    git(dest, "add", "-A", env=env)
    git(dest, "commit", "-q", "-m", "snapshot", env=env)
    return git(dest, "rev-parse", "HEAD", env=env)


def readme_block(lang: str) -> str:
    """The first `lang` block of the README's Pre-commit section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    part = readme[readme.index("\n## Pre-commit\n") :]
    return re.search(rf"```{lang}\n(.*?)```", part, flags=re.S).group(1)


def readme_snippet(repo: Path, rev: str) -> str:
    """The .pre-commit-config.yaml of the README, pointed at the snapshot."""
    snippet = readme_block("yaml")
    snippet = re.sub(r"(?m)^(\s*- repo: )\S+", lambda m: m.group(1) + str(repo), snippet, count=1)
    return re.sub(r"(?m)^(\s*rev: )\S+", lambda m: m.group(1) + rev, snippet, count=1)


def test_fix_hook_in_a_real_commit(tmp_path, env):
    hooks_repo = tmp_path / "cleaner-src"
    hooks_repo.mkdir()
    rev = snapshot(hooks_repo, env)
    proj = tmp_path / "project"
    (proj / "articles").mkdir(parents=True)
    git(proj, "init", "-q", env=env)
    (proj / ".pre-commit-config.yaml").write_text(readme_snippet(hooks_repo, rev))
    (proj / "pyproject.toml").write_text(readme_block("toml"))  # include = ["articles/**/*.md"]
    (proj / "articles" / "story.md").write_text(DOC)
    (proj / "notes.txt").write_text("Share this article\n")  # not included - left alone
    pre_commit = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*pre_commit, "install"], cwd=proj, env=env, check=True, capture_output=True)

    git(proj, "add", "-A", env=env)
    first = subprocess.run(["git", "commit", "-m", "add story"], cwd=proj, env=env, capture_output=True, text=True)
    log = first.stdout + first.stderr
    assert first.returncode != 0, log
    assert "Failed" in log and "- files were modified by this hook" in log, log
    assert "Fixing articles/story.md" in log, log
    assert (proj / "articles" / "story.md").read_text() == FIXED
    assert (proj / "notes.txt").read_text() == "Share this article\n"

    git(proj, "add", "-A", env=env)
    second = subprocess.run(["git", "commit", "-m", "add story"], cwd=proj, env=env, capture_output=True, text=True)
    log = second.stdout + second.stderr
    assert second.returncode == 0, log
    assert re.search(r"cleaner fix .*\.Passed", log), log
    assert git(proj, "show", "HEAD:articles/story.md", env=env) + "\n" == FIXED

    # The rules came from the installed package, not from a checkout next to it.
    rules = list(Path(env["PRE_COMMIT_HOME"]).glob("repo*/py_env-*/lib/python*/site-packages/cleaner/_rules/credits.toml"))
    assert rules, "cleaner/_rules missing from the hook's environment"

    # The check hook of the same repository reports without rewriting.
    (proj / "check.yaml").write_text(
        f"repos:\n  - repo: {hooks_repo}\n    rev: {rev}\n    hooks:\n      - id: cleaner-check\n"
    )
    (proj / "articles" / "new.md").write_text(DOC)
    run = subprocess.run(
        [*pre_commit, "run", "--config", "check.yaml", "--files", "articles/new.md"],
        cwd=proj, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout
    assert "articles/new.md:5:1: SH001 " in run.stdout and "Found 2 findings in 1 file." in run.stdout
    assert (proj / "articles" / "new.md").read_text() == DOC


def commit(proj: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    git(proj, "add", "-A", env=env)
    return subprocess.run(["git", "commit", "-m", "work"], cwd=proj, env=env, capture_output=True, text=True)


def test_hook_acts_only_on_the_selected_documents(tmp_path, env):
    """Issue 12: the hook cleaned a project's own README. Without a selection it must refuse."""
    hooks_repo = tmp_path / "cleaner-src"
    hooks_repo.mkdir()
    rev = snapshot(hooks_repo, env)
    proj = tmp_path / "project"
    (proj / "data").mkdir(parents=True)
    git(proj, "init", "-q", env=env)
    (proj / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks_repo}\n    rev: {rev}\n    hooks:\n      - id: cleaner-fix\n"
    )
    readme = "# My project\n\nA tool for the council's budget data.\n\nShare this article\n\nSign up for our newsletter\n"
    (proj / "README.md").write_text(readme)
    (proj / "data" / "story.txt").write_text(DOC)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=proj, env=env, check=True, capture_output=True)

    first = commit(proj, env)  # no selection: refused, nothing touched
    log = first.stdout + first.stderr
    assert first.returncode != 0, log
    assert "cleaner: the pre-commit hook cleans only the documents you select: add include = [" in log, log
    assert "Fixing" not in log and "files were modified" not in log, log
    assert (proj / "README.md").read_text() == readme
    assert (proj / "data" / "story.txt").read_text() == DOC

    (proj / "pyproject.toml").write_text('[tool.cleaner]\ninclude = ["data/**/*.txt"]\n')
    second = commit(proj, env)  # selected: only the data file is cleaned
    log = second.stdout + second.stderr
    assert second.returncode != 0 and "- files were modified by this hook" in log, log
    assert "Fixing data/story.txt" in log and "README.md" not in log, log
    assert (proj / "data" / "story.txt").read_text() == FIXED
    assert (proj / "README.md").read_text() == readme

    third = commit(proj, env)
    assert third.returncode == 0, third.stdout + third.stderr
    assert git(proj, "show", "HEAD:README.md", env=env) + "\n" == readme
