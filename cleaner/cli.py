"""Command line: a thin typer shell over the pipeline; no cleaning logic lives here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    help="Strip boilerplate from scraped news and web text with readable rule files.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List, show and test the rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

RulesOpt = typer.Option(None, "--rules", metavar="DIR", help="Extra rule folder (or .toml file); repeatable.")
SelectOpt = typer.Option(None, "--select", metavar="IDS", help="Only rules whose id starts with one of these (comma-separated or repeated), e.g. CR,NL001.")
IgnoreOpt = typer.Option(None, "--ignore", metavar="IDS", help="Skip rules whose id starts with one of these.")
ExtendOpt = typer.Option(None, "--extend-select", metavar="IDS", help="Add rules to the default set, e.g. opt-in rules like DL004.")


def _die(msg: str, code: int = EXIT_USAGE) -> None:
    typer.echo(f"cleaner: {msg}", err=True)
    raise typer.Exit(code)


def _split(values: Optional[List[str]]) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _ruleset(
    rules: Optional[List[Path]],
    select: Optional[List[str]],
    ignore: Optional[List[str]],
    extend: Optional[List[str]] = None,
    *,
    include_opt_in: bool = False,
):
    from .ruleset import RuleError, load_rules

    try:
        return load_rules(
            rules or [],
            select=_split(select),
            ignore=_split(ignore),
            extend_select=_split(extend),
            include_opt_in=include_opt_in,
        )
    except RuleError as exc:
        _die(str(exc))


CLEAN_HELP = """Clean files, folders or standard input.

Folders are walked recursively; each input becomes OUT/<relative path>/<name>.txt (the clean
text) and <name>.json (metadata and every removed span with its rule id). Inputs are never
modified. Files that are not text are reported and skipped; the exit code is then 1.

\b
Examples:
  cleaner clean samples/input -o out/
  cleaner clean article.txt                  # clean text to standard output
  curl -s URL | cleaner clean - > clean.txt  # as a Unix filter
  cleaner clean data/ -o out/ --ignore DU --rules my_rules/
"""


@app.command("clean", help=CLEAN_HELP)
def clean_cmd(
    paths: List[Path] = typer.Argument(..., metavar="PATH...", help="Files or folders; '-' reads standard input.", show_default=False),
    out: Optional[Path] = typer.Option(None, "-o", "--out", metavar="OUT", help="Output folder (required for folders)."),
    rules: Optional[List[Path]] = RulesOpt,
    select: Optional[List[str]] = SelectOpt,
    ignore: Optional[List[str]] = IgnoreOpt,
    extend: Optional[List[str]] = ExtendOpt,
    max_mb: float = typer.Option(64.0, "--max-mb", help="Refuse inputs larger than this many megabytes."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress or summary on standard error."),
) -> None:
    from .batch import run_batch
    from .decode import NotText
    from .io import UsageError, iter_jobs
    from .pipeline import Options, clean

    options = Options(_ruleset(rules, select, ignore, extend))
    if [str(p) for p in paths] == ["-"]:
        try:
            result = clean(sys.stdin.buffer.read(), options, source="-")
        except NotText as exc:
            _die(f"-: {exc}", EXIT_FINDINGS)
        for err in result.errors:
            typer.echo(f"cleaner: -: {err}; document kept unchanged", err=True)
        sys.stdout.write(result.text)
        raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)
    if any(str(p) == "-" for p in paths):
        _die("'-' (standard input) cannot be mixed with paths")
    try:
        jobs = list(iter_jobs(paths, out))
    except UsageError as exc:
        _die(str(exc))
    if out is None and len(jobs) > 1:
        _die("several inputs: give an output folder with -o OUT")

    def report(msg: str) -> None:
        typer.echo(f"cleaner: {msg}", err=True)

    progress = None
    advance = lambda n: None  # noqa: E731
    if not quiet and out is not None and sys.stderr.isatty() and len(jobs) > 1:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
        task = progress.add_task("clean", total=len(jobs))
        advance = lambda n: progress.advance(task)  # noqa: E731
        progress.start()
    try:
        summary = run_batch(jobs, options, max_bytes=int(max_mb * 1e6), report=report, advance=advance)
    finally:
        if progress is not None:
            progress.stop()
    if not quiet and out is not None:
        for line in summary.lines():
            typer.echo(line, err=True)
    raise typer.Exit(EXIT_OK if summary.ok else EXIT_FINDINGS)


@rules_app.command("list")
def rules_list(rules: Optional[List[Path]] = RulesOpt, select: Optional[List[str]] = SelectOpt, ignore: Optional[List[str]] = IgnoreOpt) -> None:
    """One line per rule: id, scope, action, name, origin ('opt-in' rules run only when selected)."""
    rs = _ruleset(rules, select, ignore, include_opt_in=not select)
    for r in rs.rules:
        flag = "" if r.enabled else "  (opt-in)"
        typer.echo(f"{r.id}  {r.scope:<9} {r.action:<7} {r.name:<34} {r.origin_label}{flag}")
    typer.echo(f"{len(rs.rules)} rules", err=True)


@rules_app.command("show")
def rules_show(rule_id: str = typer.Argument(..., metavar="ID"), rules: Optional[List[Path]] = RulesOpt) -> None:
    """A rule's summary, why, settings, patterns and examples."""
    rs = _ruleset(rules, None, None, include_opt_in=True)
    r = rs.get(rule_id)
    if r is None:
        _die(f"no rule {rule_id!r} (see 'cleaner rules list')")
    where = r.where + (f" (window {r.window})" if r.where != "anywhere" else "")
    out = [
        f"{r.id}  {r.name}",
        f"  {r.summary}",
        f"  why:      {r.why}",
        f"  scope:    {r.scope}; where: {where}; action: {r.action}; span: {r.span}",
        f"  origin:   {r.origin_label}",
    ]
    if r.keywords:
        out.append(f"  keywords: {', '.join(r.keywords)}")
    if r.detector:
        out.append(f"  detector: {r.detector} (words {r.min_words}..{r.max_words})")
    out += [f"  pattern:  {p.pattern}" for p in r.patterns]
    out += [f"  unless:   {p.pattern}" for p in r.unless]
    out += [f"  extract:  {f} = {p.pattern}" for f, p in r.extract]
    for ex in r.examples:
        out.append(f"  {'match:   ' if ex.should_match else 'no match:'} {ex.text!r}")
    typer.echo("\n".join(out))


@rules_app.command("test")
def rules_test(rules: Optional[List[Path]] = RulesOpt, select: Optional[List[str]] = SelectOpt, ignore: Optional[List[str]] = IgnoreOpt) -> None:
    """Run every rule's inline examples; exit 1 if any fails."""
    from .examples import run_examples

    outcomes = run_examples(_ruleset(rules, select, ignore, include_opt_in=not select))
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        typer.echo(f"FAIL {o.case}: {o.message}")
    typer.echo(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def main() -> None:
    app()
