"""HTML to text with trafilatura: the only module that imports it (imported on first HTML input).

trafilatura finds the main content (comments off, tables and paragraphs kept, one paragraph
per line); the rule pipeline then runs on that text exactly as on a scraped text file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from .meta_tags import _loose_timestamp, microdata_timestamps, page_meta_values, page_timestamps


class NoContent(Exception):
    """trafilatura found no main text in the page."""


@dataclass(frozen=True)
class Extracted:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)  # title, authors, published, site_name, url, language(_from)
    text_from: str = "trafilatura"  # or "readability (table layout)" (table_layout_text)


# A page laid out with tables (the old way: menus, the article and the sidebars in the cells of
# one big table) comes out of trafilatura (include_tables) as rows of cells, one "| a | b |"
# line per row, menus and article alike. On such a page readability's choice of the one element
# with the most running text is the better one. Measured on the write half of the dev pages
# (html F1, human gold; the check half never looked at): write-a 0.9045 -> 0.9158, write-b
# 0.9121 -> 0.9181, trafilatura-eval "with" snippets kept unchanged (no such page among them loses one).
TABLE_ROW_SHARE = 0.3  # lines of trafilatura's text that are table rows ("| ... |") before readability is asked
AGREE_SHARE = 0.8  # readability's text and trafilatura's share this much of the shorter one's words
WORDS_RATIO = (0.5, 2.0)  # and readability's text has between half and twice the words
MIN_WORDS = 20


def table_layout_text(html: bytes | str, text: str) -> str | None:
    """Readability's main text for a table-layout page whose trafilatura text is mostly table
    rows, when the two extractors agree on the article (AGREE_SHARE of the shorter text's words
    are in both, word counts within WORDS_RATIO); else None and trafilatura's text stands.

    Readability is trafilatura's own port (trafilatura.readability_lxml, its fallback
    extractor), so no dependency is added; its summary HTML becomes lines as the whole-page
    route's text does (cleaner.pagetext.page_text)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or sum(line.lstrip().startswith("|") for line in lines) < TABLE_ROW_SHARE * len(lines):
        return None
    from collections import Counter

    from trafilatura.readability_lxml import Document
    from trafilatura.utils import load_html

    from .pagetext import page_text

    tree = load_html(html)
    if tree is None:
        return None
    try:
        summary = Document(tree).summary()
    except Exception:  # readability gives up on some pages (no candidate, odd markup): keep trafilatura's text
        return None
    other = page_text(summary)
    words = re.compile(r"\w+")
    a, b = Counter(words.findall(text)), Counter(words.findall(other))
    na, nb = a.total(), b.total()
    if nb < MIN_WORDS or not WORDS_RATIO[0] * na <= nb <= WORDS_RATIO[1] * na:
        return None
    if (a & b).total() < AGREE_SHARE * min(na, nb):
        return None
    return other


def read_html(data: bytes, max_bytes: int | None = None) -> bytes:
    """Raw page bytes; a gzip-compressed page (a .html served gzipped, or a .html.gz whose page
    is gzip again) is decompressed within `max_bytes` (--max-mb; default io.MAX_BYTES), in
    chunks as io.gunzip_stream does: ValueError, one line, when it is over or broken."""
    if data[:2] != b"\x1f\x8b":
        return data
    from .io import MAX_BYTES, gunzip_stream

    limit = MAX_BYTES if max_bytes is None else max_bytes
    over = lambda: ValueError(f"decompressed page is over the {limit / 1e6:g} MB limit (raise it with --max-mb)")  # noqa: E731
    return gunzip_stream(io.BytesIO(data), limit, over=over)


# Author tags of publishing and analytics systems, beside the `author` tag trafilatura reads:
# each holds the article's byline as the publisher wrote it ("By Jane Doe" in `byl`).
_BYLINE_META = ("article:author", "og:article:author", "cxenseparse:author", "parsely-author", "sailthru.author", "byl")


def site_names(html: str, keys: tuple[str, ...]) -> set[str]:
    """The site's names its <meta> tags give (`keys`: og:site_name, application-name,
    twitter:site...), folded as site keys: a name of at most four words (not a motto), a handle's
    "@" dropped ("@tazgezwitscher" -> "tazgezwitscher")."""
    from .metadata import _fold

    return {k for v in page_meta_values(html, keys) if len(v.split()) <= 4 and (k := _fold(v.lstrip("@")))}


def meta_byline(html: str) -> list[str]:
    """The names of the first author tag of `_BYLINE_META` that holds one: a profile address
    ("https://www.facebook.com/faz") or a handle ("@faznet") is none; a leading "By" dropped."""
    for key in _BYLINE_META:
        vals = [v for v in page_meta_values(html, (key,)) if not re.match(r"(?:https?:|www\.|@)", v)]
        if vals:
            return [re.sub(r"^(?i:by)\s+", "", v) for v in vals]
    return []


def _scholarly_authors(html: str) -> list[str]:
    """citation_author / dc.creator names; "Last, First" turned to "First Last"."""
    names = []
    for v in page_meta_values(html, ("citation_author", "dc.creator")):
        last, sep, first = v.partition(",")
        name = f"{first.strip()} {last.strip()}" if sep and first.strip() else v
        if name not in names:
            names.append(name)
    return names


def _with_time(day: str | None, html: str, article: str | None = None) -> str | None:
    """The page's timestamp for trafilatura's day (or the first one when it found no day).

    The JSON-LD article record's datePublished (`article`, any common form) comes first, then
    the <meta> tags, then JSON-LD elsewhere and microdata. trafilatura's day stands when any of
    the page's own timestamps agrees with it (or there are none). When none agrees and the
    article record or microdata (itemprop="datePublished") says when the article was published,
    that is used: trafilatura then took a date from elsewhere."""
    own = _loose_timestamp(article)
    stamps = page_timestamps(html)
    marked = microdata_timestamps(html)
    if own is None and not article and not stamps and not marked:
        # the page's metadata has no timestamp: trafilatura's day is a guess from the text; a
        # date the page writes after a publication label ("Datum 28.04.2023") is the page's word
        from .meta_html import labelled_date
        from .wordtables import tables

        if (shown := labelled_date(html, tables().words("page_date.labels"))) is not None:
            return day if day is not None and day[:10] == shown[:10] and len(day) > len(shown) else shown
    if own is None and article and re.match(r"\d{4}-\d{2}-\d{2}(?!\d)", article.strip()):
        record_day = article.strip()[:10]  # the record gives the day only: it still says which day
        if day is None or day[:10] != record_day:
            return next((ts for ts in stamps + marked if ts[:10] == record_day), record_day)
    if own and sum(ts[:10] == own[:10] for ts in stamps + marked) >= 2:
        # the record's datePublished (also in `stamps`) and another publication stamp agree on the
        # day: two of the page's own statements beat trafilatura's day (often the update's)
        return own
    for ts in ([own] if own else []) + stamps + marked:
        if day is None or ts[:10] == day[:10]:
            return ts
    return own or (marked[0] if marked else day)


def markup_language(html: str) -> dict[str, str]:
    """{"language": code, "language_from": evidence} from the page's markup, or {} (cleaner.language)."""
    from .language import page_language

    found = page_language(html)
    return {"language": found[0], "language_from": found[1]} if found else {}


def extract(data: bytes | str, url: str | None = None) -> Extracted:
    """Main text and page metadata; raise NoContent when trafilatura finds nothing."""
    import trafilatura  # heavy: only paid for when an HTML input appears

    if isinstance(data, bytes):
        data = read_html(data)
    doc = trafilatura.bare_extraction(
        data, url=url, include_comments=False, include_tables=True, with_metadata=True
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise NoContent("trafilatura found no main text in the page")
    text_from = "trafilatura"
    if (other := table_layout_text(data, text)) is not None:
        text, text_from = other.strip(), "readability (table layout)"
    from .meta_html import (INVISIBLE, _host_named, address_names, article_record, as_written, authority_names, byline_over_text,
                            confirmed_title, cut_short, logo_names, shows_heading,
                            editor_credited,
                            local_form, phrase_names, plausible_names, same_headline, split_leftovers, title_over_text, titled_twice,
                            visible_byline, without_outlets)
    from .metadata import (_fold, _site_keys, clean_page_authors, clean_page_title, drop_publishers, host_label_keys,
                           title_borne_out)
    from .wordtables import tables

    html = data if isinstance(data, str) else data.decode("utf-8", "replace")
    record = article_record(html)
    site = doc.sitename or record.publisher
    own = [x for x in (record.publisher, doc.sitename) if x]  # the publisher: never an author beside a person
    desks = [x for x in record.organisations if _fold(x) not in {_fold(o) for o in own}]  # "Redaktion X", "dpa"
    if record.persons:  # the article record names its authors as persons: trafilatura's guess is not needed
        authors = phrase_names(clean_page_authors(record.persons, site, doc.url or url))
    else:
        split = [a for a in (doc.author or "").split(";") if a.strip()]
        authors = plausible_names(as_written(clean_page_authors(split, site, doc.url or url), html))
        if len(authors) > 1 and all(len(a.split()) == 1 for a in authors):
            # "Brazil; Rachel": trafilatura split a "Last, First" name; the scholarly tags keep it whole
            authors = clean_page_authors(_scholarly_authors(html)) or authors
        else:
            authors = split_leftovers(authors, split, html)  # "Department; Sport": a phrase split at its joins
        signed = ";".join([doc.author or "", *page_meta_values(html, ("author",))])  # as the page writes it
        authors = drop_publishers(authors, own + [x for x in record.organisations if x not in desks], doc.url or url, signed)
        authors = authority_names(address_names(authors, signed), signed)
    authors_from = "html"
    w = tables()
    seen = visible_byline(html, w.words("page_byline.classes"), w.words("page_byline.not_classes"),
                          w.words("html_byline.microformats"))[0]
    seen = phrase_names(drop_publishers(seen, own + record.organisations, doc.url or url, "; ".join(seen)))
    labels, phrases = w.alternatives("page_authors.editor_labels"), w.alternatives("page_authors.editor_phrases")
    if editors := editor_credited(html, [*authors, *seen], labels, phrases):
        authors = [a for a in authors if a not in editors]
        seen = [a for a in seen if a not in editors]
    hosts = host_label_keys(doc.url or url)
    if seen and not desks and ({_fold(a) for a in authors} < {_fold(a) for a in seen} or cut_short(authors, seen) or (
            authors and all(_host_named(a, hosts) for a in authors) and not any(_host_named(a, hosts) for a in seen))):
        # the metadata names the publisher only (or the site, by its host's name: "ABC News" on
        # abcnews.go.com), or fewer of the authors than the page's byline
        authors, authors_from = seen, "html byline"
    authors = without_outlets(authors)  # "Jane Doe; Financial Times": the outlet beside her
    authors += [d for d in desks if _fold(d) not in {_fold(a) for a in authors}]
    if not authors and (tagged := meta_byline(html)):
        # nothing from the record, the author tag or a visible byline: the byline tags of the
        # page's publishing system ("article:author", "cxenseparse:author", "byl")
        authors = without_outlets(drop_publishers(plausible_names(clean_page_authors(tagged, site, doc.url or url)),
                                                  own + record.organisations, doc.url or url, "; ".join(tagged)))
        authors_from = "html meta"
    if not authors and (over := byline_over_text(html, text)) is not None:
        # no byline markup either: a plain "By Jane Doe" line at the top of the article text
        authors = without_outlets([a for a in drop_publishers(over[0], own + record.organisations, doc.url or url,
                                                              over[1]) if not _host_named(a, hosts)])  # "Jane Doe, Nyasa Times"
        authors_from = "html byline line"
    if not authors and record.organisations:
        # no person named anywhere (record, author tags, visible byline): the record's own
        # statement that an organisation wrote it ("BBC News", "sportschau.de", a newsroom) is the
        # page's author, as its publisher writes it; not a guess, and beside a person never used
        authors = [o for i, o in enumerate(record.organisations)
                   if _fold(o) not in {_fold(x) for x in record.organisations[:i]}]
        authors_from = "html json-ld organisation"
    title = same_headline(clean_page_title(doc.title or None, doc.sitename, doc.url or url), record)
    named = site_names(html, w.words("page_title.site_name_meta"))
    # trafilatura's site name is its guess when no tag states it: a heading of the page it took
    # from the <title> ("Designer Interview: X" of "Designer Interview: X | Blog") names no site
    guessed = _fold(doc.sitename or "") not in named and shows_heading(html, doc.sitename or "")
    keys = _site_keys(doc.sitename if len((doc.sitename or "").split()) <= 4 and not guessed else None, doc.url or url)
    keys |= {_fold(record.publisher)} if record.publisher else set()
    keys |= named | logo_names(html)
    title, title_from = confirmed_title(title, html, record, w.words("page_title.separators"), keys,
                                        hosts, w.words("page_title.site_separators"))
    if title:
        # soft hyphens and zero-width spaces are line-breaking hints, not the title's letters; left
        # in, they split its words ("Mes\xadsen\xadger\xaddiens\xadte") and the text no longer bears it out
        title = title.translate(INVISIBLE) or None
    twice = titled_twice(title, html, record, w.words("page_title.separators"))
    if (title is None or not (twice or title_borne_out(title, text))) and (
            over := title_over_text(html, text, hosts)) is not None and (
            title_borne_out(over[0], text)):
        # no title of the page's names a headline (none, or one the text does not bear out, which
        # the pipeline refuses: the site's name): the one it shows right over the article text
        (title, title_from), twice = over, False
    meta = {
        "title": title,
        "title_from": title_from,
        "title_twice": twice,
        "authors": authors,
        "authors_from": authors_from,
        "published": local_form(_with_time(doc.date or None, html, record.published), html),
        "site_name": doc.sitename or None,
        "url": doc.url or url,
        **markup_language(html),
    }
    return Extracted(text + "\n", meta, text_from)
