"""`cleaner check` stays lean at start-up: the pre-commit hook pays it on every commit.

Timing is measured by benchmarks/startup.py (a test on a shared machine would be flaky); this
test pins down the cause instead: the modules a small check must not import.
"""

from __future__ import annotations

import subprocess
import sys

import typer.core

HEAVY = ["rich", "trafilatura", "charset_normalizer", "dateutil", "cleaner.batch", "cleaner.html", "importlib.metadata",
         "pycld2",  # pycld2: the language identifier (check builds no metadata record, so never)
         "dateparser",  # the metadata record's dates: check does not build the record
         "concurrent.futures.process", "multiprocessing"]  # the worker pool: only with --jobs > 1


def test_check_imports_nothing_heavy(tmp_path):
    doc = tmp_path / "small.txt"
    doc.write_text("The council approved the budget on Monday.\n\nShare this article\n")
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from cleaner.cli import main; main()", "check", str(doc)],
        capture_output=True, text=True, cwd=tmp_path,
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
