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
  * a short label (LABEL_WORDS words or fewer, no sentence punctuation: a menu item, a section's
    name) needs only LABEL_DOCS documents and LABEL_SHARE of the site's: one section's pages
    carry its menu;
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
from array import array
from bisect import bisect_left
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
    from .units import Settings as BatchSettings
    from .units import Unit

PACK_ORDER = 900  # after every built-in pack: learned rules see what the default rules leave
PROSE_WORDS = 12  # a line this long reads as a sentence of prose
PROSE_SENTENCE_WORDS = 8  # ... or this long with a sentence's punctuation (a label may end in "!")
PROSE_FACTOR = 1.5  # ... and needs this many times K documents (5 at K = 3)
PROSE_SHARE = 0.5  # ... and at least this share of the site's documents
MAX_KEY_CHARS = 2000  # longer lines are never learned
PRUNE_EVERY = 200  # documents of a site between two returns of its lines under the bound to hashes (Counts.fold)
REPEATS = 1.5  # a line more often than this per document it is on is an item of a list or thread
LABEL_WORDS = 4  # a line of at most this many words, without a sentence's punctuation, is a label ...
LABEL_DOCS = 2  # ... that needs this many documents ...
LABEL_SHARE = 0.2  # ... and this share of its site's (a menu item of one section's pages)
MAX_RULES = 999  # ids QABC001 .. QABC999
SHOWN_CLUSTERS = 20  # clusters printed in the closing summary (--report has them all)
SHOWN_PACKS = 20  # packs listed in the closing summary (a big batch learns thousands; --report has them all)
SHOWN_MEMBERS = 10  # documents named per shown cluster
SHOWN_PAIRS = 5  # pairs printed under each shown cluster
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
    label_words: int = LABEL_WORDS  # a short line without sentence punctuation is a label (0: none) ...
    label_docs: int = LABEL_DOCS  # ... which needs this many documents (at least 2) ...
    label_share: float = LABEL_SHARE  # ... and this share of the site's documents
    prose_factor: float = PROSE_FACTOR
    prose_share: float = PROSE_SHARE
    repeats: float = REPEATS

    def least(self) -> tuple[int, float]:
        """The least (documents, share) any line needs: what the counting pass keeps text for."""
        if self.label_words > 0:
            return min(self.min_docs, self.label_docs), min(self.min_share, self.label_share)
        return self.min_docs, self.min_share


@dataclass
class SiteCounts:
    """One site's documents and, per normalised line, on how many of them it is and an example.

    Exact: used for the few documents of one work unit (the map of the counting pass), and for
    the lines of a whole batch that have the evidence to be learned (Counts keeps the others as
    hashes)."""

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


def line_hash(site: str, key: str) -> int:
    """A (site, normalised line) pair as 64 bits (BLAKE2b: stable across processes and machines,
    unlike hash()). Two of 10 million distinct pairs share one with odds of about 3 in a million."""
    data = f"{site}\0{key}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


class HashCounts:
    """(documents, occurrences) per 64-bit line hash, in 16 bytes a hash: the lines of a batch
    that do not (yet) have the evidence to be learned, whose text is not kept.

    BUCKETS sorted arrays of hashes (array('Q'), searched with bisect) with a parallel array of
    (documents << 32 | occurrences); new hashes wait in a small dict per bucket and are merged
    in when it holds a sixteenth of its bucket. A popped hash is marked dead (value 0) and left
    out at the bucket's next merge. No numpy: the standard library's arrays hold the same 8
    bytes per number."""

    BUCKETS = 256

    def __init__(self) -> None:
        self._keys = [array("Q") for _ in range(self.BUCKETS)]
        self._vals = [array("Q") for _ in range(self.BUCKETS)]
        self._fresh: list[dict[int, int]] = [{} for _ in range(self.BUCKETS)]
        self._live = 0

    def __len__(self) -> int:
        return self._live

    def pop(self, h: int) -> tuple[int, int]:
        """(documents, occurrences) of `h`, which is forgotten; (0, 0) for an unknown hash."""
        b = h & (self.BUCKETS - 1)
        v = self._fresh[b].pop(h, None)
        if v is None:
            keys = self._keys[b]
            i = bisect_left(keys, h)
            if i == len(keys) or keys[i] != h or not self._vals[b][i]:
                return 0, 0
            v = self._vals[b][i]
            self._vals[b][i] = 0
        self._live -= 1
        return v >> 32, v & 0xFFFFFFFF

    def put(self, h: int, docs: int, hits: int) -> None:
        """Record `h` (not held: pop it first) with its documents and occurrences."""
        b = h & (self.BUCKETS - 1)
        fresh = self._fresh[b]
        fresh[h] = (min(docs, 0xFFFFFFFF) << 32) | min(hits, 0xFFFFFFFF)
        self._live += 1
        if len(fresh) > 64 + len(self._keys[b]) // 16:
            self._merge(b)

    def _merge(self, b: int) -> None:
        keys, vals = self._keys[b], self._vals[b]
        rows = sorted([*((k, v) for k, v in zip(keys, vals) if v), *self._fresh[b].items()])
        self._keys[b] = array("Q", (k for k, _ in rows))
        self._vals[b] = array("Q", (v for _, v in rows))
        self._fresh[b] = {}

    def nbytes(self) -> int:
        """Bytes of the arrays (the dicts of fresh hashes not counted)."""
        return sum(a.itemsize * len(a) for a in (*self._keys, *self._vals))


class Counts:
    """The counting pass's total (the reduce): per site, its documents and the lines that have
    the evidence to be learned so far, with their text (SiteCounts); every other (site, line)
    only as a hash with its counts (HashCounts), so memory grows with the distinct lines of the
    batch at ~16 bytes each, not with its text.

    A unit's counts (a SiteCounts per site, exact, with text) are folded in: a line whose total
    reaches max(keep_docs, keep_share x the site's documents so far) moves (with the unit's
    example) to the site's lines; every PRUNE_EVERY documents of a site, its lines under that
    bound go back to hashes. Nothing is lost either way (the counts move with the line), and
    a line that ends with the evidence has it at its last document too (the bound only grows),
    so the learned packs are those of an exact count, whatever the order of the units."""

    def __init__(self, keep_docs: int = 3, keep_share: float = 0.0) -> None:
        self.keep_docs = keep_docs
        self.keep_share = keep_share
        self.sites: dict[str, SiteCounts] = {}
        self.rare = HashCounts()

    def _bound(self, docs: int) -> float:
        return max(self.keep_docs, self.keep_share * docs)

    def fold(self, site: str, part: SiteCounts) -> None:
        mine = self.sites.get(site)
        if mine is None:
            mine = self.sites[site] = SiteCounts()
        before = mine.docs
        mine.docs += part.docs
        bound = self._bound(mine.docs)
        lines = mine.lines
        for key, (n, example, hits) in part.lines.items():
            entry = lines.get(key)
            if entry is not None:
                entry[0] += n
                entry[2] += hits
                continue
            h = line_hash(site, key)
            d0, h0 = self.rare.pop(h) if len(self.rare) else (0, 0)
            if d0 + n >= bound:
                lines[key] = [d0 + n, example, h0 + hits]
            else:
                self.rare.put(h, d0 + n, h0 + hits)
        if mine.docs // PRUNE_EVERY != before // PRUNE_EVERY:
            for key in [k for k, v in lines.items() if v[0] < bound]:
                n, _, hits = lines.pop(key)
                self.rare.put(line_hash(site, key), n, hits)


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


def label_like(line: str, max_words: int) -> bool:
    """A short line without a sentence's punctuation (a menu item, a section's name, a widget's
    title): at most `max_words` words (0: never)."""
    if max_words <= 0:
        return False
    words = word_count(line)
    return 0 < words <= max_words and not _SENTENCE.search(line.strip())


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
        if label_like(example, settings.label_words):
            if seen < settings.label_docs or seen < settings.label_share * counts.docs:
                continue
        elif seen < k or seen < f * counts.docs:
            continue
        if hits > settings.repeats * seen or data_like(key):
            continue
        prose = prose_like(example)
        if prose and (seen < settings.prose_factor * k or seen < settings.prose_share * counts.docs):
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
        f"# (a line on >= {settings.min_docs} documents and >= {settings.min_share:g} of them"
        + (f", a label of <= {settings.label_words} words on >= {settings.label_docs} and >= {settings.label_share:g}"
           if settings.label_words > 0 else "") + "; see docs/learn.md).",
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


def count_texts(docs: Iterable[tuple[str | None, str]], keep_docs: int = 2, keep_share: float = 0.0) -> dict[str, SiteCounts]:
    """(site, clean text) pairs -> counts per site (documents without a site are left out), in
    units of UNIT_DOCS documents folded into Counts: the lines on at least `keep_docs` documents
    and `keep_share` of their site's (the least evidence any learn_site call will ask for)."""
    total = Counts(keep_docs, keep_share)
    part = Tally()
    for site, text in docs:
        part.add(Document(site, "", text), sketch=False)
        if part.docs >= UNIT_DOCS:
            part.fold_into(total)
            part = Tally()
    part.fold_into(total)
    return total.sites


UNIT_DOCS = 64  # documents of count_texts's units


@dataclass(frozen=True)
class Document:
    """A cleaned input document of a learn run: its site, name and the text the rules left."""

    site: str | None
    source: str
    text: str


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
        for site, path, items in self.packs[:SHOWN_PACKS]:
            out.append(f"  {path}: {len(items)} rules (site {site}, {items[0].docs} documents)")
        if len(self.packs) > SHOWN_PACKS:
            out.append(f"  ... and {len(self.packs) - SHOWN_PACKS} more packs in {self.packs[0][1].parent}")
        if self.clusters:
            kinds = Counter(c["kind"] for c in self.clusters)
            out.append(f"near-duplicates: {kinds['same story']} clusters of documents that tell the same story, "
                       f"{kinds['copies']} of copies")
            for c in self.clusters[:SHOWN_CLUSTERS]:
                more = len(c["documents"]) - SHOWN_MEMBERS
                out.append(f"  {c['kind']}: " + ", ".join(c["documents"][:SHOWN_MEMBERS])
                           + (f" and {more} more" if more > 0 else ""))
                for p in c["pairs"][:SHOWN_PAIRS]:
                    out.append(f"    {p['a']} ~ {p['b']}: containment {p['containment']:.2f}, jaccard {p['jaccard']:.2f}")
                if len(c["pairs"]) > SHOWN_PAIRS:
                    out.append(f"    ... and {len(c['pairs']) - SHOWN_PAIRS} more pairs")
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
    """What the counting pass found in the documents of one work unit (the map): exact counts
    per site with the lines' text, and the documents' near-duplicate sketches."""

    docs: int = 0
    counts: dict[str, SiteCounts] = field(default_factory=dict)
    sketches: list[tuple[str, "Sketch"]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, doc: Document, sketch: bool = True) -> None:
        from .minhash import MIN_SHINGLES, Sketch

        self.docs += 1
        if doc.site:
            self.counts.setdefault(doc.site, SiteCounts()).add(doc.text)
        if sketch:
            s = Sketch.of(doc.text)
            if s.size >= MIN_SHINGLES:
                self.sketches.append((doc.source, s))

    def fold_into(self, total: Counts) -> None:
        for site, part in self.counts.items():
            total.fold(site, part)


@dataclass
class Total:
    """The counting pass over the whole batch (the reduce of the units' Tallies, folded in unit
    order): documents, compact line counts per site, the sketches."""

    counts: Counts
    docs: int = 0
    sketches: list[tuple[str, "Sketch"]] = field(default_factory=list)

    @classmethod
    def for_settings(cls, settings: Settings) -> "Total":
        """A total that keeps the text of the lines with the evidence `settings` asks for."""
        return cls(Counts(*settings.least()))

    def fold(self, part: Tally) -> None:
        self.docs += part.docs
        part.fold_into(self.counts)
        self.sketches += part.sketches


def count_unit(unit: "Unit", options: "Options", max_bytes: int, settings: "BatchSettings") -> Tally:
    """The counting pass over one work unit (the map of a map/reduce; Total.fold is the reduce):
    units.run_unit walks its inputs and documents as the cleaning pass does and hands each
    cleaned document, with its site, to the Tally instead of writing it. Problems are kept in
    the Tally, in input order."""
    from .units import run_unit

    tally = Tally()
    summary = run_unit(unit, options, max_bytes, settings, lambda msg: None,
                       take=lambda doc, site: tally.add(Document(site, doc.source, doc.text)))
    tally.problems = summary.problems
    return tally


_counter: tuple | None = None  # (options, max_bytes, batch settings) in a worker process


def _init_counter(options: "Options", max_bytes: int, settings: "BatchSettings") -> None:
    from .workers import worker_signals

    global _counter
    _counter = (options, max_bytes, settings)
    worker_signals()


def _count_work(unit: "Unit") -> Tally:
    assert _counter is not None
    return count_unit(unit, *_counter)


def _counting_failed(unit: "Unit", exc: BaseException) -> Tally:
    from .dask_engine import unit_failed_message

    return Tally(problems=[unit_failed_message(unit, exc) + " (not counted)"])


def count_jobs(jobs: Iterable["Job"], options: "Options", settings: Settings, *, max_bytes: int, keys: "Keys",
               workers: int = 1, report=lambda msg: None, batch: "BatchSettings | None" = None) -> Total:
    """The counting pass over every input: the work units of `clean` (units.iter_units), each
    counted by count_unit here, in `workers` processes (cleaner.workers), or as tasks on a Dask
    cluster when batch.engine is "dask" (dask_engine.map_units); every unit's Tally folded into
    the Total in unit order, its problems reported then."""
    from dataclasses import replace

    from .units import Settings as BatchSettings
    from .units import iter_units

    counting = replace(batch or BatchSettings(keys=keys), state=None, shards=None, stream=None, resume=False)
    total = Total.for_settings(settings)
    units = iter_units(jobs, counting)

    def fold(part: Tally) -> None:
        for msg in part.problems:
            report(msg)
        total.fold(part)

    if counting.engine == "dask":
        from .dask_engine import map_units

        map_units(units, count_unit, (options, max_bytes, counting), lambda unit, part: fold(part), _counting_failed,
                  scheduler=counting.scheduler, workers=max(1, counting.jobs))
        return total
    if workers <= 1:
        for unit in units:
            fold(count_unit(unit, options, max_bytes, counting))
        return total
    from .workers import run_ordered

    def lost(unit: "Unit", pid: int, why: str) -> Tally:
        return Tally(problems=[f"{unit.jobs[0].src} .. {unit.jobs[-1].src}: not counted: the worker process died ({why})"])

    run_ordered(((unit, None) for unit in units), workers=workers, window=2 * workers, init=_init_counter,
                initargs=(options, max_bytes, counting), work=_count_work, lost=lost,
                fold=lambda unit, part, fresh: fold(part),
                before_start=lambda: (options._prefilter, options.for_html._prefilter))
    return total


def run_learn(jobs: Iterable["Job"], options: "Options", settings: Settings, folder: Path, *, max_bytes: int,
              keys: "Keys", report=lambda msg: None, workers: int = 1) -> Outcome:
    """Read and clean the inputs, count lines per site, write the packs into `folder`, and find
    the near-duplicate documents."""
    total = count_jobs(jobs, options, settings, max_bytes=max_bytes, keys=keys, workers=workers, report=report)
    return finish(total, settings, folder)


def finish(total: Total, settings: Settings, folder: Path) -> Outcome:
    """Write the packs of a counting pass into `folder` and cluster its near-duplicates."""
    from .minhash import NearDuplicates

    dups = NearDuplicates()
    for name, sketch in total.sketches:
        dups.names.append(name)
        dups.sketches.append(sketch)
    outcome = Outcome(docs=total.docs, sites=len(total.counts.sites))
    outcome.packs = write_packs(total.counts.sites, settings, folder)
    outcome.clusters = dups.clusters()
    return outcome


LEARNED_MARK = "learned.json"  # in OUT/.cleaner/learned/: the packs there are complete


def with_packs(options: "Options", folder: Path, *, lazy: bool = False) -> "Options":
    """`options` with the rules of every pack in `folder` added (in pack order). `lazy`: only
    an index of them, each site's packs loaded when a document of the site needs them
    (cleaner/sitepacks.py: same output, a process holds only the sites it has seen)."""
    from dataclasses import replace

    from .ruleset import RuleSet, load_pack
    from .sitepacks import SitePacks

    if lazy:
        packs, extra = SitePacks.index(folder)
        if not packs.by_site:
            packs = None
    else:
        packs, extra = None, [rule for path in sorted(folder.glob("*.toml")) for rule in load_pack(path)]
    if not extra and packs is None:
        return options
    rules = sorted((*options.rules.rules, *extra), key=lambda r: r.order)  # stable: packs keep their order
    return replace(options, rules=RuleSet(tuple(rules)) if extra else options.rules, site_packs=packs)


def learn_for_clean(jobs: Iterable["Job"], options: "Options", state: Path, *, max_bytes: int, keys: "Keys",
                    workers: int, resume: bool, settings: Settings = Settings(),
                    report=lambda msg: None, batch: "BatchSettings | None" = None,
                    lazy: bool = True) -> tuple["Options", Outcome | None]:
    """`clean --learn`'s first pass: count the inputs, write the packs into OUT/.cleaner/learned/
    and return the options with them added (`lazy`: loaded per site as documents need them; not
    on a Dask cluster, whose workers may not see the folder). With `resume`, packs an earlier run
    completed (its mark written after them) are reused and nothing is counted (Outcome None)."""
    import json

    from .io import atomic_write

    folder = state / "learned"
    mark = folder / LEARNED_MARK
    if resume and mark.exists():
        return with_packs(options, folder, lazy=lazy), None
    mark.unlink(missing_ok=True)
    for old in folder.glob("*.toml") if folder.is_dir() else ():
        old.unlink()
    total = count_jobs(jobs, options, settings, max_bytes=max_bytes, keys=keys, workers=workers, report=report,
                       batch=batch)  # clean's settings: its engine, keys and per-path ignores
    outcome = finish(total, settings, folder)
    atomic_write(mark, json.dumps({"documents": outcome.docs, "sites": outcome.sites, "min_docs": settings.min_docs,
                                   "min_share": settings.min_share, "packs": [str(p.name) for _, p, _ in outcome.packs]},
                                  indent=2) + "\n")
    return with_packs(options, folder, lazy=lazy), outcome
