"""Learn each site's boilerplate from the batch itself: `cleaner learn`.

One document cannot tell that "More from Sport" is template; forty pages of the same site can.
For every site (cleaner/sites.py) the documents' lines are normalised (case, digits, white space,
surrounding bullets: "• More from Sport 12" and "More from sport 7" are one line) and counted
once per document, on the text the rules leave (so a learned pack holds what the default rules
miss). A line on at least `min_docs` documents (K) and at least a share `min_share` (F) of the
site's documents becomes a rule of that site's pack: one TOML file per site, in the rule format,
each rule limited to the site by its `sites` key, with how many documents it was seen on and an
example taken from the corpus. People review a pack and apply it with --rules like any pack.

Guards (issue 14, item 3):
  * a site with fewer than K documents learns nothing;
  * a line that reads like article prose (PROSE_WORDS words or more, or PROSE_SENTENCE_WORDS
    with a sentence's punctuation) needs PROSE_FACTOR x K documents and a share of PROSE_SHARE: a quote that a
    site's stories repeat is not its template;
  * scope is the site: a passage shared by articles of different sites counts on each site
    alone, and a learned rule never runs on another site's documents.

A learned rule matches a whole line (anchored), so the same words inside an article's sentence
are never removed. Rule ids are "Q" and three letters derived from the site (`--ignore Q` turns
every learned rule off), then the rank of the line on its site: QABC001 is its most frequent.
"""

from __future__ import annotations

import hashlib
import json
import re
import string
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import regex

from .phrases import normalise
from .segment import word_count

if TYPE_CHECKING:
    from .io import Job
    from .minhash import Sketch
    from .pipeline import Options
    from .records import Keys

PACK_ORDER = 900  # after every built-in pack: learned rules see what the default rules leave
PROSE_WORDS = 12  # a line this long reads as a sentence of prose
PROSE_SENTENCE_WORDS = 8  # ... or this long with a sentence's punctuation (a label may end in "!")
PROSE_FACTOR = 2  # ... and needs this many times K documents
PROSE_SHARE = 0.6  # ... and at least this share of the site's documents
MAX_KEY_CHARS = 2000  # longer lines are never learned
PRUNE_EVERY = 500  # documents of a site between two prunes of its lines seen once (SiteCounts.prune)
REPEATS = 1.5  # a line more often than this per document it is on is an item of a list or thread
MAX_RULES = 999
SHOWN_CLUSTERS = 20  # clusters printed in the closing summary (--report has them all)  # ids QABC001 .. QABC999
_DIGITS = re.compile(r"\d+")
_SENTENCE = re.compile(r"[.!?;。！？]\s+\S|[.!?。！？]$")
_LETTER = re.compile(r"[^\W\d_]")
_KEYWORD = re.compile(r"[^\W\d_]{3,}")
_NUMBER = re.compile(r"0(?:[.,:/]0)*")


@dataclass(frozen=True)
class Settings:
    """The evidence a line needs (see the module's docstring and docs/learn.md for the defaults)."""

    min_docs: int = 3  # K
    min_share: float = 0.3  # F


@dataclass
class SiteCounts:
    """One site's documents and, per normalised line, on how many of them it is and an example.

    Mergeable (map/reduce over work units): counts add, the first example stays."""

    docs: int = 0
    lines: dict[str, list] = field(default_factory=dict)  # key -> [documents, example line, occurrences]

    def add(self, text: str) -> None:
        """Count one document's lines: documents per normalised line, and all its occurrences."""
        self.docs += 1
        seen: set[str] = set()
        for line in text.split("\n"):
            key = line_key(line)
            if key is None:
                continue
            entry = self.lines.get(key)
            if key in seen:
                entry[2] += 1  # type: ignore[index]
                continue
            seen.add(key)
            if entry is None:
                self.lines[key] = [1, line.strip(), 1]
            else:
                entry[0] += 1
                entry[2] += 1
        if self.docs % PRUNE_EVERY == 0:
            self.prune()

    def prune(self) -> None:
        """Forget the lines seen on one document only (lossy counting): a site's memory then
        holds its repeated lines and the last PRUNE_EVERY documents' others, not all its text.
        A line dropped here loses one count each time; one on a share F of the documents is
        seen again long before the next prune, so its count is short by at most a few."""
        self.lines = {k: v for k, v in self.lines.items() if v[0] > 1}

    def merge(self, other: "SiteCounts") -> None:
        self.docs += other.docs
        for key, (n, example, hits) in other.lines.items():
            entry = self.lines.get(key)
            if entry is None:
                self.lines[key] = [n, example, hits]
            else:
                entry[0] += n
                entry[2] += hits


def line_key(line: str) -> str | None:
    """A line's normalised form (phrases.normalise, then every run of digits as "0"), or None
    for a line that cannot be learned: no letter in it, or longer than MAX_KEY_CHARS."""
    if len(line) > MAX_KEY_CHARS * 2:
        return None
    key = normalise(line)
    if not key or len(key) > MAX_KEY_CHARS or not _LETTER.search(key):
        return None
    return _DIGITS.sub("0", key)


def data_like(key: str) -> bool:
    """A key that is mostly numbers (a date, a time, a score): the same format on every page is
    not the same line ("november 0, 0 at 0:0 am" is each comment's own time)."""
    numbers = len(_NUMBER.findall(key))
    return numbers > 0 and numbers >= len(_KEYWORD.findall(key))


def prose_like(line: str) -> bool:
    """A line that reads like a sentence of an article: long, or with a sentence's punctuation."""
    words = word_count(line)
    return words >= PROSE_WORDS or (words >= PROSE_SENTENCE_WORDS and bool(_SENTENCE.search(line.strip())))


@dataclass(frozen=True)
class Learned:
    """One learned line of a site."""

    key: str
    seen: int  # documents of the site it is on
    docs: int  # documents of the site
    example: str
    pattern: str
    keyword: str | None
    prose: bool




def line_pattern(key: str) -> str:
    """An anchored, case-insensitive pattern for the lines whose line_key is `key`: any number in
    place of each "0", any white space for each space, any bullets and punctuation around it
    (\\W*: a little wider than line_key's set, and short to read in a review)."""
    body = []
    for part in re.split(r"(0| )", key):
        if part == "0":
            body.append(r"\d+(?:[.,:/]\d+)*")
        elif part == " ":
            body.append(r"\s+")
        elif part:
            body.append(regex.escape(part, special_only=True))
    return r"(?i)^\W*" + "".join(body) + r"\W*$"


def learn_site(site: str, counts: SiteCounts, settings: Settings) -> list[Learned]:
    """The lines of one site that have the evidence, most frequent first (at most MAX_RULES)."""
    k, f = settings.min_docs, settings.min_share
    if counts.docs < k:
        return []  # too few documents to tell template from text
    out: list[Learned] = []
    for key, (seen, example, hits) in counts.lines.items():
        if seen < k or seen < f * counts.docs:
            continue
        if hits > REPEATS * seen or data_like(key):
            continue
        prose = prose_like(example)
        if prose and (seen < PROSE_FACTOR * k or seen < PROSE_SHARE * counts.docs):
            continue
        pattern = line_pattern(key)
        if not regex.search(pattern, example):  # NFKC or case folding changed it: not learnable
            continue
        low = example.lower()
        words = sorted((w for w in _KEYWORD.findall(key) if w in low), key=len, reverse=True)
        out.append(Learned(key, seen, counts.docs, example, pattern, words[0] if words else None, prose))
    out.sort(key=lambda x: (-x.seen, x.key))
    return out[:MAX_RULES]


def prefix_for(site: str, taken: set[str]) -> str:
    """The site's id prefix: "Q" and three letters from a hash of the site, unique among `taken`."""
    salt = 0
    while True:
        h = int(hashlib.sha1(f"{site}\0{salt}".encode()).hexdigest(), 16)
        letters = "".join(string.ascii_uppercase[(h >> (5 * i)) % 26] for i in range(3))
        prefix = "Q" + letters
        if prefix not in taken:
            taken.add(prefix)
            return prefix
        salt += 1


def pack_name(site: str) -> str:
    """The pack's file name: the site with anything but letters, digits, dots and dashes as "_"."""
    return re.sub(r"[^\w.-]", "_", site).strip(".") or "site"


def _s(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def seen_on(item: Learned, site: str) -> str:
    return f"seen on {item.seen} of {item.docs} pages of {site}"


def pack_toml(site: str, items: list[Learned], prefix: str, settings: Settings, sources: str = "") -> str:
    """One site's learned rules as a rule pack (TOML)."""
    docs = items[0].docs if items else 0
    out = [
        f"# Learned by `cleaner learn` from {docs} documents of {site}{sources}",
        f"# (a line on >= {settings.min_docs} documents and >= {settings.min_share:g} of them; see docs/learn.md).",
        "# Review before use: delete every rule whose line is article text, not the site's template.",
        "# Apply with: cleaner clean --rules THIS_FOLDER ...   (turn all learned rules off: --ignore Q)",
        "",
        "[pack]",
        f"prefix = {_s(prefix)}",
        f"summary = {_s(f'Lines repeated on the pages of {site} (learned)')}",
        f"order = {PACK_ORDER}",
    ]
    for n, item in enumerate(items, 1):
        rid = f"{prefix}{n:03d}"
        why = (f"Learned: this line (compared without case, digits, spacing or bullets) is on {item.seen} of "
               f"{item.docs} pages of {site}, so it is the site's template, not one article's text.")
        if item.prose:
            why += " It reads like prose: it was held to the stricter evidence prose needs; check it."
        out += [
            "",
            "[[rule]]",
            f"id = {_s(rid)}",
            f"name = {_s(f'learned-{pack_name(site)}-{n:03d}')}",
            f"summary = {_s(seen_on(item, site))}",
            f"why = {_s(why)}",
            'scope = "line"',
            'action = "drop"',
            f"sites = [{_s(site)}]",
        ]
        if item.keyword:
            out.append(f"keywords = [{_s(item.keyword)}]")
        out += [
            f"patterns = [{_s(item.pattern)}]",
            "",
            "[[rule.example]]",
            f"match = {_s(item.example)}",
            "",
            "[[rule.example]]",
            f"no_match = {_s(f'An article that quotes “{item.example}” inside a sentence keeps it.')}",
        ]
    return "\n".join(out) + "\n"


def learn_packs(counts: dict[str, SiteCounts], settings: Settings) -> Iterator[tuple[str, str, list[Learned]]]:
    """(site, prefix, learned lines) for every site that learned something, sorted by site."""
    taken: set[str] = set()
    for site in sorted(counts):
        items = learn_site(site, counts[site], settings)
        if items:
            yield site, prefix_for(site, taken), items


def write_packs(counts: dict[str, SiteCounts], settings: Settings, folder: Path, sources: str = "") -> list[tuple[str, Path, list[Learned]]]:
    """Write one pack per site that learned something into `folder`; (site, file, lines) each."""
    from .io import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for site, prefix, items in learn_packs(counts, settings):
        path = folder / f"{pack_name(site)}.toml"
        atomic_write(path, pack_toml(site, items, prefix, settings, sources))
        written.append((site, path, items))
    return written


def count_texts(docs: Iterable[tuple[str | None, str]]) -> dict[str, SiteCounts]:
    """(site, clean text) pairs -> counts per site (documents without a site are left out)."""
    counts: dict[str, SiteCounts] = {}
    for site, text in docs:
        if site:
            counts.setdefault(site, SiteCounts()).add(text)
    return counts


@dataclass(frozen=True)
class Document:
    """A cleaned input document of a learn run: its site, name and the text the rules left."""

    site: str | None
    source: str
    text: str


def read_documents(jobs: Iterable["Job"], options: "Options", *, max_bytes: int, keys: "Keys",
                   report=lambda msg: None) -> Iterator[Document]:
    """Every document of the inputs (text and HTML files, records), cleaned with `options`, with
    its site (cleaner/sites.py; `keys.site` names a record's site field). Inputs that cannot be
    read or cleaned are reported and left out, as `clean` does."""
    from .batch import Failed, Skip, clean_one
    from .io import read_input
    from .records import BadFile, BadRecord, read_records
    from .sites import site_of

    for job in jobs:
        if job.skip is not None:
            report(f"{job.src}: skipped: {job.skip}")
            continue
        try:
            data = read_input(job.src, max_bytes, gunzip=True)
        except (OSError, ValueError) as exc:
            report(f"{job.src}: skipped: {getattr(exc, 'strerror', None) or exc}")
            continue
        if job.kind == "records":
            html = keys.html is not None
            try:
                for item in read_records(data, job.src.name, keys):
                    where = f"{job.src}:{item.number}"
                    if isinstance(item, BadRecord):
                        report(f"{where}: skipped: {item.reason}")
                        continue
                    site = site_of(fields=item.fields, html=item.content if html else None, path=job.src, key=keys.site)
                    try:
                        result = clean_one(item.content, html, options, where, max_bytes)
                    except (Skip, Failed) as exc:
                        report(f"{where}: skipped: {exc}")
                        continue
                    yield Document(site, where, result.text)
            except BadFile as exc:
                report(f"{job.src}: skipped: {exc}")
            continue
        site = site_of(html=data if job.kind == "html" else None, path=job.src)
        try:
            result = clean_one(data, job.kind == "html", options, str(job.src), max_bytes)
        except (Skip, Failed) as exc:
            report(f"{job.src}: skipped: {exc}")
            continue
        yield Document(site, str(job.src), result.text)


@dataclass
class Outcome:
    """What a learn run found: documents and sites read, packs written, near-duplicate clusters."""

    docs: int = 0
    sites: int = 0
    packs: list[tuple[str, Path, list[Learned]]] = field(default_factory=list)
    clusters: list[dict] = field(default_factory=list)

    def lines(self) -> list[str]:
        rules = sum(len(items) for _, _, items in self.packs)
        out = [f"learned {rules} rules for {len(self.packs)} of {self.sites} sites from {self.docs} documents"]
        for site, path, items in self.packs:
            out.append(f"  {path}: {len(items)} rules (site {site}, {items[0].docs} documents)")
        if self.clusters:
            kinds = Counter(c["kind"] for c in self.clusters)
            out.append(f"near-duplicates: {kinds['same story']} clusters of documents that tell the same story, "
                       f"{kinds['copies']} of copies")
            for c in self.clusters[:SHOWN_CLUSTERS]:
                out.append(f"  {c['kind']}: " + ", ".join(c["documents"]))
                for p in c["pairs"]:
                    out.append(f"    {p['a']} ~ {p['b']}: containment {p['containment']:.2f}, jaccard {p['jaccard']:.2f}")
            if len(self.clusters) > SHOWN_CLUSTERS:
                out.append(f"  ... and {len(self.clusters) - SHOWN_CLUSTERS} more clusters (all of them: --report FILE)")
        return out

    def to_json(self) -> dict:
        return {
            "documents": self.docs,
            "sites": self.sites,
            "packs": [
                {"site": site, "file": str(path), "documents": items[0].docs,
                 "rules": [{"line": i.example, "seen": i.seen, "prose": i.prose} for i in items]}
                for site, path, items in self.packs
            ],
            "near_duplicates": self.clusters,
        }


@dataclass
class Tally:
    """What a counting pass found in some documents (one work unit, or all): mergeable."""

    docs: int = 0
    counts: dict[str, SiteCounts] = field(default_factory=dict)
    sketches: list[tuple[str, "Sketch"]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, doc: Document) -> None:
        from .minhash import MIN_SHINGLES, Sketch

        self.docs += 1
        if doc.site:
            self.counts.setdefault(doc.site, SiteCounts()).add(doc.text)
        sketch = Sketch.of(doc.text)
        if sketch.size >= MIN_SHINGLES:
            self.sketches.append((doc.source, sketch))

    def merge(self, other: "Tally") -> None:
        self.docs += other.docs
        for site, c in other.counts.items():
            mine = self.counts.get(site)
            if mine is None:
                self.counts[site] = c
            else:
                mine.merge(c)
        self.sketches += other.sketches
        self.problems += other.problems


def count_unit(jobs: Iterable["Job"], options: "Options", max_bytes: int, keys: "Keys") -> Tally:
    """The counting pass over some inputs: the map of a map/reduce (Tally.merge is the reduce)."""
    tally = Tally()
    for doc in read_documents(jobs, options, max_bytes=max_bytes, keys=keys, report=tally.problems.append):
        tally.add(doc)
    return tally


_counter: tuple | None = None  # (options, max_bytes, keys) in a worker process


def _init_counter(options: "Options", max_bytes: int, keys: "Keys") -> None:
    from .workers import worker_signals

    global _counter
    _counter = (options, max_bytes, keys)
    worker_signals()


def _count_work(jobs: tuple) -> Tally:
    assert _counter is not None
    return count_unit(jobs, *_counter)


def count_jobs(jobs: Iterable["Job"], options: "Options", *, max_bytes: int, keys: "Keys", workers: int = 1,
               report=lambda msg: None) -> Tally:
    """The counting pass over every input, in units of batch.UNIT_SIZE inputs, in `workers`
    processes (cleaner.workers, as clean's units); problems reported in input order."""
    from itertools import islice

    from .batch import UNIT_SIZE

    total = Tally()
    stream = iter(jobs)
    units = iter(lambda: tuple(islice(stream, UNIT_SIZE)), ())

    def fold(unit: tuple, part: Tally, fresh: bool) -> None:
        for msg in part.problems:
            report(msg)
        part.problems = []
        total.merge(part)

    if workers <= 1:
        for unit in units:
            fold(unit, count_unit(unit, options, max_bytes, keys), True)
        return total
    from .workers import run_ordered

    def lost(unit: tuple, pid: int, why: str) -> Tally:
        return Tally(problems=[f"{unit[0].src} .. {unit[-1].src}: not counted: the worker process died ({why})"])

    run_ordered(((unit, None) for unit in units), workers=workers, window=2 * workers, init=_init_counter,
                initargs=(options, max_bytes, keys), work=_count_work, lost=lost, fold=fold,
                before_start=lambda: (options._prefilter, options.for_html._prefilter))
    return total


def run_learn(jobs: Iterable["Job"], options: "Options", settings: Settings, folder: Path, *, max_bytes: int,
              keys: "Keys", report=lambda msg: None, workers: int = 1) -> Outcome:
    """Read and clean the inputs, count lines per site, write the packs into `folder`, and find
    the near-duplicate documents."""
    tally = count_jobs(jobs, options, max_bytes=max_bytes, keys=keys, workers=workers, report=report)
    return finish(tally, settings, folder)


def finish(tally: Tally, settings: Settings, folder: Path) -> Outcome:
    """Write the packs of a counting pass into `folder` and cluster its near-duplicates."""
    from .minhash import NearDuplicates

    dups = NearDuplicates()
    for name, sketch in tally.sketches:
        dups.names.append(name)
        dups.sketches.append(sketch)
    outcome = Outcome(docs=tally.docs, sites=len(tally.counts))
    outcome.packs = write_packs(tally.counts, settings, folder)
    outcome.clusters = dups.clusters()
    return outcome


LEARNED_MARK = "learned.json"  # in OUT/.cleaner/learned/: the packs there are complete


def with_packs(options: "Options", folder: Path) -> "Options":
    """`options` with the rules of every pack in `folder` added (in pack order)."""
    from dataclasses import replace

    from .ruleset import RuleSet, load_pack

    extra = [rule for path in sorted(folder.glob("*.toml")) for rule in load_pack(path)]
    if not extra:
        return options
    rules = sorted((*options.rules.rules, *extra), key=lambda r: r.order)  # stable: packs keep their order
    return replace(options, rules=RuleSet(tuple(rules)))


def learn_for_clean(jobs: Iterable["Job"], options: "Options", state: Path, *, max_bytes: int, keys: "Keys",
                    workers: int, resume: bool, settings: Settings = Settings(),
                    report=lambda msg: None) -> tuple["Options", Outcome | None]:
    """`clean --learn`'s first pass: count the inputs, write the packs into OUT/.cleaner/learned/
    and return the options with them added. With `resume`, packs an earlier run completed (its
    mark written after them) are reused and nothing is counted (Outcome None)."""
    import json

    from .io import atomic_write

    folder = state / "learned"
    mark = folder / LEARNED_MARK
    if resume and mark.exists():
        return with_packs(options, folder), None
    mark.unlink(missing_ok=True)
    for old in folder.glob("*.toml") if folder.is_dir() else ():
        old.unlink()
    tally = count_jobs(jobs, options, max_bytes=max_bytes, keys=keys, workers=workers, report=report)
    outcome = finish(tally, settings, folder)
    atomic_write(mark, json.dumps({"documents": outcome.docs, "sites": outcome.sites, "min_docs": settings.min_docs,
                                   "min_share": settings.min_share, "packs": [str(p.name) for _, p, _ in outcome.packs]},
                                  indent=2) + "\n")
    return with_packs(options, folder), outcome
