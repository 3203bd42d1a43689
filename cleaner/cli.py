"""Command line: a thin typer shell over the pipeline; no cleaning logic lives here.

Start-up matters (the pre-commit hook runs on every commit), so only typer is imported at
module level; each command imports what it uses. No `from __future__ import annotations` here:
typer reads every command's parameter annotations when it builds the command line, and string
annotations made it eval ~400 of them (typing.get_type_hints), about half of that build.
"""

import sys
from pathlib import Path
from typing import List, NoReturn, Optional

import typer
from typer.core import TyperCommand, TyperGroup

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
LINT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")  # what check/fix look for in folders


class _Plain:
    """Coercion for str, bool, float and list-of-str parameters, in place of typer's."""

    def __init__(self, kind: object) -> None:
        self.kind = kind

    def coerce(self, value, param, ctx):
        if value is None:
            return () if (param.multiple or param.nargs == -1) else None
        if self.kind is float and not isinstance(value, float):
            try:
                return float(value)
            except ValueError:
                raise typer.BadParameter(f"{value!r} is not a number", ctx=ctx, param=param) from None
        return list(value) if isinstance(value, tuple) else value


def _plain_params(params: list) -> list:
    for param in params:
        kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        if getattr(param, "_runtime_param", ...) is None and kind in (str, bool, float, List[str]):
            param._runtime_param = _Plain(kind)
    return params


class FastCommand(TyperCommand):
    """A typer command whose plain parameters skip pydantic.

    Recent typer coerces every parameter through a pydantic TypeAdapter; importing pydantic and
    building the adapters took `cleaner check` on a small file from ~140 to ~230 ms of CPU, paid
    by pre-commit on every commit. Our parameters are only str, bool, float and lists of str, which need no such
    machinery. Where typer has no `_runtime_param` hook (other versions) nothing changes.
    """

    def get_params(self, ctx):  # type: ignore[no-untyped-def]
        return _plain_params(super().get_params(ctx))


class FastGroup(TyperGroup):
    """The same for the command groups (their --help option)."""

    def get_params(self, ctx):  # type: ignore[no-untyped-def]
        return _plain_params(super().get_params(ctx))


APP_HELP = """Strip boilerplate from scraped news and web text with readable rule files.

\b
Examples:
  cleaner clean article.txt                 # clean text to standard output
  curl -s URL | cleaner clean -             # a page (HTML, text or JSON lines) from standard input
  cleaner clean pages/ -o out/              # a folder of text, HTML and record files, into out/
  cleaner check --diff articles/            # what fix would remove, as a patch
  cleaner fix articles/*.md                 # remove it from the files themselves
  cleaner rules show NL                     # the rules whose id starts with NL

Each command's options and examples: cleaner COMMAND -h.
"""

app = typer.Typer(
    cls=FastGroup,
    help=APP_HELP,
    context_settings={"help_option_names": ["-h", "--help"]},  # inherited by every command
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


# Commands that turn the garbage collector back on themselves, after their first file (see main).
_GC_LATE = ("check", "fix", "explain")


@app.callback()
def _top(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Parse the rule files again instead of reading the rule cache (also CLEANER_NO_CACHE=1)."),
) -> None:
    """(No docstring shown: the app's help is APP_HELP.)"""
    if ctx.invoked_subcommand not in _GC_LATE:
        _gc_on()
    if no_cache:
        from . import rulecache

        rulecache.disable()


rules_app = typer.Typer(cls=FastGroup, help="List, show and test the rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

RulesOpt = typer.Option(None, "--rules", metavar="DIR", help="Extra rule folder (or .toml file); repeatable.")
SelectOpt = typer.Option(None, "--select", metavar="IDS", help="Only rules whose id starts with one of these (comma-separated or repeated), e.g. CR,NL001.")
IgnoreOpt = typer.Option(None, "--ignore", metavar="IDS", help="Skip rules whose id starts with one of these.")
ExtendOpt = typer.Option(None, "--extend-select", metavar="IDS", help="Add rules to the default set, e.g. opt-in rules like DL004.")
ConfigOpt = typer.Option(None, "--config", metavar="FILE", help="Use this pyproject.toml or .cleaner.toml instead of searching for one.")
MaxMbOpt = typer.Option(None, "--max-mb", help="Refuse inputs larger than this many megabytes (default 64).")
QuietOpt = typer.Option(False, "-q", "--quiet", help="No summary line.")
DocTimeoutOpt = typer.Option(None, "--doc-timeout", metavar="SECONDS", help="Time the rules may take on one document (default 10, per MB over 1 MB; 0: no limit); past it the document is kept unchanged and reported.")
GuessTitlesOpt = typer.Option(False, "--guess-titles", help="Fill a missing title from a learned line scorer (metadata fields_from.title \"HD002:model:<line>\"); about 2 in 3 such titles are right.")
FilesArg = typer.Argument(..., metavar="FILE...", help="Files, or folders to search for .txt .md .html files.", show_default=False)
TextKeyOpt = typer.Option(None, "--text-key", metavar="KEY", help="Record field holding the text (default: text).")
HtmlKeyOpt = typer.Option(None, "--html-key", metavar="KEY", help="Record field holding HTML to clean through trafilatura (instead of --text-key).")
SiteKeyOpt = typer.Option(None, "--site-key", metavar="KEY", help="Record field naming a document's site (a URL or a name), for rules limited to sites (learned packs); default: the url field, an HTML page's canonical URL, else the input's folder.")
HookOpt = typer.Option(False, "--hook", help="Pre-commit hook mode (the hooks' entry): take only the given files that `include` in the configuration selects; exit 2 when none is set.")
HookAllOpt = typer.Option(False, "--hook-all", help="With --hook: take every file pre-commit passes (when the hook's files: already selects the documents).")


def _die(msg: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"cleaner: {msg}", err=True)
    raise typer.Exit(code)


def _doc_timeout(seconds: Optional[float]) -> Optional[float]:
    """--doc-timeout as Options.doc_timeout: the default when not given, None for 0 (no limit)."""
    from .pipeline import DOC_TIMEOUT_S

    if seconds is None:
        return DOC_TIMEOUT_S
    if not seconds >= 0:  # NaN too
        _die(f"--doc-timeout must be a number of seconds, 0 for no limit (got {seconds:g})")
    return seconds or None


def _split(values: Optional[List[str]]) -> Optional[tuple[str, ...]]:
    """Comma-separated or repeated codes; None when the flag was not given (the config applies)."""
    if values is None:
        return None
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def _guard(fn, *args):
    """Run fn; a configuration, rule-file or rule-package error becomes one line and exit 2."""
    from .config import ConfigError
    from .plugins import PluginError
    from .ruleset import RuleError

    try:
        return fn(*args)
    except (ConfigError, RuleError, PluginError) as exc:
        _die(str(exc))


def _linter(config: Optional[str], rules, select, ignore, extend, **overrides):
    """A Linter: configuration files found per input, overridden by the flags that were given."""
    from .io import MAX_MB_LIMIT
    from .lint import Linter
    from .plugins import discover

    max_mb = overrides.get("max_mb")
    if max_mb is not None and not 0 < max_mb <= MAX_MB_LIMIT:  # nan and inf fail too
        _die(f"--max-mb must be a positive number of megabytes, at most {MAX_MB_LIMIT} (got {max_mb:g})")
    overrides.update(
        select=_split(select),
        ignore=_split(ignore),
        extend_select=_split(extend),
        rules=tuple(Path(r) for r in rules) if rules else None,
    )
    return Linter(overrides, _guard(discover), Path(config) if config else None)


def _listing(config, rules, select, ignore, *, every: bool):
    """Rules for the `rules` commands: all rules of the folders and packages, filtered by flags only."""
    from dataclasses import replace

    linter = _linter(config, rules, select, ignore, None)
    cfg = replace(_guard(linter.config, Path.cwd()), select=_split(select), ignore=_split(ignore), extend_select=None)
    full = _guard(linter.full, cfg)
    return linter, full.filtered(cfg.select or (), cfg.ignore or (), include_opt_in=every)


def _files(paths: List[str]) -> list[tuple[Path, str]]:
    """(path, path as shown) per input file; folders are searched for LINT_SUFFIXES files."""
    import os

    out: list[tuple[Path, str]] = []
    for given in paths:
        p = Path(given)
        if p.exists() and not p.is_dir():  # a file (one that is not a regular file is refused when read)
            out.append((p, given))
        elif p.is_dir():
            tree = p.resolve()
            for d, dirs, names in os.walk(p):  # links to folders are not followed
                dirs[:] = sorted(n for n in dirs if not n.startswith("."))
                for n in sorted(names):
                    if not n.startswith(".") and n.lower().endswith(LINT_SUFFIXES):
                        shown = os.path.join(d, n)
                        if os.path.islink(shown) and not Path(shown).resolve().is_relative_to(tree):
                            typer.echo(f"cleaner: {shown}: skipped: symlink leads outside the folder given", err=True)
                            continue
                        out.append((Path(d) / n, shown))
        else:
            _die(f"{given}: no such file or folder")
    return out


def _hook_paths(linter, paths: List[str], hook: bool, hook_all: bool) -> List[str]:
    """The paths the command works on: in hook mode only those `include` selects.

    pre-commit hands a hook every staged file of its types, README and notes included, so the
    hook must not clean them all (issue 12): like ruff's --force-exclude, hook mode applies the
    configuration's selection to the files it is given, and with no selection it refuses.
    """
    if not hook:
        if hook_all:
            _die("--hook-all goes with --hook (the pre-commit hooks' entry)")
        return paths
    for given in paths:
        if Path(given).is_dir():
            _die(f"{given}: --hook takes the files pre-commit passes, not folders")
    if hook_all:
        return paths
    kept = []
    for given in paths:
        cfg = _guard(linter.config, Path(given))
        if cfg.include is None:
            select = 'the pre-commit hook cleans only the documents you select: add include = ["articles/**/*.md"]'
            if cfg.path is None:
                how = f"{select} (globs of your documents) under [tool.cleaner] in pyproject.toml or to .cleaner.toml"
            else:
                how = f"{cfg.where('include')}: not set; {select} (globs of your documents, relative to that file)"
            _die(f"{how}, or args: [--hook-all] if the hook's files: already selects them")
        if cfg.includes(Path(given)):
            kept.append(given)
    return kept


class _NeverRaised(Exception):
    """Stands for BrokenProcessPool when no worker process runs."""


def _lint_all(linter, files: list[tuple[Path, str]], jobs: int = 1):
    """Outcomes of the files that could be checked, and whether any could not (exit 2).

    With jobs > 1 the files are checked in worker processes; outcomes and messages come in
    input order, as with one job."""
    from .lint import LintError, lint_many

    if jobs > 1:  # the process pool's modules cost a cold one-process check ~10 ms to import
        from concurrent.futures.process import BrokenProcessPool
    else:
        BrokenProcessPool = _NeverRaised

    outcomes, failed = [], False
    if jobs > 1:  # forked workers inherit the collector's state
        _gc_on()

    def collect() -> None:
        nonlocal failed
        for got in lint_many(linter, files, jobs):
            _gc_on()  # the start-up (rules read, first file cleaned) is over
            if isinstance(got, LintError):
                typer.echo(f"cleaner: {got}", err=True)
                failed = True
            else:
                outcomes.append(got)

    try:
        _guard(collect)
    except BrokenProcessPool:
        _die("a worker process died (out of memory?); nothing was written")
    except KeyboardInterrupt:
        _die("interrupted; nothing was written", 130)
    return outcomes, failed


def _jobs(value: Optional[str]) -> int:
    """--jobs N: worker processes (default 1; 0: one per CPU)."""
    try:
        n = 1 if value is None else int(value)
    except ValueError:
        n = -1
    if n < 0:
        _die(f"--jobs must be a whole number, 0 for one per CPU (got {value!r})")
    if n == 0:
        from .batch import cpu_count

        n = cpu_count()
    return n


JobsOpt = typer.Option(None, "-j", "--jobs", metavar="N", help="Check files in N processes (default 1; 0: one per CPU); output in the same order.")


def _check_out(out: Path, shards: bool) -> None:
    """Refuse an output folder that cannot be one before any work: a file, or a path under a file
    (else every input fails with 'File exists' or 'Not a directory'); or one whose own folders
    (.cleaner, shards) are symlinks, which would be written through."""
    if out.is_symlink() and not out.exists():
        _die(f"{out}: is a broken symlink")
    for place in (out, *out.parents):
        if place.exists():
            if not place.is_dir():
                _die(f"{out}: exists and is not a folder" if place == out else f"{out}: {place} exists and is not a folder")
            break
    for own in (out / ".cleaner", out / ".cleaner" / "done", *([out / "shards"] if shards else [])):
        if own.is_symlink():
            _die(f"{own}: is a symlink; not written through it")


def _forced(jobs, kind):
    """The jobs, each of `kind` when --input-format names one (instead of by its file name)."""
    from dataclasses import replace

    return jobs if kind is None else (replace(job, kind=kind) for job in jobs)


CLEAN_HELP = """Clean files, folders or standard input.

Folders are walked recursively and mirrored into OUT. Inputs are never modified. What each
input is, by its name:

\b
  .html .htm .html.gz .htm.gz   an HTML page: trafilatura's main text, then the rules
  .jsonl .jsonl.gz .json        records, one document each (the text in --text-key, or
                                HTML in --html-key); other fields are carried through
  anything else                 a text file

Standard input ('-') has no name: its content decides (an HTML page, JSON lines or a JSON
array of records, else text), and what it holds goes to standard output. --input-format
text|html|jsonl says what the inputs are instead (for files too, whatever their names).

\b
Output formats (--format):
  text      OUT/<path>/<name>.txt, the clean text, and <name>.json: metadata and every
            removed span with its rule id (default for text and HTML files)
  jsonl     OUT/<path>/<name>.jsonl, one line per document: {"id", "source", "text",
            "metadata", ...the record's other fields} (default for record files);
            given over a folder or several inputs: one file, OUT/documents.jsonl, for
            every document of the run (ids as with --shards)
  markdown  OUT/<path>/<name>.md: YAML front matter (title, authors, published, source, ...)
            then the clean text
With text or markdown, a record file's documents go to OUT/<path>/<name>/<id>.txt (or .md).
With --shards, every work unit's documents (64 inputs) go to one JSON-lines file,
OUT/shards/part-NNNNNN.jsonl, for batches too large for a file per document.
The closing summary (standard error; --report FILE: as JSON) gives the words removed per
rule, the elapsed time and MB/s.

Inputs that cannot be cleaned (not text, a page with no main text, a malformed record or one
without the text field) are reported as 'path: skipped: why' or 'path:LINE: skipped: why', and
the rest goes on; the exit code is then 1. So is a symlink in a folder that leads outside the
folders given, unless --follow-links.

Configuration comes from --config FILE, else from the .cleaner.toml or pyproject.toml
([tool.cleaner]) found from the working directory upward: the project running the job. The
input folders are never searched for one; scraped data is untrusted.

\b
Examples:
  cleaner clean samples/input -o out/
  cleaner clean article.txt                  # clean text to standard output
  curl -s URL | cleaner clean - > clean.txt  # as a Unix filter (a page, a text or JSON lines)
  cleaner clean data/ -o out/ --ignore DU --rules my_rules/
  cleaner clean pages/ -o out/ --format markdown           # .html/.html.gz pages to .md
  cleaner clean crawl.jsonl.gz -o out/ --html-key html     # records with HTML in "html"
  cleaner clean news.jsonl --text-key body --id-key url    # JSON lines to standard output
  cleaner clean crawl/ -o out/ --engine dask --scheduler tcp://host:8786   # on a Dask cluster
  cleaner clean big/ -o out/ --shards --jobs 0 --resume    # JSONL shards, all CPUs, resumable
"""


@app.command("clean", help=CLEAN_HELP, cls=FastCommand)
def clean_cmd(
    paths: List[Path] = typer.Argument(..., metavar="PATH...", help="Files or folders; '-' reads standard input.", show_default=False),
    out: Optional[Path] = typer.Option(None, "-o", "--out", metavar="OUT", help="Output folder (required for folders); '-' or none: standard output."),
    fmt: Optional[str] = typer.Option(None, "--format", metavar="text|jsonl|markdown", help="Output format (default: jsonl for record files, text otherwise); jsonl over a folder: one file, OUT/documents.jsonl."),
    text_key: Optional[str] = TextKeyOpt,
    html_key: Optional[str] = HtmlKeyOpt,
    id_key: Optional[str] = typer.Option(None, "--id-key", metavar="KEY", help="Record field holding the id (default: id; missing: <file stem>:<line>)."),
    site_key: Optional[str] = SiteKeyOpt,
    rules: Optional[List[str]] = RulesOpt,
    select: Optional[List[str]] = SelectOpt,
    ignore: Optional[List[str]] = IgnoreOpt,
    extend: Optional[List[str]] = ExtendOpt,
    max_mb: Optional[float] = MaxMbOpt,
    config: Optional[str] = ConfigOpt,
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress or summary on standard error."),
    jobs_opt: Optional[str] = typer.Option(None, "-j", "--jobs", metavar="N", help="Worker processes (default 1; 0: one per CPU); with --engine dask and no --scheduler, the LocalCluster's workers (default: one per CPU)."),
    resume: bool = typer.Option(False, "--resume", help="Skip the work units an earlier run over the same inputs completed (OUT/.cleaner/done)."),
    report_file: Optional[str] = typer.Option(None, "--report", metavar="FILE", help="Also write the closing summary to FILE as JSON."),
    engine: str = typer.Option("local", "--engine", metavar="local|dask", help="Where the work units run: local (this machine, --jobs processes) or dask (a Dask cluster; needs pip install 'cleaner[dask]'). Outputs are identical."),
    shards: bool = typer.Option(False, "--shards", help="Write JSON-lines shards, one per work unit of 64 inputs (OUT/shards/part-NNNNNN.jsonl), instead of files per document."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler, e.g. tcp://host:8786 (default: $DASK_SCHEDULER_ADDRESS, else a LocalCluster of --jobs workers on 127.0.0.1)."),
    follow_links: bool = typer.Option(False, "--follow-links", help="In folders, follow symlinks that lead outside the folders given too (default: skip and report them)."),
    input_format: str = typer.Option("auto", "--input-format", metavar="auto|text|html|jsonl", help="What the inputs hold. auto: by file name, and for '-' by content (HTML, JSON lines, else text); the others apply to every input."),
    doc_timeout: Optional[float] = DocTimeoutOpt,
    learn_flag: bool = typer.Option(False, "--learn", help="Two passes: first learn each site's repeated lines (as `cleaner learn`, packs saved in OUT/.cleaner/learned/ for review), then clean with the default rules plus them. With --resume, saved packs are reused."),
    guess_titles: bool = GuessTitlesOpt,
) -> None:
    import os

    from .batch import Settings, cpu_count, run_batch
    from .io import Stopped, Terminated, UsageError, inputs_into, iter_jobs, terminate_raises
    from .metadata import prepare
    from .pipeline import Options
    from .records import Keys
    from .stdin import INPUT_FORMATS, TooBig, clean_stdin, kind_for
    from .writers import FORMATS

    if fmt is not None and fmt not in FORMATS:
        _die(f"--format must be text, jsonl or markdown (got {fmt!r})")
    if input_format not in INPUT_FORMATS:
        _die(f"--input-format must be {', '.join(INPUT_FORMATS[:-1])} or {INPUT_FORMATS[-1]} (got {input_format!r})")
    if out is not None and str(out) == "-":
        out = None  # `-o -` is standard output, as with no -o (never a folder named '-')
    stdin = [str(p) for p in paths] == ["-"]
    if stdin:  # options that would do nothing with standard input are refused, not ignored
        if out is not None:
            _die("'-' writes to standard output; -o cannot be used with it (redirect instead: cleaner clean - > FILE)")
        given = [flag for flag, on in (("--jobs", jobs_opt is not None), ("--resume", resume), ("--shards", shards),
                                       ("--learn", learn_flag),
                                       ("--engine", engine != "local"), ("--scheduler", scheduler is not None),
                                       ("--report", report_file is not None), ("--follow-links", follow_links)) if on]
        if given:
            _die(f"{', '.join(given)} cannot be used with '-' (standard input is one document or stream)")
    if shards and fmt not in (None, "jsonl"):
        _die(f"--shards writes JSON lines; --format {fmt} cannot be used with it")
    if shards and out is None:
        _die("--shards writes to an output folder: give -o OUT")
    if text_key is not None and html_key is not None:
        _die("give --text-key or --html-key, not both")
    keys = Keys(text=text_key or "text", html=html_key or None, id=id_key or "id", site=site_key or None)
    n_jobs = _jobs(jobs_opt)
    if engine not in ("local", "dask"):
        _die(f"--engine must be local or dask (got {engine!r})")
    if scheduler is not None and engine != "dask":
        _die("--scheduler needs --engine dask")
    if engine == "dask":
        from .dask_engine import INSTALL_HINT, available

        if not available():
            _die(INSTALL_HINT)
        scheduler = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
        if jobs_opt is None:
            n_jobs = cpu_count()  # a LocalCluster: one worker per CPU
    linter = _linter(config, rules, select, ignore, extend, max_mb=max_mb)
    # The project running the job configures it (--config, else found from the working directory
    # up), never a file inside the inputs: a folder of scraped data is untrusted.
    cfg = _guard(linter.config, Path.cwd())
    options = Options(_guard(linter.ruleset, cfg), doc_timeout=_doc_timeout(doc_timeout), guess_titles=guess_titles)
    _guard(linter.check_per_path_ignores, cfg)
    _guard(prepare)  # the metadata step's word tables: a broken file is one line now, not a fault per document
    if stdin:
        key_flags = [f for f, v in (("--text-key", text_key), ("--html-key", html_key), ("--id-key", id_key)) if v is not None]
        try:
            ok = clean_stdin(sys.stdin.buffer, sys.stdout, options, max_bytes=int((cfg.max_mb or 64.0) * 1e6),
                             input_format=input_format, fmt=fmt, keys=keys, key_flags=key_flags,
                             report=lambda msg: typer.echo(f"cleaner: {msg}", err=True))
        except UsageError as exc:
            _die(str(exc))
        except (TooBig, ValueError) as exc:
            _die(f"-: failed: {exc}", EXIT_FINDINGS)
        raise typer.Exit(EXIT_OK if ok else EXIT_FINDINGS)
    if any(str(p) == "-" for p in paths):
        _die("'-' (standard input) cannot be mixed with paths")
    if out is not None:
        _check_out(out, shards)
    # A first walk checks every path and counts the inputs without keeping them; the batch then
    # walks again and streams, so memory does not grow with the number of inputs.
    first = None  # the first input, for the checks below
    count = 0
    try:
        for job in _forced(iter_jobs(paths, out, follow_links=follow_links), kind_for(input_format)):
            first = first or job
            count += 1
    except UsageError as exc:
        _die(str(exc))
    if out is None and engine == "dask":
        _die("--engine dask writes to an output folder: give -o OUT")
    if out is None and learn_flag:
        _die("--learn saves its packs in OUT/.cleaner/learned/: give an output folder with -o OUT")
    if out is None and count > 1:
        _die("several inputs: give an output folder with -o OUT")
    if out is None and first is not None and first.kind == "records" and fmt in ("text", "markdown"):
        _die(f"records go to standard output as JSON lines; for --format {fmt} give an output folder with -o OUT")

    def report(msg: str) -> None:
        typer.echo(f"cleaner: {msg}", err=True)

    progress = None
    advance = lambda n: None  # noqa: E731
    if not quiet and out is not None and sys.stderr.isatty() and count > 1:
        import time

        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                            TimeRemainingColumn(), transient=True)
        task = progress.add_task("clean", total=count, rate="")
        began, read = time.monotonic(), [0]

        def advance(n: int) -> None:  # one input done, n bytes read
            read[0] += n
            secs = time.monotonic() - began
            progress.update(task, advance=1, rate=f"{read[0] / 1e6 / secs:.1f} MB/s" if secs > 0.5 else "")

        progress.start()
    try:
        max_bytes = int((cfg.max_mb or 64.0) * 1e6)
        state = out / ".cleaner" if out is not None else None
        settings = Settings(format=fmt, keys=keys, state=state, resume=resume, jobs=n_jobs if out is not None else 1,
                            engine=engine, scheduler=scheduler, shards=out / "shards" if shards else None,
                            stream=_stream(out, fmt, shards, paths), config=cfg)
        learned = None
        if learn_flag:
            from .learn import learn_for_clean

            assert state is not None
            learn_jobs = _forced(iter_jobs(paths, out, follow_links=follow_links), kind_for(input_format))
            options, learned = _guard(lambda: learn_for_clean(  # a reviewed pack that no longer loads: one line, exit 2
                learn_jobs, options, state, max_bytes=max_bytes, keys=keys,
                workers=n_jobs, resume=resume, report=report, batch=settings, lazy=engine != "dask"))
        per_folder = len(paths) == 1 and paths[0].is_dir()  # one walk: stem clashes stay inside a folder
        into = None if out is None else lambda folder, files: inputs_into(paths, out, folder, follow_links=follow_links, files=files)
        with terminate_raises():  # SIGTERM unwinds as Ctrl-C does: workers stopped, temporaries removed
            summary = run_batch(_forced(iter_jobs(paths, out, follow_links=follow_links), kind_for(input_format)), options,
                                max_bytes=max_bytes, report=report, advance=advance, settings=settings,
                                per_folder=per_folder, inputs_into=into)
    except KeyboardInterrupt as exc:
        if progress is not None:
            progress.stop()
            progress = None
        how, code = (f" ({exc.args[0]})", 128 + exc.signum) if isinstance(exc, Terminated) else ("", 130)
        _die(f"interrupted{how}; outputs written so far are complete (rerun with --resume to finish)", code)
    except Stopped as exc:  # a full disk, worker processes that keep dying
        if progress is not None:
            progress.stop()
            progress = None
        _die(str(exc), EXIT_FINDINGS)
    except Exception as exc:
        if engine != "dask":
            raise
        from .dask_engine import DaskError

        if not isinstance(exc, DaskError):
            raise
        if progress is not None:
            progress.stop()
            progress = None
        _die(str(exc))
    finally:
        if progress is not None:
            progress.stop()
    names = {r.id: r.name for r in options.rules.rules}
    if options.site_packs is not None:
        names.update(options.site_packs.names)
    if not quiet and out is not None:
        for line in summary.lines(names):
            typer.echo(line, err=True)
        if learn_flag and learned is not None:
            for line in learned.lines():
                typer.echo(line, err=True)
    if report_file is not None:
        from .io import atomic_write
        from .writers import dumps

        try:
            data = summary.to_json(names=names)
            if learn_flag and learned is not None:
                data["learned"] = learned.to_json()
            atomic_write(Path(report_file), dumps(data, indent=2) + "\n")
        except OSError as exc:
            _die(f"{report_file}: cannot write the report ({exc.strerror or exc})")
    raise typer.Exit(EXIT_OK if summary.ok else EXIT_FINDINGS)


LEARN_HELP = """Learn each site's repeated lines from a batch and write one rule pack per site.

Reads the inputs as `clean` does (text, HTML, records), cleans them with the rules, groups the
documents by site (a record's url field or --site-key, an HTML page's canonical or og:url, else
the input's folder) and finds the lines (compared without case, digits, spacing or bullets) that
recur on at least --min-docs documents and at least --min-share of a site's documents. Each site
that learned something gets PACK_DIR/<site>.toml: rules limited to that site, each saying on how
many pages it was seen, with an example from the corpus. Review the packs (delete any rule that
is article text), then apply them with --rules PACK_DIR. See docs/learn.md.

The documents that tell the same story are reported too (near-duplicates: containment >= 0.5 of
the shorter text's word 5-shingles, and copies: Jaccard >= 0.8); nothing is removed for it.

\b
Examples:
  cleaner learn crawl/ -o packs/
  cleaner learn news.jsonl --site-key domain -o packs/ --report dups.json
  cleaner clean crawl/ -o out/ --rules packs/
"""


@app.command("learn", help=LEARN_HELP, short_help="Learn each site's repeated lines into rule packs.", cls=FastCommand)
def learn_cmd(
    paths: List[Path] = typer.Argument(..., metavar="PATH...", help="Files or folders.", show_default=False),
    out: Path = typer.Option(..., "-o", "--out", metavar="PACK_DIR", help="Folder for the learned packs (one <site>.toml per site)."),
    text_key: Optional[str] = TextKeyOpt,
    html_key: Optional[str] = HtmlKeyOpt,
    site_key: Optional[str] = SiteKeyOpt,
    min_docs: int = typer.Option(3, "--min-docs", metavar="K", help="A line must be on at least K documents of a site (and a site needs K documents)."),
    min_share: float = typer.Option(0.3, "--min-share", metavar="F", help="... and on at least this share of the site's documents."),
    rules: Optional[List[str]] = RulesOpt,
    select: Optional[List[str]] = SelectOpt,
    ignore: Optional[List[str]] = IgnoreOpt,
    extend: Optional[List[str]] = ExtendOpt,
    max_mb: Optional[float] = MaxMbOpt,
    config: Optional[str] = ConfigOpt,
    report_file: Optional[str] = typer.Option(None, "--report", metavar="FILE", help="Also write the learned lines and the near-duplicate clusters to FILE as JSON."),
    follow_links: bool = typer.Option(False, "--follow-links", help="In folders, follow symlinks that lead outside the folders given too."),
    jobs_opt: Optional[str] = typer.Option(None, "-j", "--jobs", metavar="N", help="Worker processes for the counting (default 1; 0: one per CPU)."),
    quiet: bool = QuietOpt,
) -> None:
    from . import learn
    from .io import UsageError, iter_jobs
    from .pipeline import Options
    from .records import Keys

    if text_key is not None and html_key is not None:
        _die("give --text-key or --html-key, not both")
    if min_docs < 2:
        _die(f"--min-docs must be at least 2 (got {min_docs})")
    if not 0 < min_share <= 1:
        _die(f"--min-share must be above 0 and at most 1 (got {min_share})")
    keys = Keys(text=text_key or "text", html=html_key or None, site=site_key or None)
    linter = _linter(config, rules, select, ignore, extend, max_mb=max_mb)
    cfg = _guard(linter.config, Path.cwd())
    options = Options(_guard(linter.ruleset, cfg))
    if out.exists() and not out.is_dir():
        _die(f"{out}: not a folder")
    settings = learn.Settings(min_docs=min_docs, min_share=min_share)

    def report(msg: str) -> None:
        if not quiet:
            typer.echo(f"cleaner: {msg}", err=True)

    try:
        jobs = list(iter_jobs(paths, out, follow_links=follow_links))
    except UsageError as exc:
        _die(str(exc))
    outcome = learn.run_learn(jobs, options, settings, out, max_bytes=int((cfg.max_mb or 64.0) * 1e6), keys=keys,
                              report=report, workers=_jobs(jobs_opt))
    if not quiet:
        for line in outcome.lines():
            typer.echo(line, err=True)
    if report_file is not None:
        from .io import atomic_write
        from .writers import dumps

        try:
            atomic_write(Path(report_file), dumps(outcome.to_json(), indent=2) + "\n")
        except OSError as exc:
            _die(f"{report_file}: cannot write the report ({exc.strerror or exc})")
    raise typer.Exit(EXIT_OK)


def _stream(out: Optional[Path], fmt: Optional[str], shards: bool, paths: List[Path]) -> Optional[Path]:
    """OUT/documents.jsonl when --format jsonl is asked for over a folder or several inputs: one
    stream for the run, not a one-line file per input (a single file keeps OUT/<name>.jsonl)."""
    from .writers import STREAM

    if out is None or fmt != "jsonl" or shards or (len(paths) == 1 and not paths[0].is_dir()):
        return None
    return out / STREAM


CHECK_HELP = """Report what fix would remove, one line per finding: path:line:col: ID summary.

Exit 0 when nothing would be removed, 1 when something would, 2 on a usage, configuration or
rule error or a file that cannot be read.

\b
Examples:
  cleaner check articles/story.md
  cleaner check --diff articles/            # the edits fix would make, as a patch
  cleaner check --format json story.txt     # for tools
  cleaner check --statistics articles/      # findings per rule, most first
"""


@app.command("check", help=CHECK_HELP, short_help="Report what fix would remove (exit 1 if anything).", cls=FastCommand)
def check_cmd(
    paths: List[str] = FilesArg,
    hook: bool = HookOpt,
    hook_all: bool = HookAllOpt,
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of what fix would change instead of findings."),
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of findings per rule (COUNT  ID  name), most first, instead of findings."),
    fmt: Optional[str] = typer.Option(None, "--format", metavar="text|json", help="Findings as text lines (default) or a JSON array."),
    rules: Optional[List[str]] = RulesOpt,
    select: Optional[List[str]] = SelectOpt,
    ignore: Optional[List[str]] = IgnoreOpt,
    extend: Optional[List[str]] = ExtendOpt,
    max_mb: Optional[float] = MaxMbOpt,
    config: Optional[str] = ConfigOpt,
    quiet: bool = QuietOpt,
    doc_timeout: Optional[float] = DocTimeoutOpt,
    jobs: Optional[str] = JobsOpt,
) -> None:
    from . import report

    n_jobs = _jobs(jobs)
    if fmt is not None and fmt not in ("text", "json"):
        _die(f"--format must be text or json (got {fmt!r})")
    if statistics and diff:
        _die("--statistics and --diff cannot be used together")
    linter = _linter(config, rules, select, ignore, extend, max_mb=max_mb, format=fmt)
    paths = _hook_paths(linter, paths, hook, hook_all)
    linter.doc_timeout = _doc_timeout(doc_timeout)
    linter.metadata = False  # findings only: no metadata record per file
    fmt = _guard(linter.config, Path.cwd()).format or "text"
    outcomes, failed = _lint_all(linter, _files(paths), n_jobs)
    found = sum(len(o.findings) for o in outcomes)
    summary = report.count_line(found, sum(1 for o in outcomes if o.findings), len(outcomes))
    if statistics:
        rows = report.statistics(outcomes, _rule_names(linter, outcomes))
        for line in [report.json_statistics(rows)] if fmt == "json" else report.statistics_lines(rows):
            typer.echo(line)
    elif diff:
        for o in outcomes:
            sys.stdout.write(report.diff(o, o.shown))
        if not quiet:
            typer.echo(summary, err=True)
    elif fmt == "json":
        typer.echo(report.json_findings(outcomes))
    else:
        for o in outcomes:
            for f in o.findings:
                typer.echo(report.finding_line(f))
        if not quiet:
            typer.echo(summary)
    raise typer.Exit(EXIT_USAGE if failed else EXIT_FINDINGS if found else EXIT_OK)


def _rule_names(linter, outcomes) -> dict[str, str]:
    """Rule id -> name, over the rule sets of the files' configurations."""
    names: dict[str, str] = {}
    for cfg in {o.config.path: o.config for o in outcomes}.values():
        names.update((r.id, r.name) for r in linter.full(cfg).rules)
    return names


FIX_HELP = """Remove the findings from the files themselves.

Each changed file is named on a line 'Fixing PATH' and rewritten, mode and encoding kept,
never half-written: atomically (temporary file, then rename), through a symbolic link to the
file it points to, and in place for a file with hard links (its original is kept in
.NAME.cleaner-backup until the write is done; an interrupted fix is restored by the next).
Exit 1 when a file was changed (pre-commit's convention for fixers), 0 when nothing was, 2 on
errors. Running fix again changes nothing.

\b
Examples:
  cleaner fix articles/*.md
  cleaner fix --metadata story.txt          # also write story.txt.json (title, authors, removed spans)
"""


@app.command("fix", help=FIX_HELP, short_help="Remove the findings from the files in place.", cls=FastCommand)
def fix_cmd(
    paths: List[str] = FilesArg,
    hook: bool = HookOpt,
    hook_all: bool = HookAllOpt,
    metadata: Optional[bool] = typer.Option(None, "--metadata/--no-metadata", help="Write PATH.json beside each fixed file: metadata and the removed spans."),
    guess_titles: bool = GuessTitlesOpt,
    rules: Optional[List[str]] = RulesOpt,
    select: Optional[List[str]] = SelectOpt,
    ignore: Optional[List[str]] = IgnoreOpt,
    extend: Optional[List[str]] = ExtendOpt,
    max_mb: Optional[float] = MaxMbOpt,
    config: Optional[str] = ConfigOpt,
    quiet: bool = QuietOpt,
    doc_timeout: Optional[float] = DocTimeoutOpt,
    jobs: Optional[str] = JobsOpt,
) -> None:
    from . import report
    from .inplace import recover
    from .lint import write_fix

    n_jobs = _jobs(jobs)
    linter = _linter(config, rules, select, ignore, extend, max_mb=max_mb, metadata=metadata)
    paths = _hook_paths(linter, paths, hook, hook_all)
    linter.doc_timeout = _doc_timeout(doc_timeout)
    linter.guess_titles = guess_titles  # the PATH.json title (fix --metadata)
    files = _files(paths)
    for path, shown in files:
        try:
            if recover(path):
                typer.echo(f"cleaner: {shown}: restored the original an interrupted fix had saved", err=True)
        except OSError as exc:
            _die(f"{shown}: cannot restore the original an interrupted fix saved: {exc.strerror or exc}")
    outcomes, failed = _lint_all(linter, files, n_jobs)
    for o in outcomes:
        if o.refused:
            typer.echo(f"cleaner: {o.shown}: not fixed: {o.refused}", err=True)
            failed = True
    changed = [o for o in outcomes if o.changed]
    for o in changed:
        shown = o.shown
        typer.echo(f"Fixing {shown}")
        try:
            write_fix(o, bool(o.config.metadata))
        except OSError as exc:
            typer.echo(f"cleaner: {shown}: cannot write: {exc.strerror or exc}", err=True)
            failed = True
    found = sum(len(o.findings) for o in changed)
    if not quiet:
        typer.echo(report.count_line(found, len(changed), len(outcomes), verb="Removed"))
    raise typer.Exit(EXIT_USAGE if failed else EXIT_FINDINGS if changed else EXIT_OK)


@app.command("explain", short_help="Show files with every removed span marked and labelled.", cls=FastCommand)
def explain_cmd(
    paths: List[str] = FilesArg,
    color: Optional[str] = typer.Option(None, "--color", metavar="auto|always|never", help="Colour the marks (default: auto, on a terminal)."),
    rules: Optional[List[str]] = RulesOpt,
    select: Optional[List[str]] = SelectOpt,
    ignore: Optional[List[str]] = IgnoreOpt,
    extend: Optional[List[str]] = ExtendOpt,
    max_mb: Optional[float] = MaxMbOpt,
    config: Optional[str] = ConfigOpt,
    context: Optional[str] = typer.Option(None, "-C", "--context", metavar="N", help="Show only the lines with removals and N lines around them, hunks separated by '--' (default: the whole file)."),
) -> None:
    """Show each file with every span fix would remove marked [-like this-] and labelled with
    the rule id and summary below it (in colour on a terminal). Exit 0, or 2 on errors."""
    from . import report

    if color is not None and color not in ("auto", "always", "never"):
        _die(f"--color must be auto, always or never (got {color!r})")
    n_context = None
    if context is not None:
        n_context = int(context) if context.isdigit() else -1
        if n_context < 0:
            _die(f"--context must be a whole number of lines (got {context!r})")
    linter = _linter(config, rules, select, ignore, extend, max_mb=max_mb, color=color)
    use = report.use_color(_guard(linter.config, Path.cwd()).color, sys.stdout)
    outcomes, failed = _lint_all(linter, _files(paths))
    for o in outcomes:
        sys.stdout.write(report.explain(o, o.shown, use, n_context))
    raise typer.Exit(EXIT_USAGE if failed else EXIT_OK)


@rules_app.command("list", cls=FastCommand)
def rules_list(
    rules: Optional[List[str]] = RulesOpt,
    select: Optional[List[str]] = SelectOpt,
    ignore: Optional[List[str]] = IgnoreOpt,
    config: Optional[str] = ConfigOpt,
    slow: bool = typer.Option(False, "--slow", help="Only the line rules some of whose patterns the one-scan "
                              "matcher cannot take (searched on every candidate line), each with why."),
) -> None:
    """One line per rule: id, scope, action, name, origin (builtin:, pkg:<package>/ or a path);
    'opt-in' rules run only when selected."""
    from .plugins import origin_label

    linter, rs = _listing(config, rules, select, ignore, every=not select)
    if slow:
        from .matcher import slow_patterns

        found = slow_patterns(rs)
        for rule_id, why in found.items():
            for reason in why:
                typer.echo(f"{rule_id}  {reason}")
        typer.echo(f"{len(found)} line rules with patterns outside the one-scan matcher", err=True)
        return
    for r in rs.rules:
        flag = "" if r.enabled else "  (opt-in)"
        origin = origin_label(r.origin, linter.packs) or r.origin_label
        typer.echo(f"{r.id}  {r.scope:<9} {r.action:<7} {r.name:<34} {origin}{flag}")
    typer.echo(f"{len(rs.rules)} rules", err=True)


@rules_app.command("show", cls=FastCommand)
def rules_show(
    rule_id: str = typer.Argument(..., metavar="ID", help="A rule id (any case), or an id prefix such as NL to list its rules."),
    rules: Optional[List[str]] = RulesOpt,
    config: Optional[str] = ConfigOpt,
) -> None:
    """A rule's summary, why, settings, patterns and examples; for a prefix (NL, nl00), one
    line per rule it starts: id, name, summary."""
    from .plugins import origin_label

    linter, rs = _listing(config, rules, None, None, every=True)
    r = rs.get(rule_id) or rs.get(rule_id.upper())
    if r is None:
        group = [x for x in rs.rules if x.id.startswith(rule_id.upper())]
        if not group:
            _die(f"no rule id starts with {rule_id!r} (see 'cleaner rules list')")
        for x in group:
            typer.echo(f"{x.id}  {x.name:<34} {x.summary}")
        return
    where = r.where + (f" (window {r.window})" if r.where != "anywhere" else "")
    out = [
        f"{r.id}  {r.name}",
        f"  {r.summary}",
        f"  why:      {r.why}",
        f"  scope:    {r.scope}; where: {where}; action: {r.action}; span: {r.span}",
        f"  origin:   {origin_label(r.origin, linter.packs) or r.origin_label}",
    ]
    if r.keywords:
        out.append(f"  keywords: {', '.join(r.keywords)}")
    if r.detector:
        out.append(f"  detector: {r.detector} (words {r.min_words}..{r.max_words})")
    out += [f"  pattern:  {p.pattern}" for p in r.patterns]
    if r.phrases:
        tail = r.phrase_tail + (f" (at most {r.phrase_tail_max_words} words)" if r.phrase_tail_max_words else "")
        counts = ", ".join(f"{lang} {len(ps)}" for lang, ps in r.phrases)
        out.append(f"  phrases:  {sum(len(ps) for _, ps in r.phrases)} ({counts}); tail: {tail}; lead: {r.phrase_lead}")
        out += [f"    {lang}: {', '.join(map(repr, ps[:4]))}{', ...' if len(ps) > 4 else ''}" for lang, ps in r.phrases]
    if r.phrase_row:
        out.append(f"  rows of:  {len(r.phrase_row)} labels of {', '.join(r.phrase_row_from)}; "
                   f"pairs joined by a space: {len(r.phrase_pair)} labels of {', '.join(r.phrase_pair_from) or 'none'}")
    out += [f"  unless:   {p.pattern}" for p in r.unless]
    out += [f"  requires: {p.pattern}" for p in r.requires]
    out += [f"  extract:  {f} = {p.pattern}" for f, p in r.extract]
    for ex in r.examples:
        out.append(f"  {'match:   ' if ex.should_match else 'no match:'} {ex.text!r}")
    typer.echo("\n".join(out))


@rules_app.command("test", cls=FastCommand)
def rules_test(
    rules: Optional[List[str]] = RulesOpt,
    select: Optional[List[str]] = SelectOpt,
    ignore: Optional[List[str]] = IgnoreOpt,
    config: Optional[str] = ConfigOpt,
) -> None:
    """Run every rule's inline examples; exit 1 if any fails."""
    from .examples import run_examples

    _, rs = _listing(config, rules, select, ignore, every=not select)
    outcomes = run_examples(rs)
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        typer.echo(f"FAIL {o.case}: {o.message}")
    typer.echo(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


_gc_was_on = True


def _gc_on() -> None:
    """Turn the garbage collector back on if main() turned it off.

    What the start-up allocated (modules, typer's command, the rules) is frozen first
    (`gc.freeze`): it lives as long as the process, and left in the youngest generation the
    first collection after `enable` would walk all of it (~10 ms), later full ones again, and
    the interpreter's last collection at exit another ~25 ms."""
    import gc

    if _gc_was_on and not gc.isenabled():
        gc.freeze()
        gc.enable()


def main() -> None:
    """The `cleaner` command.

    The cyclic garbage collector is off during the start-up: importing typer and the engine and
    unpickling the rule cache allocate ~10^5 objects that live as long as the process, and the
    collections they set off cost a cold `cleaner check` 10-15 ms (issue 15, item 3). It is on
    again before a command's real work (`_top`), or for check, fix and explain after their first
    file (`_lint_all`), so long runs collect as before; turned off only here, not when the app
    is called in-process (tests), and restored on the way out. What the start-up allocated is
    frozen as the collector comes back on (`_gc_on`): neither later collections nor the
    interpreter's last one at exit walk it again."""
    global _gc_was_on
    import gc

    _gc_was_on = gc.isenabled()
    gc.disable()
    commands, groups = app.registered_commands, app.registered_groups
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    try:
        _only_the_command(name)
        app()
    except SystemExit as exc:
        if name == "check":
            _exit_now(exc.code)
        raise
    finally:
        app.registered_commands, app.registered_groups = commands, groups
        _gc_on()


def _exit_now(code: object) -> None:
    """End the process at once after `check` (the pre-commit hook's command), when nothing is
    left to do at exit: no atexit callback (the compiled-pattern cache registers one when it has
    new patterns), no other thread, a plain exit code, standard output and error flushed.

    The interpreter's teardown frees every module and rule object one by one: ~3% of a cold
    `check small.txt`'s instructions and ~7 ms of its CPU, for nothing the process needs. check
    writes no file; anything else returns here and exits as usual."""
    import atexit
    import os
    import threading

    pending = getattr(atexit, "_ncallbacks", None)  # CPython's; elsewhere the usual exit
    if pending is None or pending() or threading.active_count() != 1:
        return
    if not (code is None or (isinstance(code, int) and 0 <= code <= 255)):
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:  # a closed pipe: the usual exit reports it as before
        return
    os._exit(code or 0)


def _only_the_command(name: str) -> None:
    """When the first argument names a command, leave only it in the app for this process.

    typer turns every command of the app into a click command (reading each function's
    parameters) before it parses the arguments: ~3 ms of a cold `cleaner check`, of which the
    command that runs needs its own. Once a command is named, the others take no part: its
    options, help and errors are its own. Anything else (`--help`, `--version`, no argument,
    a misspelt command) keeps them all, so the app's help and "No such command" are as before."""
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups
