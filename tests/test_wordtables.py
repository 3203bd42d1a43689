"""The metadata step's word tables (rules/data/metadata.toml): shipped file, strict loading."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cleaner import load_rules, metadata, wordtables
from cleaner.cli import app
from cleaner.wordtables import SCHEMA, TableError, load


def test_shipped_file_loads_with_every_table():
    t = wordtables.load(wordtables.data_path())
    for section, keys in SCHEMA.items():
        for key in keys:
            assert t.words(f"{section}.{key}"), f"{section}.{key}"
    assert t.months["juni"] == 6 and t.months["déc"] == 12 and t.months["may"] == 5


def test_data_file_is_not_a_rule_pack():
    origins = {r.origin for r in load_rules(include_opt_in=True).rules}
    assert not any("metadata.toml" in o for o in origins)


def _broken(tmp_path, old: str, new: str):
    text = wordtables.data_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "metadata.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("joins_spaced = ", "joins_spaces = ", r"metadata\.toml: names\.joins_spaces: unknown key"),
        ("web_suffixes = ['com', 'org', 'net']", "web_suffixes = []", r"metadata\.toml: page_authors\.web_suffixes: must be"),
        ("noise = ['at']", "noise = ['at', 3]", r"metadata\.toml: dates\.noise: every entry must be a non-empty string"),
        ("'dezember']", "]", r"metadata\.toml: months\.de: must list the twelve months"),
        ("[dates]", "[dates", r"metadata\.toml: invalid TOML"),
        ("[head_byline]", "[head_bylines]", r"metadata\.toml: unknown table 'head_bylines'"),
    ],
)
def test_broken_file_is_one_clear_line(tmp_path, old, new, message):
    with pytest.raises(TableError, match=message) as err:
        load(_broken(tmp_path, old, new))
    assert "\n" not in str(err.value)


@pytest.fixture
def broken_tables(tmp_path, monkeypatch):
    """The shipped tables replaced by a file with a bad pattern entry, caches emptied around."""
    path = _broken(tmp_path, "'Redakteur(?:in)?', 'Online", "'Redakteur(?:in', 'Online")

    def reset():
        wordtables.tables.cache_clear()
        metadata._name_patterns.cache_clear()
        for cache in (metadata._HL, metadata._BY, metadata._HD):
            cache.clear()

    reset()
    monkeypatch.setattr(wordtables, "data_path", lambda: path)
    yield path
    monkeypatch.undo()
    reset()


def test_bad_pattern_entry_names_file_and_key(broken_tables):
    with pytest.raises(TableError, match=r"metadata\.toml: names\.roles: bad pattern 'Redakteur\(\?:in'"):
        metadata.split_names("Jane Doe Political Correspondent")


def test_cli_exits_2_with_one_line(broken_tables, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("By Jane Doe\n\nThe council approved the budget on Monday.\n")
    res = CliRunner().invoke(app, ["clean", str(doc)])
    assert res.exit_code == 2
    assert "names.roles: bad pattern" in res.output
    assert "Traceback" not in res.output


def test_alternatives_joins_several_keys_in_order():
    """A word list two patterns share is written once; each pattern joins it to its own list."""
    t = wordtables.load(wordtables.data_path())
    both = t.alternatives("dates.time_words", "dates.stamp_connectors").split("|")
    assert both == [*t.words("dates.time_words"), *t.words("dates.stamp_connectors")]
    assert t.alternatives("dates.noise") == "|".join(t.words("dates.noise"))


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("5. Juni 2025 um 14:46", "2025-06-05T14:46"),  # time_words, in both patterns
        ("5 de junio de 2025 a las 14:46", "2025-06-05T14:46"),  # time_prepositions / stamp_connectors' own
        ("5 maja 2025 o godz. 10:15", "2025-05-05T10:15"),
    ],
)
def test_shared_time_words_read_by_both_date_patterns(stamp, day):
    assert metadata.line_stamp(stamp) == day
