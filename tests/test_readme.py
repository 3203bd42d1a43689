"""The README's linter session, exit-code table and configuration example, run verbatim.

The console block under "Check, fix, explain" is replayed command by command in a fresh folder
holding the README's story.md, through the installed `cleaner` in real processes (no terminal,
so no colour). When a rule's summary changes, this test shows the output to paste back.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CLEANER = str(Path(sys.executable).parent / "cleaner")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else None]


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def run(cmd: str, cwd: Path) -> tuple[str, int]:
    argv = shlex.split(cmd)
    assert argv[0] == "cleaner"
    env = dict(os.environ, PYTHONUNBUFFERED="1")  # stdout and stderr in the order a terminal shows
    env.pop("NO_COLOR", None)
    proc = subprocess.run([CLEANER, *argv[1:]], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return proc.stdout, proc.returncode


def test_linter_session_verbatim(tmp_path):
    part = section("Check, fix, explain")
    (tmp_path / "story.md").write_text(blocks(part, "markdown")[0], encoding="utf-8")
    session = blocks(part, "console")[0]
    steps = re.split(r"^\$ ", session, flags=re.M)[1:]
    codes = []
    for step in steps:
        cmd, _, expected = step.partition("\n")
        got, code = run(cmd, tmp_path)
        codes.append(code)
        assert got == expected, f"README.md is out of date for `{cmd}`; it prints:\n{got}"
    assert codes == [1, 0, 1, 1, 0, 0]  # check, explain, check --diff, fix, fix again, check --format json


EXIT_TABLE = """\
| command | 0 | 1 | 2 |
|---|---|---|---|
| `cleaner check` | nothing would be removed | something would be removed | usage, configuration or rule error, or a file that cannot be read |
| `cleaner fix` | no file changed | a file was changed (pre-commit's fixer convention) | as for check |
| `cleaner explain` | the files were shown | (not used) | as for check |
"""


def test_exit_code_table(tmp_path):
    assert EXIT_TABLE in section("Check, fix, explain")
    doc = tmp_path / "a.txt"
    doc.write_text("The council approved the budget on Monday after a long debate.\n\nShare this article\n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert run("cleaner explain a.txt", tmp_path)[1] == 0
    assert run("cleaner check a.txt", tmp_path)[1] == 1
    assert run("cleaner fix a.txt", tmp_path)[1] == 1
    assert run("cleaner fix a.txt", tmp_path)[1] == 0
    assert run("cleaner check a.txt", tmp_path)[1] == 0
    for cmd in ("check", "fix", "explain"):
        assert run(f"cleaner {cmd} bin.txt", tmp_path)[1] == 2  # cannot be read as text
        assert run(f"cleaner {cmd} --select NOPE a.txt", tmp_path)[1] == 2  # usage / configuration
        assert run(f"cleaner {cmd} --bogus a.txt", tmp_path)[1] == 2


def test_configuration_example_is_valid(tmp_path):
    example = blocks(section("Configuration"), "toml")[0]
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    (tmp_path / "house_rules").mkdir()
    (tmp_path / "a.txt").write_text("The council approved the budget on Monday after a long debate.\n\nShare this article\n")
    out, code = run("cleaner check a.txt", tmp_path)
    assert (out, code) == ("a.txt:3:1: SH001 " + out.split(" SH001 ", 1)[1], 1)
