"""The word tables of the metadata step, read from rules/data/metadata.toml.

Why a data file: the words (role names, month names in many languages, byline labels, interface
words) are what a user extends for a new language or a site's convention, so they live in rules/
like the rule packs; cleaner/metadata.py keeps only how the words become patterns.

Why lazily: the file is read on the first document that needs a table (a byline, a date, a
page head), never at import, so `cleaner check` start-up does not pay for it. It is read once a
process (functools.cache).

Why strict: like a rule pack, a broken file stops the run with one line naming the file and the
key (TableError is a RuleError, which the command line prints as one line), never a traceback
or a silently empty table.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .ruleset import RuleError, builtin_rules_dir, read_toml

DATA_FILE = Path("data") / "metadata.toml"  # under the built-in rules folder (cleaner/_rules in the wheel)

# The tables metadata.py reads: section -> keys. Every one must be there, and nothing else
# (a misspelt key would otherwise be ignored). [months] takes any keys: one array a language.
SCHEMA: dict[str, tuple[str, ...]] = {
    "names": ("joins", "joins_spaced", "prefixes", "role_modifiers", "roles", "outlet_words"),
    "page_authors": ("prefixes", "joins", "not_names", "web_suffixes", "editor_labels", "editor_phrases",
                     "credit_sources", "comment_verbs", "feed_suffixes", "authority_words"),
    "dates": (
        "not_english", "noise", "time_words", "time_prepositions", "time_suffixes", "stamp_connectors", "update_labels",
        "relative_before", "relative_units", "relative_days", "weekdays", "weekday_abbreviations",
        "month_first_languages",
    ),
    "headline": (
        "breadcrumb_home", "byline_labels", "byline_labels_alone", "byline_phrases", "byline_cjk_after", "byline_cjk_before", "byline_joins", "name_particles",
        "credits_in_parens", "credit_labels", "credits_at_end", "credits_after_slash", "interface", "interface_bar", "byline_place_words",
        "byline_roles", "byline_role_modifiers", "source_lines",
    ),
    "head_byline": (
        "labels", "labels_colon", "column_kinds", "joins", "name_particles", "role_modifiers", "roles", "published_labels",
        "not_names", "interface", "not_first_words", "not_name_words", "comma_desk_words", "date_connectors",
        "list_headings", "outlet_words", "outlet_first_words", "outlet_first_or_last_words", "section_words", "particles_after_particle",
        "outlet_articles",
    ),
    "evidence": ("not_metadata", "not_title", "body_ends", "teasers"),
    "page_title": ("separators", "site_separators", "host_articles", "site_name_meta"),
    "page_byline": ("classes", "not_classes"),
    "html_byline": ("microformats", "desk_words", "placeholders", "roles", "lead_words", "collective"),
    "page_date": ("labels",),
}
MONTHS = "months"


class TableError(RuleError):
    """A broken word-table file; the message is one line naming the file and the key."""


@dataclass(frozen=True)
class WordTables:
    """The tables of one file: `words("names.roles")` -> the entries, in file order."""

    path: Path
    tables: dict[str, tuple[str, ...]]  # "section.key" -> entries
    months: dict[str, int]  # month name or abbreviation (lower case) -> 1..12

    def words(self, key: str) -> tuple[str, ...]:
        return self.tables[key]

    def alternatives(self, *keys: str) -> str:
        """The entries of the keys, in order, joined with `|`, for a pattern: 'a|b|c'. (Several
        keys: a word list two patterns share is written once in the file, each pattern joins it
        to its own list.)"""
        return "|".join(x for key in keys for x in self.tables[key])


def data_path() -> Path:
    return builtin_rules_dir() / DATA_FILE


@functools.cache
def tables() -> WordTables:
    """The shipped tables, read on first use and kept for the process."""
    return load(data_path())


def load(path: Path) -> WordTables:
    """Read and check one table file, or raise TableError naming the file and the key."""
    data = read_toml(path, TableError)
    unknown = sorted(set(data) - set(SCHEMA) - {MONTHS})
    if unknown:
        raise TableError(f"{path}: unknown table {unknown[0]!r} (expected {', '.join([*SCHEMA, MONTHS])})")
    out: dict[str, tuple[str, ...]] = {}
    for section, keys in SCHEMA.items():
        table = _table(path, data, section)
        extra = sorted(set(table) - set(keys))
        if extra:
            raise TableError(f"{path}: {section}.{extra[0]}: unknown key (expected {', '.join(keys)})")
        for key in keys:
            if key not in table:
                raise TableError(f"{path}: {section}.{key}: missing")
            out[f"{section}.{key}"] = _strings(path, f"{section}.{key}", table[key])
    return WordTables(path, out, _months(path, _table(path, data, MONTHS)))


def _table(path: Path, data: dict, section: str) -> dict:
    if section not in data:
        raise TableError(f"{path}: [{section}]: missing")
    if not isinstance(data[section], dict):
        raise TableError(f"{path}: {section}: must be a table ([{section}])")
    return data[section]


def _strings(path: Path, where: str, value: object) -> tuple[str, ...]:
    """A non-empty array of non-empty strings."""
    if not isinstance(value, list) or not value:
        raise TableError(f"{path}: {where}: must be a non-empty array of strings (got {value!r})")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise TableError(f"{path}: {where}: every entry must be a non-empty string (got {item!r})")
    return tuple(value)


def _months(path: Path, table: dict) -> dict[str, int]:
    """month word -> number; each array lists the twelve months, January first."""
    months: dict[str, int] = {}
    for lang, names in table.items():
        where = f"{MONTHS}.{lang}"
        names = _strings(path, where, names)
        if len(names) != 12:
            raise TableError(f"{path}: {where}: must list the twelve months, January first (got {len(names)})")
        for i, name in enumerate(names):
            months[name.lower()] = i + 1
    return months
