"""Turn rule extractions into the metadata record: names split and cleaned, dates to ISO 8601.

Nothing is guessed: a field no rule extracted stays null or empty, and a date whose day, month
or year is missing is dropped rather than completed with a default.

The words the patterns are made of (roles, byline labels, month names, interface words) are in
rules/data/metadata.toml (cleaner/wordtables.py reads it); this module says how they become
patterns. The patterns are built on first use, so importing it reads no file.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

import bisect
import functools
import itertools
import time

import ahocorasick
import regex

from . import headline_model, language
from .docstate import Extraction, Removal
from .meta_evidence import TEXT_FIELDS, Evidence
from .segment import line_words
from .wordtables import TableError, data_path, tables


@functools.lru_cache(maxsize=None)
def _re(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern used inline here, compiled on first use. regex.sub(pattern, ...) looks its
    cache up in Python with flag arithmetic on every call (~4 us, tens of calls a document)."""
    return regex.compile(pattern, flags)


def _compile(source: str, flags: int, *keys: str) -> regex.Pattern[str]:
    """Compile a pattern assembled from word tables (rules/data/metadata.toml); a bad entry
    becomes one line naming the file and the table, not a traceback from deep in a document."""
    try:
        return regex.compile(source, flags)
    except regex.error:
        words = tables()
        for key in keys:
            for entry in words.words(key):
                try:
                    regex.compile(entry)
                except regex.error as exc:
                    raise TableError(f"{words.path}: {key}: bad pattern {entry!r}: {exc}") from None
        raise TableError(f"{words.path}: {', '.join(keys)}: the entries make no valid pattern") from None


def _whole(key: str) -> str:
    r"""A table's entries as whole words: r'\bone\b|\btwo\b'."""
    return "|".join(rf"\b{w}\b" for w in tables().words(key))


def _spaced(key: str, space: str = r"\s") -> str:
    r"""A table's entries between white space: r'\sone\s|\stwo\s'."""
    return "|".join(f"{space}{w}{space}" for w in tables().words(key))


def prepare() -> None:
    """Read the word tables and build every pattern made of them now (about 20 ms), so that a
    broken rules/data/metadata.toml stops `cleaner clean` with one line before any document,
    rather than failing each document that has a byline or a date."""
    _name_patterns()
    _hl_patterns()
    _by_patterns()
    _hd_patterns()


LIST_FIELDS = ("authors", "contributors", "editors", "captions", "photo_credits")
_SPACES = regex.compile(r"\s+")
_NAME_OK = regex.compile(r"^\p{Lu}[\p{L}\p{M}'’.\- ]*\p{L}\.?$")
# A Chinese, Japanese or Korean name: two to five Han, kana or Hangul characters (no case, no spaces).
_CJK_NAME = regex.compile(r"^[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}ー]{2,5}$")
_HAS_TIME = regex.compile(r"\d{1,2}\s*[:h.]\s*\d{2}(?!\d)|\d\s*[ap]\.?m\b", regex.IGNORECASE)
# Words between a date and its time: the ones dropped before dateparser reads a date, the ones a
# stamp line's pattern allows; the words both use are written once (dates.time_words).
_TIME_PREP = ("dates.time_prepositions", "dates.time_words")
_STAMP_CONNECTORS = ("dates.time_words", "dates.stamp_connectors")


@functools.cache
def _name_patterns() -> dict[str, regex.Pattern[str]]:
    """The patterns of split_names, clean_page_authors and iso_date, from the word tables;
    built on first use (a document with a byline or date), so `cleaner check` never pays."""
    w = tables()
    noise = _spaced("dates.noise", r"\s+")
    return {
        # 、 ， and a middle dot between Han or Hangul names ("王样例、李示范", "박보기·이견본") part names too
        "split": _compile(rf"\s*(?:[,;&、，]|(?<=[\p{{Han}}\p{{Hangul}}])·|{_whole('names.joins')}"
                          rf"|(?-i:{_spaced('names.joins_spaced')}))\s*", regex.IGNORECASE, "names.joins", "names.joins_spaced"),
        "prefix": _compile(rf"^(?:{w.alternatives('names.prefixes')})\s+", regex.IGNORECASE, "names.prefixes"),
        "outlet": _compile(rf"\s+(?:{w.alternatives('names.outlet_words')})\s+\S.*$", 0, "names.outlet_words"),
        "role_tail": _compile(
            rf"(?:(?:\s+|(?<=\p{{Ll}}))(?:{w.alternatives('names.role_modifiers')}))*"
            rf"\s*(?<=\p{{Ll}}|\s)(?:{w.alternatives('names.roles')})$", 0, "names.role_modifiers", "names.roles"),
        "page_prefix": _compile(rf"^(?:(?:{w.alternatives('page_authors.prefixes')})\s*:?\s+)+", regex.IGNORECASE,
                                "page_authors.prefixes"),
        "page_editor": _compile(rf"^(?:(?:{w.alternatives('page_authors.editor_labels')})\s*[:：]|(?:{w.alternatives('page_authors.editor_phrases')})\s)",
                                regex.IGNORECASE, "page_authors.editor_labels", "page_authors.editor_phrases"),
        "page_split": _compile(rf"\s*(?:[,;&|、，]|\s(?-i:{w.alternatives('page_authors.joins')})\s)\s*", regex.IGNORECASE,
                               "page_authors.joins"),
        "not_a_name": _compile(
            rf"https?\b|\bwww\b|\.(?:{w.alternatives('page_authors.web_suffixes')})\b"
            rf"|\b(?:{w.alternatives('page_authors.not_names')})\b|\d",
            regex.IGNORECASE, "page_authors.web_suffixes", "page_authors.not_names"),
        "comment_header": _compile(rf"\s(?:{w.alternatives('page_authors.comment_verbs')})\s*:?$", regex.IGNORECASE,
                                   "page_authors.comment_verbs"),
        "feed_suffix": _compile(rf"\s+(?:{w.alternatives('page_authors.feed_suffixes')})$", regex.IGNORECASE,
                                "page_authors.feed_suffixes"),
        "authority": _compile(rf"(?<!\w)(?:{'|'.join(w.words('page_authors.authority_words'))})", regex.IGNORECASE,
                              "page_authors.authority_words"),
        "english": _compile(rf"^[\x00-\x7f]*$(?<!.*\b(?:{w.alternatives('dates.not_english')})\b.*)", regex.IGNORECASE,
                            "dates.not_english"),
        "date_noise": _compile(rf"\s+[/|·•]\s+|{noise}"
                               r"|,\s*(?=\d{1,2}[:h.]\d{2})", regex.IGNORECASE, "dates.noise"),
        "time_prep": _compile(rf"(?i)\s+(?:{w.alternatives(*_TIME_PREP)})\s+(?=\d)", 0, *_TIME_PREP),
        "time_suffix": _compile(rf"(?i)\s*(?:{w.alternatives('dates.time_suffixes')})\s*$", 0, "dates.time_suffixes"),
    }


def empty() -> dict[str, Any]:
    return {
        "title": None,
        "authors": [],
        "contributors": [],
        "editors": [],
        "published": None,
        "dateline": None,
        "captions": [],
        "photo_credits": [],
        "language": None,
        "fields_from": {},
    }


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" \t\n,;:-–—")


def agency(text: str) -> str | None:
    """'REUTERS' -> 'Reuters'; short acronyms (AP, AFP, dpa) stay as written."""
    text = _clean(text)
    if not text:
        return None
    return text.title() if text.isupper() and len(text) > 4 else text


def split_names(text: str) -> list[str]:
    """'Mark Heinrich, Robert Birsel and Li Wei' -> three names; non-names are dropped."""
    p = _name_patterns()
    names = []
    for part in p["split"].split(text):
        part = _clean(part)
        part = p["prefix"].sub("", part)
        part = p["outlet"].sub("", part)  # "Jane Doe For Dailymail.com"
        bare = p["role_tail"].sub("", part)
        if bare != part and len(bare.split()) >= 2:  # "Jane Doe Political Correspondent"
            part = bare
        if part and (_NAME_OK.match(part) or _CJK_NAME.match(part)) and len(part.split()) <= 5:
            names.append(part)
    return names


_WORD = regex.compile(r"[\p{L}\p{M}]{3,}")


@functools.cache
def _interface_words() -> frozenset[str]:
    """Every word (three letters or more, case-folded) of the interface phrase lexicons
    (rules/phrases/<kind>/<lang>.txt: share and print buttons, menus, archive and profile
    links, comment chrome, in every language the lexicons cover), but not of the kinds that
    list agencies or credit lines (tpl_wire, site_credit): a person's name is never made of
    them only ("Print Version", "View Profile", "Nächste Vorherige", "Full Monthly Archive")."""
    words: set[str] = set()
    root = data_path().parent.parent / "phrases"
    for f in sorted(root.glob("*/*.txt")):
        if f.parent.name in ("tpl_wire", "site_credit"):
            continue
        for ln in f.read_text(encoding="utf-8").splitlines():
            if not ln.startswith("#"):
                words.update(w.casefold() for w in _WORD.findall(ln))
    return frozenset(words)


def interface_name(name: str) -> bool:
    """Whether an author "name" is interface text, not a person or a desk: every word of it is a
    word of the interface lexicons (`_interface_words`), and it is no news agency ("AFP",
    "Reuters" sign agency copy). A word with a dot or a digit ("hessenschau.de") is no
    interface word: "Redaktion hessenschau.de" names a desk. Hyphenated words count as their
    parts ("Printer-Friendly Format")."""
    words = [w for w in regex.split(r"[\s\-‐]+", name) if w]
    if not words or name in _wire_services():
        return False
    vocab = _interface_words()
    return all(_WORD.fullmatch(w) and w.casefold() in vocab for w in words)


def _key(name: str) -> str:
    """Comparison key: case, spacing, hyphens and dots ignored."""
    return _re(r"[\W_]+").sub("", name.casefold())


def clean_page_authors(names: list[str], site_name: str | None = None, url: str | None = None) -> list[str]:
    """Clean the author names a page's HTML metadata gave (trafilatura's author string).

    Drops editors' credits ("Edited by X", "Redaktion: X", "责编：X"), "By"/"Von"/"Autor" prefixes, splits glued names ("A og B", "A y B"), drops things that
    are not names (URLs, company suffixes, digits, more than five words, a reader comment's header
    "Jacob says", an authority's name "Bundesministerium für X und Y" whole), a feed link's label
    after a name ("Jane Doe RSS feed"), duplicates that differ
    only in hyphens or case, and the publisher's own name when a person's name is also there.
    """
    p = _name_patterns()
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        if p["authority"].search(raw):
            continue  # "Bundesministerium für Wirtschaft und Klimaschutz": an authority, not split into people
        for part in p["page_split"].split(raw):
            if p["page_editor"].match(_clean(part)):
                continue  # "Redaktion: Jane Doe", "Edited by Jane Doe", "责编：王样例": the editor, not an author
            part = _trailing_label_cut(p["page_prefix"].sub("", _clean(part) + " ").strip())  # "Article by": a label alone
            part = p["feed_suffix"].sub("", part)  # "Jane Doe RSS feed": the feed link's label
            if p["comment_header"].search(part):
                continue  # "Jacob says", "Jane wrote:": a reader comment's header
            if not part or p["not_a_name"].search(part) or len(part.split()) > 5 or interface_name(part):
                continue
            if len(part) < 2 or part.casefold() in _credit_sources():
                continue  # "Beitrag von r": a letter; "zVg", "Cortesía", "Handout": a picture's credit
            k = _key(part)
            if k and k not in seen:
                seen.add(k)
                out.append(part)
    if site_name and "." in site_name:  # 'Sportschau De' is the domain the page names itself by
        out = [site_name if _key(n) == _key(site_name) else n for n in out]
    if len(out) > 1:
        site = {_key(site_name or "")}
        if url:
            host = _re(r"^(?:https?://)?(?:www\.)?([^/:]+).*$").sub(r"\1", url)
            site |= {_key(host), _key(host.rsplit(".", 1)[0])}
        site.discard("")
        kept = [n for n in out if _key(n) not in site and not any(_key(n) in s or s in _key(n) for s in site if len(s) > 3)]
        if kept:
            out = kept
    return out


@functools.cache
def _credit_sources() -> frozenset[str]:
    return frozenset(x.casefold() for x in tables().words("page_authors.credit_sources"))


def _trailing_label_cut(name: str) -> str:
    """A page's author string with a month name or a publication label glued after the name
    dropped ("JANE DOE NOVEMBER", "Metro Desk Published": the next element's text): month names
    of the [months] table, `head_byline.published_labels`, any case."""
    months = tables().months
    labels = {x.casefold() for x in tables().words("head_byline.published_labels")}
    words = name.split()
    while len(words) > 2 and (words[-1].casefold() in labels or words[-1].casefold().rstrip(".") in months):
        words.pop()
    return " ".join(words)


def drop_publishers(names: list[str], publishers: list[str], url: str | None, raw: str) -> list[str]:
    """`names` without the publisher: a name that is one of `publishers` (the article record's
    publisher and organisation authors, the site name) or contains one, or that the page's
    author string `raw` writes next to the page's own host ("Deutsche Welle (www.dw.com)");
    when the publisher's name is all the author string has besides single words, those words are
    its town and country ("Site De; Frankfurt; Germany"), not people."""
    host = _re(r"^(?:https?://)?(?:www\.)?([^/:]+).*$").sub(r"\1", url).lower() if url else ""
    keys = {_fold(p) for p in publishers} | ({_fold(host)} if host else set())
    for part in _re(r"[;,]").split(raw):
        if host and host in part.lower():  # the name signed with the site's address is the site's
            keys.add(_fold(_re(r"\(?(?:https?://)?(?:www\.)?\S*" + regex.escape(host) + r"\S*\)?").sub("", part)))
    keys.discard("")
    parts = [_fold(x) for x in _re(r"[;,]").split(raw)]
    if any(x in keys for x in parts) and all(len(n.split()) == 1 for n in names):
        # beside the publisher's name, capitalised single words are its town and country; an
        # agency's acronym ("dpa", "AFP") stays
        names = [n for n in names if n.isupper() or n.islower()]
    return [n for n in names if not any(k == _fold(n) or (len(k) > 3 and k in _fold(n)) for k in keys)]


def _fold(name: str) -> str:
    """Comparison key that also equates 'Börsen-Zeitung' and 'boersen-zeitung': umlauts spelt out,
    other accents dropped, case, spaces and punctuation ignored."""
    import unicodedata

    s = name.casefold()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(a, b)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return _key(s)


_TITLE_TAIL = regex.compile(r"^(?P<head>.+?)(?:\s+[|–—-]\s+|\s*[：｜]\s*|\s+::\s+)(?P<tail>[^|｜–—:：]{1,60})$")
_DATE_ONLY = regex.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


def _site_keys(site_name: str | None, url: str | None) -> set[str]:
    keys = {_fold(site_name or "")}
    if url:
        host = _re(r"^(?:https?://)?(?:www\.)?([^/:]+).*$").sub(r"\1", url)
        keys |= {_fold(host), _fold(host.rsplit(".", 1)[0]), _fold(host.split(".")[0])}
    keys.discard("")
    return keys


def host_label_keys(url: str | None) -> set[str]:
    """Each label of the page's host as a site key, but the top-level domain, "www" and generic
    second-level labels ("co", "com", "go"): the site's short name is often one label of a longer
    host ("ESPN - Headline" on sports.espn.go.com, "IOL: Headline" on breakingnews.iol.ie).
    Only for a title's piece before or after its headline, never a whole title's test."""
    from .sites import SECOND_LEVEL

    if not url:
        return set()
    host = _re(r"^(?:https?://)?([^/:?#]+).*$").sub(r"\1", url.strip()).lower()
    labels = host.split(".")[:-1]
    return {_fold(x) for x in labels if len(x) >= 3 and x != "www" and x not in SECOND_LEVEL}


def clean_page_title(title: str | None, site_name: str | None = None, url: str | None = None) -> str | None:
    """Drop the site's name (and a bare date) that pages append to their <title>:
    'Storm hits coast | Daily Planet' -> 'Storm hits coast'. Only the site's own name goes.
    Character references left in it (a page that escaped its og:title twice: "Rock &amp;amp; Roll",
    "It&#039;s") are decoded: they are never part of a headline."""
    if not title:
        return title
    if "&" in title and _re(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});").search(title):
        import html

        title = " ".join(html.unescape(html.unescape(title)).split())
    sites = _site_keys(site_name, url)
    while True:
        m = _TITLE_TAIL.match(title)
        if not m:
            return title
        tail = _fold(m.group("tail"))
        short = len(m.group("tail").split()) <= 4
        is_site = short and any(tail == s or (len(tail) > 3 and (tail in s or s in tail)) for s in sites)
        if not (is_site or _DATE_ONLY.match(m.group("tail").strip())):
            return title
        title = m.group("head").strip()


_DOTTED_DATE = regex.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")
_REAL_OFFSET = regex.compile(r"[+-]\d{2}:?\d{2}\b|\b(?:UTC|GMT|Z)\b")


def _format(a: datetime, has_time: bool, keep_offset: bool) -> str:
    if not has_time:
        return a.date().isoformat()
    out = a.strftime("%Y-%m-%dT%H:%M") + (a.strftime(":%S") if a.second else "")
    if keep_offset and a.tzinfo is not None and a.utcoffset() is not None:
        off = a.strftime("%z")
        out += off[:3] + ":" + off[3:]
    return out


_NUMERIC_DMY = regex.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.((?:19|20)[0-9]{2})(?: ([0-9]{1,2}):([0-9]{2}))?")


def _numeric_dmy(s: str) -> datetime | None:
    """'05.06.2025' and '05.06.2025 14:46' (most of the dates that reach dateparser, at ~4 ms a call)
    read without it: what dateparser reads them as under _iso_date_i18n's settings (day first, no
    zone), checked against it in tests/test_metadata_speed.py. None for any other text and for
    a day, month, hour or minute out of range, which dateparser then reads as before."""
    m = _NUMERIC_DMY.fullmatch(s)
    if m is None:
        return None
    d, mo, y, h, mi = (int(x) if x is not None else 0 for x in m.groups())
    if h > 23 or mi > 59:
        return None
    try:
        return datetime(y, mo, d, h, mi)
    except ValueError:
        return None


def _iso_date_i18n(s: str) -> str | None:
    """Dates in other languages or day-first numbers ('5. Juni 2025, 14:46 Uhr', '05.06.2025',
    'Publié le 5 juin 2025 à 14h46') with dateparser, imported only when such a date appears.
    Numeric dates are read day first; a time or offset is kept only when the text has one, and
    a zone abbreviation (EDT, IST: ambiguous) keeps the wall clock without an offset."""
    import dateparser  # heavy: paid only for non-English dates

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
    s = _re(r"(?<=\d)h(?=\d{2}\b)").sub(":", s)  # 14h46 -> 14:46
    p = _name_patterns()
    s = p["time_prep"].sub(" ", s)
    s = p["time_suffix"].sub("", s).strip(" ,|-–")
    a = _numeric_dmy(s)
    if a is None:
        try:
            a = dateparser.parse(s, settings=settings)
        except Exception:  # dateparser raises assorted errors on odd input
            return None
    if a is None:
        return None
    has_time = bool(_HAS_TIME.search(_DOTTED_DATE.sub(" ", s)))
    return _format(a, has_time, bool(_REAL_OFFSET.search(s)))


_DATES: dict[tuple[str, int], str | None] = {}  # iso_date's results, by (text, minute of the call)
_DATES_KEPT = 4096


def iso_date(text: str) -> str | None:
    """'March 19, 2015 / 1:53 AM' -> '2015-03-19T01:53'; None when any of y/m/d is missing.

    Each distinct text is parsed once a minute (dateparser costs milliseconds a call, and a page's
    stamp is read both by its rule and at its headline): the minute is in the key because a
    relative date ("vor 2 Stunden") is read against the clock, so a result is never reused
    later than the minute it was made in."""
    key = (text, int(time.time() // 60))
    if key in _DATES:
        return _DATES[key]
    if len(_DATES) >= _DATES_KEPT:
        _DATES.clear()
    out = _DATES[key] = _iso_date(text)
    return out


_MONTH_FIRST_DOTS = regex.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.])")


def _month_first_iso(m: regex.Match[str]) -> str:
    """A dotted date whose middle number is past 12 ("07.15.12", US style) as ISO; any other
    dotted date unchanged (day first, read by _iso_date_i18n)."""
    a, b = int(m[1]), int(m[2])
    if not (1 <= a <= 12 < b <= 31):
        return m[0]
    return f"{_full_year(m[3])}-{a:02d}-{b:02d}"


def _iso_date(text: str) -> str | None:
    """iso_date without its cache."""
    p = _name_patterns()
    s = p["date_noise"].sub(" ", text).strip()
    s = _re(r"\b((?:19|20)\d{2})(?=\d{1,2}:\d{2})").sub(r"\1 ", s)  # '20232:23 PM': year glued to time
    s = _re(r"(?<=\d)\s*[-–|•]\s*(?=\d{1,2}:\d{2})").sub(" ", s)  # '28.04.2023-19:20'
    s = _MONTH_FIRST_DOTS.sub(_month_first_iso, s)  # '07.15.12': the middle past 12 is the day
    if _DOTTED_DATE.search(s) or not p["english"].match(s):
        return _iso_date_i18n(s)
    import warnings

    from dateutil import parser  # imported on first date only

    try:
        with warnings.catch_warnings():  # "EDT identified but not understood": the wall clock stays
            warnings.simplefilter("ignore")
            a = parser.parse(s, default=datetime(1904, 1, 1, 0, 0), fuzzy=False)
            b = parser.parse(s, default=datetime(1908, 2, 2, 1, 1), fuzzy=False)
    except (ValueError, OverflowError):
        return _iso_date_i18n(s)
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    has_time = bool(_HAS_TIME.search(s)) and (a.hour, a.minute) == (b.hour, b.minute)
    return _format(a, has_time, True)


def build(extractions: list[Extraction], removed: list[Removal] | None = None,
          kept: list[tuple[int, str]] | None = None, guess_titles: bool = False) -> dict[str, Any]:
    """Fold extractions (in rule order) into one metadata record.

    `removed` (the audit) and `kept` (the clean text's lines with their input line numbers) say where the page's
    comments, teasers, credits and navigation were: a value from there is refused
    (cleaner.meta_evidence). Each filled field names its evidence in `fields_from`: rule id and
    the 1-based input line ("HD002:14"; several joined by commas). `guess_titles`
    (Options.guess_titles, opt-in): a page the rules give no title gets the learned line
    scorer's line (cleaner/headline_model.py, "HD002:model:14"), right about 2 times in 3."""
    meta = empty()
    source: dict[str, list[str]] = {}
    where = Evidence(removed or [], kept)
    byline_started = byline_closed = False  # the first rule hit that named authors, matched in one go
    # a page handed over whole (HD002; only as the first pass saw it: later passes lack the head):
    # its headline is found first, so that a byline or stamp far above it (a teaser's) is refused
    head = next((ex for ex in extractions if ex.field == "title" and "head" in ex.groups), None)
    page = _head_lines(head, where, guess_titles) if head is not None else None
    if page is not None and page[2] is not None:
        where.headline = page[1][page[2]]
    last_rule = None

    def note(fname: str, rule: str, line: int) -> None:
        tag = _rule_tag(rule, line)
        source.setdefault(fname, [])
        if tag not in source[fname]:
            source[fname].append(tag)

    for ex in extractions:
        if byline_started and (ex.field != "authors" or ex.rule != last_rule):
            byline_closed = True
        last_rule = ex.rule
        g = ex.groups
        value = _clean(g.get("v", ""))
        f = ex.field
        if f == "title" and "head" in g:
            continue
        if f in TEXT_FIELDS and where.refuses(f, ex.line, ex.rule):
            continue
        if f == "title" and value and meta["title"] is None:
            meta["title"] = value
        elif f in ("authors", "editors"):
            if f == "authors" and byline_closed:
                continue  # one byline per document: only the first run of author matches counts
            if f == "authors":
                # "Door Jan Jansen" over a stamp (BY004, which takes any capitalised words): its label is no name word
                value = _by_patterns()["prep"].sub("", value)
            for name in split_names(value):
                # "Helen Briggs BBC News" -> "Helen Briggs"; "Print Version": a link label, none
                for x in _outlet_cut(name) if f == "authors" else [name]:
                    if interface_name(x) or (f == "authors" and x not in _wire_services() and _by_patterns()["section"].search(x)):
                        continue  # ... "Politique Internationale": a site's section (not "United Press International")
                    byline_started = byline_started or f == "authors"
                    if x not in meta[f]:
                        meta[f].append(x)
        elif f == "contributors":
            place = _clean(g.get("place", "")) or None
            for name in split_names(value):
                item = {"name": name, "place": place}
                if item not in meta[f]:
                    meta[f].append(item)
        elif f == "published" and value and meta["published"] is None:
            if _after_update_label(where.text.get(ex.line, ""), value):
                continue  # "5 gennaio 2025 (modifica il 6 gennaio 2025 | 15:24)": the update, not the publication
            meta["published"] = iso_date(value)
        elif f == "dateline" and meta["dateline"] is None:
            loc, ag = _clean(g.get("location", "")) or None, agency(g.get("agency", ""))
            if loc or ag:
                meta["dateline"] = {"location": loc, "agency": ag}
        elif f == "captions" and value:
            if value not in meta["captions"]:
                meta["captions"].append(value)
        elif f == "photo_credits":
            name = _clean(g.get("v", g.get("name", "")))
            ag = agency(g.get("agency", ""))
            for n in split_names(name) or ([None] if ag else []):
                item = {"name": n, "agency": ag}
                if item not in meta[f]:
                    meta[f].append(item)
        else:
            continue
        if meta[f]:
            note(f, ex.rule, ex.line)
    meta["authors"] = _beside_person(meta["authors"])
    if page is not None:
        _read_head(meta, source, page, where)
    if meta["title"] and kept is not None and not _kept_bears(meta["title"], kept):
        # the kept text, the title's own line(s) left out, must bear the title out (not a site's tagline)
        meta["title"] = None
        was = source.pop("title", None)
        if was and not was[0].startswith(HEAD_RULE) and page is not None and page[3] is not None:
            # a title rule's line (HD001: "YouNewsTV") refused: the scorer's confirmed headline, which it kept out
            alt = punctuated_copy(page[0], page[3])
            if _kept_bears(alt, kept):
                meta["title"] = alt
                source["title"] = _head_tag(page[1][page[3]])
    meta["fields_from"] = {f: ",".join(r) for f, r in source.items()}
    return meta


def _kept_bears(title: str, kept: list[tuple[int, str]]) -> bool:
    """Whether the kept text, the title's own line(s) left out, bears `title` out (title_borne_out)."""
    t = _norm_line(title)
    return title_borne_out(title, "\n".join(x for _, x in kept if _norm_line(x) != t))


def _head_lines(head: Extraction, where: "Evidence",
                guess_titles: bool = False) -> tuple[list[str], list[int], int | None, int | None, bool]:
    """The handed-over page's non-blank lines, the input line of each, the headline's index (the
    place where the stamp and byline are read), the title's index, or None, and whether the
    learned line scorer chose the title (`headline_model.pick`, only with `guess_titles`: it
    fills about 2 titles in 3 right, too few for a default, issue 16): the headline when a
    second source confirms it (else it only marks the place); a title that marks no place
    (`_dated_head`); or, with neither, the headline the scorer finds with the page tools' labels
    left out (`_title_past_tools`), the place unchanged."""
    lines: list[str] = []
    at: list[int] = []
    span = head.origins
    for k, ln in enumerate(head.groups["head"].split("\n")):
        if ln.strip():
            lines.append(ln.strip())
            at.append(span[min(k, len(span) - 1)] if span else 0)
        if len(lines) >= 3000:
            break
    ok: list[bool] = []
    alone: list[int] = []
    ex: list[tuple[int, float, dict[str, Any]]] | None = [] if guess_titles else None  # the model's candidates
    refused = where.refuses_titles(at, HEAD_RULE)
    h = _headline_index(lines, refused, explain=ex, confirmed=ok, title_only=alone)
    title = alone[0] if h is None and alone else (h if ok and ok[0] else None)
    if h is not None and (title is None or title == h) and _not_headline(lines, h):
        title = _title_past_rows(lines, refused)  # the place stays the row: only the title is looked for again
    if title is None:  # the place stays the scorer's (the stamp and byline are read there): only a title
        title = _title_past_tools(lines, refused)
    # the learned line scorer (cleaner/headline_model.py), opt-in: a title where the rules found
    # none, or its surer choice among the same candidates; a title only, the place stays the scorer's
    chosen = headline_model.pick(lines, refused, ex, title) if ex is not None else None
    return lines, at, h, title if chosen is None else chosen, chosen is not None


END_STAMP_LINES = 2  # the article's stamp at most this many input lines under its body's last line
END_STAMP_ALONE = 4  # ... and no other stamp this many lines above or below it


def _read_head(meta: dict[str, Any], source: dict[str, list[str]],
               page: tuple[list[str], list[int], int | None, int | None, bool], where: "Evidence") -> None:
    """The headline, the stamp and the byline at it, of a page handed over whole (HD002)."""
    lines, at, h, title, learned = page
    if meta["title"] is None and title is not None:  # the headline, or a line that marks no place (_dated_head)
        meta["title"] = punctuated_copy(lines, title)
        source["title"] = _head_tag(at[title], learned)  # "HD002:model:14": the learned scorer's line
    if h is None:
        _stamp_at_byline(meta, source, lines, at, where)
        return
    day, j = head_date_at(lines, h)
    if j is not None and where.refuses("published", at[j], HEAD_RULE):
        day = None
    have = meta["published"]
    if day and day != have and not (have and have[:10] == day[:10] and len(have) > len(day)):
        # the stamp at the headline beats the first stamp anywhere (a teaser's, today's date)
        meta["published"] = day
        source["published"] = _head_tag(at[j])
    names, j = head_authors_at(lines, h)
    if not meta["published"] and j is not None and (near := _stamp_near(lines, at, j, where)):
        # the stamp at a byline further under the headline than the stamp's reach (tool labels between)
        meta["published"] = near[0]
        source["published"] = _head_tag(at[near[1]])
    if not meta["published"] and where.body is not None:
        # no stamp at the head: the article's stamp right under its last line ("5 gennaio 2025
        # (modifica il 6 gennaio 2025 | 15:24)" over the copyright line)
        # (alone: a date on a line near it is a list of dated teasers; no "@": a quoted post's)
        last = where.body[1]
        stamp_of = functools.cache(line_stamp)  # the lines around each candidate are asked again
        for k in (k for k in range(h + 1, len(lines)) if last < at[k] <= last + END_STAMP_LINES):
            if "@" in lines[k] or not (day := stamp_of(lines[k])) or where.refuses("published", at[k], HEAD_RULE):
                continue
            if not any(stamp_of(lines[x]) for x in range(max(0, k - END_STAMP_ALONE), min(len(lines), k + END_STAMP_ALONE + 1))
                       if x != k):
                meta["published"] = day
                source["published"] = _head_tag(at[k])
                break
    if names and j is not None and _wire_byline(lines[j]) and where.by_line.get(at[j], "")[:2] in ("PH", "CP"):
        names = []  # an agency a caption rule took: the picture's credit, not the article's
    if names and j is not None and lines[j].startswith(names[0]) and _topic_words(names, where.text, at[j]):
        names = []  # "Faire Lieferketten", "Labour Matters": an unlabelled "name" whose words the article uses
    if names and j is not None and _other_day_below_body(lines, at, j, meta["published"], where):
        names = []  # "Jane Doe" / "May 6, 2025 at 9:12 am" / "Reply" under a short article: a comment's
    if names and j is not None and not where.refuses("authors", at[j], HEAD_RULE):
        # the byline under the headline beats the first byline anywhere (a teaser's)
        meta["authors"] = names
        source["authors"] = _head_tag(at[j])
    if meta["authors"] and (k := _rule_byline(source, at)) is not None:
        # a byline rule's name (BY004: any name over a stamp) under the body's start
        if _other_day_below_body(lines, at, k, meta["published"], where):
            meta["authors"] = []
            source.pop("authors")


BELOW_BODY_STAMP = 2  # a stamp at most this many lines under a byline below the body is that byline's


def _other_day_below_body(lines: list[str], at: list[int], j: int, published: str | None, where: "Evidence") -> bool:
    """Whether the byline the head window reached on `lines[j]` stands below the article's first
    running-text line with a stamp of another day than the article's on its line or right under
    it: a reader comment's or a teaser's name and stamp under a short article ("Jane Doe" / "May
    6, 2025 at 9:12 am" / "Reply"; "Jane Doe · May 4, 2025"), not the article's own byline block
    (which has no stamp there, or the article's). (Below the first line, not the last: a comment's
    text is running text too, and the body's run can go on into it.)"""
    if not published or where.body is None or not at[j] or at[j] <= where.body[0]:
        return False
    days = {d[:10] for k in range(j, min(len(lines), j + 1 + BELOW_BODY_STAMP)) if (d := line_stamp(lines[k]))}
    return bool(days) and published[:10] not in days


BYLINE_STAMP_LINES = 3  # the stamp at most this many lines under a byline (the head's, or a rule's without a headline)


def _rule_byline(source: dict[str, list[str]], at: list[int]) -> int | None:
    """The index in the handed-over page of the line a byline rule (not HD002) took the authors
    from, or None (no such rule, or its line is not on the page)."""
    tags = source.get("authors") or []
    if not tags or tags[0].startswith(HEAD_RULE) or (line := _tag_line(tags[0])) is None or line not in at:
        return None
    return at.index(line)


def _stamp_at_byline(meta: dict[str, Any], source: dict[str, list[str]], lines: list[str], at: list[int],
                     where: "Evidence") -> None:
    """No headline found on a whole page (a head of tool labels, "DIVE DEEPER", "LISTEN"), but a
    byline rule (BY, CR002) read its byline: the stamp on the byline's line or in the few lines under it
    is the article's ("By Jane Doe" / "03 May 2025 4"; "By JANE DOE" / "The Associated Press" /
    "Thursday, January 17, 2008; 8:43 AM"). A date further down is the body's or a teaser's."""
    if meta["published"] or (k := _rule_byline(source, at)) is None:
        return
    if near := _stamp_near(lines, at, k, where):
        meta["published"] = near[0]
        source["published"] = _head_tag(at[near[1]])


def _stamp_near(lines: list[str], at: list[int], k: int, where: "Evidence") -> tuple[str, int] | None:
    """The stamp on the byline line `lines[k]` or in the `BYLINE_STAMP_LINES` lines under it (ISO
    date, its index), or None."""
    for x in range(k, min(len(lines), k + BYLINE_STAMP_LINES + 1)):
        if (day := line_stamp(lines[x])) and not where.refuses("published", at[x], HEAD_RULE):
            return day, x
    return None


_TOPIC_WORD_USES = 2  # a name word the article's own text uses this often is a word of its topic
_COMPOUND_PART = 8  # ... counting its uses as a part of longer words (a compound) when it has this many letters


def _topic_words(names: list[str], kept: dict[int, str], line: int) -> bool:
    """Whether an unlabelled byline (a line that is only names, no "By", "Von", "Par") is a topic
    or section label: some word of a name (four letters or more) stands alone in the kept text's
    running-text lines, away from the rest of that name, at least `_TOPIC_WORD_USES` times (a
    word of `_COMPOUND_PART` letters or more also as the head or tail of a compound). An
    author's name is not a word of the article ("Lieferketten", "Labour", "Strecke"); a label
    over the article is."""
    body = [t for ln, t in kept.items() if ln != line and len(t.split()) >= 12]
    if not body:
        return False
    text = "\n".join(body).casefold()
    for name in names:
        low = name.casefold()
        bare = text.replace(low, " ")  # the whole name quoted in the article is no topic word
        for w in regex.findall(r"\w{4,}", low):
            if w not in bare:
                continue  # every count below needs the word itself in the text
            uses = len(regex.findall(rf"(?<!\w){regex.escape(w)}(?!\w)", bare))
            if len(w) >= _COMPOUND_PART:  # "Lieferketten" in "Lieferkettengesetz": a German noun, no name
                uses += len(regex.findall(rf"(?<!\w){regex.escape(w)}\w{{4,}}|\w{{4,}}{regex.escape(w)}(?!\w)", bare))
            if uses >= _TOPIC_WORD_USES:
                return True
    return False


def _after_update_label(line: str, value: str) -> bool:
    """Whether `value` stands after an update label ("Updated", "Aktualisiert", "modifica") on its line."""
    at = line.find(value)
    u = _hd_patterns()["update"].search(line)
    return at > 0 and u is not None and u.start() < at


def _same(a: Any, b: Any) -> bool:
    norm = lambda v: " ".join(str(v).lower().split())  # noqa: E731
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(norm, a)) == sorted(map(norm, b))
    return norm(a) == norm(b)


def merge_html(meta: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
    """Merge the page's HTML metadata into the rules' record.

    The page's own metadata (title, authors, date) wins where it has a value; the rules' value
    fills the gaps. When both have a value and they differ, both are kept under `conflicts`
    (field -> {rule ids or "html": value}). `fields_from` says where each field came from.
    """
    out = dict(meta)
    sources = dict(meta.get("fields_from", {}))
    conflicts: dict[str, dict[str, Any]] = {}
    for fname in ("title", "authors", "published"):
        mine, theirs = meta.get(fname), page.get(fname)
        if not theirs:
            continue
        if fname == "authors" and mine and {_fold(x) for x in theirs} < {_fold(x) for x in mine}:
            # the byline in the text names the page's authors and more (an agency, a co-author): both agree, it is longer
            sources[fname] = f"{sources.get(fname, 'rules')},html"
            continue
        if mine and not _same(mine, theirs):
            conflicts[fname] = {sources.get(fname, "rules"): mine, "html": theirs}
            sources[fname] = page.get(f"{fname}_from") or "html"
        elif mine:
            sources[fname] = f"{sources.get(fname, 'rules')},{page.get(f'{fname}_from') or 'html'}"
        else:
            sources[fname] = page.get(f"{fname}_from") or "html"
        out[fname] = theirs
    for fname in ("site_name", "url"):
        out[fname] = page.get(fname)
        if page.get(fname):
            sources[fname] = "html"
    # language: the page's markup wins over the identifier (which read the clean text); when
    # they name different languages both are kept, so a CMS's default lang="en" can be seen
    mine, theirs = meta.get("language"), page.get("language")
    if theirs:
        evidence = page.get("language_from") or "html"
        if mine and not language.same(mine, theirs):
            conflicts["language"] = {sources.get("language", "identifier"): mine, evidence: theirs}
        out["language"] = theirs
        sources["language"] = evidence
    out["fields_from"] = sources
    out["conflicts"] = conflicts
    return out



_WORD3 = regex.compile(r"\w{3,}")
_CJK_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_BORNE_SHARE = 0.25  # under this share of its words in the article text, a title is not the article's


def title_borne_out(title: str, text: str) -> bool:
    """Whether the article `text` bears `title` out: at least a quarter of the title's words (of
    three letters or more, any case; CJK titles: its characters) occur in the text. A headline
    shares its words with its article; a page title that is the site's or a section's name
    ("The Daily Example", "News", "Navigation", "Local Teams", "Site : Business") shares none or
    almost none. On the HTML route such a title is a guess, and null is better (issue 16)."""
    if len(_CJK_CHAR.findall(title)) >= 4:
        want, have = set(_CJK_CHAR.findall(title)), set(_CJK_CHAR.findall(text))
    else:
        # (the text's distinct words case-folded, not each occurrence)
        want, have = {w.casefold() for w in _WORD3.findall(title)}, {w.casefold() for w in set(_WORD3.findall(text))}
    if not want:
        return True  # nothing to compare ("AI", digits): left as it is
    return len(want & have) >= _BORNE_SHARE * len(want)


def refuse_unborne_title(meta: dict[str, Any], text: str, twice: str | None = None) -> None:
    """Drop a merged record's title that the article text does not bear out (title_borne_out);
    the refused value is kept under `conflicts` so it can be seen. Not a title that two of the
    page's own sources name (`twice`: meta_html.titled_twice, its <title> and an <h1>): then
    trafilatura's text is the wrong block, not the title the wrong one."""
    title = meta.get("title")
    if not title or title == twice or title_borne_out(title, text):
        return
    src = (meta.get("fields_from") or {}).pop("title", "html")
    meta.setdefault("conflicts", {}).setdefault("title", {})[f"{src} (not in the text)"] = title
    meta["title"] = None

# --- Headline of a whole scraped page (rule HD002 hands over the page; this picks the line) ----
#
# A page scraped whole has the headline somewhere below the navigation, as a line of its own.
# Every headline-shaped line is scored on what surrounds it; the best one is the title. The
# features are page structure, never a site's wording:
#
#   near the page's first publication stamp (date with time; else the first bare date line)  +2.7
#   near the page's first byline ("By/Von/Par/Por/Di Name", a role line: "Staff Reporter")    +3.0
#   a date line or a byline (or a name line above a date) in the next six lines          +1.6 / +2.5
#   (the four above fade with distance, and count against a line that has none of them)
#   followed by running text (>= 120 words of sentences in the next 15 lines)                 +1.3
#   the next line is a sentence (standfirst)                                                  +0.8
#   the last step of a breadcrumb ("Home / World / <headline>")                               +3.0
#   repeated in a longer line (a "<headline> | Site" title, a share text), but not in a        +1.1
#   headline-shaped line up to six lines above or three below ("Kicker: Question?" above the
#   intertitle "Question?" in the body: the shorter copy is not confirmed by it)
#   repeated as a line elsewhere                                                              +0.8
#   right under a line of running text, with a headline-shaped line over its standfirst and   -2.0
#   three lines of running text in the eight lines above (an intertitle inside that article's
#   body, not its headline)
#   "Topic: headline" or "headline - more" shape                                             +1.0
#   six words or more                                                                  +0.7 / -1.8
#   words glued by the layout ("PremiumHeadline", "Kicker:Headline")                         -1.5
#   all capitals (menu labels, "DIVE DEEPER")                                                -2.0
#   among the first three lines of the page (skip links, top menus)                           -2.0
#   two sentences (a teaser or notice rather than a headline)                                 -1.5
#   found inside a sentence of the running text (a pull quote, not a headline)               -3.0
#   an interface or role word (E-mail, Print, Share, Tags, Sign in, Teilen, Writer...)        -2.5
#
# Then two local corrections: of two lines that differ only in punctuation ("Kicker: Headline"
# and the same glued "Kicker Headline") the punctuated one wins; a line of five words or more
# right above the winner that scores nearly as well and is shorter wins over it (the headline
# above its longer standfirst). No headline-shaped line, or no stamp or byline anywhere near:
# no title (null), never the first line by default. Nor when the winner has no second source:
# no stamp, date or byline near it, no copy of it elsewhere, no clear lead (`_confirmed`).

_HL: dict[str, Any] = {}


def _hl_patterns() -> dict[str, Any]:
    """Compiled on first use: `cleaner check` never pays for them. The line patterns run once over
    the whole page (lines joined by newlines), so none of them may cross a newline."""
    if _HL:
        return _HL
    w = tables()
    home = "|".join(regex.escape(x, literal_spaces=True) for x in w.words("headline.breadcrumb_home"))
    stamp_connectors = w.alternatives(*_STAMP_CONNECTORS)
    particles = w.alternatives("headline.name_particles")
    labels = w.alternatives("headline.byline_labels")
    mon = r"\p{L}{3,12}\.?"
    known = _known_months()  # an ordinal day only with a real month: "4th quarter 2024" is no date
    day = (
        r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2}(?!\d))|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
        rf"|\b\d{{1,2}}\.?\s+(?:de\s+)?{mon},?\s+(?:de\s+)?\d{{4}}|\b{mon}\s+\d{{1,2}},?\s+\d{{4}}"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)\s+{known}\.?,?\s+\d{{4}}|\b{known}\.?\s+\d{{1,2}}(?:st|nd|rd|th),?\s+\d{{4}}"
        r"|\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日|\d{4}/\d{1,2}/\d{1,2}|\d{4}년\s?\d{1,2}월\s?\d{1,2}일"
        r"|(?<![\d.])(?:19|20)\d{2}\.\s?(?:0?[1-9]|1[0-2])\.\s?(?:0?[1-9]|[12]\d|3[01])(?!\d)"
    )
    name_word = rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}.'’-]*|{particles})"
    src = dict(
        date=rf"(?:{day}|\b(?:{w.alternatives('dates.relative_before')})\s+\d+\s+\p{{L}}+"
        rf"|\b\d+\s+(?:{w.alternatives('dates.relative_units')})\s+ago\b"
        rf"|\b(?:{w.alternatives('dates.relative_days')})\b[^\n]{{0,12}}\d{{1,2}}[:.]\d{{2}})",
        stamp=rf"(?:{day})\s*(?:,|\||•|-|–|{stamp_connectors})?\s*\d{{1,2}}[:h]\d{{2}}(?!\d)"
        r"|\b\d{1,2}:\d{2}\s*(?:[ap]m)?,?\s+\d{1,2}\s+\p{L}{3,12}\.?\s+\d{4}\b|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}時",
        bare=rf"^(?:\p{{L}}+\s*:?\s*)?(?:\p{{L}}+\.?,?\s+)?(?:{day})",
        byline=rf"^(?:{labels})"
        rf"\s*:?\s+\p{{Lu}}[\p{{L}}\p{{M}}.'’-]*(?:\s+{name_word}){{0,3}}"
        rf"(?:\s*(?:[,|•·/–-]|{_whole('headline.byline_joins')}|$)|(?:\s+\p{{Ll}}{{1,3}})?\s+\d)"
        rf"|^(?:{w.alternatives('headline.byline_labels_alone')})\s*:?$"
        + "".join(f"|^(?:{x})" for x in w.words("headline.byline_phrases"))  # each anchored: byline is matched at line starts
        + rf"|^[\p{{Han}}\p{{Hangul}}]{{2,5}}(?:[·、][\p{{Han}}\p{{Hangul}}]{{2,5}})*\s?(?:{w.alternatives('headline.byline_cjk_after')})(?:\s|$)"
        + rf"|^(?:{w.alternatives('headline.byline_cjk_before')})\s*[:：]?\s*\p{{Han}}{{2,4}}(?:[、，]\p{{Han}}{{2,4}})*\s*$"
        # a role alone ("Special Correspondent", "Redakteurin") or glued to a name ("Jane DoeRedakteurin")
        + rf"|^(?:(?:{w.alternatives('headline.byline_role_modifiers')})\s+){{0,2}}(?:{w.alternatives('headline.byline_roles')})$"
        + rf"|^\p{{Lu}}[\p{{L}}\p{{M}}'’-]*(?:\s+{name_word}){{0,3}}\p{{Ll}}(?:{w.alternatives('headline.byline_roles')})$",
        name=rf"^\p{{Lu}}\p{{Ll}}[\p{{L}}\p{{M}}'’-]*(?:\s+(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*|{particles})){{1,3}}$",
        crumb=rf"^(?:{home})\b"
        r"|(?<!«[^»\n]*)\s[»›>]\s+\S|(?:\s?/\s[^/\n]*){2}|(?:\s\|\s[^|\n]*){2}",
    )
    keys = dict(  # the tables each pattern is made of, for an error message
        date=("dates.relative_before", "dates.relative_units", "dates.relative_days"),
        stamp=_STAMP_CONNECTORS,
        byline=("headline.byline_labels", "headline.name_particles", "headline.byline_joins",
                "headline.byline_labels_alone", "headline.byline_phrases", "headline.byline_cjk_after",
                "headline.byline_cjk_before", "headline.byline_role_modifiers", "headline.byline_roles"),
        name=("headline.name_particles",),
        crumb=("headline.breadcrumb_home",),
    )
    flags = {"date": regex.IGNORECASE | regex.MULTILINE}
    for k, v in src.items():  # \s must not cross a line
        _HL[k] = _compile(v.replace(r"\s", r"[^\S\n]"), flags.get(k, regex.MULTILINE), *keys.get(k, ()))
    _HL.update(
        cjk=regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"),
        junk=regex.compile(r"https?:|www\.|@|©|\bcopyright\b", regex.IGNORECASE),
        credit=_compile(
            rf"\((?:[^()]*[/|]\s*)?(?:{w.alternatives('headline.credits_in_parens')})\b[^()]*\)"
            rf"|(?<!\p{{L}}\s)(?:{w.alternatives('headline.credit_labels')})\s*:"
            rf"|\b(?:{w.alternatives('headline.credits_at_end')})$"
            rf"|/(?:{w.alternatives('headline.credits_after_slash')})\b",
            0, "headline.credits_in_parens", "headline.credit_labels", "headline.credits_at_end",
            "headline.credits_after_slash",
        ),
        start=regex.compile(r"[\p{L}\p{N}`\"'„“«‘’‚»¿¡\-–]"),
        shape=regex.compile(r"\S: |\S:\S| [–-] "),
        glue=regex.compile(r"\p{Ll}{2}\p{Lu}\p{Ll}|\p{L}:\p{Lu}"),
        two_sentences=regex.compile(r"\p{Ll}{2}[.!?]\s+\p{Lu}"),
        interface=_compile(rf"(?i)(?<![\w-])(?:{w.alternatives('headline.interface')})(?![\w-])", 0, "headline.interface"),
        source=_compile(rf"^(?:{w.alternatives('headline.source_lines')})", 0, "headline.source_lines"),
        digit=regex.compile(r"\d"),
        clock=regex.compile(r"(?<![\d.,])\d{1,2}[:.]\d{2}(?![\d.,])"),
        signed=_compile(rf"(?i:,\s+(?:{w.alternatives('names.prefixes')}))\s+\p{{Lu}}[\p{{L}}\p{{M}}'’-]+(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*){{1,3}}$",
                        0, "names.prefixes"),
        crumb_sep=regex.compile(r"[/|»›>]"),
        name_in_place=_compile(rf"^\p{{Lu}}\p{{Ll}}+(?:\s\p{{Lu}}\p{{Ll}}+){{1,2}}\s(?:{w.alternatives('headline.byline_place_words')})"
                               r"\s\p{Lu}[\p{L}\p{M}'’-]*(?:,?\s\p{L}+){0,3}$", 0, "headline.byline_place_words"),
        punct=regex.compile(r"[^\w\s]"),
        by_label=_compile(rf"^(?:{w.alternatives('headline.byline_labels')})\s", 0, "headline.byline_labels"),
    )
    return _HL


_HL_WEIGHTS = {  # feature: (weight when present, weight when absent); see the table above
    "near_stamp": (2.7, -0.8), "near_byline": (3.0, -0.4), "date_after": (1.6, -0.8), "byline_after": (2.5, -0.5),
    "body_after": (1.3, -0.8), "standfirst": (0.8, 0.0), "crumb_tail": (3.0, 0.0), "in_longer": (1.1, 0.0),
    "repeated": (0.8, -0.4), "shape": (1.0, 0.0), "long": (0.7, -1.8), "glued": (-1.5, 0.0), "caps": (-2.0, 0.0),
    "top": (-2.0, 0.0), "date_before": (-0.4, 0.0), "text_before": (-2.0, 0.0), "two_sentences": (-1.5, 0.0), "pull_quote": (-3.0, 0.0),
    "interface": (-2.5, 0.0),
}
_NEAR_COPY = 6  # a longer candidate this many lines above (three below) holding a line's text does not count for in_longer
_HL_FADING = {"near_stamp", "near_byline", "date_after", "byline_after"}
_HL_FADE = 0.1  # a fading feature loses this share of its weight a line further away (0.3 at the least)
_HL_MIN_SCORE = 0.0  # below this no candidate has a stamp, byline or running text near it: no title
# ... except a short headline with the page's stamp at most two lines from it and the running text
# under it ("Last Updated: 4 December 2007, 23:57 GMT" / a tool bar / a four-word headline / text):
# no byline and a short line cost it more than its stamp gives, but stamp and text are both there
_HL_STAMPED_FLOOR = -0.5
_HL_STAMPED_NEAR = 2
# A second, independent source that the winner is the headline: it stands in the page's headline
# block (a stamp, date line or byline near it, or a date line right above it: a blog's day over its
# post), or the page repeats it (a "<headline> | Site" title, a share text, a breadcrumb's last
# step, a part of it as a line of its own); or else it
# wins by this much over every other text. A winner with none of them (running text under it,
# its shape and length only) is a guess among look-alike lines (an intertitle, a teaser, a
# section's lead): no title (issue 16).
_HL_CONFIRMING = ("near_stamp", "near_byline", "date_after", "byline_after", "date_before", "repeated", "in_longer", "crumb_tail")
_HL_CONFIRMING_GAP = 2.0
# A date line confirms on its own only this close under the winner: three to six lines under it,
# with nothing else near, it was a sidebar's or a quoted post's day under an ad, a donation appeal
# or an intertitle (20 titles on the `write` pages of four sites, none right)
_HL_DATE_CONFIRMS = 2
_FRAMED_BELOW = 5  # a candidate framed by a date line and a byline this many lines under the winner ...
_FRAMED_GAP = 1.0  # ... and scoring at most this much less is the headline instead
_TOOL_LABEL_WORDS = 5  # "Print article: Print": a short line whose label (before ": ") has an interface word
# A list of other stories' links: this many headline-shaped lines of TEASER_RUN_WORDS words or
# more in a row, the winner among them. One of them may be the article's own headline, but which
# one is a guess among look-alikes: no title (the winner still marks the head's place), unless
# the page repeats the winner elsewhere (a copy is a second source the list's place is not) or the
# run's last line stands right above a byline (the article's headline under the list: taken).
TEASER_RUN = 4
TEASER_RUN_WORDS = 4
# ... or this many such lines each with its own date line under it, in a row (an archive list:
# "EARLIER STORIES" / headline / date / headline / date ...): no title, the place stays
TEASER_DATED_RUN = 3


@functools.lru_cache(maxsize=16384)
def _norm_line(s: str) -> str:
    """A line's words joined by single spaces, case-folded; cached: the headline scorer, the byline
    reader and the title check ask it of the same page lines."""
    return " ".join(s.split()).casefold()


def headline(text: str) -> str | None:
    """The headline line of a whole scraped page, or None (see the feature table above)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:3000]
    i = _headline_index(lines)
    return None if i is None else punctuated_copy(lines, i)


def punctuated_copy(lines: list[str], h: int) -> str:
    """The headline `lines[h]` as the page writes it with most punctuation: a line anywhere on the
    page with the same letters and digits and more punctuation ("Kicker: Headline" in the menu or
    the share bar, where the layout glued kicker and headline into "Kicker Headline"). The
    headline's place stays `h` (its stamp and byline are read there); only the wording is taken."""
    punct = _hl_patterns()["punct"].findall
    key = _key(lines[h])
    best, most = lines[h], len(punct(lines[h]))
    if len(key) < 15:
        return best
    for ln in lines:
        if len(lines[h]) < len(ln) <= len(lines[h]) + 12 and (n := len(punct(ln))) > most and _key(ln) == key:
            best, most = ln, n
    return best


_SCAN_ALL_BELOW = 1_000_000  # texts x page characters under which each text is counted in the whole page


def _in_longer_lines(lines: list[str], texts: set[str]) -> set[str]:
    """Of `texts` (none holding a newline), those that stand inside a longer line of `lines`: for
    each, `"\\n".join(lines).count(t) > lines.count(t)` (it occurs more often in the page than it
    stands alone as a line), the headline scorer's old test, without a scan of the page per text.
    An occurrence never crosses a newline, and a line holding `t` that is not `t` is longer than
    `t`, so it is "some line longer than `t` holds it": one Aho-Corasick scan of the distinct lines
    longer than the shortest text (a small page: each text counted in the page, as before)."""
    if not texts:
        return set()
    joined = "\n".join(lines)
    if len(texts) * len(joined) <= _SCAN_ALL_BELOW:  # a small page: the old test itself, in C, is cheaper
        return {t for t in texts if joined.count(t) > lines.count(t)}
    shortest = min(map(len, texts))
    hay = [x for x in set(lines) if len(x) > shortest]
    if not hay:
        return set()
    auto = ahocorasick.Automaton()
    for t in texts:
        auto.add_word(t, t)
    auto.make_automaton()
    starts = list(itertools.accumulate([len(x) + 1 for x in hay], initial=0))
    found: set[str] = set()
    for end, t in auto.iter("\n".join(hay)):
        if t not in found and len(hay[bisect.bisect_right(starts, end) - 1]) > len(t):
            found.add(t)
            if len(found) == len(texts):
                break
    return found


_CLOCK_GATE = regex.compile(r"\d[:hH]\d|時").search  # what every match of _hl_patterns()["stamp"] holds


def _headline_index(lines: list[str], refused: list[bool] | None = None,
                    explain: list[tuple[int, float, dict[str, Any]]] | None = None,
                    confirmed: list[bool] | None = None, title_only: list[int] | None = None) -> int | None:
    """The index of the headline among `lines`; a line `refused` (a teaser, comment, credit or
    menu by the rules' audit) is never it. `explain`, when given, receives every candidate's
    (index, score, features) (benchmarks and debugging). A winner no second source bears out
    (`_confirmed`) is None, unless `confirmed` is given: then the winner is returned (the place
    the page's stamp and byline are looked for) and whether it is confirmed appended to it. A
    headline found only by `_dated_head` (no candidate reached the floor) is the title and no
    place: with `confirmed` given, None is returned and its index appended to `title_only`."""
    p = _hl_patterns()
    n = len(lines)
    if not n:
        return None
    words = [len(ln.split()) for ln in lines]  # exact \w+ counts only where the thresholds are
    words = [line_words(ln) if w <= 45 else w for ln, w in zip(lines, words)]
    # a page with no Han, Kana or Hangul letter at all (one scan of its non-ASCII lines) counts none per line
    cjk = [0] * n
    if p["cjk"].search("\n".join([ln for ln in lines if not ln.isascii()])):
        cjk = [0 if ln.isascii() else len(p["cjk"].findall(ln)) for ln in lines]
    normed = [_norm_line(ln) for ln in lines]

    def flags(name: str, idx: list[int]) -> list[bool]:
        """Where a line pattern matches, over the lines `idx` joined (one pass, not one call a line)."""
        out = [False] * n
        if idx:
            starts = list(itertools.accumulate([len(lines[i]) + 1 for i in idx], initial=0))
            for m in p[name].finditer("\n".join([lines[i] for i in idx])):
                out[idx[bisect.bisect_right(starts, m.start()) - 1]] = True
        return out

    def each(name: str, idx: list[int], how: str = "search") -> list[bool]:
        """`flags` asked line by line: no line pattern crosses a newline, so a line holds a match of
        the joined lines iff it holds one alone; `search` stops at a line's first match, and `match`
        (a pattern whose every alternative starts with ^) tries only the line's start."""
        out = [False] * n
        test = getattr(p[name], how)
        for i in idx:
            if test(lines[i]):
                out[i] = True
        return out

    def first(name: str, idx: list[int]) -> int | None:
        """The first of the lines `idx` where a line pattern matches."""
        if not idx:
            return None
        text = "\n".join([lines[i] for i in idx])
        m = p[name].search(text)
        return idx[text.count("\n", 0, m.start())] if m else None

    every = list(range(n))
    digit = p["digit"].search
    dated = [i for i in every if words[i] <= 25 and digit(lines[i])]
    ends_sentence = [ln[-1] in '.!?"»“”)' for ln in lines]
    sentence = [(w >= 15 or c >= 40) and e for w, c, e in zip(words, cjk, ends_sentence)]
    # the date pattern is asked only of the lines whose length lets them be a date line
    is_date = each("date", [i for i in dated if words[i] <= 20 and not (words[i] > 10 and ends_sentence[i])])
    short = [i for i in every if words[i] <= 14]
    # a tool's label read as a byline ("Text Size": the label "Text" and a "name") is none
    is_byline = [b and not p["interface"].match(ln) for b, ln in zip(each("byline", short, "match"), lines)]
    is_name = each("name", [i for i in short if words[i] <= 4], "match")
    sep = p["crumb_sep"].search
    home = tables().words("headline.breadcrumb_home")
    crumb = flags("crumb", [i for i in every if words[i] <= 40 and (sep(lines[i]) or lines[i].startswith(home))])
    crumbs = [normed[i] for i in range(n) if crumb[i]]
    counts: dict[str, int] = {}
    for t in normed:
        counts[t] = counts.get(t, 0) + 1
    # only lines that hold a clock time can hold a stamp (every alternative of the pattern needs
    # \d[:h]\d or 時; no match crosses a line): the pattern is not run over the others
    stamp = first("stamp", [i for i in dated if _CLOCK_GATE(lines[i])])
    if stamp is None:
        stamp = first("bare", [i for i in dated if words[i] <= 12])
    byline = next((i for i in range(n) if is_byline[i]), None)
    sent_words = [words[i] if sentence[i] else 0 for i in range(n)]
    sentences = [normed[i] for i in range(n) if sentence[i]]

    bar = int(tables().words("headline.interface_bar")[0])

    def crumb_tail(i: int) -> bool:
        t = normed[i]
        return len(t) >= 10 and any(c != t and c.endswith(t) for c in crumbs)

    def shaped(i: int) -> bool:
        ln, w = lines[i], words[i]
        if not (len(ln) <= 120 if cjk[i] >= 8 else 3 <= w <= 35 or (w == 2 and crumb_tail(i))):
            return False  # two words only as the last step of the page's breadcrumb ("Home » Society » X")
        if " " not in ln and not cjk[i]:
            return False  # "Letter-To-The-Editors", "Online_Profiles": a label in one token, words joined
        if (ln[-1] in ".,:;|/-–" and not ln.endswith("...")) or crumb[i] or is_date[i] or is_byline[i] or is_name[i]:
            return False
        if ln[-1] in "\"”»“’'" and ln.rstrip("\"”»“’'«„ ")[-1:] in (".", ",", ";", ":", "-", "–"):
            return False  # '"They're an EMI band."', '"We are not going to stand in anyone's way -': a quotation
        if (w <= 6 and p["clock"].search(ln)) or ln.count(",") >= 4 or (w <= 5 and ln.upper() == ln and not cjk[i]):
            return False  # a time stamp ("13:37 Uhr"), a list of names (a caption), a short label in capitals
        if p["signed"].search(ln):
            return False  # "…, por Olga Rodríguez": a column's teaser signed with its author
        if ln[:2] in ("» ", "› ", "> ", "< ", "« "):
            return False  # "» Links to this article": an arrow before a link (a quote's » has no space after it)
        if w <= 8 and p["name_in_place"].match(ln):
            return False  # "Jane Doe in Rio de Janeiro": a byline
        if len({m.casefold() for m in p["interface"].findall(ln)}) >= bar:
            return False  # "E-mail this to a friend Printable version", "Font size: Decrease Increase"
        if w <= _TOOL_LABEL_WORDS and ": " in ln and p["interface"].search(ln.split(": ", 1)[0]):
            return False  # "Print article: Print", "Email article: Email": a tool's label
        if p["source"].match(ln):
            return False  # "From correspondents in Karachi, Pakistan", "Article from: AFP": the story's source
        return bool(p["start"].match(ln)) and not (p["junk"].search(ln) or p["credit"].search(ln))

    cand = [not (refused and refused[i]) and shaped(i) for i in range(n)]  # the cheap test first
    inside_longer = _in_longer_lines(normed, {normed[i] for i in range(n) if cand[i] and len(normed[i]) >= 15})

    def following(hit: list[bool]) -> list[int]:
        """Distance from each line to the next line with `hit` (n when there is none)."""
        out, nxt = [n] * n, None
        for i in range(n - 1, -1, -1):
            out[i] = nxt - i if nxt is not None else n
            if hit[i]:
                nxt = i
        return out

    to_date = following(is_date)
    to_byline = following([is_byline[j] or (is_name[j] and j + 1 < n and is_date[j + 1]) for j in range(n)])
    scores: dict[int, float] = {}
    body: dict[int, bool] = {}  # body_after of each candidate
    feats: dict[int, dict[str, Any]] = {}
    for i in range(n):
        if not cand[i]:
            continue
        t, ln = normed[i], lines[i]
        f: dict[str, Any] = {
            "near_stamp": abs(stamp - i) if stamp is not None and stamp != i and -2 <= stamp - i <= 8 else None,
            "near_byline": byline - i if byline is not None and 0 < byline - i <= 8 else None,
            "date_after": to_date[i] if to_date[i] <= 6 else None,
            "byline_after": to_byline[i] if to_byline[i] <= 6 else None,
            "body_after": sum(sent_words[i + 1 : i + 16]) >= 120,
            "standfirst": i + 1 < n and sentence[i + 1],
            "crumb_tail": len(t) >= 10 and any(c != t and c.endswith(t) for c in crumbs),
            "in_longer": len(t) >= 15 and (inside := t in inside_longer)
            and not any(cand[j] and t in normed[j] and len(normed[j]) > len(t) for j in range(max(0, i - _NEAR_COPY), min(n, i + 4))),
            "interface": bool(p["interface"].search(ln)),
            "pull_quote": len(t) >= 15 and inside and any(t in s and len(s) > len(t) for s in sentences),
            "repeated": counts[t] > 1,
            "shape": bool(p["shape"].search(ln)),
            "long": words[i] >= 6 or cjk[i] >= 12,
            "glued": bool(p["glue"].search(ln)),
            "caps": ln.upper() == ln and not cjk[i],
            "top": i < 3,
            "date_before": i > 0 and is_date[i - 1],
            "text_before": i > 0 and sentence[i - 1]
            and any(cand[j] and sentence[j + 1] and sum(sentence[j + 1 : i]) >= 3 for j in range(max(0, i - 8), i - 1)),
            "two_sentences": words[i] >= 12 and bool(p["two_sentences"].search(ln)),
        }
        s = 0.0
        for k, v in f.items():
            on, off = _HL_WEIGHTS[k]
            if k in _HL_FADING:
                s += off if v is None else on * max(0.3, 1 - _HL_FADE * (v - 1))
            else:
                s += on if v else off
        scores[i] = s
        body[i] = f["body_after"]
        feats[i] = f
        if explain is not None:
            explain.append((i, s, f))
    if not scores:
        return None
    best = max(scores, key=lambda i: (scores[i], -i))
    if scores[best] < _HL_MIN_SCORE:
        stamped = [i for i in scores if scores[i] >= _HL_STAMPED_FLOOR and feats[i]["body_after"]
                   and feats[i]["near_stamp"] is not None and feats[i]["near_stamp"] <= _HL_STAMPED_NEAR]
        if not stamped:
            dated = _dated_head(scores, feats, lines, normed, sentence)
            if dated is not None and title_only is not None:
                title_only.append(dated)  # the title, but no place: the stamp and byline are read as without one
            return dated if confirmed is None else None
        best = max(stamped, key=lambda i: (scores[i], -i))

    framed = [j for j in range(best + 1, best + _FRAMED_BELOW + 1) if j in scores and feats[j]["date_before"]
              and feats[j]["byline_after"] == 1 and scores[j] >= scores[best] - _FRAMED_GAP]
    if framed and feats[best]["byline_after"] != 1 and feats[best]["date_after"] != 1:
        # a line between a date line right above it and a byline right under it is the headline
        # block; a line a few lines over it with neither under it (a menu item, an ad) only borrows
        # their weight ("Headline / date / Deck / By X": the headline over its date stays)
        best = framed[0]
    above = False  # the headline above its standfirst: one step up only (not on up into the menu)
    for _ in range(3):  # the local corrections
        moved = best
        for j in sorted(range(best - 3, best + 4), key=lambda j: abs(j - best)):  # the nearest line first
            if j == best or j not in scores:
                continue
            if _key(lines[j]) == _key(lines[best]) and len(p["punct"].findall(lines[j])) > len(p["punct"].findall(lines[best])):
                moved = j
                break
            # the running text under the standfirst is the headline's too (its window ends a line earlier)
            on, off = _HL_WEIGHTS["body_after"]
            lift = on - off if body[best] and not body[j] else 0.0
            if (not above and best - 2 <= j < best and (words[j] >= 5 or cjk[j] >= 10)
                    and scores[j] + lift >= scores[best] - 2.5 and words[best] > words[j]):
                moved, above = j, True
                break
        if moved == best:
            break
        best = moved
    teasers = False
    f = feats[best]
    if not (f["repeated"] or f["in_longer"] or f["crumb_tail"]) and (run := _teaser_run(best, scores, feats, normed, words)):
        # its place among look-alikes is its only source (a copy of it elsewhere still counts); the
        # run's last line right above a byline is the article's own headline under the list
        last = run[1]
        if (feats[last]["byline_after"] == 1 and not feats[last]["two_sentences"] and not lines[last][:1].islower()
                and not _byline_names(lines[last], None)):
            best = last  # (not a teaser's two sentences, a list's lower-case item, the byline's own names)
        elif best == last - 1 and _byline_names(lines[last], None):
            pass  # the run ends in the byline's own names: the line over them is the article's headline
        else:
            teasers = True
    elif not (f["repeated"] or f["in_longer"] or f["crumb_tail"]) and _dated_run(best, scores, feats, normed, words):
        teasers = True  # an archive list: its place marks where the stamp and byline are read, no title
    ok = not teasers and _confirmed(best, scores, feats, normed)
    if confirmed is not None:
        confirmed.append(ok)
        return best
    return best if ok else None


def _teaser_run(best: int, scores: dict[int, float], feats: dict[int, dict[str, Any]], normed: list[str],
                words: list[int]) -> tuple[int, int] | None:
    """The run (first, last line) of other stories' headlines `best` stands in, or None: a run of
    `TEASER_RUN` different candidate lines in a row, each of `TEASER_RUN_WORDS` words or more and
    none glued (a menu line repeated by the layout, "WeatherExtreme Weather ...", is no teaser)."""
    def member(i: int) -> bool:
        return i in scores and words[i] >= TEASER_RUN_WORDS and not feats[i]["glued"]

    if not member(best):
        return None
    lo, hi = _run_around(best, member, 1)
    return (lo, hi) if len({normed[i] for i in range(lo, hi + 1)}) >= TEASER_RUN else None


def _run_around(best: int, member: Callable[[int], bool], step: int) -> tuple[int, int]:
    """The first and last line of the run of lines `step` apart around `best` that are all `member`s."""
    lo = hi = best
    while member(lo - step):
        lo -= step
    while member(hi + step):
        hi += step
    return lo, hi


def _dated_run(best: int, scores: dict[int, float], feats: dict[int, dict[str, Any]], normed: list[str],
               words: list[int]) -> bool:
    """Whether `best` stands in an archive list: `TEASER_DATED_RUN` different teaser-shaped lines
    (as in `_teaser_run`) in a row, each over its own date line ("Headline / January 2, 2002 /
    Headline / January 1, 2002 / ...")."""
    def dated(i: int) -> bool:
        return i in scores and words[i] >= TEASER_RUN_WORDS and not feats[i]["glued"] and feats[i]["date_after"] == 1

    if not dated(best):
        return False
    lo, hi = _run_around(best, dated, 2)
    return len({normed[i] for i in range(lo, hi + 1, 2)}) >= TEASER_DATED_RUN


# a short line with a clock time and a year: a stamp in a shape the date patterns do not read
# ("Source - Sat, 29 Dec 15:58:00 2007", "Publiziert6. November 2025, 12:26"); right under the
# scorer's line it confirms the line (it moves no place: the scorer never counted it)
_STAMP_UNDER_CHARS = 60
_STAMP_UNDER = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d).*(?<!\d)\d{1,2}:\d{2}(?!\d)|(?<!\d)\d{1,2}:\d{2}(?!\d).*(?<!\d)(?:19|20)\d{2}(?!\d)").search


# a short line with a clock time ("15:43", "02h53") and a year: a stamp under a headline no candidate's score reached
_DATED_CLOCK = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d).*(?<!\d)\d{1,2}[:h]\d{2}(?!\d)|(?<!\d)\d{1,2}:\d{2}(?!\d).*(?<!\d)(?:19|20)\d{2}(?!\d)").search
_DATED_TEXT_GAP = 2  # the running text starts at most this many lines under the date line
# a wire dateline opening the standfirst: a place and an agency in capitals in parentheses ("Dehradun
# (PTI): ...", "BUFFALO, New York (AFP) - ...") or a place in capitals and a dash ("NEW YORK - ...");
# not a bare "Word:" (a label, "NOTE:", or a name a comment answers, "Radex:")
_PLACE = r"\p{Lu}[\p{L}\p{M}.'’-]*(?:\s\p{Lu}[\p{L}\p{M}.'’-]*){0,2}"
_DATELINE_OPENS = regex.compile(rf"^{_PLACE}(?:,\s{_PLACE})?\s?\(\p{{Lu}}{{2,6}}\)(?::|\s?[-–—])\s|^\p{{Lu}}{{2,}}(?:\s\p{{Lu}}{{2,}}){{0,2}}(?:,\s{_PLACE})?\s[-–—]\s").match


def _dated_head(scores: dict[int, float], feats: dict[int, dict[str, Any]], lines: list[str], normed: list[str],
                sentence: list[bool]) -> int | None:
    """No candidate reaches the floor: the one candidate with a date line or a short stamp-like line
    (`_DATED_CLOCK`) right under it and a sentence of running text at most `_DATED_TEXT_GAP` lines
    under that ("Headline / 15:43 - 13th, Jan 2008 / text", "Headline / by X on November 5, 2010 /
    text"), or a standfirst opening with a wire dateline (`_DATELINE_OPENS`), or None. The page's first stamp stood elsewhere (a sidebar's, a top bar's) or was in a
    shape the stamp patterns do not read, so no candidate was near it. Not a line in capitals, among
    the first three, starting in lower case or holding " | " (a page title, a menu row), nor with an
    interface word; two such lines (a dated teaser list) are a guess: None."""
    n = len(normed)

    def dated(i: int) -> bool:
        f = feats[i]
        if not f["body_after"] or f["interface"] or f["caps"] or f["top"] or " | " in normed[i] or i + 2 >= n:
            return False
        if lines[i][:1].islower():
            return False  # "and US Energy Legislation": the tail of a line the layout broke
        if f["standfirst"] and _DATELINE_OPENS(lines[i + 1]):
            return True  # "Headline / Dehradun (PTI): The institute on Friday paid ..."
        under = f["date_after"] == 1 or (len(normed[i + 1]) <= _STAMP_UNDER_CHARS and _DATED_CLOCK(normed[i + 1]) is not None)
        return under and any(sentence[i + 2 : i + 2 + _DATED_TEXT_GAP])

    found = [i for i in scores if dated(i)]
    return found[0] if len(found) == 1 else None


_TOOL_WORDS = 6  # a tool's label has at most this many words (one in capitals at most five)
_CAPS_LABEL_WORDS = _TOOL_WORDS - 1  # a label in capitals has at most this many words


def _caps_label(line: str) -> bool:
    """A short line all in capitals, a layout's button or tool label ("DIVE DEEPER (7 MIN)",
    "SPEED READ", "LISTEN"): at most `_CAPS_LABEL_WORDS` words, with a capital letter and no
    lower-case one. (Read by `_tool_line` and by `head_window`, which skips such labels.)"""
    return len(line.split()) <= _CAPS_LABEL_WORDS and line.upper() == line and any(c.isupper() for c in line)


def _tool_line(line: str) -> bool:
    """A page tool's label between a headline and its byline, stamp or text: a short line in
    capitals ("DIVE DEEPER (7 MIN)", "SPEED READ", "TOOLBAR") or with an interface word ("Font
    size: Decrease Increase", "Print Story", "Compartir en Facebook"); not a date line or a
    byline ("BY JANE DOE", "By Jane Doe AP Sports Writer")."""
    p = _hl_patterns()
    if len(line.split()) > _TOOL_WORDS:
        return False
    if not (_caps_label(line) or p["interface"].search(line)):
        return False
    return not (p["date"].search(line) or p["byline"].match(line) or p["by_label"].match(line))


def _title_past_tools(lines: list[str], refused: list[bool] | None) -> int | None:
    """The headline when the scorer gave no title because a block of tool labels stands between
    it and its byline, stamp or text ("Headline / standfirst / DIVE DEEPER / SPEED READ / ... /
    By Jane Doe / date / text", "OP-ED: X / Published: date / TOOLBAR / Print Story / Add
    Comments / text"): the scorer's winner on the page with the labels (`_tool_line`) left out,
    with running text under it, and the block right under it or under the one line (a
    standfirst sentence, a date line, a byline) that follows it. Else None. Its index is in
    `lines`; it is a title only: the place where the stamp and byline are read stays the scorer's."""
    keep = [i for i, ln in enumerate(lines) if i < 3 or not _tool_line(ln)]  # (the first three: "top" stays)
    if len(keep) == len(lines):
        return None
    ex: list[tuple[int, float, dict[str, Any]]] = []
    r = _headline_index([lines[i] for i in keep], [refused[i] for i in keep] if refused else None, explain=ex)
    if r is None or not next(f for i, _, f in ex if i == r)["body_after"]:
        return None
    t = keep[r]
    if t + 2 >= len(lines):
        return None
    p = _hl_patterns()
    under = lines[t + 1]
    sentence = len(under.split()) >= 15 and under[-1] in '.!?"»“”)'
    if _tool_line(under) or (_tool_line(lines[t + 2]) and (sentence or p["date"].search(under) or p["byline"].match(under))):
        return t
    return None


# Lines the scorer can take for the headline when the page's stamp or byline stands near them, by
# their shape never a headline: a site's navigation row, its labels or other stories' headlines
# joined by three or more middle dots ("Business Wire · Aktuelle Nachrichten · Archiv ·
# Druckversion"); the lead sentence of the running text (a sentence of `_LEAD_WORDS` words or more
# ending in . ! or ?, a sentence of running text right under it), which wins when the headline's
# stamp sits under a block of tool labels and right over the lead
_NAV_ROW = regex.compile(r"(?:\s[·•]\s[^·•\n]*){3}").search
_LEAD_WORDS = 18
_RUNNING_WORDS = 15  # the line under the lead: a sentence of this many words or more


def _not_headline(lines: list[str], i: int) -> bool:
    """Whether `lines[i]` is a navigation row or the running text's lead sentence (see above)."""
    x = lines[i]
    if _NAV_ROW(x) is not None:
        return True
    if len(x.split()) < _LEAD_WORDS or x[-1] not in ".!?" or i + 1 >= len(lines):
        return False
    under = lines[i + 1]
    return len(under.split()) >= _RUNNING_WORDS and under[-1] in '.!?"”'


def _title_past_rows(lines: list[str], refused: list[bool] | None) -> int | None:
    """The headline when the scorer's winner is a line that is never one by its shape
    (`_not_headline`): the scorer's confirmed winner with every such line refused, or None. A
    title only: the place where the stamp and byline are read stays the scorer's (on a dragnet
    `write` page whose only place was such a row, making it no candidate read a comment's stamp
    as the publication)."""
    masked = [bool(refused and refused[i]) or _not_headline(lines, i) for i in range(len(lines))]
    return _headline_index(lines, masked)


def _confirmed(best: int, scores: dict[int, float], feats: dict[int, dict[str, Any]], normed: list[str]) -> bool:
    """Whether a second source bears the headline winner out (`_HL_CONFIRMING`; another
    candidate line that is a part of it: "Kicker: Question?" and the question again as the
    first intertitle; a standfirst and the running text under it, no other candidate having running
    text under it (a page with no stamp or byline: "Politik" / headline / lead sentence / body); a
    short line with a clock time and a year right under it (`_STAMP_UNDER`); or
    a clear lead over every candidate with another text)."""
    f = feats[best]
    if any(f[k] not in (None, False) for k in _HL_CONFIRMING if k != "date_after"):
        return True
    if f["date_after"] is not None and f["date_after"] <= _HL_DATE_CONFIRMS:
        return True
    t = normed[best]
    if any(len(normed[i]) >= 15 and normed[i] != t and normed[i] in t for i in scores):
        return True
    if f.get("standfirst") and f.get("body_after") and not any(feats[i]["body_after"] for i in scores if normed[i] != t):
        return True  # over its standfirst and the running text, the only line with running text under it
    if best + 1 < len(normed) and len(normed[best + 1]) <= _STAMP_UNDER_CHARS and _STAMP_UNDER(normed[best + 1]):
        return True  # a stamp right under it in a shape the date patterns do not read
    rivals = [s for i, s in scores.items() if normed[i] != normed[best]]
    return not rivals or scores[best] - max(rivals) >= _HL_CONFIRMING_GAP


# --- Byline under the headline ------------------------------------------------------------------
#
# The first byline anywhere on a page is often a teaser's; the article's own byline sits in the
# eight lines under its headline. Looked for there, in this order: a labelled byline ("By" /
# "Author of the article:" alone, names on the next lines), a byline with a preposition ("Von X",
# "Par X et Y", "Kolumne von X"), then a line of names within five lines of a date line
# ("Jane Doe | John Roe", "Jane Doe Political Correspondent", "Jane Doe · Site · Posted: ...").
# A name is two to four capitalised words (particles like "de", "van" allowed, a surname in
# capitals too); roles after it are dropped; a word of it that the page also writes in lower case
# ("Social Sharing", "Speed Read") or an interface word (Share, More, Latest...) means it is not
# a name. Nothing found: the BY rules' byline stands.

HEAD_RULE = "HD002"


def _rule_tag(rule: str, line: int) -> str:
    """A field's source tag in `fields_from`: the rule id and the input line it read ("BY004:14"),
    the bare id when the line is 0 (unknown)."""
    return f"{rule}:{line}" if line else rule


def _head_tag(line: int, learned: bool = False) -> list[str]:
    """HD002's source tag for a field read on input line `line` ("HD002:14"; "HD002:model:14" for
    a title the learned line scorer chose), as the one-tag list `fields_from` holds."""
    return [_rule_tag(f"{HEAD_RULE}:model" if learned else HEAD_RULE, line)]


def _tag_line(tag: str) -> int | None:
    """The input line a source tag names ("BY004:14" -> 14, "HD002:model:14" -> 14), or None for a
    bare rule id ("HD002", "HD002:model")."""
    last = tag.rsplit(":", 1)[-1]
    return int(last) if last.isdigit() else None


_BY: dict[str, Any] = {}
_NOT_L, _NO_L = r"(?<![\p{L}\p{M}])", r"(?![\p{L}\p{M}])"  # a word's edges, for a pattern


def _by_patterns() -> dict[str, Any]:
    if _BY:
        return _BY
    w = tables()
    particles = w.alternatives("head_byline.name_particles")
    nw = rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\.?|\p{{Lu}}\.|{particles})"
    name = rf"(?:(?:\p{{Lu}}\.){{2,3}}|\p{{Lu}}[\p{{L}}\p{{M}}'’-]+\.?)(?:[ ]{nw}){{1,3}}"  # "T.R. Reid"
    join = rf"\s*(?:,|&|\||/|{_whole('head_byline.joins')})\s*"
    prep = (
        rf"(?:(?:Ein\s+|Eine\s+)?(?:{w.alternatives('head_byline.column_kinds')})\s+von"
        rf"|{w.alternatives('head_byline.labels')})"
    )
    prep_keys = ("head_byline.column_kinds", "head_byline.labels")
    # an outlet's name at the name's end or start: the words written once for both places join each list
    last_outlet = ("head_byline.outlet_words", "head_byline.outlet_first_or_last_words")
    first_outlet = ("head_byline.outlet_first_or_last_words", "head_byline.outlet_first_words")
    _BY.update(
        join=_compile(join, 0, "head_byline.joins"),
        names=_compile(rf"^(?P<v>{name}(?:{join}{name})*)\s*$", 0, "head_byline.name_particles", "head_byline.joins"),
        prep=_compile(rf"^{prep}\s*:?(?:\s+|$)", 0, *prep_keys),
        label=_compile(rf"^{prep}\s*:?$", 0, *prep_keys),
        # "Text: Jane Doe", "Tekst: Jan Kowalski": a label only with its colon, and only at the stamp
        prep_colon=_compile(rf"^(?:{w.alternatives('head_byline.labels_colon')})\s*:\s*", 0, "head_byline.labels_colon"),
        role=_compile(
            rf"(?:\s*,)?(?:\s*(?:{w.alternatives('head_byline.role_modifiers')}))*"
            rf"\s*(?:{w.alternatives('head_byline.roles')})\b.*$",
            0, "head_byline.role_modifiers", "head_byline.roles",
        ),
        desk=_compile(rf",[^,]*\b(?:{w.alternatives('head_byline.roles')}|{w.alternatives('head_byline.comma_desk_words')})\b.*$",
                      0, "head_byline.roles", "head_byline.comma_desk_words"),
        # a part after a comma opening in lower case describes the person ("Jan Kowalski, dziennikarz",
        # "Ana Souza, correspondente em Lisboa", "Jean Dupont, envoyé spécial à Kyiv"), not a join word
        # (the last part only, short, no sentence's punctuation: "Sir X, the explorer who ..., died ..." is none)
        described=_compile(rf",\s*(?!(?:{w.alternatives('head_byline.joins')})\b)\p{{Ll}}[^,.;:!?\d]{{0,60}}$", 0,
                           "head_byline.joins"),
        stamp_tail=_compile(rf"(?:{w.alternatives('head_byline.published_labels')}).*$", 0, "head_byline.published_labels"),
        before_stamp=_compile(  # separators, connectors, a publication label, a weekday: the end of a text
            rf"(?:\s*(?:[,|/•·–—-]+|{_NOT_L}(?:{w.alternatives('head_byline.date_connectors')}"
            rf"|{w.alternatives('head_byline.published_labels')})(?:\s*:)?{_NO_L}"
            rf"|{_NOT_L}(?i:{w.alternatives('dates.weekdays')})(?:\.|,)*{_NO_L}"
            rf"|{_NOT_L}(?i:{w.alternatives('dates.weekday_abbreviations')})(?:\.,?|,){_NO_L}))*\s*$",
            0, "head_byline.date_connectors", "head_byline.published_labels", "dates.weekdays",
            "dates.weekday_abbreviations",
        ),
        join_tail=_compile(rf"\s*(?:&|,|{_whole('head_byline.joins')})\s*$", 0, "head_byline.joins"),
        list_heading=_compile(rf"^(?:{w.alternatives('head_byline.list_headings')})\b", regex.IGNORECASE,
                              "head_byline.list_headings"),
        role_line=_compile(rf"^(?:(?:{w.alternatives('headline.byline_role_modifiers')})\s+){{0,2}}"
                           rf"(?:{w.alternatives('headline.byline_roles')})$", 0,
                           "headline.byline_role_modifiers", "headline.byline_roles"),
        outlet=_compile(rf"(?<![\p{{L}}\p{{M}}])(?:{w.alternatives(*last_outlet)})$"
                        rf"|^(?:{w.alternatives(*first_outlet)})\s", 0, *last_outlet, *first_outlet),
        run_sep=regex.compile(r"[\s,&|/·•…]+|\.{3}"),
        handle=regex.compile(r"\s*(?:@\w+|\d+)$"),
        # a name word ("O’Regan", "McMurray" too), an initial, a particle, a word in capitals
        token=_compile(rf"(?:\p{{Lu}}['’])?\p{{Lu}}\p{{Ll}}+(?:\p{{Lu}}\p{{Ll}}+)?(?:[-'’]\p{{Lu}}?\p{{Ll}}+)*"
                       rf"|(?:\p{{Lu}}\.){{1,3}}|{particles}|\p{{Lu}}{{2,}}", 0,
                       "head_byline.name_particles"),
        cap_word=regex.compile(r"\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*"),
        not_name=_compile(rf"^(?:{w.alternatives('head_byline.not_names')})\b", regex.IGNORECASE, "head_byline.not_names"),
        ui=_compile(rf"\b(?:{w.alternatives('head_byline.interface')}|{w.alternatives('head_byline.section_words')})\b", 0,
                    "head_byline.interface", "head_byline.section_words"),
        section=_compile(rf"(?<![\p{{L}}\p{{M}}])(?:{w.alternatives('head_byline.section_words')})(?![\p{{L}}\p{{M}}])", 0,
                         "head_byline.section_words"),
        lower=regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}{3,}(?![\p{L}\p{M}])"),
        seg=regex.compile(r"\s[·•|]\s"),
        place=regex.compile(r",\s*\p{Lu}[\p{L}\p{M}'’.-]*\s*$"),
        town=_compile(rf"\s+(?:{w.alternatives('headline.byline_place_words')})\s+\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*"
                      rf"(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*){{0,2}}\s*$", 0, "headline.byline_place_words"),
        modifier=_compile(w.alternatives("head_byline.role_modifiers"), 0, "head_byline.role_modifiers"),
        not_name_word=_compile(rf"(?<![\p{{L}}\p{{M}}])(?:{w.alternatives('head_byline.not_name_words')})(?![\p{{L}}\p{{M}}])", 0,
                               "head_byline.not_name_words"),
    )
    return _BY


def _byline_names(line: str, lower: set[str] | None) -> list[str] | None:
    """The names in a byline text ("Jane Doe Political Correspondent" -> ["Jane Doe"]), or None.
    With `lower` (the page's lower-case words), a name word the page also writes in lower case
    disqualifies the line."""
    b = _by_patterns()
    c = b["desk"].sub("", b["handle"].sub("", line.strip(" ,")))  # "Jane Doe, Washington Bureau": her desk
    c = b["described"].sub("", c)  # "Jan Kowalski, dziennikarz": what she is
    c = b["role"].sub("", b["stamp_tail"].sub("", c).strip()).strip(" ,")
    w = c.split()
    if w and len(w) % 2 == 0 and w[: len(w) // 2] == w[len(w) // 2 :]:
        c = " ".join(w[: len(w) // 2])  # "Jane Doe Jane Doe": name and its link
    if not c or b["not_name"].match(c) or b["ui"].search(c):
        return None
    # "Jane Doe, Lille", "Jane Doe in Karachi": her town
    m = b["names"].match(c) or b["names"].match(b["place"].sub("", c)) or b["names"].match(b["town"].sub("", c))
    if not m:
        return None
    for part in b["join"].split(m.group("v")):
        toks = part.split()
        if not toks:
            continue
        if not all(b["token"].fullmatch(t) or _initial(k, toks) for k, t in enumerate(toks)):
            return None
        if not any(b["cap_word"].fullmatch(t) for t in toks):
            return None
        if any(t in _late_particles() and k > 0 and toks[k - 1] not in _particles() for k, t in enumerate(toks)):
            return None  # "Geschäftsführer der Stadtwerke": a noun and its article ("von der Leyen" is a name)
        if lower is not None and any(len(t) >= 3 and t.lower() in lower for t in toks if t[:1].isupper() and not t.isupper()):
            return None  # (a name's particle, "von", "das", is a lower-case word of the page by its nature)
    out: list[str] = []
    for name in split_names(m.group("v").replace("|", ",").replace("/", ",")):
        out += [x for x in _outlet_cut(name) if x not in out and not interface_name(x)]
    return out or None


@functools.cache
def _late_particles() -> frozenset[str]:
    """head_byline.particles_after_particle: in a name only after another particle."""
    return frozenset(tables().words("head_byline.particles_after_particle"))


@functools.cache
def _particles() -> frozenset[str]:
    """head_byline.name_particles, as written."""
    return frozenset(tables().words("head_byline.name_particles"))


def _initial(k: int, toks: list[str]) -> bool:
    """Whether `toks[k]` is an initial without its dot inside a name ("Subhash K Jha")."""
    return 0 < k < len(toks) - 1 and len(toks[k]) == 1 and toks[k].isupper()


def _names_before_stamp(text: str) -> list[str] | None:
    """The names of a labelled byline whose line goes on to the stamp ("Jane Doe on January 31,
    2011", "Jane Doe am 14. Mai 2014, 15:40 Uhr", "Jane Doe // November 6th, 2012", "Jane Doe
    Monday, January 14th 2008"): what stands before the line's first date, once a connector
    (head_byline.date_connectors), a publication label, separators and a weekday right before the
    date are dropped, when it reads as names, or as one capitalised word (a publisher or a
    blogger signing with one name: "von Landesspiegel 30. Juni 2025"); else None. With an update
    label before the date ("Jane Doe Last updated Nov 8, 2023") the line gives none: the words
    before it are not known to be the names."""
    m = _hd_patterns()["date"].search(text)
    if not m or m.start() == 0 or _hd_patterns()["update"].search(text, 0, m.start()):
        return None
    b = _by_patterns()
    head = text[: m.start()]
    cut = b["before_stamp"].search(head)
    names = (head[: cut.start()] if cut else head).strip()
    generic = b["not_name"].match(names) or b["role"].search(names) or interface_name(names)  # "Redaktion", "Agencies"
    if _ONE_NAME.fullmatch(names) and not generic:
        return [names]  # "von Landesspiegel 30. Juni 2025", "by Meghann on November 13, 2012"
    return _byline_names(names, None)


_ONE_NAME = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]{2,}")  # one capitalised word: a publisher's or a blogger's name


_ACRONYM = regex.compile(r"\p{Lu}{2,}")
_OUTLET_TAIL = regex.compile(r"^(?P<n>\p{Lu}\p{Ll}[\p{L}\p{M}'’.-]*(?:\s+\S+)*?)\s+(?P<o>\p{Lu}{2,}\s+\p{Lu}\p{Ll}+.*)$")


def _outlet_cut(name: str) -> list[str]:
    """A name glued to the outlet or agency it writes for, as a byline line reads when its parts
    were separate elements: "Jane Doe BBC Sport" -> ["Jane Doe"] (an acronym and a word after a
    name in mixed case: the outlet, dropped), "JANE DOE Associated Press" -> ["JANE DOE",
    "Associated Press"] (a news agency of `_wire_services`: an author of its own). A surname in
    capitals at the end ("Jane Oliver DOE") is kept. A "name" opening with a word no name opens
    with (head_byline.not_first_words: "The Star-Ledger") or holding a word no name holds
    (head_byline.not_name_words: "Best Of", "UEFA Cup", "Rutgers University") is none, and so is an
    acronym before words in mixed case ("UEFA Cup"; "JANE DOE AP Technology" -> ["JANE DOE"])."""
    words = name.split()
    if name not in _wire_services() and words and words[0] in tables().words("head_byline.not_first_words"):
        return []  # "The Star-Ledger", "My Greatest Role Models": a title or an outlet
    if name not in _wire_services() and _by_patterns()["not_name_word"].search(name):
        return []  # "Best Of", "UEFA Cup", "Rutgers University": a label, a place, an organisation
    for k in range(2, len(words)):
        tail = " ".join(words[k:])
        if tail in _wire_services():
            return [" ".join(words[:k]), tail]
    for k in range(2, len(words)):
        if words[k] in tables().words("head_byline.outlet_articles"):
            return [" ".join(words[:k])]  # "Jane Doe The Washington Post": an outlet's first word ends her name
    cap_word = _by_patterns()["cap_word"]
    caps = next((k for k, w in enumerate(words) if cap_word.fullmatch(w)), len(words))
    if 0 < caps < len(words) and name not in _wire_services() and all(w.isupper() for w in words[:caps]):
        # capitals before a word in mixed case: "UEFA Cup", "NPC Map" (an acronym's label: none),
        # "JANE DOE AP Technology" (a name in capitals, its agency and desk: the name)
        # ("TJ Holmes", "A.J. Ferris": initials; "MND Staff": a desk's credit, kept)
        if caps >= 3 and _ACRONYM.fullmatch(words[caps - 1]):
            return [" ".join(words[: caps - 1])]
        staff = any(_by_patterns()["modifier"].fullmatch(w) for w in words[caps:])
        if caps == 1 and _ACRONYM.fullmatch(words[0]) and len(words[0]) >= 3 and not staff:
            return []
    if m := _OUTLET_TAIL.match(name):
        if len(m.group("n").split()) >= 2:
            return [m.group("n")]
    return [name]


@functools.cache
def _wire_services() -> frozenset[str]:
    """The news agencies of rules/data/photo_agencies.txt (its "wire services" sections; not
    the picture desks, "AP Photo", "dpa-infografik"), as written: they sign agency copy as its
    author ("AFP", "Reuters, Jane Doe")."""
    names: set[str] = set()
    wire = False
    for ln in (data_path().parent / "photo_agencies.txt").read_text(encoding="utf-8").splitlines():
        t = ln.strip()
        if t.startswith("# ---"):
            wire = "wire services" in t
        elif t and not t.startswith("#") and wire and not _re(r"(?i)photo|foto|image|picture|infogra|zentralbild|/").search(t):
            names.add(t)
    return frozenset(names)


def _wire_byline(line: str) -> list[str] | None:
    """A short line of news agencies, with or without a person's name, that signs the article at
    its stamp ("AFP", "Reuters, Jane Doe", "dpa/Jane Doe"): [names], agencies as written, or None.
    At least one part must be an agency of `_wire_services` and every other part a name."""
    if len(line.split()) > 8:
        return None
    parts = [x for x in _by_patterns()["join"].split(line.strip(" ,")) if x and x.strip()]
    wire = _wire_services()
    if not parts or not any(x.strip() in wire for x in parts):
        return None
    out: list[str] = []
    for x in parts:
        x = x.strip()
        names = [x] if x in wire else _byline_names(x, None)
        if not names:
            return None
        out += [y for y in names if y not in out]
    return out


BYLINE_LINES = 8  # the byline is in this many lines under the headline (tool labels in capitals not counted)
WINDOW_MOST = 20  # ... and not further than this many lines, labels or not
STAMP_LINES = 10  # the stamp in this many lines under the headline (or at the byline: _stamp_near)


def head_window(lines: list[str], h: int, size: int) -> range:
    """The `size` lines under the headline `lines[h]`, not counting the tool labels in capitals
    between ("DIVE DEEPER (7 MIN)", "SPEED READ", "SUMMARY", "LISTEN": a layout's buttons over
    its byline), and at most `WINDOW_MOST` lines in all."""
    k, counted = h + 1, 0
    while k < min(len(lines), h + 1 + WINDOW_MOST) and counted < size:
        if not _caps_label(lines[k]):
            counted += 1
        k += 1
    return range(h + 1, k)


def head_authors(lines: list[str], h: int) -> list[str]:
    """The byline in the eight lines under the headline `lines[h]` (see above), or []."""
    return head_authors_at(lines, h)[0]


def head_authors_at(lines: list[str], h: int) -> tuple[list[str], int | None]:
    """head_authors and the index of the line the byline starts on (None when there is none)."""
    names, j = _head_byline_at(lines, h)
    return _without_outlets(names), j


def _without_outlets(names: list[str]) -> list[str]:
    """The byline's names without a newspaper's or magazine's name beside a person ("Jane Doe",
    "PC World"; "Pittsburgh Post-Gazette": the last word, or its last hyphenated part, is a
    head_byline.outlet_words entry; "Gazeta Wyborcza": the first word is an outlet_first_words one). News agencies stay (they sign agency copy); an outlet alone
    stays too (a desk's own signature)."""
    if len(names) < 2:
        return names
    outlet = _by_patterns()["outlet"]
    wire = _wire_services()
    kept = [x for x in names if x in wire or not outlet.search(x)]
    return kept if any(x not in wire for x in kept) else names


def _beside_person(names: list[str]) -> list[str]:
    """A byline rule's names without what stands beside a person in its list: an outlet
    (`_without_outlets`: "Jane Doe, BBC News") and one capitalised word that is no news agency
    ("By Jane Doe, BBC News, Washington": her town; a person is named with two words or more)."""
    names = _without_outlets(names)
    wire = _wire_services()
    if any(len(x.split()) >= 2 and x not in wire for x in names):
        names = [x for x in names if len(x.split()) >= 2 or x in wire]
    return names


def _head_byline_at(lines: list[str], h: int) -> tuple[list[str], int | None]:
    """head_authors_at before the outlets beside a person are dropped."""
    p, b = _hl_patterns(), _by_patterns()
    n = len(lines)
    window = head_window(lines, h, BYLINE_LINES)

    @functools.cache  # the windows of neighbouring lines overlap
    def dated(k: int) -> bool:
        ln = lines[k]
        return line_words(ln) <= 20 and bool(p["digit"].search(ln)) and bool(p["date"].search(ln))

    def run(first: list[str], k: int, limit: int, lower: set[str] | None) -> tuple[list[str], int]:
        at = k - 1  # the line of the first names
        out = list(first)  # one name a line: the next lines that are names too
        while k < min(n, limit):
            if b["run_sep"].fullmatch(lines[k]):
                k += 1  # ",", "&", "…" on a line of its own, between two names of the run
                continue
            more = _byline_names(b["join_tail"].sub("", lines[k]), lower)  # "Jane Doe &": the next name follows
            if not more:
                break
            out += [x for x in more if x not in out]
            k += 1
        return out, at

    def colon_label(j: int) -> bool:
        """A label word that counts only with its colon and a stamp at most two lines away
        ("Text: Jane Doe" / "05.06.2025"; alone it credits a graphic's or a photo essay's text)."""
        return bool(b["prep_colon"].match(lines[j])) and any(dated(k) for k in range(max(0, j - 2), min(n, j + 3)))

    for j in window:  # a labelled byline, or one with a preposition
        ln = lines[j]
        if b["label"].match(ln):
            if j + 1 < n and (names := _byline_names(lines[j + 1], None)):
                return run(names, j + 2, j + 8, None)
        elif (b["prep"].match(ln) or colon_label(j)) and len(ln.split()) <= 20:
            rest = b["prep"].sub("", ln) if b["prep"].match(ln) else b["prep_colon"].sub("", ln)
            if names := _byline_names(rest, None) or _names_before_stamp(rest) or _wire_byline(rest):
                return names, j
    lower: set[str] | None = None
    head = _norm_line(lines[h])
    def menu_item(k: int) -> bool:
        """A short label line: one to four words, no digit, no sentence end, not the headline."""
        ln = lines[k] if 0 <= k < n and k != h else ""
        return 0 < len(ln.split()) <= 4 and not p["digit"].search(ln) and ln[-1] not in ".!?:,;"

    for j in window:  # a line of names next to a date
        ln = lines[j]
        if len(ln.split()) > 20 or _norm_line(ln) in head:
            continue
        if menu_item(j - 1) and menu_item(j + 1) and not _byline_names(lines[j - 1], None) and not _byline_names(lines[j + 1], None):
            continue  # "State of Our Nation / Labour Matters / Off The Post": an item of a menu, not a byline
        if j > 0 and b["list_heading"].match(lines[j - 1]):
            continue  # "Most Viewed Articles / Rouse Hill": a list's first item
        roled = j + 1 < n and bool(b["role_line"].match(lines[j + 1]))  # "SID" / "Nachrichtenagentur"
        if not roled and not any(dated(k) for k in range(max(0, j - 5), min(n, j + 6))):
            continue
        if (roled or dated(j - 1) or (j + 1 < n and dated(j + 1))) and (wired := _wire_byline(ln)):
            return wired, j  # "AFP" or "Reuters, Jane Doe" on the line at the stamp
        if b["seg"].search(ln) and dated(j):
            # "Jane Doe · Site · Posted: ...", "27. Januar 2026 • Jane Doe • 3 Minuten": the
            # stamp row's first part, or the part right after its date, when it reads as names
            # (not a section or a place further along the row: "5. Mai 2025 • Sport • Neue Welt")
            parts = b["seg"].split(ln)
            near = [parts[0]] + [parts[i + 1] for i in range(len(parts) - 1) if p["date"].search(parts[i])]
            if b["prep"].match(parts[0]):
                near = near[:1]  # "By Editorial Staff • Nov 6, 2012 • New York City": the labelled part or none
            ln = next((x for x in near if _byline_names(x, None)), "")
        if not _byline_names(ln, None):
            continue
        if lower is None:  # only now: reading the page's lower-case words costs more than the rest
            lower = set(b["lower"].findall("\n".join(lines)))
        if names := _byline_names(ln, lower):
            return run(names, j + 1, j + 4, lower)
    return [], None


# --- Publication stamp at the headline ----------------------------------------------------------
#
# The first date on a page is often today's date in the top bar or a teaser's; the article's own
# stamp sits in the ten lines under the headline (or the three above it). The first date there in
# a short line (at most 15 words, not a sentence: captions carry dates too) is taken, the part
# after an update label ("Updated", "Aktualisiert", "Actualizado"...) never. Numeric dates are
# read day first with dots ("05.06.2025"), year first with slashes ("2025/01/31"); "30/04/2024"
# only when one of the two numbers cannot be a month (otherwise null: US and European orders
# differ). A time is kept only when the line gives one, an offset only when it writes one.

_HD: dict[str, Any] = {}


def _known_months() -> str:
    """The month names and abbreviations of the [months] table as one alternation, longest first."""
    return "(?i:" + "|".join(regex.escape(m) for m in sorted(tables().months, key=len, reverse=True)) + ")"


def _hd_patterns() -> dict[str, Any]:
    if _HD:
        return _HD
    w = tables()
    mon = r"\p{L}{3,12}\.?"
    known = _known_months()
    _HD.update(
        date=_compile(
            r"(?P<d>(?<![\d.])\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})(?!\d)|(?<!\d)\d{4}-\d{2}-\d{2}|(?<!\d)\d{1,2}/\d{1,2}/\d{4}"
            r"|(?<![\d/])\d{1,2}/\d{1,2}/\d{2}(?![\d/])|(?<![\d-])\d{1,2}-\d{1,2}-\d{4}(?![\d-])"
            r"|(?<![\d.])(?:19|20)\d{2}\.\s?(?:0?[1-9]|1[0-2])\.\s?(?:0?[1-9]|[12]\d|3[01])(?!\d)\.?"
            rf"|(?<!\d)\d{{4}}/\d{{1,2}}/\d{{1,2}}|(?<!\d)\d{{1,2}}\.?\s+(?:de\s+)?{mon},?\s+(?:de\s+)?\d{{4}}"
            rf"|\b{mon}\s+\d{{1,2}},?\s+\d{{4}}"
            rf"|(?<!\d)\d{{1,2}}(?:st|nd|rd|th)\s+{known}\.?,?\s+\d{{4}}|\b{known}\.?\s+\d{{1,2}}(?:st|nd|rd|th),?\s+\d{{4}}"
            rf"|(?<![\d.])(?:19|20)\d{{2}}\.\s?{known}\.?\s+\d{{1,2}}\.?(?!\d)"  # "2025. június 5."
            r"|\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日|\d{4}년\s?\d{1,2}월\s?\d{1,2}일)"
            rf"(?P<t>(?:\s*(?:,|;|\||•|-|–|/|{w.alternatives(*_STAMP_CONNECTORS)})){{0,2}}\s*"
            r"(?:\d{1,2}[:h.]\d{2}(?![\d.])(?:\s*[ap]\.?m\.?)?"
            r"|\d{1,2}時\d{2}分|\d{1,2}\s*[ap]\.?m\.?))?",
            regex.IGNORECASE, *_STAMP_CONNECTORS,
        ),
        update=_compile(w.alternatives("dates.update_labels"), regex.IGNORECASE, "dates.update_labels"),
        published=_compile(rf"\b(?:{w.alternatives('head_byline.published_labels')})\b", regex.IGNORECASE,
                           "head_byline.published_labels"),
    )
    return _HD


def _quick_day(d: str) -> str | None:
    """'05.06.2025', '5. Juni 2025', 'June 5, 2025', '25 de mayo de 2025' -> '2025-06-05' without
    dateparser (slow); None when the form or the month name is not one of these. The month names
    are the [months] table of rules/data/metadata.toml."""
    if m := _re(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})").fullmatch(d):
        day, month, year = int(m[1]), int(m[2]), _full_year(m[3])  # "1.2.98": 1998, as "12/03/98" is
    elif m := _re(r"(\d{4})\s?(?:\.|年|년)\s?(\d{1,2})\s?(?:\.|月|월)\s?(\d{1,2})\s?[.日일]?").fullmatch(d):
        day, month, year = int(m[3]), int(m[2]), int(m[1])  # year first: "2025.06.05", "2025年6月5日", "2025년 6월 5일"
    elif m := _re(r"(\d{4})\.\s?(\p{L}+)\.?\s+(\d{1,2})\.?").fullmatch(d):  # "2025. június 5." (Hungarian)
        day, month, year = int(m[3]), tables().months.get(m[2].lower(), 0), int(m[1])
    elif m := _re(r"(\d{1,2})(?:\.|st|nd|rd|th)?\s+(?:de\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4})").fullmatch(d):
        day, month, year = int(m[1]), tables().months.get(m[2].lower(), 0), int(m[3])
    elif m := _re(r"(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})").fullmatch(d):
        day, month, year = int(m[2]), tables().months.get(m[1].lower(), 0), int(m[3])
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


TWO_DIGIT_PIVOT = 70  # a two-digit year under this is 20yy, else 19yy ("6/20/04", "12/03/98")


def _full_year(y: str) -> int:
    """The year of a numeric date's last field, two digits or four."""
    return int(y) if len(y) == 4 else int(y) + (2000 if int(y) < TWO_DIGIT_PIVOT else 1900)


def _stamp_iso(d: str, t: str, order: str | None = None) -> str | None:
    """ISO 8601 for a date and the time text after it; None when the day is ambiguous (unless
    `order`, the page's own order of numeric dates, settles it: numeric_order, language_order;
    'either' when neither is known, which settles only a day equal to its month, "05/05/2025")."""
    d = _quick_day(d) or d
    if m := _re(r"(\d{4})(?:年|/)(\d{1,2})(?:月|/)(\d{1,2})日?").fullmatch(d):
        d = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    elif m := _re(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})").fullmatch(d):
        # "6/20/04", "08-17-2012", "18-02-2006": read only when one of the first two is past 12
        a, b, y = int(m[1]), int(m[3]), _full_year(m[4])
        if a > 12 >= b or (a == b and order):  # a marked "05/05/2025" is the same day in either order
            d = f"{y}-{b:02d}-{a:02d}"
        elif b > 12 >= a or (order == "mdy" and max(a, b) <= 12 and len(m[4]) == 4):
            d = f"{y}-{a:02d}-{b:02d}"
        elif order == "dmy" and max(a, b) <= 12 and len(m[4]) == 4:
            d = f"{y}-{b:02d}-{a:02d}"
        else:
            return None
    t = _re(r"(\d{1,2})時(\d{2})分").sub(r"\1:\2", t)
    t = _re(r"(?i)\bkl\.?\s*(\d{1,2})\.(\d{2})").sub(r" \1:\2", t)
    if _re(r"\d{4}-\d{2}-\d{2}").fullmatch(d):
        tm = _re(r"(\d{1,2})[:h.](\d{2})(\s*(?i:[ap]\.?m\.?))?").search(t)  # "2:46 PM" is 14:46
        if tm and not tm[3]:
            return f"{d}T{int(tm[1]):02d}:{tm[2]}"
        if not t.strip():
            return d
        return iso_date(f"{d} {t.strip(' ,;|•-–')}") or d
    # a time text the parser cannot read ("5 iunie 2025, ora 10:15") loses the time, not the day
    return iso_date(d + t) or (iso_date(d) if t.strip() else None)


def head_date(lines: list[str], h: int) -> str | None:
    """The publication stamp at the headline `lines[h]` (see above), or None."""
    return head_date_at(lines, h)[0]


# A numeric date with a four-digit year glued to the next digit by the layout ("30.01.202430. Januar
# 2024", "2024-01-3030 Jan"): the year ends there, the rest is another element's text.
_GLUED_DATE = regex.compile(r"((?<![\d.])\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}|(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2})(?=\d)")


CAPTION_WORDS_BEFORE_DATE = 6  # a stamp's date has at most a label, a weekday or a byline before it


def _stamp_marked(part: str, m: regex.Match[str], p: dict[str, Any]) -> bool:
    """Whether a date with many words before it on its line is still marked as the page's stamp:
    a clock time right after it ("By Jane Doe and John Smith in Kyiv, 24 April 2023 12:30") or a
    publication label before it ("... | Published 24 April 2023"). A caption dates its picture
    with a day alone, and never labels it as published."""
    if _re(r"\d[:h.]\d{2}|\d\s*[ap]\.?m|時").search(m.group("t") or ""):
        return True
    return bool(p["published"].search(part, 0, m.start()))


_NUMERIC = regex.compile(r"(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2(?:19|20)\d{2}(?![\d/-])")


def numeric_order(lines: list[str]) -> str | None:
    """'dmy' or 'mdy': the order of the page's numeric dates, when some date on it has a day past
    12 in one place ("25/05/2025") and none in the other; None otherwise. An ambiguous stamp
    ("04/05/2025") is read in the order the page itself writes."""
    dmy = mdy = False
    for m in _NUMERIC.finditer("\n".join(lines)):
        a, b = int(m[1]), int(m[3])
        dmy, mdy = dmy or (12 < a <= 31 and b <= 12), mdy or (12 < b <= 31 and a <= 12)
    return "dmy" if dmy and not mdy else "mdy" if mdy and not dmy else None


def language_order(lines: list[str]) -> str | None:
    """'dmy' for a page in a language that writes numeric dates day first (every language but
    those of `dates.month_first_languages`: English, whose US pages write the month first, and
    Filipino); None when the page's language is one of those or is not known. Asked only for an
    ambiguous numeric stamp ("Publié le 03/05/2025 à 10h15", "03/05/2025 às 10h15") on a page
    that writes no unambiguous numeric date (numeric_order)."""
    # CLD2 reads the handed-over page here (HD002's whole input, menus and teasers included),
    # while pipeline.clean identifies the language of the cleaned text, after metadata.build:
    # two different inputs, so the one result cannot be passed down (the page's reading could
    # differ from the article's, and the language field is the article's). It runs at most once
    # per page (head_date_at), and only for an ambiguous numeric stamp.
    code = language.identify("\n".join(lines))
    if code is None or code.split("-")[0] in tables().words("dates.month_first_languages"):
        return None
    return "dmy"


def head_date_at(lines: list[str], h: int) -> tuple[str | None, int | None]:
    """head_date and the index of its line."""
    n = len(lines)
    order: list[str | None] = []  # the page's numeric order, found when a stamp is ambiguous
    for j in [*range(h + 1, min(n, h + STAMP_LINES + 1)), *range(max(0, h - 3), h)]:
        if iso := line_stamp(lines[j]):
            return iso, j
        if _NUMERIC.search(lines[j]):
            if not order:
                order.append(numeric_order(lines) or language_order(lines))
            if iso := line_stamp(lines[j], order[0] or "either"):
                return iso, j
    return None, None


def line_stamp(line: str, order: str | None = None) -> str | None:
    """The publication stamp a short line holds (ISO date), or None: not a sentence, not a
    caption's date, the publication's part of "Published ... Updated ...". `order` ('dmy',
    'mdy', 'either'): how to read a numeric date whose day and month are both 12 or under (only
    in a stamp marked as one: a clock time, a publication or byline label)."""
    p = _hd_patterns()
    ln = _GLUED_DATE.sub(r"\1 ", line)  # "30.01.202430. Januar 2024": two forms glued by the layout
    w = len(ln.split())
    if w > 15 or (w >= 10 and ln[-1] in ".!?"):
        return None
    u = p["update"].search(ln)
    parts = [ln[: u.start()] if u else ln]
    if u and (pub := p["published"].search(ln, u.end())):
        # "Updated: 6 June 2025 Published: 5 June 2025": the part after the publication label
        after = ln[pub.end():]
        parts.append(after[: u2.start()] if (u2 := p["update"].search(after)) else after)
    for part in parts:
        for m in p["date"].finditer(part):
            wordy = len(part[: m.start()].split()) > CAPTION_WORDS_BEFORE_DATE
            short = _SHORT_YEAR.fullmatch(m.group("d"))
            # whether the date is marked as a stamp: asked once, and only when a test below needs it
            marked = bool(wordy or short or order) and _stamp_marked(part, m, p)
            if wordy and not marked:
                break  # "Tanks near the front line, 24 April 2023": a caption's date, not a stamp
            if short and not _short_year_marked(part, m, marked):
                continue  # "Washington Post 06/24/04": a cited article's day, not the page's stamp
            # the page's order only for a stamp marked as one (a bare "11/11/2021" is often the top bar's today)
            o = order if order and (marked or _by_patterns()["prep"].match(part)) else None
            if iso := _stamp_iso(m.group("d"), m.group("t") or "", o):
                return iso
    return None


_SHORT_YEAR = regex.compile(r"\d{1,2}/\d{1,2}/\d{2}")


def _short_year_marked(part: str, m: regex.Match[str], marked: bool) -> bool:
    """Whether a date with a two-digit year ("6/20/04") is marked as the page's stamp: alone at
    its line's start, after a byline label ("By Jane Doe, Staff Writer, 6/20/04"), with a clock
    time or after a publication label (`marked`: _stamp_marked). Such a date after other words is
    often a citation's."""
    before = part[: m.start()].strip(" ,;|•·-–—/")
    return not before or bool(_by_patterns()["prep"].match(part)) or marked
