"""Load, validate and compile rule packs (TOML files) into frozen Rule objects.

Loading is strict on purpose: a rule file is code that anyone can write, so every mistake
(unknown key, wrong type, bad regex, duplicate id, missing examples) stops the load with one
line that names the file, the rule id and the key, e.g.

    rules/credits.toml: CR003: 'window' must be an integer (got "3")
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, cast

import regex

from . import phrases as phrase_lists
from .rulecache import compile_pattern
from .suggest import unknown_key

SCOPES = ("line", "paragraph", "run", "document")
WHERES = ("anywhere", "head", "tail")
ACTIONS = ("drop", "extract", "note", "keep")
SPANS = ("unit", "match", "rest", "all", "block")
BLOCK_KEYS = {"max_words", "max_lines", "body", "stop", "alone"}
# Parameters each detector takes in [rule.params]; all are required (defaults live in rules/).
DETECTOR_PARAMS: dict[str, tuple[str, ...]] = {
    "repeat": (),
    "repeat_line": ("max_gap",),
    "thread": (  # cleaner/threads.py find_thread
        "min_units", "max_gap", "max_stamp_words", "max_unit_words", "max_tail_words",
        "max_break_words", "min_control_share", "min_text_before", "max_thread_ratio", "prose_line_words",
    ),
    "between": ("max_lines", "text_min_words", "sides", "after_min_words"),
    "between_pair": ("max_lines", "text_min_words", "sides", "after_min_words"),  # a headline and its summary
    "trailing_run": ("min_lines", "text_min_words", "min_text_before"),  # cleaner/runs.py
    "trailing_list": ("min_lines", "text_min_words", "min_text_before"),  # cleaner/runs.py
    "box_between": ("max_lines", "end_rules"),  # cleaner/boxes.py
    "caption_after_credit": ("text_min_words", "credit_max_words"),  # cleaner/boxes.py
    "caption_echo": ("max_gap",),  # cleaner/boxes.py
    "lone_line": ("text_min_words", "max_lines"),  # cleaner/boxes.py
    "head_run": ("min_lines", "text_min_words", "short_penalty", "min_region_words", "max_bridge_words", "bridge_lines", "below",
                 "max_mean_words"),  # cleaner/runs.py
    "markup_spans": ("min_spans", "min_text_words"),  # cleaner/markup_spans.py
    "source_blocks": ("min_tags", "min_text_words", "prose_words", "min_links", "link_share",
                      "min_items", "item_max_words", "label_max_words"),  # cleaner/source_blocks.py
    "boilerplate": (
        "text_min_words",
        "short_penalty",
        "min_region_words",
        "keep_outside_min_words",
        "min_outside_lines",
        "max_outside_mean_words",
        "max_region_share",
        "min_markers",
        "share_min_markers",
        "edge_min_words",
        "edge_head_lines",
    ),
}
DETECTORS = tuple(DETECTOR_PARAMS)  # the detector names, as rules/ give them
# Detectors that read the lines other rules removed, named in the rule's `between_rules`.
BETWEEN_RULE_DETECTORS = ("between", "between_pair", "box_between", "caption_after_credit", "caption_echo", "trailing_list")
# Detectors whose `patterns` are markers the detector counts (boilerplate: lines of page chrome),
# not patterns of what to remove.
DETECTORS_WITH_MARKERS = ("boilerplate", "repeat_line", "thread", "between", "trailing_run", "trailing_list", "between_pair",
                          "box_between", "caption_after_credit", "caption_echo", "lone_line", "head_run",
                          "markup_spans", "source_blocks")  # source_blocks: chrome class/id names, chrome tags; markup_spans: what a span of markup is; thread: stamp lines; repeat_line, between: what a candidate line looks like
EXTRACT_FIELDS = (
    "title",
    "authors",
    "contributors",
    "editors",
    "published",
    "dateline",
    "captions",
    "photo_credits",
)

PACK_KEYS = {"prefix", "summary", "order"}
RULE_KEYS = {
    "id",
    "name",
    "summary",
    "why",
    "scope",
    "where",
    "window",
    "action",
    "span",
    "keywords",
    "patterns",
    "unless",
    "requires",
    "detector",
    "min_words",
    "max_words",
    "min_lines",
    "min_text_before",
    "max_hits",
    "aliases",
    "extract",
    "params",
    "enabled",
    "inputs",
    "example",
    "phrases",
    "phrase_files",
    "phrase_tail",
    "phrase_lead",
    "phrase_tail_max_words",
    "phrase_row_from",
    "phrase_pair_from",
    "confirm_after",
    "first_only",
    "sites",
    "block",
    "lists",
    "between_rules",
    "pattern_keywords",
}
# [rule.confirm_after] of a span = "rest" rule: evidence that must follow the matched line.
CONFIRM_KEYS = {"patterns", "rules", "min_hits", "within", "controls", "min_controls"}
INPUTS = ("text", "html")
EXAMPLE_KEYS = {"match", "no_match", "removes", "extracts"}


class LazyPattern:
    """A built-in pattern, compiled on first use; otherwise it behaves as the compiled Pattern.

    Compiling every pattern of every pack (the regex module parses in Python) was the largest
    part of start-up, which the pre-commit hook pays on every commit, and the keyword
    prefilter means a document usually needs few of them. Built-in packs are compiled and
    tested by the test suite (`cleaner rules test`), so only user packs are compiled, and
    checked, at load.
    """

    __slots__ = ("pattern", "flags", "where", "_compiled")

    def __init__(self, pattern: str, flags: int, where: str) -> None:
        self.pattern = pattern
        self.flags = flags
        self.where = where  # "file: id: 'key'", for the error a broken built-in pattern raises
        self._compiled: regex.Pattern[str] | None = None

    def _get(self) -> regex.Pattern[str]:
        if self._compiled is None:
            try:
                self._compiled = compile_pattern(self.pattern, self.flags)  # from the cache of compiled patterns
            except regex.error as exc:
                raise RuleError(f"{self.where}: bad regex {self.pattern!r}: {exc}") from None
        return self._compiled

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return (self._compiled or self._get()).search(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return (self._compiled or self._get()).finditer(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled uncompiled (Options travel to Dask workers; each compiles what it uses).
        Without this, unpickling recursed: __getattr__ ran before the slots were set."""
        return (LazyPattern, (self.pattern, self.flags, self.where))


class RuleError(Exception):
    """A rule file is broken. str(err) is the one-line message shown to the user."""


@dataclass(frozen=True)
class Example:
    """One inline example: `text` must (or must not) be touched by the rule alone."""

    text: str
    should_match: bool
    removes: str | None = None
    extracts: dict[str, Any] | None = None


@dataclass(frozen=True)
class Block:
    """span = "block": the shape of the lines that go with a matched header line ([rule.block]).

    After the header, each following live line goes while it is body-shaped: it matches one of
    `body` (a teaser's meta line: date, byline, comment count), or it has at most `max_words`
    words and matches none of `stop` (prose: a sentence end). At most `max_lines` lines follow.
    A header line that matches one of `alone` goes without them (a "Key points" box: the lines
    under it are the article's own summary)."""

    max_words: int
    max_lines: int
    body: tuple[regex.Pattern[str], ...]
    stop: tuple[regex.Pattern[str], ...]
    alone: tuple[regex.Pattern[str], ...] = ()


# A finding's message: a summary's lead before its list of examples ("A photo caption closed by
# a credit ...: ..." -> "A photo caption closed by a credit ..."), so `check` prints one short line
# per finding as ruff does; `cleaner explain ID` shows the whole summary.
MESSAGE_MAX = 120
_MESSAGE_CUT = regex.compile(r':\s|\s[("“\[]|;\s|\s—\s')


def short_message(summary: str, limit: int = MESSAGE_MAX) -> str:
    """The summary itself when it is at most `limit` characters; else its lead up to the first
    colon, bracket, quote or semicolon that opens its examples (at least 20 characters in), or
    its first `limit` characters cut at a word with an ellipsis."""
    if len(summary) <= limit:
        return summary
    for m in _MESSAGE_CUT.finditer(summary, 20):
        if m.start() > limit:
            break
        return summary[: m.start()].rstrip(" ,;:—-") + "."
    head = summary[:limit].rsplit(" ", 1)[0].rstrip(" ,;:—-")
    return head + "…"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    summary: str
    why: str
    scope: str
    where: str
    window: int
    action: str
    span: str
    keywords: tuple[str, ...]
    patterns: tuple[regex.Pattern[str], ...]
    unless: tuple[regex.Pattern[str], ...]
    detector: str | None
    params: tuple[tuple[str, float], ...]
    min_words: int
    max_words: int | None
    min_lines: int
    min_text_before: int
    max_hits: int | None
    aliases: tuple[str, ...]
    extract: tuple[tuple[str, regex.Pattern[str]], ...]
    examples: tuple[Example, ...]
    origin: str
    order: int
    enabled: bool = True  # False: opt-in, runs only when --select names it
    inputs: tuple[str, ...] = INPUTS  # "html": also on trafilatura's text of an HTML page
    # Document rules: the text must contain a match of one of these for the patterns to be tried
    # (an unanchored search, instead of an "\A(?=.*?X)" look-ahead stepping through the text).
    requires: tuple[regex.Pattern[str], ...] = ()
    # Phrase lexicons (see cleaner/phrases.py): per language its normalised phrases; what may
    # follow a phrase on the line (none | counter | any), whether a count may precede it, and
    # for "any" at most how many words may follow.
    phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    phrase_tail: str = "none"
    phrase_lead: str = "none"
    phrase_tail_max_words: int | None = None
    # Label rows (cleaner/phrases.py, segment_row): the ids of the rules whose phrases make up
    # a row of labels, and (filled in by load_rules) those phrases.
    phrase_row_from: tuple[str, ...] = ()
    phrase_row: frozenset[str] = frozenset()
    # ... and the rules whose labels may make a row of two joined by a single space (buttons:
    # "Print Email"; two section names, "World news", read as prose), and their phrases.
    phrase_pair_from: tuple[str, ...] = ()
    phrase_pair: frozenset[str] = frozenset()
    # span = "rest": a matched line starts the section only when at least `confirm_min` of the
    # next `confirm_within` live lines are evidence: a `confirm` pattern finds something in them,
    # or the phrases of a rule in `confirm_rules` match them ([rule.confirm_after]). With
    # `first_only`, only the rule's first matched line may start it (else nothing is cut).
    confirm: tuple[regex.Pattern[str], ...] = ()
    confirm_rules: tuple[str, ...] = ()
    confirm_min: int = 0
    confirm_within: int = 0
    # ... of which at least `confirm_control_min` are controls ("Reply", "Antworten": a line the
    # named rules' phrases or a `controls` pattern match), not only dates: a comment log without
    # reply buttons is not enough
    confirm_controls: tuple[regex.Pattern[str], ...] = ()
    confirm_control_min: int = 0
    first_only: bool = False
    # detector = "between": the rules whose removed lines must stand right before and after
    # the candidate lines (a teaser card's section label and byline around its headline).
    between_rules: tuple[str, ...] = ()
    # Site scope (learned packs, see cleaner/learn.py): the rule applies only to documents whose
    # site (cleaner/sites.py) is one of these; () applies everywhere.
    sites: tuple[str, ...] = ()
    block: Block | None = None  # span = "block": what the lines after a header look like
    # Per pattern (same positions as `patterns`; () when the rule sets none): None, or keywords
    # one of which every match of that pattern holds (lower-cased). A line rule searches a
    # candidate line with the pattern only when the line holds one of them, as `keywords` do
    # for the whole rule (docs/rules.md "Per-pattern keywords").
    pattern_keywords: tuple[frozenset[str] | None, ...] = ()

    @property
    def message(self) -> str:
        """What `check` prints for a finding: the summary, cut before its examples when long."""
        return short_message(self.summary)

    @property
    def pack(self) -> str:
        return Path(self.origin).stem

    @property
    def origin_label(self) -> str:
        """'builtin:credits.toml' for built-in packs, else the file path as given."""
        path = Path(self.origin)
        return f"builtin:{path.name}" if path.parent == builtin_rules_dir() else self.origin


@dataclass(frozen=True)
class RuleSet:
    """The rules in application order (pack order, then file order)."""

    rules: tuple[Rule, ...]
    errors: tuple[str, ...] = field(default=())

    def get(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id or rule_id in rule.aliases:
                return rule
        return None

    def for_input(self, kind: str) -> "RuleSet":
        """The rules that run on this kind of input ("text", or "html" after trafilatura)."""
        return RuleSet(tuple(r for r in self.rules if kind in r.inputs))

    def for_site(self, site: str | None) -> "RuleSet":
        """The rules that apply to a document of `site`: a rule with `sites` only on those sites
        (a document with no site gets none of them). The same object for the same site, and
        this rule set itself when no rule has `sites` (the engine caches its plan per object)."""
        cache = _SITE_VIEWS.get(id(self))
        if cache is None or cache[0] is not self:
            if len(_SITE_VIEWS) > 64:
                _SITE_VIEWS.clear()
            scoped = any(r.sites for r in self.rules)
            # positions of the rules for every site, and per site of its own (a batch's learned
            # packs hold thousands of rules: a view is built from these, not by a scan of all)
            common = [i for i, r in enumerate(self.rules) if not r.sites]
            own: dict[str, list[int]] = {}
            for i, r in enumerate(self.rules):
                for name in r.sites or ():
                    own.setdefault(name, []).append(i)
            cache = _SITE_VIEWS[id(self)] = (self, {} if scoped else None, common, own)
        views = cache[1]
        if views is None:
            return self
        view = views.get(site)
        if view is None:
            if len(views) > 4096:
                views.clear()
            mine = cache[3].get(site, []) if site is not None else []
            view = views[site] = RuleSet(tuple(self.rules[i] for i in sorted({*cache[2], *mine})))
        return view

    def filtered(
        self,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        *,
        include_opt_in: bool = False,
    ) -> "RuleSet":
        """Apply --select/--extend-select/--ignore (ids or id prefixes).

        Without a selection the enabled rules run. `select` replaces that set; `extend_select`
        adds to it. An opt-in rule (enabled = false) runs only when its own id is named.
        `include_opt_in` keeps every rule (for listing and testing).
        """
        sel, ext, ign = (tuple(c.strip() for c in cs if c.strip()) for cs in (select, extend_select, ignore))
        known = [k for r in self.rules for k in (r.id, *r.aliases)]
        for code in sel + ext + ign:
            if not any(k.startswith(code) for k in known):
                raise RuleError(f"--select/--ignore: no rule id starts with {code!r}")

        def named(r: Rule, codes: tuple[str, ...]) -> bool:
            ids = (r.id, *r.aliases)
            return any((i == c) if not r.enabled else i.startswith(c) for i in ids for c in codes)

        def wanted(r: Rule) -> bool:
            if include_opt_in:
                return True
            return (named(r, sel) if sel else r.enabled) or named(r, ext)

        ignored = lambda r: any(i.startswith(c) for i in (r.id, *r.aliases) for c in ign)  # noqa: E731
        return RuleSet(tuple(r for r in self.rules if wanted(r) and not ignored(r)))


# RuleSet -> (itself, site -> its view or None when no rule has `sites`, positions of the rules
# without `sites`, site -> positions of its rules); see RuleSet.for_site
_SITE_VIEWS: dict[int, tuple[RuleSet, dict[str | None, RuleSet] | None, list[int], dict[str, list[int]]]] = {}


def builtin_rules_dir() -> Path:
    """Built-in packs: inside the installed wheel (cleaner/_rules) or the repo's rules/."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


def load_rules(
    extra_dirs: Iterable[str | Path] = (),
    *,
    builtin: bool = True,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    include_opt_in: bool = False,
) -> RuleSet:
    """Load the built-in packs plus every *.toml in `extra_dirs`; raise RuleError on any fault.

    The parsed rules come from the rule cache (cleaner/rulecache.py) when no file they were
    built from has changed."""
    from . import rulecache

    dirs = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    rules, own, index = rulecache.cached(dirs, lambda: _load_all_indexed(dirs))
    if index is not None:
        rulecache.offer(tuple(rules[i] for i in own), index)
    return RuleSet(tuple(rules)).filtered(select, ignore, extend_select, include_opt_in=include_opt_in)


def _load_all_indexed(dirs: list[Path]) -> tuple[list[Rule], tuple[int, ...], phrase_lists.PhraseIndex | None]:
    """_load_all, and when the result goes into the rule cache, the phrase index of the rules
    that run by default (positions of those with phrases, the index): the engine's first plan
    then reads it from the cache instead of normalising every phrase into it again."""
    from .rulecache import active

    rules = _load_all(dirs)
    if active() is None:
        return rules, (), None
    own = tuple(i for i, r in enumerate(rules) if r.enabled and (r.phrases or r.phrase_row))
    return rules, own, phrase_lists.PhraseIndex(rules[i] for i in own)


def _load_all(dirs: list[Path]) -> list[Rule]:
    """Every rule of these folders and files, checked, in application order (before selection)."""
    from .rulecache import active

    reads = active()
    files: list[Path] = []
    for d in dirs:
        if d.suffix == ".toml" and d.exists() and not d.is_dir():  # read_toml refuses one not a regular file
            files.append(d)
            continue
        if not d.is_dir():
            raise RuleError(f"{d}: rule folder not found")
        found = sorted(d.glob("*.toml"))
        if reads is not None:
            reads.listing(d, "*.toml", found)
        files.extend(found)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        for rule in load_pack(path):
            for key in (rule.id, *rule.aliases):
                if key in seen:
                    raise RuleError(
                        f"{path}: {rule.id}: duplicate id {key!r} (already defined in {seen[key]})"
                    )
                seen[key] = str(path)
            rules.append(rule)
    clash = phrase_lists.check_unique(rules)
    if clash:
        raise RuleError(clash)
    with_phrases = {r.id for r in rules if r.phrases}
    for rule in rules:
        for rid in rule.confirm_rules:
            if rid not in with_phrases:
                raise RuleError(f"{rule.origin}: {rule.id}: confirm_after: rule {rid!r} not found or has no phrases")
    known = {r.id for r in rules}
    for rule in rules:
        for rid in rule.between_rules:
            if rid not in known:
                raise RuleError(f"{rule.origin}: {rule.id}: between_rules: rule {rid!r} not found")
    rules = _with_rows(rules)
    rules.sort(key=lambda r: r.order)  # stable: file order kept inside a pack
    return rules


def _record(path: Path, pattern: str | None = None) -> None:
    """Tell the rule cache's build under way (if any) what the rules are about to be built from:
    a file, or with `pattern` a folder's matching files. Recorded before the read, so a file
    that changes meanwhile makes the entry stale, never the rules."""
    from .rulecache import active

    reads = active()
    if reads is None:
        return
    try:
        if pattern is None:
            reads.file(path)
        elif path.is_dir():
            found = sorted(path.glob(pattern))
            reads.listing(path, pattern, found)
            for f in found:
                reads.file(f)
    except OSError:  # unreadable: the build raises its own error; either way no entry is written
        reads.complete = False


def read_toml(path: Path, error: type[RuleError] = RuleError) -> dict[str, Any]:
    """A TOML file's contents, or `error` with one line naming the file (rule packs, word tables)."""
    import tomllib  # here, not at the top: a cold start with the rule cache parses no TOML

    from .io import read_config_text

    try:
        text = read_config_text(path)  # only a regular file, bounded: a FIFO must not hang the loader
    except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        raise error(f"{path}: cannot read: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib's parser recurses once per level of nested arrays or tables
        raise error(f"{path}: invalid TOML: nested too deeply") from None


def load_pack(path: Path) -> list[Rule]:
    """Parse one TOML rule file into rules, or raise RuleError naming file, id and key."""
    _record(path)
    data = read_toml(path)
    unknown = set(data) - {"pack", "rule"}
    if unknown:
        raise RuleError(f"{path}: {unknown_key(sorted(unknown)[0], ('pack', 'rule'), what='top-level key', listing=True)}")
    pack = data.get("pack", {})
    if not isinstance(pack, dict):
        raise RuleError(f"{path}: 'pack' must be a table")
    bad = set(pack) - PACK_KEYS
    if bad:
        raise RuleError(f"{path}: pack: {unknown_key(sorted(bad)[0], sorted(PACK_KEYS))}")
    prefix = pack.get("prefix", "")
    if not isinstance(prefix, str):
        raise RuleError(f"{path}: pack: 'prefix' must be a string")
    order = pack.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool):
        raise RuleError(f"{path}: pack: 'order' must be an integer (got {order!r})")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(f"{path}: 'rule' must be an array of tables ([[rule]])")
    return [_build_rule(path, i, raw, prefix, order) for i, raw in enumerate(raw_rules)]


def _build_rule(path: Path, index: int, raw: dict[str, Any], prefix: str, order: int) -> Rule:
    rid = raw.get("id")
    label = rid if isinstance(rid, str) and rid else f"rule #{index + 1}"

    def fail(msg: str) -> RuleError:
        return RuleError(f"{path}: {label}: {msg}")

    if not isinstance(rid, str) or not regex.fullmatch(r"[A-Z]{1,4}[0-9]{3}", rid):
        raise fail(f"'id' must look like CR003 (got {rid!r})")
    if prefix and not rid.startswith(prefix):
        raise fail(f"'id' must start with the pack prefix {prefix!r}")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise fail(unknown_key(sorted(unknown)[0], sorted(RULE_KEYS)))

    def get(key: str, kind: type | tuple[type, ...], default: Any = ..., choices: tuple = ()) -> Any:
        if key not in raw:
            if default is ...:
                raise fail(f"missing required key {key!r}")
            return default
        value = raw[key]
        if kind is int and (not isinstance(value, int) or isinstance(value, bool)):
            raise fail(f"{key!r} must be an integer (got {value!r})")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise fail(f"{key!r} must be a {names} (got {value!r})")
        if choices and value not in choices:
            raise fail(f"{key!r} must be one of {', '.join(choices)} (got {value!r})")
        return value

    def strings(key: str) -> tuple[str, ...]:
        value = get(key, list, [])
        if not all(isinstance(v, str) and v for v in value):
            raise fail(f"{key!r} must be a list of non-empty strings")
        return tuple(value)

    lazy = path.parent == builtin_rules_dir()

    def compile_(key: str, source: str) -> regex.Pattern[str]:
        if lazy:
            return cast("regex.Pattern[str]", LazyPattern(source, regex.MULTILINE, f"{path}: {label}: {key!r}"))
        try:
            return regex.compile(source, regex.MULTILINE)
        except regex.error as exc:
            raise fail(f"{key!r}: bad regex {source!r}: {exc}") from None

    name = get("name", str)
    summary = get("summary", str)
    why = get("why", str)
    scope = get("scope", str, choices=SCOPES)
    where = get("where", str, "anywhere", WHERES)
    window = get("window", int, 0 if where == "anywhere" else ...)
    if where != "anywhere" and window < 1:
        raise fail(f"'window' must be >= 1 when where = {where!r}")
    action = get("action", str, choices=ACTIONS)
    span = get("span", str, "unit", SPANS)
    if span != "unit" and scope != "line":
        raise fail(f"'span' = {span!r} is only allowed with scope = \"line\"")
    detector = get("detector", str, None, DETECTORS)
    named_lists = _named_lists(path, get("lists", dict, {}), fail)

    def fill(key: str, source: str) -> str:
        return _fill_lists(source, named_lists, lambda msg: fail(f"{key!r}: {msg}")) if "{{" in source else source

    keywords = tuple(k.lower() for k in strings("keywords"))
    if keywords and named_lists:  # the prefilter must let through every line a listed name makes a match
        keywords += tuple(k for k in _list_keywords(named_lists) if k not in keywords)
    patterns = tuple(compile_("patterns", fill("patterns", p)) for p in strings("patterns"))
    pattern_keywords = _pattern_keywords(get("pattern_keywords", dict, {}), len(patterns), named_lists, fail)
    if pattern_keywords and (scope != "line" or detector):
        raise fail("'pattern_keywords' gate a line rule's patterns (scope = \"line\", no detector)")
    unless = tuple(compile_("unless", fill("unless", p)) for p in strings("unless"))
    requires = tuple(compile_("requires", fill("requires", p)) for p in strings("requires"))
    if requires and scope != "document":
        raise fail("'requires' is only allowed with scope = \"document\"")
    phrases, phrase_tail, phrase_lead, tail_max = _phrases(path, raw, get, strings, fail)
    if phrases:
        if scope != "line" or span not in ("unit", "rest", "block") or detector:
            raise fail("'phrases' need scope = \"line\", span = \"unit\", \"rest\" or \"block\" and no detector")
        if span == "rest" and phrase_tail == "any":
            raise fail("a span = \"rest\" rule's phrases (section headers) take no phrase_tail = \"any\"")
        if keywords and not patterns:
            raise fail("'keywords' filter 'patterns' only; a rule with phrases alone takes none")
    row_from = strings("phrase_row_from")
    pair_from = strings("phrase_pair_from")
    if any(rid not in row_from for rid in pair_from):
        raise fail("'phrase_pair_from' names rules that 'phrase_row_from' names")
    if row_from and (phrases or patterns or detector or scope != "line" or span != "unit"):
        raise fail("'phrase_row_from' needs scope = \"line\", span = \"unit\" and no phrases, patterns or detector")
    if not patterns and not detector and not phrases and not row_from:
        raise fail("needs 'patterns', 'phrases', 'phrase_row_from' or a 'detector'")
    if patterns and detector and detector not in DETECTORS_WITH_MARKERS:
        raise fail(f"has both 'patterns' and 'detector' {detector!r}; use one")
    params_raw = get("params", dict, {})
    wanted = DETECTOR_PARAMS.get(detector or "", ())
    for key, value in params_raw.items():
        if key not in wanted:
            raise fail(f"params: unknown key {key!r} (expected {', '.join(wanted) or 'none'})")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise fail(f"params: {key!r} must be a number (got {value!r})")
    for key in wanted:
        if key not in params_raw:
            raise fail(f"params: missing {key!r} for detector {detector!r}")
    extract_raw = get("extract", dict, {})
    if extract_raw and action not in ("extract", "note"):
        raise fail("'extract' table given but action is not \"extract\" or \"note\"")
    if action in ("extract", "note") and not extract_raw:
        raise fail(f"action = {action!r} needs an [rule.extract] table")
    extract: list[tuple[str, regex.Pattern[str]]] = []
    for fname, src in extract_raw.items():
        if fname not in EXTRACT_FIELDS:
            raise fail(f"extract: unknown field {fname!r} (expected one of {', '.join(EXTRACT_FIELDS)})")
        if not isinstance(src, str):
            raise fail(f"extract: {fname!r} must be a regex string")
        extract.append((fname, compile_(f"extract.{fname}", fill(f"extract.{fname}", src))))
    examples: list[Example] = []
    for j, ex in enumerate(get("example", list, [])):
        if not isinstance(ex, dict):
            raise fail(f"example #{j + 1} must be a table")
        bad = set(ex) - EXAMPLE_KEYS
        if bad:
            raise fail(f"example #{j + 1}: {unknown_key(sorted(bad)[0], sorted(EXAMPLE_KEYS))}")
        kinds = [k for k in ("match", "no_match") if k in ex]
        if len(kinds) != 1:
            raise fail(f"example #{j + 1} needs exactly one of 'match' or 'no_match'")
        text = ex[kinds[0]]
        if not isinstance(text, str) or not text.strip():
            raise fail(f"example #{j + 1}: {kinds[0]!r} must be a non-empty string")
        removes = ex.get("removes")
        extracts = ex.get("extracts")
        if removes is not None and not isinstance(removes, str):
            raise fail(f"example #{j + 1}: 'removes' must be a string")
        if extracts is not None and not isinstance(extracts, dict):
            raise fail(f"example #{j + 1}: 'extracts' must be a table")
        examples.append(Example(text, kinds[0] == "match", removes, extracts))
    if not any(e.should_match for e in examples) or all(e.should_match for e in examples):
        raise fail("needs at least one 'match' and one 'no_match' example")
    max_words = get("max_words", int, None)
    max_hits = get("max_hits", int, None)
    confirm, confirm_rules, confirm_min, confirm_within, confirm_controls, confirm_control_min = _confirm(
        get("confirm_after", dict, {}), compile_, fail)
    first_only = get("first_only", bool, False)
    if (confirm_min and span != "rest" and detector != "thread") or (first_only and span != "rest"):
        raise fail("'confirm_after' and 'first_only' need span = \"rest\" (confirm_after: or detector = \"thread\")")
    block = _block(get("block", dict, None), span, compile_, fail)
    between_rules = strings("between_rules")
    if (detector in BETWEEN_RULE_DETECTORS) != bool(between_rules):
        raise fail(f"'between_rules' go with detector = {' | '.join(BETWEEN_RULE_DETECTORS)}: each of them needs 'between_rules', and only it takes them")
    return Rule(
        id=rid,
        name=name,
        summary=summary,
        why=why,
        scope=scope,
        where=where,
        window=window,
        action=action,
        span=span,
        keywords=keywords,
        patterns=patterns,
        unless=unless,
        detector=detector,
        params=tuple((k, float(v)) for k, v in params_raw.items()),
        min_words=get("min_words", int, 0),
        max_words=max_words,
        min_lines=get("min_lines", int, 1),
        min_text_before=get("min_text_before", int, 0),
        max_hits=max_hits,
        aliases=strings("aliases"),
        extract=tuple(extract),
        examples=tuple(examples),
        origin=str(path),
        order=order,
        enabled=get("enabled", bool, True),
        inputs=_inputs(get("inputs", list, list(INPUTS)), fail),
        requires=requires,
        phrases=phrases,
        phrase_tail=phrase_tail,
        phrase_lead=phrase_lead,
        phrase_tail_max_words=tail_max,
        phrase_row_from=row_from,
        phrase_pair_from=pair_from,
        confirm=confirm,
        confirm_rules=confirm_rules,
        confirm_min=confirm_min,
        confirm_within=confirm_within,
        confirm_controls=confirm_controls,
        confirm_control_min=confirm_control_min,
        first_only=first_only,
        sites=tuple(s.lower() for s in strings("sites")),
        block=block,
        between_rules=between_rules,
        pattern_keywords=pattern_keywords,
    )


def _pattern_keywords(table: dict[str, Any], n: int, lists: dict[str, tuple[str, ...]], fail) -> tuple[frozenset[str] | None, ...]:
    """pattern_keywords = { 11 = ["source", "quelle"], 16 = ["{{PICTURE}}"] }: per pattern
    position (0-based, as in `patterns`) its keywords, lower-cased; () when the table is empty.
    "{{NAME}}" stands for one word of each name of the rule's list NAME (`_name_words`)."""
    if not table:
        return ()
    out: list[frozenset[str] | None] = [None] * n
    for key, words in table.items():
        if not (key.isdigit() and int(key) < n):
            raise fail(f"pattern_keywords: {key!r} is not a position in 'patterns' (0 to {n - 1})")
        if not (isinstance(words, list) and words and all(isinstance(w, str) and w for w in words)):
            raise fail(f"pattern_keywords: {key!r} must be a non-empty list of non-empty strings")
        found: set[str] = set()
        for w in words:
            slot = LIST_SLOT.fullmatch(w)
            if slot is None:
                found.add(w.lower())
                continue
            names = lists.get(slot.group(1))
            if names is None:
                raise fail(f"pattern_keywords: {w} names no list of the rule ([rule.lists])")
            found.update(_name_words(names))
        # a keyword holding another is implied by it
        out[int(key)] = frozenset(w for w in found if not any(o != w and o in w for o in found))
    return tuple(out)


def _name_words(names: tuple[str, ...]) -> set[str]:
    """Pieces (lower-cased) such that each name holds one: a pattern that matches a listed name
    holds each of its pieces, whatever white space the list slot allows between its words. The
    one-word names first ("Getty"), then of each other name not already holding one of those
    ("AFP via Getty Images") its longest piece (`_longest_piece`): "Le Pictorium" gives "ctori",
    not "le", which the keyword scan would meet in most lines."""
    out: set[str] = set()
    for name in sorted(names, key=lambda n: len(n.split())):
        low = " ".join(name.lower().split())
        if not any(w in low for w in out):
            out.add(_longest_piece(low, folded=len(name) >= LIST_FOLD_MIN_CHARS))
    return out


# Letters the regex module also matches, under (?i), in a character that does not lower-case to
# them: "ſ" for "s", "I" for "ı", "ᲀ".."ᲅ" for Cyrillic "в", "д", "о", "с", "т", "ъ" (and "İ",
# lower-cased "i̇", for "i": safe only as a piece's last letter, where _longest_piece ends a piece).
_FOLD_UNSAFE = frozenset("sıвдостъѣꙋ")


def _fold_safe(ch: str) -> bool:
    """Whether every character (?i) matches for `ch` lower-cases to it (for "i", to "i" or to "i"
    plus a mark: "İ"): lower-case ASCII, Latin-1/Latin Extended-A (less "ß" and "ſ") and basic
    Cyrillic, and caseless characters from U+2E80 (CJK, kana, Hangul), less `_FOLD_UNSAFE`; anything
    else is taken as unsafe (checked against the regex module over those ranges when this was written)."""
    if ch in _FOLD_UNSAFE or ch != ch.lower():
        return False
    o = ord(ch)
    return o < 0x80 or 0xE0 <= o <= 0x17E or 0x430 <= o <= 0x45F or (o >= 0x2E80 and ch.upper() == ch)


def _longest_piece(low: str, folded: bool) -> str:
    """The longest run within one word of `low` whose characters are all `_fold_safe` (a name
    matched in any case, `folded`; a short name is matched as written, so its words as they are):
    a line holding the name in any case holds the piece once lower-cased. A piece under 5
    characters ("port" of "Sportimage", "ated" of "Associated Press") meets common words: then
    the name's first word, as before (its "s" is then outside the fold-safe contract)."""
    best = ""
    for word in low.split():
        start = 0
        for end, ch in enumerate(word):
            if folded and not _fold_safe(ch):
                start = end + 1
                continue
            if len(word[start:end + 1]) > len(best):
                best = word[start:end + 1]
            if folded and ch == "i":  # "i" ends a piece ("İ" lower-cases to "i" plus a mark)
                start = end + 1
    return best if len(best) >= 5 or not folded else low.split()[0]


def _confirm(table: dict[str, Any], compile_, fail):
    """[rule.confirm_after]: (patterns, rule ids, min_hits, within, controls, min_controls); all
    empty when absent."""
    if not table:
        return (), (), 0, 0, (), 0
    bad = set(table) - CONFIRM_KEYS
    if bad:
        raise fail(f"confirm_after: {unknown_key(sorted(bad)[0], sorted(CONFIRM_KEYS))}")
    pats, ids, ctrls = table.get("patterns", []), table.get("rules", []), table.get("controls", [])
    for key, value in (("patterns", pats), ("rules", ids), ("controls", ctrls)):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(f"confirm_after: {key!r} must be a list of non-empty strings")
    if not pats and not ids and not ctrls:
        raise fail("confirm_after: needs 'patterns' or 'rules'")
    hits, within = table.get("min_hits", 2), table.get("within", 40)
    for key, value in (("min_hits", hits), ("within", within)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise fail(f"confirm_after: {key!r} must be an integer >= 1 (got {value!r})")
    need = table.get("min_controls", 0)
    if not isinstance(need, int) or isinstance(need, bool) or not 0 <= need <= hits:
        raise fail(f"confirm_after: 'min_controls' must be an integer from 0 to min_hits (got {need!r})")
    if need and not ids and not ctrls:
        raise fail("confirm_after: 'min_controls' needs 'rules' or 'controls'")
    return (tuple(compile_("confirm_after.patterns", p) for p in pats), tuple(ids), hits, within,
            tuple(compile_("confirm_after.controls", p) for p in ctrls), need)


def _with_rows(rules: list[Rule]) -> list[Rule]:
    """Rules with `phrase_row_from` get the phrases of the rules they name (whether or not those
    are selected later): a row rule's labels are rule data, resolved once at load time."""
    if not any(r.phrase_row_from for r in rules):
        return rules
    by_id = {r.id: r for r in rules}
    out = []
    for rule in rules:
        if rule.phrase_row_from:
            labels: set[str] = set()
            pair: set[str] = set()
            for rid in rule.phrase_row_from:
                src = by_id.get(rid)
                if src is None or not src.phrases:
                    raise RuleError(f"{rule.origin}: {rule.id}: phrase_row_from: rule {rid!r} not found or has no phrases")
                for _, ps in src.phrases:
                    labels.update(ps)
                    if rid in rule.phrase_pair_from:
                        pair.update(ps)
            rule = dataclasses.replace(rule, phrase_row=frozenset(labels), phrase_pair=frozenset(pair))
        out.append(rule)
    return out


def _block(raw: dict[str, Any] | None, span: str, compile_, fail) -> Block | None:
    """The [rule.block] table: required with span = "block", refused without it."""
    if raw is None:
        if span == "block":
            raise fail("span = \"block\" needs a [rule.block] table (max_words, max_lines, body, stop, alone)")
        return None
    if span != "block":
        raise fail("[rule.block] is only allowed with span = \"block\"")
    bad = set(raw) - BLOCK_KEYS
    if bad:
        raise fail(f"block: {unknown_key(sorted(bad)[0], sorted(BLOCK_KEYS))}")
    nums = {}
    for key in ("max_words", "max_lines"):
        value = raw.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise fail(f"block: {key!r} must be an integer >= 1 (got {value!r})")
        nums[key] = value
    pats = {}
    for key in ("body", "stop", "alone"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"block: {key!r} must be a list of regex strings")
        pats[key] = tuple(compile_(f"block.{key}", v) for v in value)
    return Block(nums["max_words"], nums["max_lines"], pats["body"], pats["stop"], pats["alone"])


def _phrases(path: Path, raw: dict[str, Any], get, strings, fail):
    """The rule's phrase lists (inline [rule.phrases] and phrase_files), normalised, and its
    phrase_tail / phrase_lead / phrase_tail_max_words."""
    inline = get("phrases", dict, {})
    folders = strings("phrase_files")
    lists: list[tuple[str, str, Any]] = []
    for lang, value in inline.items():
        if not isinstance(value, list):
            raise fail(f"phrases.{lang}: must be a list of strings")
        lists.append((lang, f"phrases.{lang}", value))
    try:
        for name in folders:
            _record(path.parent / name, "*.txt")
            for lang, value in phrase_lists.read_phrase_folder(path.parent, name).items():
                lists.append((lang, str(path.parent / name / f"{lang}.txt"), value))
        compiled = phrase_lists.compile_phrases(lists)
    except phrase_lists.PhraseError as exc:
        raise fail(str(exc)) from None
    if (inline or folders) and not compiled:
        raise fail("'phrases' / 'phrase_files' hold no phrase")
    tail = get("phrase_tail", str, "none", phrase_lists.TAILS)
    lead = get("phrase_lead", str, "none", phrase_lists.LEADS)
    tail_max = get("phrase_tail_max_words", int, None)
    if not compiled and any(k in raw for k in ("phrase_tail", "phrase_lead", "phrase_tail_max_words")):
        raise fail("'phrase_tail', 'phrase_lead' and 'phrase_tail_max_words' need 'phrases' or 'phrase_files'")
    if tail_max is not None and (tail != "any" or tail_max < 1):
        raise fail("'phrase_tail_max_words' must be >= 1 and needs phrase_tail = \"any\"")
    return compiled, tail, lead, tail_max


LIST_SLOT = regex.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")
# A listed name of at least this many characters is matched in any case, a shorter one ("AP",
# "dpa") only as written. The pattern a list slot becomes (_fill_lists) and the gate words drawn
# from the list (_name_words) must agree on which: a gate word of a name matched in any case is
# a fold-safe piece found in the line once lower-cased.
LIST_FOLD_MIN_CHARS = 4


def _named_lists(path: Path, table: dict[str, Any], fail) -> dict[str, tuple[str, ...]]:
    """[rule.lists]: NAME = "file" (relative to the pack's folder): one literal name a line
    (``#`` comments and blank lines ignored). ``{{NAME}}`` in a rule's patterns, vetoes and
    extract patterns stands for any of the names (rules/data/photo_agencies.txt: the picture
    and wire agencies that credit tails name, kept as data instead of one alternation per copy)."""
    lists: dict[str, tuple[str, ...]] = {}
    for name, rel in table.items():
        if not regex.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or not isinstance(rel, str) or not rel:
            raise fail(f"lists: {name!r} must be NAME = \"file\" (a name of letters, digits and _)")
        file = path.parent / rel
        try:
            _record(file)
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise fail(f"lists.{name}: cannot read {file}: {exc.__class__.__name__}") from None
        names = tuple(dict.fromkeys(t for ln in text.splitlines() if (t := ln.strip()) and not t.startswith("#")))
        if not names:
            raise fail(f"lists.{name}: {file} holds no name")
        lists[name] = names
    return lists


def _fill_lists(source: str, lists: dict[str, tuple[str, ...]], fail) -> str:
    """``{{NAME}}`` -> ``(?:a|b|...)``: each listed name escaped, its spaces any white space, in
    any case when it has LIST_FOLD_MIN_CHARS or more characters (a shorter one, "AP", "dpa", as
    written), longest first (so "Getty Images" is tried before "Getty")."""

    def alternation(m: regex.Match[str]) -> str:
        names = lists.get(m.group(1))
        if names is None:
            raise fail(f"{{{{{m.group(1)}}}}} names no list of the rule ([rule.lists])")
        long = [n.lower() for n in names if len(n) >= LIST_FOLD_MIN_CHARS]
        short = [n for n in names if len(n) < LIST_FOLD_MIN_CHARS]
        parts = ([f"(?i:{_trie_regex(long)})"] if long else []) + ([_trie_regex(short)] if short else [])
        return "(?:" + "|".join(parts) + ")"

    return LIST_SLOT.sub(alternation, source)


def _trie_regex(names: list[str]) -> str:
    """One alternation for many literal names, factored by common prefix ("Getty(?:\\s+Images(?:...)?)?"):
    the regex engine then tries a few branches per position instead of every name; a longer name
    is tried before its prefix (greedy), as "longest first" would. Spaces match any white space."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for unit in regex.findall(r"\s+|.", " ".join(name.split())):
            node = node.setdefault(" " if unit.isspace() else unit, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [(r"\s+" if unit == " " else regex.escape(unit)) + emit(child)
                    for unit, child in sorted(node.items()) if unit]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie) or "(?!)"


def _list_keywords(lists: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Prefilter keywords for listed names: a name of 5 or more characters as it is (lower-cased),
    a shorter one ("AP", "dpa", "TT", "IANS") only next to the marks a credit puts around it
    ("/ap", "(ap", "ap)", "via ap"), so a short name's letters inside words ("Indians", "China")
    do not wake the rule up."""
    out: list[str] = []
    for names in lists.values():
        for n in names:
            low = " ".join(n.lower().split())
            if len(low) >= 5:
                out.append(low)
            else:
                out += [f"/{low}", f"{low}/", f"/ {low}", f"{low} /", f"({low}", f"{low})", f"via {low}", f"[{low}",
                        f"{low}]", f"（{low}", f"{low}）", f"| {low}"]
    return tuple(dict.fromkeys(out))


def _inputs(value: list, fail) -> tuple[str, ...]:
    if not value or any(v not in INPUTS for v in value):
        raise fail(f"'inputs' must be a non-empty list of {', '.join(INPUTS)} (got {value!r})")
    return tuple(value)
