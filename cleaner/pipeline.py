"""The one pipeline every entry point calls: decode -> normalise -> segment -> rules -> metadata.

Pure per document: the same input and rules give the same Result, and cleaning a Result's text
again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from . import engine
from .decode import decode_bytes, normalise
from .prefilter import Prefilter
from .ruleset import RuleSet, load_rules
from .segment import lines_word_count, split_lines, word_count
from .sitepacks import SitePacks

DOC_TIMEOUT_S = 10.0  # default time budget of the rules per document (per MB over 1 MB)

# The packs whose rules remove photo captions and credits (rules/captions.toml,
# rules/photo_credits.toml). On the html route, when their removals would take more than
# GALLERY_SHARE of trafilatura's words, the main text trafilatura found IS captions: a photo
# page or a gallery (one credited caption per picture, perhaps an intro), whose captions are
# its content, not furniture around an article; the text is then cleaned without them.
# html F1 (human gold, dragnet's photo pages): write-a 0.9174 -> 0.9221, write-b 0.9190 -> 0.9202 (docs/quality.md, html9).
CAPTION_PACKS = frozenset({"captions", "photo_credits"})
GALLERY_SHARE = 0.5


@dataclass(frozen=True)
class Options:
    """Everything a clean depends on besides the text; build once, pass down."""

    rules: RuleSet
    prefilter: bool = True
    # Seconds the rules may spend on one document (per MB for a document over 1 MB); past it the
    # document is kept unchanged with an error, as for a rule's regex timeout. None: no limit.
    doc_timeout: float | None = DOC_TIMEOUT_S
    # `clean --learn`'s packs, loaded per site when a document of the site comes (cleaner/sitepacks.py)
    site_packs: SitePacks | None = None
    # False: the metadata record is not built (no headline, date, byline or language; only
    # source and word counts): `cleaner check` reports removals only, and the record was a
    # third of its time per file (issue 15, item 3). Text, removals and origins are the same.
    metadata: bool = True
    # True: a page whose rules give no title gets the learned line scorer's line instead of null
    # (cleaner/headline_model.py; `fields_from.title` "HD002:model:<line>"). Opt-in: about 2 such
    # titles in 3 are right (label rows, link labels and section headings on pages with no
    # headline are the misses), and a default title must be precise first (issue 16).
    guess_titles: bool = False

    @cached_property
    def _prefilter(self) -> Prefilter | None:
        return Prefilter(self.rules) if self.prefilter else None

    @cached_property
    def for_html(self) -> "Options":
        """The same options with only the rules that also run on trafilatura's text."""
        packs = self.site_packs.narrowed(only_input="html") if self.site_packs is not None else None
        return replace(self, rules=self.rules.for_input("html"), site_packs=packs)

    @cached_property
    def for_html_gallery(self) -> "Options":
        """The html options without the caption packs (CAPTION_PACKS): for a photo page."""
        html = self.for_html
        return replace(html, rules=RuleSet(tuple(r for r in html.rules.rules if r.pack not in CAPTION_PACKS)))

    @cached_property
    def caption_rule_ids(self) -> frozenset[str]:
        """Ids of the rules of the caption packs (CAPTION_PACKS)."""
        return frozenset(r.id for r in self.rules.rules if r.pack in CAPTION_PACKS)

    def rules_for(self, site: str | None) -> tuple[RuleSet, Prefilter | None]:
        """The rules (and keyword prefilter) for a document of `site`."""
        if self.site_packs is None:
            return self.rules.for_site(site), self._prefilter
        return self.site_packs.view(self.rules, self._prefilter, site)  # type: ignore[return-value]

    @property
    def site_scoped(self) -> bool:
        """Whether any rule is limited to sites (then a document's site must be found)."""
        return self.site_packs is not None or self.rules.for_site(None) is not self.rules


@dataclass
class Result:
    """Clean text, metadata and the audit of every removed span."""

    text: str
    metadata: dict[str, Any]
    removed: list[engine.Removal] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)  # per line of `text`: its 1-based input line

    def to_json(self) -> dict[str, Any]:
        meta = dict(self.metadata)
        meta["removed"] = [r.to_json() for r in self.removed]
        if self.errors:
            meta["errors"] = list(self.errors)
        return meta


_default: Options | None = None


def default_options() -> Options:
    global _default
    if _default is None:
        _default = Options(load_rules())
    return _default


def clean(text: str | bytes, options: Options | None = None, *, source: str | None = None,
          site: str | None = None) -> Result:
    """Clean one document. Bytes are decoded (BOM, charset detection); may raise NotText.
    `site` (cleaner/sites.py): rules with a `sites` key apply only when it is one of theirs.

    Bytes that were not valid UTF-8 in a UTF-8 text are replaced by U+FFFD and counted in the
    metadata as `replaced_bytes` (absent when there were none)."""
    opts = options or default_options()
    replaced = 0
    if isinstance(text, bytes):
        decoded = decode_bytes(text)
        text, replaced = decoded.text, decoded.replaced_bytes
    text = normalise(text)
    lines = split_lines(text)
    errors: list[str] = []
    budget = None
    if opts.doc_timeout is not None:
        budget = opts.doc_timeout * max(1.0, len(text) / 1e6)
    try:
        rules, prefilter = opts.rules_for(site)
        out = engine.run(rules, lines, prefilter, budget)
    except (engine.RuleTimeout, engine.DocumentTimeout) as exc:
        # A runaway user pattern must not cost the document: keep it unchanged, say which rule
        # (or that the rules together ran past the document's time budget).
        errors.append(str(exc))
        out = engine.PassResult(lines, list(range(1, len(lines) + 1)))
    clean_text = "\n".join(out.lines) + "\n" if out.lines else ""
    if errors:
        clean_text = text
    meta: dict[str, Any] = {}
    if opts.metadata:
        from . import language, metadata  # here: `cleaner check` builds no record and skips the import

        meta = metadata.build(out.extracted, out.removed, list(zip(out.origins, out.lines)),
                              guess_titles=opts.guess_titles)
        lang = language.identify(clean_text)  # null for a short text or without pycld2; HTML markup wins later
        if lang:
            meta["language"] = lang
            meta["fields_from"]["language"] = "identifier"
    meta["source"] = source
    meta["words_in"] = lines_word_count(lines)
    meta["words_out"] = lines_word_count(lines if errors else out.lines)
    if replaced:
        meta["replaced_bytes"] = replaced
    removed = sorted(out.removed, key=lambda r: (r.line_start, r.col))
    origins = list(range(1, len(lines) + 1)) if errors else out.origins
    return Result(clean_text, meta, removed, errors, origins)


def clean_html(data: bytes | str, options: Options | None = None, *, source: str | None = None, url: str | None = None,
               max_bytes: int | None = None, site: str | None = None) -> Result:
    """Clean an HTML page (bytes may be gzip-compressed): trafilatura's text, then the rules.

    When trafilatura finds no main text, the page's whole visible text goes through the text
    rules instead (page-chrome scoring included), so the page is not lost; `text_from` in the
    metadata says which route gave the text. Raises cleaner.html.NoContent when neither finds any.

    Bytes are decoded here as a text file is (so a page that is UTF-8 but for a few bad bytes
    stays UTF-8, with `replaced_bytes` in the metadata), and NotText is raised for a file that
    is not text at all (an image or a program named .html). A gzip-compressed page is
    decompressed within `max_bytes` (--max-mb; ValueError over it, see html.read_html).
    """
    from . import metadata
    from .html import NoContent, extract, read_html

    opts = options or default_options()
    replaced = 0
    if isinstance(data, bytes):
        decoded = decode_bytes(read_html(data, max_bytes))
        data, replaced = decoded.text, decoded.replaced_bytes
    try:
        page = extract(data, url=url)
    except NoContent:
        result = _whole_page(data, opts, source, site)
    else:
        result = clean_main_text(page.text, opts, source=source, site=site)
        result.metadata = metadata.merge_html(result.metadata, page.meta)
        twice = page.meta.get("title") if page.meta.get("title_twice") else None
        metadata.refuse_unborne_title(result.metadata, page.text, twice)  # a site's or section's name is no title
        result.metadata["text_from"] = page.text_from
    if replaced:
        result.metadata["replaced_bytes"] = replaced
    return result


def clean_main_text(text: str, opts: Options, *, source: str | None = None, site: str | None = None) -> Result:
    """trafilatura's main text of a page through the html rules; a photo page (the caption
    rules would take more than GALLERY_SHARE of its words) without the caption rules."""
    result = clean(text, opts.for_html, source=source, site=site)
    captions = sum(word_count(r.text) for r in result.removed if r.rule in opts.caption_rule_ids)
    if captions > GALLERY_SHARE * word_count(text):
        result = clean(text, opts.for_html_gallery, source=source, site=site)
    return result


def _whole_page(data: bytes | str, opts: Options, source: str | None, site: str | None = None) -> Result:
    """The fallback route: every visible line of the page, cleaned as a whole-page scrape."""
    from . import metadata
    from .html import NoContent, markup_language, read_html
    from .pagetext import page_text

    html = read_html(data) if isinstance(data, bytes) else data
    text = page_text(html)
    result = clean(text, opts, source=source, site=site) if word_count(text) else None
    if result is None or not word_count(result.text):
        raise NoContent("no text in the page (trafilatura found no main text, and no visible text is left)")
    page = html if isinstance(html, str) else html.decode("utf-8", "replace")
    result.metadata = metadata.merge_html(result.metadata, markup_language(page))
    result.metadata["text_from"] = "page text (trafilatura found no main text)"
    return result
