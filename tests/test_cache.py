"""The rule cache (cleaner/rulecache.py): a cold start reads the parsed rules instead of parsing
the packs, and never returns stale rules, never fails because of the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import rulecache
from cleaner.pipeline import Options, clean
from cleaner.ruleset import builtin_rules_dir, load_rules

PACK = """[pack]
prefix = "ZZ"

[[rule]]
id = "ZZ001"
name = "zz-test"
summary = "A test rule."
why = "Tests."
scope = "line"
action = "drop"
patterns = ['(?i)^{word}$']

[[rule.example]]
match = "{word}"

[[rule.example]]
no_match = "The {word} of the council met."
"""


def _pack(folder: Path, word: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "zz.toml").write_text(PACK.replace("{word}", word), encoding="utf-8")
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("rules-*.pickle"))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(rulecache.ENV_DIR, str(where))
    monkeypatch.delenv(rulecache.ENV_OFF, raising=False)
    monkeypatch.setattr(rulecache, "_disabled", False)
    return where


def _ids(rules) -> list[str]:
    return [r.id for r in rules.rules]


def test_the_second_load_reads_the_entry_and_gives_the_same_rules(cache):
    first = load_rules(include_opt_in=True)
    assert len(_entries(cache)) == 1
    second = load_rules(include_opt_in=True)
    assert _ids(first) == _ids(second)
    assert [r.phrases for r in first.rules] == [r.phrases for r in second.rules]
    assert [[p.pattern for p in r.patterns] for r in first.rules] == [[p.pattern for p in r.patterns] for r in second.rules]
    assert first.rules[0] is not second.rules[0]  # read from the entry, not kept in memory


def test_an_edited_rule_file_is_seen_at_once(cache, tmp_path):
    folder = _pack(tmp_path / "pack", "alpha")
    doc = "The council met on Monday to approve the budget.\n\nalpha\n\nbravo\n"
    opts = Options(load_rules([folder], select=["ZZ"]))
    assert "alpha" not in clean(doc, opts).text
    _pack(folder, "bravo")  # same size, within the same second: the contents decide
    opts = Options(load_rules([folder], select=["ZZ"]))
    out = clean(doc, opts).text
    assert "alpha" in out and "bravo" not in out


def test_an_added_and_a_removed_pack_are_seen(cache, tmp_path):
    folder = _pack(tmp_path / "pack", "alpha")
    assert "ZZ001" in _ids(load_rules([folder], include_opt_in=True))
    (folder / "zz.toml").rename(folder / "zz.toml.off")
    assert "ZZ001" not in _ids(load_rules([folder], include_opt_in=True))
    (folder / "zz.toml.off").rename(folder / "zz.toml")
    assert "ZZ001" in _ids(load_rules([folder], include_opt_in=True))


def test_a_phrase_file_edit_is_seen(cache, tmp_path):
    folder = tmp_path / "pack"
    (folder / "words" ).mkdir(parents=True)
    (folder / "words" / "en.txt").write_text("first phrase here\n", encoding="utf-8")
    (folder / "zz.toml").write_text(
        '[pack]\nprefix = "ZZ"\n\n[[rule]]\nid = "ZZ002"\nname = "zz-phrases"\nsummary = "s"\nwhy = "w"\n'
        'scope = "line"\naction = "drop"\nphrase_files = ["words"]\n'
        '[[rule.example]]\nmatch = "first phrase here"\n[[rule.example]]\nno_match = "The first phrase here is prose."\n',
        encoding="utf-8")
    rules = load_rules([folder], select=["ZZ"])
    assert rules.get("ZZ002").phrases == (("en", ("first phrase here",)),)
    (folder / "words" / "de.txt").write_text("zweiter satz hier\n", encoding="utf-8")
    rules = load_rules([folder], select=["ZZ"])
    assert dict(rules.get("ZZ002").phrases) == {"en": ("first phrase here",), "de": ("zweiter satz hier",)}


def test_a_corrupt_or_truncated_entry_is_rebuilt(cache):
    expected = _ids(load_rules(include_opt_in=True))
    (entry,) = _entries(cache)
    data = entry.read_bytes()
    for bad in (b"", b"not a pickle", data[: len(data) // 2]):
        entry.write_bytes(bad)
        assert _ids(load_rules(include_opt_in=True)) == expected
        assert entry.read_bytes() != bad  # rewritten whole


def test_a_broken_rule_file_raises_as_without_the_cache_and_is_not_cached(cache, tmp_path):
    folder = _pack(tmp_path / "pack", "alpha")
    (folder / "zz.toml").write_text("[[rule]\n", encoding="utf-8")
    from cleaner.ruleset import RuleError

    for _ in range(2):
        with pytest.raises(RuleError, match="invalid TOML"):
            load_rules([folder])
    assert all(e.stat().st_size for e in _entries(cache))


def test_a_read_only_cache_folder_works(cache, monkeypatch):
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # as in a read-only home (root may write anyway)
    assert load_rules().rules
    assert load_rules().rules
    assert _entries(cache) == []


def test_an_unwritable_cache_path_works(cache, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(rulecache.ENV_DIR, str(blocker / "cache"))  # under a file: cannot be made
    assert load_rules().rules
    assert load_rules().rules


def test_off_by_environment_and_by_flag(cache, monkeypatch):
    monkeypatch.setenv(rulecache.ENV_OFF, "1")
    load_rules()
    assert not cache.exists()
    monkeypatch.delenv(rulecache.ENV_OFF)
    rulecache.disable()
    load_rules()
    assert not cache.exists()


def test_cli_no_cache_flag(cache, tmp_path):
    from typer.testing import CliRunner

    from cleaner.cli import app

    doc = tmp_path / "a.txt"
    doc.write_text("The council approved the budget on Monday.\n\nShare this article\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-cache", "check", str(doc)])
    assert "SH001" in result.output
    assert not cache.exists()


def test_cache_dir_follows_xdg_and_home(monkeypatch, tmp_path):
    monkeypatch.delenv(rulecache.ENV_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert rulecache.cache_dir() == tmp_path / "xdg" / "cleaner"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert rulecache.cache_dir() == tmp_path / "home" / ".cache" / "cleaner"


def test_the_prebuilt_phrase_index_is_used_and_matches_a_fresh_one(cache):
    from cleaner import engine
    from cleaner.phrases import PhraseIndex

    load_rules()
    rules = load_rules()  # from the entry, with its index
    own = tuple(r for r in rules.rules if r.phrases or r.phrase_row)
    index = rulecache.prebuilt(own)
    assert index is not None
    fresh = PhraseIndex(rules.rules)
    assert index.table == fresh.table and index.sections == fresh.sections
    assert (index.first_words, index.spaceless, index.max_len, index.odd_start) == (
        fresh.first_words, fresh.spaceless, fresh.max_len, fresh.odd_start)
    assert engine._phrase_index(rules) is index
    for line in ("Share this article", "Teilen", "Read more", "The council met on Monday."):
        assert index.match(line) == fresh.match(line)


def test_different_sources_get_different_entries(cache, tmp_path):
    load_rules()
    load_rules([_pack(tmp_path / "pack", "alpha")])
    assert len(_entries(cache)) == 2
    assert rulecache.entry_path([builtin_rules_dir()]) in _entries(cache)


def test_old_entries_are_pruned(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(rulecache, "KEEP_ENTRIES", 2)
    for i in range(4):
        load_rules([_pack(tmp_path / f"pack{i}", "alpha")])
    assert len(_entries(cache)) == 2


def test_compiled_patterns_are_kept_and_read_back(cache, monkeypatch):
    import regex

    source, flags = r"(?i)^zz-test (?:alpha|bravo)\b", regex.MULTILINE
    monkeypatch.setattr(rulecache, "_programs", None)
    first = rulecache.compile_pattern(source, flags)
    rulecache.save_programs()
    monkeypatch.setattr(rulecache, "_programs", None)  # a new process
    programs = rulecache._load_programs()
    assert (source, flags) in programs
    again = rulecache.compile_pattern(source, flags)
    assert (again.pattern, again.flags) == (first.pattern, first.flags)
    assert again.search("x\nZZ-test Bravo") and not again.search("zz-test alphas")


def test_a_corrupt_pattern_file_is_ignored(cache, monkeypatch):
    import regex

    cache.mkdir()
    rulecache._programs_path().write_bytes(b"garbage")
    monkeypatch.setattr(rulecache, "_programs", None)
    assert rulecache.compile_pattern("^a+$", 0).fullmatch("aaa")
    assert rulecache.compile_pattern("^a+$", regex.I).fullmatch("AaA")


def test_a_fifo_rule_file_does_not_hang_the_cache(cache, tmp_path):
    """The loader refuses a FIFO (it would block a read); recording it for the cache must not
    open it either (this hung before the cache checked for a regular file)."""
    import os

    from cleaner.ruleset import RuleError

    folder = tmp_path / "pack"
    folder.mkdir()
    os.mkfifo(folder / "zz.toml")
    with pytest.raises(RuleError, match="not a regular file|cannot read"):
        load_rules([folder])
