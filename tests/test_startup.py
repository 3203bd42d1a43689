"""`cleaner check` stays lean at start-up: the pre-commit hook pays it on every commit.

Timing is measured by benchmarks/startup.py (a test on a shared machine would be flaky); this
test pins down the cause instead: the modules a small check must not import.
"""

from __future__ import annotations

import os
import subprocess
import sys

import typer.core

HEAVY = ["rich", "trafilatura", "charset_normalizer", "dateutil", "cleaner.batch", "cleaner.html", "importlib.metadata",
         "pycld2",  # pycld2: the language identifier (check builds no metadata record, so never)
         "dateparser",  # the metadata record's dates: check does not build the record
         "concurrent.futures.process", "multiprocessing",  # the worker pool: only with --jobs > 1
         "re2"]  # google-re2: only with CLEANER_MATCHER=re2 (the set is off by default)


def test_check_imports_nothing_heavy(tmp_path):
    doc = tmp_path / "small.txt"
    doc.write_text("The council approved the budget on Monday.\n\nShare this article\n")
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from cleaner.cli import main; main()", "check", str(doc)],
        capture_output=True, text=True, cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "CLEANER_MATCHER"},  # the default matcher
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr[-2000:]
    modules = {ln.split("|")[-1].strip() for ln in proc.stderr.splitlines() if ln.startswith("import time:")}
    assert "cleaner.lint" in modules
    heavy = list(HEAVY)
    if hasattr(typer.core, "_TyperParameter") and hasattr(typer.core._TyperParameter, "get_runtime_param"):
        heavy.append("pydantic")  # typer's pydantic coercion is bypassed (cli.FastCommand)
    assert [m for m in heavy if m in modules] == []


def test_builtin_patterns_are_compiled_lazily_and_all_compile():
    """Built-in patterns compile on first use (start-up); this test compiles every one of them."""
    from cleaner import load_rules
    from cleaner.ruleset import LazyPattern

    rules = load_rules(include_opt_in=True).rules
    patterns = [p for r in rules for p in (*r.patterns, *r.unless, *r.requires, *(x for _, x in r.extract))]
    assert patterns and all(isinstance(p, LazyPattern) for p in patterns)
    for p in patterns:
        assert isinstance(p.groupindex, dict)  # compiles it; a broken one raises RuleError naming file and id


def test_check_without_the_metadata_record_finds_the_same(options):
    """`cleaner check` cleans with Options(metadata=False): text, removals and origins as with it."""
    from dataclasses import replace

    from cleaner.pipeline import clean

    doc = ("Breaking: Council approves budget\nBy Jane Doe, Reuters\nMarch 3, 2024\n\n"
           "The council approved the budget on Monday after a long debate.\n\nShare this article\n"
           "Read more: Other story\n")
    full, lean = clean(doc, options), clean(doc, replace(options, metadata=False))
    assert (lean.text, lean.removed, lean.origins, lean.errors) == (full.text, full.removed, full.origins, full.errors)
    assert "title" not in lean.metadata and lean.metadata["words_in"] == full.metadata["words_in"]


def _main_in_child(tmp_path, setup: str, report: str, *args: str, skip: int = 1) -> str:
    """Run cli.main() in a child Python, in `tmp_path` with three small files, after `setup`
    (which imports cli), with the child's arguments from `skip` on as the command line; print
    `report` after it and return that last line of the output. An atexit callback keeps main's
    usual exit (see test_check_ends_at_once_...), so the report is printed."""
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("The council approved the budget on Monday.\n\nShare this article\n")
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: None)\n"
        + setup
        + f"sys.argv = ['cleaner', *sys.argv[{skip}:]]\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print({report})\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path)
    return done.stdout.strip().splitlines()[-1]


def test_the_collector_is_off_only_while_check_starts(tmp_path):
    """cli.main turns the garbage collector off for the start-up only: check lints its first file
    with it off, the next ones with it on, and main leaves it as it found it."""
    setup = (
        "from cleaner import cli, lint\n"
        "seen = []\n"
        "real = lint.Linter.lint\n"
        "def spy(self, *a, **k):\n"
        "    seen.append(gc.isenabled())\n"
        "    return real(self, *a, **k)\n"
        "lint.Linter.lint = spy\n"
    )
    run = lambda *args: _main_in_child(tmp_path, setup, "seen, gc.isenabled()", *args)  # noqa: E731
    assert run("check", "-q", "a.txt", "b.txt", "c.txt") == "[False, True, True] True"
    assert run("rules", "list").endswith("[] True")


def test_the_cache_read_leaves_the_collector_as_it_was(tmp_path, monkeypatch):
    import gc

    from cleaner import rulecache
    from cleaner.ruleset import load_rules

    monkeypatch.setenv(rulecache.ENV_DIR, str(tmp_path))
    monkeypatch.delenv(rulecache.ENV_OFF, raising=False)
    load_rules()  # writes the entry
    assert gc.isenabled()
    load_rules()  # reads it
    assert gc.isenabled()
    gc.disable()
    try:
        load_rules()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_prefilter_adds_keywords_in_the_same_order_as_the_rank_tuples():
    """prefilter._insertion_key (a string of ranks) sorts as the tuple of ranks it replaced."""
    import random

    from cleaner import load_rules
    from cleaner.prefilter import _COMMON_FIRST, _insertion_key

    def ranks(keyword: str) -> tuple[int, ...]:
        return tuple(_COMMON_FIRST.get(c, 1000 + ord(c)) for c in keyword)

    keywords = {k for r in load_rules(include_opt_in=True).rules for k in r.keywords}
    rng = random.Random(5)
    pool = list(" etaoin.,#$&*+~\x00\x7f€éßж中😀İ") + [chr(0x10FFFF - 100), chr(0xD7FF)]
    keywords |= {"".join(rng.choice(pool) for _ in range(rng.randint(0, 6))) for _ in range(5000)}
    assert sorted(keywords, key=_insertion_key) == sorted(keywords, key=ranks)


def test_the_start_up_objects_are_frozen_once_when_the_collector_comes_back(tmp_path):
    """The objects the start-up allocated (modules, the command line, the rules) live as long as
    the process: `_gc_on` freezes them (gc.freeze) once, as it turns the collector back on, so no
    collection walks them again (nor the interpreter's last one at exit). Not when the collector
    was off before main (then main leaves it alone)."""
    setup = (
        "if sys.argv[1] == 'off':\n"
        "    gc.disable()\n"
        "from cleaner import cli\n"
        "calls = []\n"
        "real = gc.freeze\n"
        "gc.freeze = lambda: (calls.append(1), real())[1]\n"
    )
    report = "len(calls), gc.get_freeze_count() > 0, gc.isenabled()"
    run = lambda *args: _main_in_child(tmp_path, setup, report, *args, skip=2)  # noqa: E731
    assert run("on", "check", "-q", "a.txt", "b.txt", "c.txt") == "1 True True"
    assert run("on", "rules", "list").endswith("1 True True")
    assert run("off", "check", "-q", "a.txt", "b.txt") == "0 False False"


def test_check_ends_at_once_only_when_nothing_is_left_for_exit(tmp_path):
    """cli.main ends a `check` process with os._exit (no interpreter teardown) when no atexit
    callback, no other thread is left: same output and exit code. A first run compiles
    patterns, whose cache is written by an atexit callback: that run exits as usual and the
    compiled-pattern cache is there afterwards."""
    (tmp_path / "a.txt").write_text("The council approved the budget on Monday.\n\nShare this article\n")
    (tmp_path / "b.txt").write_text("The council approved the budget on Monday.\n")
    code = (
        "import os, sys\n"
        "real = os._exit\n"
        "def spy(code):\n"
        "    sys.stderr.write(f'_exit {code}\\n')\n"
        "    sys.stderr.flush()\n"
        "    real(code)\n"
        "os._exit = spy\n"
        "from cleaner.cli import main\n"
        "sys.argv[0] = 'cleaner'\n"
        "main()\n"
    )
    env = {**os.environ, "CLEANER_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CLEANER_NO_CACHE", None)
    run = lambda *args: subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path, env=env)  # noqa: E731
    first = run("check", "a.txt")
    assert "_exit" not in first.stderr and list((tmp_path / "cache").glob("patterns-*.pickle"))
    again = run("check", "a.txt")
    assert again.returncode == first.returncode == 1
    assert again.stdout == first.stdout and again.stdout.startswith("a.txt:3:1: SH001 ")
    assert again.stderr == "_exit 1\n"
    clean = run("check", "b.txt")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "No findings in 1 file.\n", "_exit 0\n")
    assert "_exit" not in run("rules", "list").stderr  # other commands exit as usual
