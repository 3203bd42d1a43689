"""check / fix / explain on files in place: one Outcome per file, nothing printed here.

A file is read as bytes, decoded (its encoding is kept for writing back), turned into a view
(views.py), cleaned by the one pipeline with the rules its configuration, its per-path ignores
and its inline `cleaner: ignore` markers leave, and the cleaning is mapped back onto the file
(fix.py). Findings carry file lines and columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fix, views
from .config import Config, ConfigError, for_path, load
from .decode import NotText, decode_bytes
from .io import atomic_write, read_input
from .pipeline import Options, Result, clean
from .plugins import Pack
from .ruleset import RuleSet, load_rules


class LintError(Exception):
    """A file could not be checked (unreadable, not text, a rule timed out, a bad marker)."""


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    end_line: int
    col: int
    rule: str
    summary: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "end_line": self.end_line,
            "col": self.col,
            "rule": self.rule,
            "summary": self.summary,
            "text": self.text,
        }


@dataclass
class Outcome:
    path: Path
    shown: str  # the path as given on the command line
    original: str
    encoding: str
    view: views.View
    result: Result
    findings: list[Finding]
    cut: list[set[int]]
    fixed: str
    config: Config

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def sidecar(self) -> dict[str, Any]:
        """The metadata record written beside a fixed file (`fix --metadata`)."""
        meta = dict(self.result.metadata)
        meta["source"] = self.shown
        meta["removed"] = [
            {"rule": f.rule, "lines": [f.line, f.end_line], "col": f.col, "text": f.text} for f in self.findings
        ]
        return meta


class Linter:
    """Rule sets per configuration file and per set of extra ignores, built once and reused."""

    def __init__(self, overrides: dict[str, Any], packs: list[Pack], config_file: Path | None = None) -> None:
        self.overrides = overrides
        self.packs = packs
        self.config_file = config_file
        self._full: dict[Path | None, RuleSet] = {}
        self._base: dict[Path | None, RuleSet] = {}
        self._options: dict[tuple[Path | None, frozenset[str], str], Options] = {}

    def config(self, path: Path) -> Config:
        """The configuration governing `path` (or the --config file), flags applied."""
        base = load(self.config_file) if self.config_file is not None else for_path(path)
        return base.override(**self.overrides)

    def ruleset(self, config: Config) -> RuleSet:
        """The rules a configuration selects (config keys checked against the loaded rules)."""
        if config.path not in self._base:
            for folder in config.rules or ():
                if not folder.exists():
                    raise ConfigError(f"{config.where('rules')}: {folder}: rule folder not found")
            extra = [*(config.rules or ()), *(p.folder for p in self.packs)]
            full = load_rules(extra, include_opt_in=True)
            known = [k for r in full.rules for k in (r.id, *r.aliases)]
            for key, codes in (("select", config.select), ("ignore", config.ignore), ("extend-select", config.extend_select)):
                for code in codes or ():
                    if not any(k.startswith(code) for k in known):
                        raise ConfigError(f"{config.where(key)}: no rule id starts with {code!r}")
            self._full[config.path] = full
            self._base[config.path] = full.filtered(config.select or (), config.ignore or (), config.extend_select or ())
        return self._base[config.path]

    def full(self, config: Config) -> RuleSet:
        """Every rule of the configuration's folders and packages, opt-in ones included."""
        self.ruleset(config)
        return self._full[config.path]

    def options(self, config: Config, ignore: frozenset[str], kind: str = "text") -> Options:
        """Options for one file: its configuration, extra ignores and kind.

        An HTML file runs the rules declared for HTML inputs (`inputs` in the rule file): the
        page-level ones (BP001 line scoring, TS001 comment threads) are for scraped text, and on
        a page kept as HTML they would strip its navigation and structure.
        """
        key = (config.path, ignore, kind)
        if key not in self._options:
            rules = self.ruleset(config)
            if ignore:
                rules = rules.filtered(ignore=sorted(ignore), include_opt_in=True)
            if kind == "html":
                rules = rules.for_input("html")
            self._options[key] = Options(rules)
        return self._options[key]

    def check_per_path_ignores(self, config: Config) -> None:
        """Raise ConfigError when a per-path-ignores entry names no rule (as check and fix do)."""
        self.ruleset(config)
        for glob, codes in config.per_path_ignores:
            for code in codes:
                self._check_code(config, code, f"{config.where('per-path-ignores')}.{glob!r}", ConfigError)

    def _check_code(self, config: Config, code: str, where: str, error: type[Exception]) -> None:
        if not any(k.startswith(code) for r in self._full[config.path].rules for k in (r.id, *r.aliases)):
            raise error(f"{where}: no rule id starts with {code!r}")

    def lint(self, path: Path, shown: str | None = None) -> Outcome:
        """Check one file; raise LintError (or ConfigError, RuleError) when it cannot be."""
        shown = shown if shown is not None else str(path)
        config = self.config(path)
        rules = self.ruleset(config)
        max_bytes = int((config.max_mb or 64.0) * 1e6)
        try:
            decoded = decode_bytes(read_input(path, max_bytes))
        except NotText as exc:
            raise LintError(f"{shown}: not checked: {exc}") from None
        except (OSError, ValueError) as exc:
            raise LintError(f"{shown}: not checked: {getattr(exc, 'strerror', None) or exc}") from None
        if decoded.replaced_bytes:  # as ruff does: a fix would write U+FFFD in their place
            n = decoded.replaced_bytes
            raise LintError(
                f"{shown}: not checked: {n} {'byte is' if n == 1 else 'bytes are'} not valid UTF-8"
                f" (the first at byte {decoded.first_replaced})"
            )
        original, encoding = decoded.text, decoded.encoding
        view = views.build(original, views.kind_of(path.name))
        ignore: set[str] = set()
        for glob, codes in config.ignores_for(path):
            for code in codes:
                self._check_code(config, code, f"{config.where('per-path-ignores')}.{glob!r}", ConfigError)
            ignore.update(codes)
        for line, code in view.ignores:
            self._check_code(config, code, f"{shown}:{line}: cleaner: ignore", LintError)
            ignore.add(code)
        result = clean(view.text(), self.options(config, frozenset(ignore), view.kind), source=shown)
        if result.errors:
            raise LintError(f"{shown}: " + "; ".join(result.errors))
        summaries = {r.id: r.summary for r in rules.rules}
        findings = [
            Finding(
                shown,
                r.line_start,
                r.line_end,
                view.lines[r.line_start - 1].col(r.col - 1) + 1,
                r.rule,
                summaries.get(r.rule, ""),
                r.text,
            )
            for r in result.removed
        ]
        cut = fix.deletions(view, result.text.split("\n")[:-1] if result.text else [], result.origins)
        fixed = fix.rewrite(view, cut) if findings else original
        return Outcome(path, shown, original, encoding, view, result, findings, cut, fixed, config)


def write_fix(outcome: Outcome, metadata: bool) -> None:
    """Write a changed file in place (atomically, mode and encoding kept) and its sidecar."""
    path = outcome.path
    mode = path.stat().st_mode & 0o7777
    atomic_write(path, outcome.fixed.encode(outcome.encoding), mode=mode)
    if metadata:
        side = path.with_name(path.name + ".json")
        atomic_write(side, json.dumps(outcome.sidecar(), ensure_ascii=False, indent=2) + "\n")
