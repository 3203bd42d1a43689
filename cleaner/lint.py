"""check / fix / explain on files in place: one Outcome per file, nothing printed here.

A file is read as bytes, decoded (its encoding is kept for writing back), turned into a view
(views.py), cleaned by the one pipeline with the rules its configuration, its per-path ignores
and its inline `cleaner: ignore` markers leave, and the cleaning is mapped back onto the file
(fix.py). Findings carry file lines and columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator

from . import fix, inplace, views
from .config import Config, ConfigError, for_path, load
from .decode import NotText, decode_bytes
from .io import atomic_write, read_input
from .pipeline import DOC_TIMEOUT_S, Options, Result, clean
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
    refused: str = ""  # why the fix is not applied (then fixed == original), e.g. it would change the markup

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
        self.doc_timeout: float | None = DOC_TIMEOUT_S  # Options.doc_timeout of every file
        self.metadata = True  # Options.metadata: False for `check` (findings only, no sidecar)
        self.guess_titles = False  # Options.guess_titles: `fix --guess-titles` (the sidecar's title)

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
            self._options[key] = Options(rules, doc_timeout=self.doc_timeout, metadata=self.metadata,
                                          guess_titles=self.guess_titles)
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
        self.ruleset(config)  # a bad configuration fails here, before the file is read
        max_bytes = int((config.max_mb or 64.0) * 1e6)
        backup = inplace.pending(path)
        if backup is not None:
            raise LintError(f"{shown}: not checked: an interrupted fix left its original in {backup}; run cleaner fix to restore it")
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
        kind = views.kind_of(path.name)
        view, result, findings, cut, fixed = self._round(path, shown, config, original, kind)
        first_view, first_result = view, result
        # The cleaning is a fixpoint of the view, but the fixed file's view can still differ from
        # it: a line whose text went may keep markup (a '<br>', a '<td>') and so split paragraphs
        # the cleaning had joined. Then fix goes on from the fixed file, as a second run would,
        # so that fixing a fixed file changes nothing; findings and cuts are mapped back onto the
        # original's lines and columns.
        carried: list[tuple[int, list[int] | None]] = [(i, None) for i in range(len(view.lines))]
        rounds, source = 1, original
        while fixed != source and rounds < MAX_ROUNDS and not _settled(fixed, kind, result.text):
            carried = _carry(view, cut, carried)
            source = fixed
            view, result, more, later, fixed = self._round(path, shown, config, source, kind)
            rounds += 1
            for f in more:
                (line, cols), (end, _) = carried[f.line - 1], carried[f.end_line - 1]
                col = cols[f.col - 1] + 1 if cols is not None and f.col - 1 < len(cols) else f.col
                findings.append(Finding(f.path, line + 1, end + 1, col, f.rule, f.summary, f.text))
            for (line, cols), gone in zip(carried, later):
                cut[line].update(cols[k] if cols is not None and k < len(cols) else k for k in gone)
        if rounds > 1:
            findings.sort(key=lambda f: (f.line, f.col))
        refused = ""
        if first_view.kind == "html":
            from . import markup  # HTML files only (html.parser: a few ms of a cold check)
        if first_view.kind == "html" and fixed != original and markup.changed(original, fixed, _offsets(first_view, cut)):
            fixed, refused = original, "the fix would change the markup"
        return Outcome(path, shown, original, encoding, first_view, first_result, findings, cut, fixed, config, refused)

    def _round(self, path: Path, shown: str, config: Config, text: str, kind: str) -> tuple[views.View, Result, list[Finding], list[set[int]], str]:
        """One cleaning of `text` mapped onto it: (view, result, findings, cut, fixed text)."""
        view = views.build(text, kind)
        ignore: set[str] = set()
        for glob, codes in config.ignores_for(path):
            for code in codes:
                self._check_code(config, code, f"{config.where('per-path-ignores')}.{glob!r}", ConfigError)
            ignore.update(codes)
        for line, code in view.ignores:
            self._check_code(config, code, f"{shown}:{line}: cleaner: ignore", LintError)
            ignore.add(code)
        options = self.options(config, frozenset(ignore), view.kind)
        site = None
        if options.site_scoped:  # a rule limited to sites (a learned pack)
            from .sites import site_of

            site = site_of(html=text if kind == "html" else None, path=path)
        result = clean(view.text(), options, source=shown, site=site)
        if result.errors:
            raise LintError(f"{shown}: " + "; ".join(result.errors))
        summaries = {r.id: r.message for r in self.ruleset(config).rules}
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
        fixed = fix.rewrite(view, cut) if findings else text
        return view, result, findings, cut, fixed


MAX_ROUNDS = 8  # a guard: a second round is rare (about 1 changed HTML page in 10), a third rarer


_BLANK_RUNS = re.compile(r"\n(?:[ \t]*\n)+")


def _settled(fixed: str, kind: str, cleaned: str) -> bool:
    """Whether the fixed file's view is the cleaning's output (blank runs and ends aside), so that
    cleaning it again, as a second fix would, finds nothing."""
    seen = views.build(fixed, kind).text()
    return _BLANK_RUNS.sub("\n\n", seen).strip("\n") == _BLANK_RUNS.sub("\n\n", cleaned).strip("\n")


def _carry(view: views.View, cut: list[set[int]], carried: list[tuple[int, list[int] | None]]) -> list[tuple[int, list[int] | None]]:
    """For each line of fix.rewrite(view, cut): its original line and each column's original
    column (None: the same), given `carried`, the same for the lines of `view`."""
    sources: list[int] = []
    fix.rewrite(view, cut, sources)
    out: list[tuple[int, list[int] | None]] = []
    for i in sources:
        line, cols = carried[i]
        gone = cut[i]
        if not gone:
            out.append((line, cols))
            continue
        kept = [k for k in range(len(view.lines[i].raw)) if k not in gone]
        out.append((line, [cols[k] if cols is not None and k < len(cols) else k for k in kept]))
    return out


def _offsets(view: views.View, cut: list[set[int]]) -> set[int]:
    """The per-line columns of `cut` as offsets into the whole file."""
    out: set[int] = set()
    pos = 0
    for ln, cols in zip(view.lines, cut):
        out.update(pos + c for c in cols)
        pos += len(ln.raw) + len(ln.end)
    return out


def write_fix(outcome: Outcome, metadata: bool) -> None:
    """Write a changed file back (through a symlink, keeping hard links, never half-written:
    see inplace.py; mode and encoding kept) and its sidecar."""
    path = outcome.path
    inplace.write(path, outcome.fixed.encode(outcome.encoding))
    if metadata:
        import json

        side = path.with_name(path.name + ".json")
        atomic_write(side, json.dumps(outcome.sidecar(), ensure_ascii=False, indent=2) + "\n")


_WORKER: Linter | None = None  # the Linter of a worker process (see lint_many)


def _start_worker(overrides: dict[str, Any], packs: list[Pack], config_file: Path | None, doc_timeout: float | None) -> None:
    import signal

    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _WORKER = Linter(overrides, packs, config_file)
    _WORKER.doc_timeout = doc_timeout


def _lint_in_worker(item: tuple[Path, str]) -> Outcome | LintError:
    assert _WORKER is not None
    try:
        outcome = _WORKER.lint(*item)
    except LintError as exc:  # one file's problem: reported in its place, the others go on
        return exc
    # What only lint itself needed does not cross back (about half of the pickled bytes): the
    # view's per-character maps and the cleaned text. report and fix use the lines' raw text.
    for ln in outcome.view.lines:
        ln.index, ln.groups, ln.text = None, [], ""
    outcome.result = replace(outcome.result, text="", origins=[])
    return outcome


def lint_many(linter: Linter, files: list[tuple[Path, str]], jobs: int = 1) -> Iterator[Outcome | LintError]:
    """Outcome (or LintError) of each (path, shown) in input order; with jobs > 1 the files are
    linted in that many processes. ConfigError, RuleError and PluginError are raised, as by
    Linter.lint, at the file where they occur; a worker that dies raises BrokenProcessPool."""
    if jobs <= 1 or len(files) < 2:
        for path, shown in files:
            try:
                yield linter.lint(path, shown)
            except LintError as exc:
                yield exc
        return
    from concurrent.futures import ProcessPoolExecutor

    jobs = min(jobs, len(files))
    chunk = max(1, min(32, len(files) // (jobs * 8)))
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(linter.overrides, linter.packs, linter.config_file, linter.doc_timeout))
    try:
        yield from pool.map(_lint_in_worker, files, chunksize=chunk)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()  # a worker busy with a long file is not waited for
        raise
    pool.shutdown()
