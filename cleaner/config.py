"""Project configuration: `[tool.cleaner]` in pyproject.toml, or a `.cleaner.toml`.

The file that applies to a document is the nearest one found walking up from the document's
folder (from the working directory for standard input), like ruff and sqlfluff: a repository can
keep one configuration at its root and a sub-folder can override it. That is for check/fix/explain
on a repository; `clean` starts from the working directory instead (cli.py), since a folder of
scraped data is untrusted and must not configure its own cleaning. In one folder
`.cleaner.toml` wins over pyproject.toml; a pyproject.toml without `[tool.cleaner]` is passed by.

Loading is strict, like rule files: an unknown key or a wrong type stops the run with one line
naming the file and the key (exit 2), so a typo never silently changes what gets removed. This
module only parses; rule ids are checked against the loaded rules by the caller.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .io import MAX_MB_LIMIT, read_config_text
from .suggest import unknown_key

FILES = (".cleaner.toml", "pyproject.toml")
FORMATS = ("text", "json")
COLORS = ("auto", "always", "never")
CODE_KEYS = ("select", "ignore", "extend-select")


class ConfigError(Exception):
    """A configuration file is broken. str(err) is the one-line message shown to the user."""


@dataclass(frozen=True)
class Config:
    """Settings from one configuration file (or none), with command-line overrides applied.

    A key that is None was set by neither; `from_cli` names the keys a flag set, so an error
    about them can say "--ignore" instead of pointing at a file that does not contain them.
    """

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    rules: tuple[Path, ...] | None = None
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] | None = None
    format: str | None = None
    color: str | None = None
    metadata: bool | None = None
    max_mb: float | None = None
    from_cli: frozenset[str] = field(default=frozenset())

    @property
    def root(self) -> Path:
        """The folder relative paths in the file are resolved against."""
        return self.path.parent if self.path is not None else Path.cwd()

    def where(self, key: str) -> str:
        """Where a key's value came from, for error messages: '--ignore' or 'file: [tool.cleaner] ignore'."""
        if key in self.from_cli:
            return f"--{key}"
        if self.path is None:
            return key
        table = "[tool.cleaner] " if self.path.name == "pyproject.toml" else ""
        return f"{_show(self.path)}: {table}{key}"

    def override(self, **cli: Any) -> "Config":
        """Command-line flags win: each flag that was given replaces the key of the same name."""
        given = {k: v for k, v in cli.items() if v is not None}
        names = frozenset(k.replace("_", "-") for k in given)
        return replace(self, **given, from_cli=self.from_cli | names)

    def ignores_for(self, path: Path) -> list[tuple[str, tuple[str, ...]]]:
        """The per-path-ignores entries (glob, codes) whose glob matches `path` (see `matches`)."""
        if not self.per_path_ignores:
            return []
        rel = self.relative(path)
        return [(glob, codes) for glob, codes in self.per_path_ignores if matches(rel, glob)]

    def includes(self, path: Path) -> bool:
        """Whether `path` is one of the documents `include` selects (the pre-commit hooks' `--hook`)."""
        rel = self.relative(path)
        return any(matches(rel, glob) for glob in self.include or ())

    def relative(self, path: Path) -> str:
        """`path` relative to the configuration file's folder, as globs in the file see it."""
        absolute = Path(os.path.abspath(path))
        for root, target in ((Path(os.path.abspath(self.root)), absolute), (self.root.resolve(), absolute.resolve())):
            try:
                return target.relative_to(root).as_posix()
            except ValueError:
                continue
        return path.as_posix()


def matches(rel: str, glob: str) -> bool:
    """Whether a path relative to a configuration file matches one of its globs.

    fnmatch, where `*` also crosses `/`; `**/` also matches no folder at all, so
    "data/**/*.txt" takes data/a.txt as well as data/x/a.txt (as in .gitignore); a glob without
    `/` is also tried against the file name alone, so "*.html" matches at any depth.
    """
    parts = glob.split("**/")
    n = len(parts) - 1
    for joints in itertools.product(("**/", ""), repeat=n) if n <= 8 else [("**/",) * n]:
        variant = parts[0] + "".join(j + p for j, p in zip(joints, parts[1:]))
        if fnmatch.fnmatchcase(rel, variant):
            return True
    return "/" not in glob and fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], glob)


def _show(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


_found: dict[Path, Path | None] = {}


def find(start: Path) -> Path | None:
    """The configuration file that governs `start` (a file or folder), or None."""
    folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    seen: list[Path] = []
    result: Path | None = None
    for d in (folder, *folder.parents):
        if d in _found:
            result = _found[d]
            break
        seen.append(d)
        hit = _config_in(d)
        if hit is not None:
            result = hit
            break
    for d in seen:
        _found[d] = result
    return result


def _config_in(folder: Path) -> Path | None:
    # a FIFO or a device under a configuration file's name is found, and load() reports it
    dot = folder / ".cleaner.toml"
    if dot.exists() and not dot.is_dir():
        return dot
    py = folder / "pyproject.toml"
    if py.exists() and not py.is_dir():
        import tomllib  # only when there is a file to read (a few ms of a cold check)

        try:
            data = tomllib.loads(read_config_text(py))
        except (OSError, ValueError, tomllib.TOMLDecodeError, RecursionError):
            return py  # let load() report it: a broken pyproject.toml must not be skipped silently
        if isinstance(data.get("tool"), dict) and "cleaner" in data["tool"]:
            return py
    return None


_loaded: dict[Path, Config] = {}


def for_path(start: Path) -> Config:
    """The (cached) configuration for a document or folder; an empty Config when there is none."""
    path = find(start)
    return load(path) if path is not None else Config()


def load(path: Path) -> Config:
    """Parse one configuration file; raise ConfigError naming the file and the key."""
    path = Path(os.path.abspath(path))
    if path in _loaded:
        return _loaded[path]
    shown = _show(path)
    try:
        text = read_config_text(path)  # only a regular file, bounded: a FIFO must not hang the loader
    except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        raise ConfigError(f"{shown}: cannot read: {exc}") from None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib's parser recurses once per level of nested arrays or tables
        raise ConfigError(f"{shown}: invalid TOML: nested too deeply") from None
    prefix = f"{shown}: "
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("cleaner", {}) if isinstance(tool, dict) else {}
        prefix += "[tool.cleaner] "
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: [tool.cleaner] must be a table")
    config = _parse(table, path, prefix)
    _loaded[path] = config
    return config


KEYS = (*CODE_KEYS, "rules", "include", "per-path-ignores", "format", "color", "metadata", "max-mb")


def _parse(table: dict[str, Any], path: Path, prefix: str) -> Config:
    def fail(key: str, msg: str) -> ConfigError:
        return ConfigError(f"{prefix}{key}: {msg}")

    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{prefix.rstrip().rstrip(':')}: {unknown_key(key, KEYS, listing=True)}")

    def strings(key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(key, f"must be a list of strings (got {value!r})")
        return tuple(v.strip() for v in value)

    def choice(key: str, choices: tuple[str, ...]) -> str | None:
        value = table.get(key)
        if value is not None and value not in choices:
            raise fail(key, f"must be one of {', '.join(choices)} (got {value!r})")
        return value

    codes = {k: strings(k, table[k]) if k in table else None for k in CODE_KEYS}
    rules = None
    if "rules" in table:
        rules = tuple(path.parent / p for p in strings("rules", table["rules"]))
    include = strings("include", table["include"]) if "include" in table else None
    per_path: list[tuple[str, tuple[str, ...]]] = []
    ppi = table.get("per-path-ignores", {})
    if not isinstance(ppi, dict):
        raise fail("per-path-ignores", "must be a table of glob = [rule ids]")
    for glob, value in ppi.items():
        per_path.append((glob, strings(f"per-path-ignores.{glob!r}", value)))
    metadata = table.get("metadata")
    if metadata is not None and not isinstance(metadata, bool):
        raise fail("metadata", f"must be true or false (got {metadata!r})")
    max_mb = table.get("max-mb")
    if max_mb is not None and (isinstance(max_mb, bool) or not isinstance(max_mb, (int, float)) or not 0 < max_mb <= MAX_MB_LIMIT):
        raise fail("max-mb", f"must be a positive number, at most {MAX_MB_LIMIT} (got {max_mb!r})")
    return Config(
        path=path,
        select=codes["select"],
        ignore=codes["ignore"],
        extend_select=codes["extend-select"],
        rules=rules,
        per_path_ignores=tuple(per_path),
        include=include,
        format=choice("format", FORMATS),
        color=choice("color", COLORS),
        metadata=metadata,
        max_mb=float(max_mb) if max_mb is not None else None,
    )
