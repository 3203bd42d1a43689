"""Turn rule extractions into the metadata record: names split and cleaned, dates to ISO 8601.

Nothing is guessed: a field no rule extracted stays null or empty, and a date whose day, month
or year is missing is dropped rather than completed with a default.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import regex

from .engine import Extraction

LIST_FIELDS = ("authors", "contributors", "editors", "captions", "photo_credits")
_SPLIT = regex.compile(r"\s*(?:[,;&]|\band\b|\bund\b|\bet\b|\sy\s|\se\s|\sog\s)\s*", regex.IGNORECASE)
_SPACES = regex.compile(r"\s+")
_NAME_OK = regex.compile(r"^\p{Lu}[\p{L}\p{M}'’.\- ]*\p{L}\.?$")
_HAS_TIME = regex.compile(r"\d{1,2}\s*[:h.]\s*\d{2}(?!\d)|\d\s*[ap]\.?m\b", regex.IGNORECASE)
_DATE_NOISE = regex.compile(r"\s+[/|·•]\s+|\s+at\s+|,\s*(?=\d{1,2}[:h.]\d{2})", regex.IGNORECASE)


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


_ROLE_TAIL = regex.compile(
    r"(?:\s+(?:Senior|Chief|Political|Parliamentary|Online-|Staff|Assistant|Sports?|News|Travel|Leitender?))*"
    r"\s*(?<=\p{Ll}|\s)(?:Redakteur(?:in)?|Online-Redakteur(?:in)?|Korrespondent(?:in)?|Reporter(?:in)?|Correspondent|"
    r"Editor|Writer|Journalist(?:in)?|Volontär(?:in)?|Follow)$"
)


def split_names(text: str) -> list[str]:
    """'Mark Heinrich, Robert Birsel and Li Wei' -> three names; non-names are dropped."""
    names = []
    for part in _SPLIT.split(text):
        part = _clean(part)
        part = regex.sub(r"^(?:by|von|par|por|di)\s+", "", part, flags=regex.IGNORECASE)
        bare = _ROLE_TAIL.sub("", part)
        if bare != part and len(bare.split()) >= 2:  # "Jane Doe Political Correspondent"
            part = bare
        if part and _NAME_OK.match(part) and len(part.split()) <= 5:
            names.append(part)
    return names


_ROLE_PREFIX = regex.compile(
    r"^(?:(?:by|von|par|por|di|de|autor|autorin|author|text|texto|testo|redaktion|reporter)\s*:?\s+)+",
    regex.IGNORECASE,
)
_PAGE_SPLIT = regex.compile(r"\s*(?:[,;&|]|\s(?:and|und|et|y|e|og|och|en|i)\s)\s*", regex.IGNORECASE)
_NOT_A_NAME = regex.compile(
    r"https?\b|\bwww\b|\.(?:com|org|net)\b|\b(?:GmbH|Inc|Ltd|LLC|AG|S\.A|Developer|Admin|Staff Writer)\b|\d",
    regex.IGNORECASE,
)


def _key(name: str) -> str:
    """Comparison key: case, spacing, hyphens and dots ignored."""
    return regex.sub(r"[\W_]+", "", name.casefold())


def clean_page_authors(names: list[str], site_name: str | None = None, url: str | None = None) -> list[str]:
    """Clean the author names a page's HTML metadata gave (trafilatura's author string).

    Drops "By"/"Von"/"Autor" prefixes, splits glued names ("A og B", "A y B"), drops things that
    are not names (URLs, company suffixes, digits, more than five words), duplicates that differ
    only in hyphens or case, and the publisher's own name when a person's name is also there.
    """
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        for part in _PAGE_SPLIT.split(raw):
            part = _ROLE_PREFIX.sub("", _clean(part))
            if not part or _NOT_A_NAME.search(part) or len(part.split()) > 5:
                continue
            k = _key(part)
            if k and k not in seen:
                seen.add(k)
                out.append(part)
    if site_name and "." in site_name:  # 'Sportschau De' is the domain the page names itself by
        out = [site_name if _key(n) == _key(site_name) else n for n in out]
    if len(out) > 1:
        site = {_key(site_name or "")}
        if url:
            host = regex.sub(r"^(?:https?://)?(?:www\.)?([^/:]+).*$", r"\1", url)
            site |= {_key(host), _key(host.rsplit(".", 1)[0])}
        site.discard("")
        kept = [n for n in out if _key(n) not in site and not any(_key(n) in s or s in _key(n) for s in site if len(s) > 3)]
        if kept:
            out = kept
    return out


_TITLE_TAIL = regex.compile(r"^(?P<head>.+?)(?:\s+[|–—-]\s+|\s*：\s*|\s+::\s+)(?P<tail>[^|–—:：]{1,60})$")
_DATE_ONLY = regex.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


def _site_keys(site_name: str | None, url: str | None) -> set[str]:
    keys = {_key(site_name or "")}
    if url:
        host = regex.sub(r"^(?:https?://)?(?:www\.)?([^/:]+).*$", r"\1", url)
        keys |= {_key(host), _key(host.rsplit(".", 1)[0]), _key(host.split(".")[0])}
    keys.discard("")
    return keys


def clean_page_title(title: str | None, site_name: str | None = None, url: str | None = None) -> str | None:
    """Drop the site's name (and a bare date) that pages append to their <title>:
    'Storm hits coast | Daily Planet' -> 'Storm hits coast'. Only the site's own name goes."""
    if not title:
        return title
    sites = _site_keys(site_name, url)
    while True:
        m = _TITLE_TAIL.match(title)
        if not m:
            return title
        tail = _key(m.group("tail"))
        short = len(m.group("tail").split()) <= 4
        is_site = short and any(tail == s or (len(tail) > 3 and (tail in s or s in tail)) for s in sites)
        if not (is_site or _DATE_ONLY.match(m.group("tail").strip())):
            return title
        title = m.group("head").strip()


_DOTTED_DATE = regex.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")
_ENGLISH = regex.compile(
    r"^[\x00-\x7f]*$(?<!.*\b(?:de|del|um|kl|alle|Uhr)\b.*)", regex.IGNORECASE
)
_REAL_OFFSET = regex.compile(r"[+-]\d{2}:?\d{2}\b|\b(?:UTC|GMT|Z)\b")


def _format(a: datetime, has_time: bool, keep_offset: bool) -> str:
    if not has_time:
        return a.date().isoformat()
    out = a.strftime("%Y-%m-%dT%H:%M") + (a.strftime(":%S") if a.second else "")
    if keep_offset and a.tzinfo is not None and a.utcoffset() is not None:
        off = a.strftime("%z")
        out += off[:3] + ":" + off[3:]
    return out


def _iso_date_i18n(s: str) -> str | None:
    """Dates in other languages or day-first numbers ('5. Juni 2025, 14:46 Uhr', '05.06.2025',
    'Publié le 5 juin 2025 à 14h46') with dateparser, imported only when such a date appears.
    Numeric dates are read day first; a time or offset is kept only when the text has one, and
    a zone abbreviation (EDT, IST: ambiguous) keeps the wall clock without an offset."""
    import dateparser  # heavy: paid only for non-English dates

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
    s = regex.sub(r"(?<=\d)h(?=\d{2}\b)", ":", s)  # 14h46 -> 14:46
    s = regex.sub(r"(?i)\s+(?:um|à|a las|alle|kl\.?)\s+(?=\d)", " ", s)
    s = regex.sub(r"(?i)\s*(?:Uhr|h)\s*$", "", s).strip(" ,|-–")
    try:
        a = dateparser.parse(s, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if a is None:
        return None
    has_time = bool(_HAS_TIME.search(_DOTTED_DATE.sub(" ", s)))
    return _format(a, has_time, bool(_REAL_OFFSET.search(s)))


def iso_date(text: str) -> str | None:
    """'March 19, 2015 / 1:53 AM' -> '2015-03-19T01:53'; None when any of y/m/d is missing."""
    s = _DATE_NOISE.sub(" ", text).strip()
    s = regex.sub(r"\b((?:19|20)\d{2})(?=\d{1,2}:\d{2})", r"\1 ", s)  # '20232:23 PM': year glued to time
    s = regex.sub(r"(?<=\d)\s*[-–|•]\s*(?=\d{1,2}:\d{2})", " ", s)  # '28.04.2023-19:20'
    if _DOTTED_DATE.search(s) or not _ENGLISH.match(s):
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


def build(extractions: list[Extraction]) -> dict[str, Any]:
    """Fold extractions (in rule order) into one metadata record."""
    meta = empty()
    source: dict[str, list[str]] = {}
    byline_started = byline_closed = False  # the first rule hit that named authors, matched in one go
    last_rule = None

    def note(fname: str, rule: str) -> None:
        source.setdefault(fname, [])
        if rule not in source[fname]:
            source[fname].append(rule)

    for ex in extractions:
        if byline_started and (ex.field != "authors" or ex.rule != last_rule):
            byline_closed = True
        last_rule = ex.rule
        g = ex.groups
        value = _clean(g.get("v", ""))
        f = ex.field
        if f == "title" and value and meta["title"] is None:
            meta["title"] = value
        elif f in ("authors", "editors"):
            if f == "authors" and byline_closed:
                continue  # one byline per document: only the first run of author matches counts
            for name in split_names(value):
                byline_started = byline_started or f == "authors"
                if name not in meta[f]:
                    meta[f].append(name)
        elif f == "contributors":
            place = _clean(g.get("place", "")) or None
            for name in split_names(value):
                item = {"name": name, "place": place}
                if item not in meta[f]:
                    meta[f].append(item)
        elif f == "published" and value and meta["published"] is None:
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
            note(f, ex.rule)
    meta["fields_from"] = {f: ",".join(r) for f, r in source.items()}
    return meta


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
        if mine and not _same(mine, theirs):
            conflicts[fname] = {sources.get(fname, "rules"): mine, "html": theirs}
            sources[fname] = "html"
        elif mine:
            sources[fname] = f"{sources.get(fname, 'rules')},html"
        else:
            sources[fname] = "html"
        out[fname] = theirs
    for fname in ("site_name", "url", "language"):
        out[fname] = page.get(fname)
        if page.get(fname):
            sources[fname] = "html"
    out["fields_from"] = sources
    out["conflicts"] = conflicts
    return out
