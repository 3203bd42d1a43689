"""The page's own schema.org article record (JSON-LD): headline, authors, publication time.

trafilatura's metadata is one source among others. Where a page describes its article in
JSON-LD (an object whose @type is NewsArticle, Article, BlogPosting, ReportageNewsArticle...),
that record is the publisher's own statement of its authors (typed Person or Organization, so
a publisher's name is never taken for a person) and of its publication time (a full timestamp,
where a generic "date" meta tag may be the update time). Its headline is used only for its
typography: taking it over trafilatura's title whenever present was measured and was worse
(docs/metadata.md), the record holding the SEO or kicker variant as often as the page's title.
"""

from __future__ import annotations

import bisect
import html as htmllib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime
from typing import Any, Callable

from .meta_tags import _timestamp, page_meta_values

_LD_SCRIPT = re.compile(r"<script\b[^>]*application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|LiveBlogPosting|Report)$")
_ORG_TYPE = re.compile(r"Organi[sz]ation$|^Corporation$")
_TRUNCATED = ("...", "…")


@dataclass
class ArticleRecord:
    """What the page's JSON-LD says about its article (empty fields when it says nothing)."""

    headline: str | None = None
    persons: list[str] = field(default_factory=list)  # author names typed Person (or untyped strings)
    organisations: list[str] = field(default_factory=list)  # author names typed Organization
    publisher: str | None = None
    published: str | None = None  # datePublished as written


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every JSON object in a JSON-LD document: lists and @graph unrolled."""
    out: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(reversed(n))
        elif isinstance(n, dict):
            out.append(n)
            if "@graph" in n:
                stack.append(n["@graph"])
    return out


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type", [])
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def _text(v: Any) -> str | None:
    """A JSON-LD string value, entities decoded ("&#8216;" -> "‘"), spaces collapsed."""
    if isinstance(v, list) and v:
        v = v[0]
    if not isinstance(v, str):
        return None
    v = " ".join(htmllib.unescape(v).split())
    return v or None


def _names(author: Any) -> list[str]:
    """The names one JSON-LD author entry gives: its `name` (a string, or a list of them: every
    one), else a Person's `givenName` and `familyName` joined; a bare string is the name."""
    if not isinstance(author, dict):
        return [n] if (n := _text(author)) else []
    name = author.get("name")
    if isinstance(name, list):
        return [n for x in name if (n := _text(x))]
    if n := _text(name):
        return [n]
    parts = [_text(author.get(k)) for k in ("givenName", "familyName")]
    return [" ".join(x for x in parts if x)] if all(parts) else []


def ld_objects(page: str) -> list[dict[str, Any]]:
    """The JSON objects of the page's JSON-LD scripts, in page order; a broken script is skipped."""
    out: list[dict[str, Any]] = []
    for m in _LD_SCRIPT.finditer(page):
        try:
            out += _objects(json.loads(m.group(1).strip(), strict=False))
        except ValueError:
            continue
    return out


def article_record(page: str) -> ArticleRecord:
    """The first article-typed JSON-LD object's headline, authors, publisher and datePublished."""
    rec = ArticleRecord()
    objects = ld_objects(page)
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and ("name" in o or "@type" in o)}
    for obj in objects:
        if not any(_ARTICLE_TYPE.search(t) for t in _types(obj)):
            continue
        rec.headline = _text(obj.get("headline"))
        authors = obj.get("author") or obj.get("creator") or []  # `creator`: the author where it is absent
        for a in authors if isinstance(authors, list) else [authors]:
            if isinstance(a, dict) and "name" not in a and isinstance(a.get("@id"), str):
                a = by_id.get(a["@id"], a)  # a graph's reference to its Person node (Yoast and others)
            is_org = isinstance(a, dict) and any(_ORG_TYPE.search(t) for t in _types(a))
            for name in _names(a):
                if is_org and crowd_credit(name):
                    continue  # "Contributors to Example projects": a crowd, neither a desk nor a person
                (rec.organisations if is_org else rec.persons).append(name)
        pub = obj.get("publisher")
        if isinstance(pub, list) and pub:
            pub = pub[0]
        if isinstance(pub, dict) and "name" not in pub and isinstance(pub.get("@id"), str):
            pub = by_id.get(pub["@id"], pub)
        rec.publisher = _text(pub.get("name")) if isinstance(pub, dict) else _text(pub)
        rec.published = _text(obj.get("datePublished"))
        break
    return rec


# soft hyphens and zero-width spaces: line-breaking hints, no letters of a title (cleaner.html drops them)
INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None})
_PLAIN = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'}) | INVISIBLE


def same_headline(title: str | None, rec: ArticleRecord) -> str | None:
    """`title` as the article record writes it when the two differ only in quote marks and
    invisible characters (og:title often has straight quotes where the headline has ‘curly’
    ones, or drops soft hyphens): the record's typography is the article's."""
    h = rec.headline
    if not title or not h or h.endswith(_TRUNCATED):
        return title
    same = " ".join(h.translate(_PLAIN).split()) == " ".join(title.translate(_PLAIN).split())
    return h if same else title


_HEADING = re.compile(r"<(h[1-3])\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def displayed_headlines(page: str, rec: ArticleRecord) -> list[tuple[str, str]]:
    """The headlines the page shows: the text of its <h1>, <h2> and <h3> headings (the first
    thirty; one-word headings left out), then the article record's headline: [(text, evidence)].
    Only a title that is one of them plus decoration is cut to it, so a teaser's heading
    among them does no harm."""
    out = list(_page_headings(page))
    if rec.headline and not rec.headline.endswith(_TRUNCATED):
        out.append((rec.headline, "html json-ld"))
    return out


# The page scans below are read several times per page (confirmed_title reads each of the
# page's titles, titled_twice and the share-link title read them again): each is done once per
# page and kept for the last few pages. Their results are read, never changed.
_PAGE_CACHE = 4


@lru_cache(maxsize=_PAGE_CACHE)
def _page_headings(page: str) -> tuple[tuple[str, str], ...]:
    """displayed_headlines' part that depends on the page alone: its <h1>-<h3> headings."""
    out: list[tuple[str, str]] = []
    for m in list(_HEADING.finditer(page))[:30]:
        text = " ".join(htmllib.unescape(_TAG.sub(" ", m.group(2))).split())
        if len(text.split()) >= 2 or len(_CJK.findall(text)) >= 4:
            out.append((text, f"html {m.group(1).lower()}"))
    return tuple(out)


# A site's logo heading: an <h1> whose whole content is one link to the site's home page (the
# host's root, or one folder of a blog host: "/", "http://host/", "/blogname/"), not to a story.
_LOGO_HEADING = re.compile(r"<h1\b[^>]*>\s*<a\b[^>]*\bhref\s*=\s*[\"']((?:https?://[^/\"'?#]+)?/?(?:[^/.\"'?#]+/?)?)[\"'][^>]*>"
                           r"([^<]{2,80})</a>\s*</h1\s*>", re.IGNORECASE)


def logo_names(page: str) -> set[str]:
    """The site's names its logo headings give (`_LOGO_HEADING`: "<h1><a href="http://www.example.com/">Web
    Ink Now</a></h1>"), folded as site keys: a blog's name that no tag states and its host may
    not spell ("The Science of Sport" on sportsscientists.com). At most four words."""
    from .metadata import _fold

    return {k for m in _LOGO_HEADING.finditer(page[:400_000])
            if len((name := " ".join(htmllib.unescape(m.group(2)).split())).split()) <= 4 and (k := _fold(name))}


def shows_heading(page: str, text: str) -> bool:
    """Whether the page shows `text` as one of its <h1>-<h3> headings (as it stands)."""
    t = _norm(text)
    return bool(t) and any(_norm(h) == t for h, _ in _page_headings(page))


def _host_named(title: str, host_keys: set[str]) -> bool:
    """Whether the title is the site's name from its host and at most two words more: "The Times
    Leader" on timesleader.com, "Berkshire Eagle Online", "Trend News" on news.trend.az, "The
    Hindu : Business" (the home page's or a section's title, not the article's)."""
    from .metadata import _fold

    words = re.findall(r"[^\W_][\w'’.-]*", title)
    if not host_keys or not 0 < len(words) <= 5:
        return False
    articles = _folded("page_title.host_articles")
    start = 1 if words[0].casefold() in articles and len(words) > 1 else 0
    return any(len(k := _fold(" ".join(words[start:end]))) >= 4 and k in host_keys and len(words) - end <= 2
               for end in range(start + 1, len(words) + 1))


def _norm(s: str) -> str:
    return " ".join(s.translate(_PLAIN).split()).casefold()


_TITLE_ELEMENT = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def page_titles(page: str) -> list[str]:
    """The titles the page's head gives, in this order: og:title, twitter:title, <title>; entities
    decoded, spaces collapsed, duplicates left out. trafilatura picks one of them (or a piece of
    one, or an <h1>): the others are a second reading of the same decoration."""
    return list(_page_titles(page))


@lru_cache(maxsize=_PAGE_CACHE)
def _page_titles(page: str) -> tuple[str, ...]:
    head = page[:400_000]
    found = page_meta_values(head, ("og:title", "twitter:title"))
    if m := _TITLE_ELEMENT.search(head):
        found.append(m.group(1))
    out: list[str] = []
    for raw in found:
        text = " ".join(htmllib.unescape(_TAG.sub(" ", raw)).split())
        if text and _norm(text) not in {_norm(x) for x in out}:
            out.append(text)
    return tuple(out)


def confirmed_title(title: str | None, page: str, rec: ArticleRecord, separators: tuple[str, ...],
                    site_keys: set[str], host_keys: set[str] = frozenset(),
                    site_separators: tuple[str, ...] = ()) -> tuple[str | None, str]:
    """The page title without the decoration around the displayed headline, and its evidence.

    Pages decorate their <title> and og:title with the site's name, sections or a label
    ("Headline - Soccer - Sport - Breaking News", "ESPN - Headline", "Headline | UK Latest"),
    and the site's name is not always one trafilatura or the address know. When the page's own
    <h1> or article record shows the headline, and the title is that headline with a short
    piece of decoration before or after a separator (`separators`, data), the headline is the
    title: two sources of the page agree on it, so nothing is guessed. A title that is only the
    site's name (a `site_keys` entry: "Edmonton Sun") is no title: the record's headline or an
    <h1> is taken when there is one, else null. The host's labels (`host_keys`: "espn" of
    sports.espn.go.com) count as the site's name for a piece beside the headline only. A
    `site_separators` one (a colon: "Kicker: Headline" is often the title itself) cuts only
    when a piece it parts from the headline is the site's name ("IOL: Headline", "Headline:
    Sport: Rugby: News24").

    trafilatura's title is a guess when nothing confirms it: a piece of a "Headline - Section -
    Site" <title> ("Section"), or the page's first <h1> when the <title> names the site only
    ("Other News Video"). Then the page's own titles (`page_titles`) are read the same way, and
    the first one confirmed by a displayed headline is taken: when trafilatura gave no title
    (or the site's name), one shown as it stands or cut to one; when its title is a shown
    heading but none of the page's titles as it stands ("Breaking News" of "Headline - Breaking
    News - Site"), one cut to another heading that shares no word with it (a shared word: two
    wordings of one headline, the shown one stands); when nothing confirms its title and it is
    a piece of a page title cut to another headline, that one. A shown heading gives way only
    to a heading or the article record's headline, not to a body text's line (a blog's name in
    its header: "Blog Name - Post Title" would be cut to "Blog Name"). An unconfirmed title that
    no page title holds even as a piece (trafilatura's pick from elsewhere: a one-word heading
    "About", a record's headline that is a CMS's name) gives way to a page title shown as it
    stands or cut to a heading or the record's headline.
    An unconfirmed title that is not such a piece stands (og:title's wording often differs
    from the <h1>'s and is the article's title all the same)."""
    args = (page, rec, separators, site_keys, host_keys, site_separators)
    if title and (m := _ON_DOMAIN.match(title)) and (shown := _shown_text(page, m.group(1))):
        return shown  # "Headline on ChicagoSports.com": the site's address after the headline
    got, evidence, how = _confirmed(title, *args)
    if how == "cut":
        return got, evidence
    titles = page_titles(page)
    if how == "shown" and any(_norm(title) == _norm(r) for r in titles):
        return got, evidence  # one of the page's titles as it stands, and shown
    if (how == "site" and got is None) or how in ("shown", "none"):
        # no title, the site's name only, a heading that is none of the page's titles ("bbc.co.uk
        # Navigation"), or an unconfirmed title that shares no word with it (a site's name
        # trafilatura does not know): the title the page's share links carry, when shown
        if (shared := share_title(page)) and _norm(shared) != _norm(title or "") and (
                how != "none" or not _shared_words(title or "", shared)) and (
                shown := _shown_text(page, shared)):
            return shown[0], f"{shown[1]} (share link)"
    if how == "shown" and not titles:
        return got, evidence  # the page has no title of its own: the heading stands
    if how == "shown" and (own := _tool_tailed(title, titles)):
        return own, "html (page title)"  # "Headline 199 Comments": the heading holds a tool's link
    raws = [r for r in titles if not title or _norm(r) != _norm(title)]
    # a title nothing confirms that no page title holds either: trafilatura's pick from elsewhere
    # (a one-word heading "About", a record's headline that is a CMS's name "escenic")
    stray = how in ("none", "shown") and not any(_norm(title or "") in _norm(r) for r in titles)
    for raw in raws:
        other, other_evidence, other_how = _confirmed(raw, *args, section=title if how == "shown" else "")
        if how == "site" and other_how in ("cut", "shown"):
            return other, f"{other_evidence} (page title)"  # no title of trafilatura's: the page's
        if stray and (other_how == "shown" or other_how == "cut" and other_evidence.startswith(("html h", "html json-ld"))) and (
                how == "none" or not _shared_words(title, other)):
            return other, f"{other_evidence} (page title)"  # a page title the article's heading shows
        if other_how != "cut":
            continue
        if how == "shown" and other_evidence.startswith(("html h", "html json-ld")) and not _shared_words(title, other):
            return other, f"{other_evidence} (page title)"  # an <h1> or a section's heading taken
        if how == "none" and (t := _norm(title)) in _norm(raw) and t not in _norm(other):
            return other, f"{other_evidence} (page title)"  # a piece of the decoration taken
    return got, evidence


_TOOL_TAIL_WORDS = 3  # a tool's label after the headline in its heading: "199 Comments", "Share"


def _tool_tailed(title: str, titles: list[str]) -> str | None:
    """The page title that a heading (`title`) is with a tool's label after it, or None: a blog
    heading that holds its comment count's link ("Headline 199 Comments" beside the <title>
    "Headline"). The tail is at most `_TOOL_TAIL_WORDS` words with an interface word
    (headline.interface)."""
    t = _norm(title)
    for raw in titles:
        r = _norm(raw)
        if t.startswith(r + " ") and len(tail := t[len(r):].split()) <= _TOOL_TAIL_WORDS and (
                _interface_re().search(" ".join(tail))) and len(r.split()) >= 3:
            return raw
    return None


def titled_twice(title: str | None, page: str, rec: ArticleRecord, separators: tuple[str, ...]) -> bool:
    """Whether two of the page's own sources name `title`: a heading (<h1>-<h3>) or the article
    record's headline shows it as it stands, and a page title (og:title, twitter:title, <title>)
    is it, or starts with it and goes on with decoration only: one to four pieces after a
    `separators` entry, each shorter than the title ("Headline | NEWS.com.au"). Then the title
    is the page's even when trafilatura's text is some other block that does not bear it out
    (refuse_unborne_title). Not for a title of fewer than three words (a blog's name in its
    <title> and <h1>: "Blood & Treasure"), nor for one at the end of a page title or one
    followed by a longer piece ("Rand's Blog" of "Post « Rand's Blog"; "Time 4 talks » Blog
    Archiv » Post"): a site's name."""
    if not title:
        return False
    size = sum(1 for w in title.split() if re.search(r"[^\W\d_]", w))
    t = _norm(title)
    if size < 3 or not any(_norm(h) == t for h, _ in displayed_headlines(page, rec)):
        return False
    for raw in page_titles(page):
        r = _norm(raw)
        if r == t:
            return True
        for sep in separators:
            s = sep.casefold()
            if r.startswith(t + s):
                pieces = [x.strip() for x in r[len(t) + len(s):].split(s.strip())]
                if 0 < len(pieces) <= 4 and all(0 < len(x.split()) < size for x in pieces):
                    return True
    return False


_ON_DOMAIN = re.compile(r"(.{10,}?) (?:on|at) (?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,4}", re.IGNORECASE)
# A share link: an href (in either quote, the other allowed inside) with the page's address (`url`,
# Facebook's sharer `u`) and its title (`title`, `t`); inside a JavaScript call the title ends at
# the call's next argument ("open('...&t=Title','Popup',...)").
_SHARE_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*?[?&](?:amp;)?(?:url|u)=[^"]*)"|'([^']*?[?&](?:amp;)?(?:url|u)=[^']*)')""",
                         re.IGNORECASE)
_SHARE_TITLE = re.compile(r"[?&](?:amp;)?(?:title|t)=([^&#]*)")
_JS_ARGUMENT_END = re.compile(r"'\s*[,)].*", re.DOTALL)


def share_title(page: str) -> str | None:
    """The title the page's share links give ("del.icio.us/post?url=<page>&title=<headline>",
    digg, reddit, a bookmark service, Facebook's "sharer.php?u=<page>&t=<headline>"): the
    `title` (`t`) parameter of links that also carry a `url` (`u`) parameter, when they all agree and it has three words or more; else None. The publisher
    wrote it for the article, where its <title> may name only the site."""
    from urllib.parse import unquote_plus

    found = set()
    for m in _SHARE_HREF.finditer(page):
        if t := _SHARE_TITLE.search(htmllib.unescape(m.group(1) or m.group(2))):
            value = _JS_ARGUMENT_END.sub("", t.group(1))
            if text := " ".join(htmllib.unescape(unquote_plus(value)).split()):
                found.add(text)
    if len(found) != 1 or len((text := found.pop()).split()) < 3:
        return None
    return text


def _shown_text(page: str, text: str) -> tuple[str, str] | None:
    """`text` as the page shows it, alone in a heading (evidence "html hN") or in an element of
    its body ("html text"), at least three words; else None."""
    t = _norm(text)
    if len(t.split()) < 3:
        return None
    for shown, evidence in displayed_headlines(page, ArticleRecord()):
        if _norm(shown) == t:
            return shown, evidence
    return (body[t], "html text") if t in (body := _body_texts(page)) else None


@lru_cache(maxsize=_PAGE_CACHE)
def _body_texts(page: str) -> dict[str, str]:
    """The texts of the body's elements (scripts and styles left out) of three words or more
    (or four CJK characters), by their normal form."""
    body = page[m.end():] if (m := re.search(r"<body\b[^>]*>", page, re.IGNORECASE)) else page
    body = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", body, flags=re.IGNORECASE | re.DOTALL)
    shown: dict[str, str] = {}
    for m in _TEXT_NODE.finditer(body):
        text = " ".join(htmllib.unescape(m.group(1)).split())
        if len(text.split()) >= 3 or len(_CJK.findall(text)) >= 4:
            shown.setdefault(_norm(text), text)
    return shown


_WORD3 = re.compile(r"[^\W\d_]{3,}")


def _shared_words(a: str, b: str) -> bool:
    """Whether two titles share a word of three letters or more (any case): two wordings of one
    headline ("'We had some issues,' exec says on Disney+ glitches" and "Disney+ glitches blamed
    on heavy demand") do; a section's or a widget's heading and the headline do not."""
    return bool({w.casefold() for w in _WORD3.findall(a)} & {w.casefold() for w in _WORD3.findall(b)})


_PLAIN_WORDS = re.compile(r"[\w'’.]+(?: [\w'’.]+)*")


_DOMAIN_WORD = re.compile(r"^(?:www\.)?([\w-]+(?:\.[\w-]+)*?)\.[a-z]{2,4}$", re.IGNORECASE)
_SLOGAN_WORDS = 20


def _site_slogan(piece: str, keys: set[str]) -> bool:
    """Whether a piece beside the headline is the site's name with its motto, of any length up to
    `_SLOGAN_WORDS` words: it opens with the site's name ("KMPH Fox 26 Central San Joaquin
    Valley News Source in Fresno, ..." on kmph.com) or holds its address ("Rugby News, Results,
    Fixtures and Features from Planet-Rugby.com" on planet-rugby.co.za)."""
    from .metadata import _fold

    words = piece.split()
    if not 0 < len(words) <= _SLOGAN_WORDS or re.search(r"\s[|｜/»–—-]\s", piece):
        return False  # a piece holding another separator is more than one piece ("Kicker | mopo.de")
    if len(k := _fold(words[0])) >= 3 and k in keys:
        return True
    return any((m := _DOMAIN_WORD.match(w.strip(".,;:()"))) and _fold(m.group(1)) in keys for w in words)


def _decoration(rest: str, pieces: list[str], keys: set[str]) -> bool:
    """Whether the pieces beside a headline (`rest`, cut at its separators) are decoration: one
    to four, each of one to five words or the site's name with its motto (_site_slogan), or
    all of `rest` the site's name with its motto (a hyphen inside "Planet-Rugby.com" is no
    separator)."""
    return (0 < len(pieces) <= 4 and all(0 < len(x.split()) <= 5 or _site_slogan(x, keys) for x in pieces)) or (
        len(pieces) > 1 and _site_slogan(rest.strip(), keys))


def _site_piece(piece: str, keys: set[str], host_keys: set[str], after: bool = True) -> bool:
    """Whether a piece of a title beside its headline is the site's name: a `keys` entry, or the
    host's name and at most two words more ("Berkshire Eagle Online" on berkshireeagle.com), in
    words only (not "The Hindu : Sport", a section's title of its own), or, `after` the
    headline, a short piece holding the site's name (_holds_site_name: "Hatch: The Design Public
    Blog" on designpublic.com; before it, "Bible Gateway passage: Colossians 1:9" is more than
    the site's name)."""
    from .metadata import _fold

    return _fold(piece) in keys or (_PLAIN_WORDS.fullmatch(piece) is not None and _host_named(piece, host_keys)) or (
        len(piece.split()) > 5 and _site_slogan(piece, keys | host_keys)) or (
        after and _holds_site_name(piece, keys | host_keys))


_SITE_RUN_CHARS = 6  # a run of words inside a piece names the site when its key is this long (not "news", "blog")
_SITE_RUN_WORDS = 5  # and the piece has at most this many words (a blog's name and motto is longer)


def _holds_site_name(piece: str, keys: set[str]) -> bool:
    """Whether a short piece (at most `_SITE_RUN_WORDS` words) holds a run of words that is the
    site's name (a `keys` entry of `_SITE_RUN_CHARS` letters or more): "Hatch: The Design Public
    Blog" on blog.designpublic.com, "Joe Doe's Planet Blog" where the site is "Planet Blog"."""
    from .metadata import _fold

    words = piece.split()
    if not 0 < len(words) <= _SITE_RUN_WORDS:
        return False
    return any(len(k := _fold(" ".join(words[i:j]))) >= _SITE_RUN_CHARS and k in keys
               for i in range(len(words)) for j in range(i + 1, len(words) + 1))


_KICKER_WORDS = 3  # a piece of this many words inside the headline's own heading is its kicker, not a section


def _own_kicker(piece: str, head: str, headings: set[str]) -> bool:
    """Whether a piece beside the headline is the headline's own kicker: a heading of the page
    reads both ("Interne Unterlagen im Netz Daten von Rheinmetall gehackt" for the og:title
    "Daten von Rheinmetall gehackt - Interne Unterlagen im Netz"). A piece of fewer than
    `_KICKER_WORDS` words in such a heading is a section's label ("Premier League"), which
    pages also put in their <title>'s trail."""
    return len(piece.split()) >= _KICKER_WORDS and any(g != head and piece in g and head in g for g in headings)


# Brackets that hold the site's name (or a source's) beside the headline: "Headline（CNET Japan）",
# "【Site】Headline", "Headline (Site)". A full-width pair after the headline is decoration when
# short; before it, and any ASCII pair, only when it holds the site's name ("Why X (and how to fix it)").
_BRACKETS = (("（", "）", True), ("【", "】", False), ("(", ")", False), ("[", "]", False))


def _bracket_piece(t: str, h: str) -> tuple[str, bool] | None:
    """The piece in brackets before or after the headline `h` in the title `t` (both normal
    forms), and whether it may be decoration without naming the site; None when `t` is no
    such form."""
    for open_, close, free in _BRACKETS:
        if t.startswith(h) and t.endswith(close) and t[len(h):].lstrip().startswith(open_):
            piece = t[len(h):].strip()[len(open_):-len(close)].strip()
            return (piece, free) if piece and open_ not in piece else None
        if t.endswith(h) and t.startswith(open_) and t[: -len(h)].rstrip().endswith(close):
            piece = t[: -len(h)].strip()[len(open_):-len(close)].strip()
            return (piece, False) if piece and close not in piece else None
    return None


def _confirmed(title: str | None, page: str, rec: ArticleRecord, separators: tuple[str, ...],
               site_keys: set[str], host_keys: set[str] = frozenset(),
               site_separators: tuple[str, ...] = (), section: str = "") -> tuple[str | None, str, str]:
    """confirmed_title's reading of one title: (title, evidence, how), `how` one of "cut" (cut
    to a displayed headline), "shown" (a displayed headline as it stands), "site" (no title, or
    the site's name only) and "none" (nothing confirms it). A piece equal to `section` (the
    heading trafilatura took for the title) may be a heading of its own: a section's name. A
    title that is the host's name and two words more ("Letters of Note: Vast riddles") is the
    site's name only when it cuts to no headline the page shows."""
    from .metadata import _fold

    pieces_keys = site_keys | set(host_keys)
    shown = displayed_headlines(page, rec)
    t = _norm(title or "")
    headings = {_norm(text) for text, _ in shown}
    headings_apart = headings - {_norm(section)}
    named = bool(title) and _host_named(title, set(host_keys))
    if not title or (len(title.split()) <= 4 and _fold(title) in site_keys) or named:
        if named and t not in headings and (cut := _heading_cut(t, shown, rec, headings_apart, separators,
                                                                site_separators, pieces_keys, host_keys)):
            return cut[0], cut[1], "cut"  # "Site: Headline" with the headline shown
        # no title, or only the site's name: the article record's headline when there is one
        if shown and shown[-1][1] == "html json-ld":
            return shown[-1][0], shown[-1][1], "site"
        return None, "html", "site"
    if t in headings:
        return title, "html", "shown"  # the page shows the title as it stands
    if t.endswith(_TRUNCATED) and len(t) > 20:  # "A long headline that was cut at a hundred charac..."
        stem = t.rstrip(".… ")
        for text, evidence in shown:
            if _norm(text).startswith(stem) and len(_norm(text)) > len(stem):
                return text, evidence, "cut"
    if cut := _heading_cut(t, shown, rec, headings_apart, separators, site_separators, pieces_keys, host_keys):
        return cut[0], cut[1], "cut"
    got, evidence = _cut_to_shown_text(title, t, page, headings_apart, separators, pieces_keys, site_separators,
                                       host_keys)
    return got, evidence, "cut" if evidence != "html" else "none"


def _heading_cut(t: str, shown: list[tuple[str, str]], rec: ArticleRecord, headings: set[str],
                 separators: tuple[str, ...], site_separators: tuple[str, ...], keys: set[str],
                 host_keys: set[str]) -> tuple[str, str] | None:
    """The displayed headline (text, evidence) that the title `t` (normal form) is with
    decoration around it, or None. The pieces beside it are decoration when short (_decoration);
    before it, or after a `site_separators` entry, only when one is the site's name; never when
    one is a heading of its own that is not the site's name (a kicker shown apart) or the
    headline's own kicker (_own_kicker). A piece in brackets: _bracket_piece."""
    # the headline a heading shows and the article record names as it stands: two of the page's
    # statements of it, so a short piece before it ("NWX Magazin | Headline") is decoration too
    twice = {_norm(x) for x, e in shown if e.startswith("html h")} & {_norm(rec.headline or "")}
    for text, evidence in shown:
        h = _norm(text)
        if len(h) >= len(t) or _site_piece(h, keys, host_keys, after=False):
            continue  # never cut to the site's name (a blog's name in its <h1>)
        if (bracket := _bracket_piece(t, h)) is not None:
            piece, free = bracket
            if _site_piece(piece, keys, host_keys, t.startswith(h)) or (free and 0 < len(piece.split()) <= 5):
                return text, evidence
            continue
        for sep in (*separators, *site_separators):
            s = sep.casefold()
            if t.startswith(h + s):  # "Headline | Site", "Headline - Section - Site"
                rest, site_only, after = t[len(h) + len(s):], sep in site_separators, True
            elif t.endswith(s + h):  # "Site - Headline": only the site's own name (or a headline shown twice)
                rest, site_only, after = t[: -len(h) - len(s)], not (h in twice and sep in separators
                                                                      and len(t[: -len(h) - len(s)].split()) <= 3), False
            else:
                continue
            pieces = [x.strip() for x in rest.split(s.strip())]
            if site_only and not any(_site_piece(x, keys, host_keys, after) for x in pieces):
                continue  # "Kicker - Headline": the kicker may be the title's
            if any((x in headings or _own_kicker(x, h, headings)) and not _site_piece(x, keys, host_keys, after)
                   for x in pieces):
                continue  # "Kicker - Headline" with the kicker in a heading of its own, or in the headline's
            if _decoration(rest, pieces, keys):
                return text, evidence
    return None


_TEXT_NODE = re.compile(r">([^<>]{8,400})<")


def _cut_to_shown_text(title: str, t: str, page: str, headings: set[str], separators: tuple[str, ...],
                       site_keys: set[str], site_separators: tuple[str, ...] = (),
                       host_keys: set[str] = frozenset()) -> tuple[str, str]:
    """`title` cut to its headline when no heading shows it but some element of the page's body
    shows that headline alone (a headline in a `<div class="title">`, a table cell, a `<b>`):
    "Headline - World - Sport", "Headline | UK Latest", "Site - Headline". The same decoration
    test as the headings' (short pieces, a piece before the headline only the site's name, no
    piece a heading of its own), the headline at least three words; evidence "html text"."""
    cuts = [(sep.casefold(), sep in site_separators) for sep in (*separators, *site_separators) if sep.casefold() in t[1:]]
    if not cuts:  # nothing to cut at: the body is not read
        return title, "html"
    shown = _body_texts(page)

    for s, site_sep in cuts:
        start = 0
        while (at := t.find(s, start)) > 0:
            start = at + 1
            for head, rest, site_only, after in ((t[:at], t[at + len(s):], site_sep, True),
                                                 (t[at + len(s):], t[:at], True, False)):
                if head not in shown or _site_piece(head, site_keys, host_keys, after=False):
                    continue
                pieces = [x.strip() for x in rest.split(s.strip())]
                if site_only and not any(_site_piece(x, site_keys, host_keys, after) for x in pieces):
                    continue
                if any((x in headings or _own_kicker(x, head, headings)) and not _site_piece(x, site_keys, host_keys, after)
                       for x in pieces):
                    continue
                if _decoration(rest, pieces, site_keys | host_keys):
                    return _as_heading(shown[head], page) or (shown[head], "html text")
    return title, "html"


_LOOSE = re.compile(r"[\W_]+")


def _as_heading(text: str, page: str) -> tuple[str, str] | None:
    """A heading of the page that shows `text` in the same letters, punctuation and spaces
    aside: its rendering is the headline's where the page's <title> lost characters ("Stats…
    Impressive!" as "Stats Impressive!", "Race–The" as "RaceThe") and a sidebar link repeats
    the <title>'s; else None."""
    def loose(s: str) -> str:
        return _LOOSE.sub("", _norm(s))

    t = loose(text)
    return next(((h, e) for h, e in _page_headings(page) if loose(h) == t), None)


_OVER_TEXT_GAP = 60  # words at most between the headline element and the article text's first line
_OVER_TEXT_WORDS = (3, 20)  # a headline's words (a standfirst is longer)
_HEADLINE_MARK = re.compile(r"headline|title|heading", re.IGNORECASE)  # not "header": a page's whole head
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\b)?", re.IGNORECASE)
_BLOCK_TAGS = {"div", "p", "ul", "ol", "li", "table", "tr", "td", "h1", "h2", "h3", "h4", "h5", "h6", "section",
               "header", "nav", "form", "dl", "dt", "dd"}


def _broken_lines(el: Any) -> list[str] | None:
    """The element's markup cut at each <br> inside it (serialised once), when it shows text on
    both sides of one (two lines: "Blog Name<br><font>Its motto</font>"); None when it does not
    (no <br>, or a <br> at its end: no break)."""
    import lxml.html

    if not any(isinstance(d.tag, str) and d.tag.lower() == "br" for d in el.iterdescendants()):
        return None
    inner = lxml.html.tostring(el, encoding="unicode", with_tail=False)
    pieces = re.split(r"<br\b[^>]*>", inner, flags=re.IGNORECASE)
    return pieces if sum(bool(_TAG.sub("", x).strip()) for x in pieces) >= 2 else None


def _first_line(pieces: list[str]) -> str:
    """The text of the first of an element's `pieces` (_broken_lines) that has any."""
    lines = [htmllib.unescape(_TAG.sub(" ", x)).strip() for x in pieces]
    return next((x for x in lines if x), "")


@lru_cache(maxsize=_PAGE_CACHE)
def _tree(page: str) -> Any:
    """The page parsed by lxml (None when it cannot be), once a page: visible_byline,
    _text_start and labelled_date read the same tree and never change it."""
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return None


_SKIPPED = ("script", "style", "noscript", "head", "title")


@lru_cache(maxsize=_PAGE_CACHE)
def _text_start(page: str, text: str) -> tuple[str, int, list[tuple[int, int, Any]]] | None:
    """The page's body text as one string, where the article text's first line (five words or
    more, no table row or copyright line) starts in it, and every shown element's (start, end,
    element) in it, in the order the elements end; None when the line is not found. Read by
    title_over_text and byline_over_text, once a page (the result is read, never changed)."""
    import lxml.etree
    import lxml.html

    first = next((line for line in text.splitlines() if len(line.split()) >= 5 and not line.lstrip().startswith("|")
                  and "©" not in line), None)  # a table row or a copyright line: not the article's text
    if first is None:
        return None
    probe = re.compile(r"\s+".join(re.escape(w) for w in first.split()[:5]))
    if (tree := _tree(page)) is None:
        return None
    stream: list[str] = []
    size = 0
    starts: dict[Any, int] = {}
    spans: list[tuple[int, int, Any]] = []
    skip = 0
    for event, el in lxml.etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if event == "start":
            if tag in _SKIPPED:
                skip += 1
            starts[el] = size
            if not skip and el.text:
                stream.append(el.text)
                size += len(el.text)
            continue
        if tag in _SKIPPED:
            skip -= 1
        if not skip:
            spans.append((starts[el], size, el))
        if el.tail and not skip:
            stream.append(el.tail)
            size += len(el.tail)
    body = "".join(stream)
    m = probe.search(body)
    return None if m is None else (body, m.start(), spans)


def title_over_text(page: str, text: str, host_keys: set[str] = frozenset()) -> tuple[str, str] | None:
    """The headline the page shows right over its article text, for a page whose own titles
    name no headline (no <title>, or only the site's name, and no article record): (text,
    evidence) or None.

    The article text's first line (trafilatura's text, five words or more) is found in the
    page's body; the headline is the element marked as one closest above it, with at most
    `_OVER_TEXT_GAP` words between them (a date, a byline, a deck), or the one the text's first
    line starts with: an element whose class or id says "headline" first (also one that holds
    a single heading: `<div class="headline"><h1>..</h1></div>` over a deck's <h2>), then a
    heading <h1>-<h3>, then <h4>-<h6> or a class or id with "title" or "heading" (not "header",
    a page's whole head); of one rank the closest to the text (a blog's name in an <h2> over
    the post's <h3>: the post's). Three to twenty words (a standfirst is longer), in one line (no block inside: a
    blog's name and motto), not in capitals (a section's label), not a date, a byline, a tool
    (headline.interface: "Print this page", "0 Comments") or one of the page's own titles (its
    site's name, which the page's titles were read for already) or the site's name (the host's
    name and two words more: "The Volokh Conspiracy" on volokh.com; not trafilatura's site name,
    which is at times the headline). No clock time ("Rambling at 2:24am": a post's line) and no
    line break inside (a blog's name and motto). Bold text is no mark (a
    promotion's "Win prizes!" in <b>). Table-layout pages of 2008 (a headline in a `<span
    class="headline">`, a `<div class=title>`) carry no other statement of it. The first line
    is no table row and no copyright line (trafilatura's text of such pages is often the
    footer)."""
    found = _text_start(page, text)
    if found is None:
        return None
    body, at, spans = found
    marked: list[tuple[int, int, int, Any]] = []  # (rank, start, end, element)
    for start, end, el in spans:
        tag = el.tag.lower()
        mark = " ".join(x for x in (el.get("class"), el.get("id")) if x)
        rank = (0 if "headline" in mark.lower() else 1 if tag in ("h1", "h2", "h3") else
                2 if tag in ("h4", "h5", "h6") or _HEADLINE_MARK.search(mark) else None)
        if rank is not None:
            marked.append((rank, start, end, el))
    from .metadata import _by_patterns, _byline_names, _hd_patterns

    date, prep = _hd_patterns()["date"], _by_patterns()["prep"]
    tools = _interface_re()
    titles = {_norm(x) for x in page_titles(page)}
    best: tuple[int, int, str, str] | None = None
    for rank, start, end, el in marked:
        opens = start <= at < end  # the text's first line starts with this element's text
        if (end > at and not opens) or len(body[end:at].split()) > _OVER_TEXT_GAP:
            continue
        blocks = [d for d in el.iterdescendants() if isinstance(d.tag, str) and d.tag.lower() in _BLOCK_TAGS]
        if rank == 0 and len(blocks) == 1 and blocks[0].tag.lower() in _HEADINGS:
            blocks = []  # <div class="headline"><h1>Headline</h1></div>: the heading the page marks
        if blocks or _broken_lines(el) is not None:
            continue  # a block of several lines (a blog's head: its name and its motto), no headline
        shown = " ".join(body[start:end].split())
        lo, hi = _OVER_TEXT_WORDS
        if not lo <= len(shown.split()) <= hi or shown.isupper() or len(date.sub("", shown).split()) < 3 or (
                _CLOCK.search(shown)):
            continue  # a standfirst, a section's label in capitals, a date line, a post's time ("at 2:24am")
        if _byline_names(prep.sub("", shown), None) or tools.search(shown) or _norm(shown) in titles or (
                _host_named(shown, host_keys)):
            continue  # a byline, a tool ("Print this page", "0 Comments"), the page's title or the site's name
        tag = el.tag.lower()
        evidence = f"html {tag}" if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else "html text"
        if best is None or (rank, -end) < (best[0], -best[1]):
            best = (rank, end, shown, evidence)
    return (best[2], f"{best[3]} (over the text)") if best else None


_BYLINE_OVER_GAP = 150  # words at most between a byline line and the article text's first line
_BYLINE_UNDER_GAP = 40  # or between the text's first line (often its headline) and a byline line under it
_BYLINE_OVER_WORDS = 16  # a byline line's words at most ("By Jane Doe • Nov 6, 2012 • Chicago")


def byline_over_text(page: str, text: str) -> tuple[list[str], str] | None:
    """The names of a byline line the page shows at its article text without byline markup: an
    element whose own text opens with a byline label (page_authors.prefixes: "By", "Von",
    "Posted by") and a capital, of at most `_BYLINE_OVER_WORDS` words, ending before the text's
    first line with at most `_BYLINE_OVER_GAP` words between (the headline, a stamp, a deck), or
    starting at most `_BYLINE_UNDER_GAP` words after its start (trafilatura's text often opens
    with the headline, the byline under it): ([names], its text) or None.

    The closest such line is read as visible_byline reads a byline element (its forms: a stamp,
    an outlet or tools after the names; phrase_names); of an element broken into lines by <br>
    its first line ("By Jane Doe<br>John Roe, 2004": where one name ends is not known). None
    from a line further into or below the text ("by Jane on May 4 at 9:59 am. Reply": a
    reader's comment), right after a link outside a heading that is no tool ("<a>Other
    story</a> by Jane Doe": a teaser's byline), or of one word ("By Date", "By Category": an
    archive's links). For pages whose metadata and byline markup name no one: the byline is
    then often a plain <p>, <span> or <font>."""
    from .metadata import _by_patterns
    from .wordtables import tables

    found = _text_start(page, text)
    if found is None:
        return None
    body, at, spans = found
    prefixes = sorted(tables().words("page_authors.prefixes"), key=len, reverse=True)
    label = re.compile(rf"^(?i:{'|'.join(re.escape(x) for x in prefixes)})\s*:?\s+(?=[^\W\d_])")
    by = _by_patterns()
    # the ends of links (two words or more, no tool: "Make a comment") outside headings: a teaser's
    # title, its byline after it
    tools = _interface_re()
    links = sorted(((e, s, a) for s, e, a in spans if a.tag.lower() == "a"), key=lambda x: x[0])
    ends = [x[0] for x in links]

    def teaser(s: int, e: int, a: Any) -> bool:
        return len(body[s:e].split()) >= 2 and not any(
            isinstance(x.tag, str) and (x.tag.lower() in _HEADINGS or _HEADLINE_MARK.search(x.get("class") or ""))
            for x in a.iterancestors()) and not tools.search(body[s:e])

    best: tuple[int, list[str], str] | None = None
    space = re.compile(r"\s*")
    root = spans[-1][2].getroottree().getroot() if spans else None
    broken = {a for br in root.iter("br") for a in br.iterancestors()} if root is not None else set()
    words = [m.start() for m in re.finditer(r"\S+", body)]

    def count(a: int, b: int) -> int:  # len(body[a:b].split()), from the words' starts
        inside = 0 < a < len(body) and not body[a].isspace() and not body[a - 1].isspace() and a < b
        return bisect.bisect_left(words, b) - bisect.bisect_left(words, a) + inside

    for start, end, el in spans:
        if el.tag.lower() in _SKIP_TAGS:
            continue
        gap = count(end, at) if end <= at else count(at, start) if start >= at else 0
        if gap > (_BYLINE_OVER_GAP if end <= at else _BYLINE_UNDER_GAP):
            continue
        first = space.match(body, start).end()  # the element's text opens with a label (or it has a <br>)
        if el not in broken and (first >= end or not label.match(" ".join(body[first:min(end, first + 200)].split()))):
            continue
        pieces = _broken_lines(el)
        shown = " ".join((_first_line(pieces) if pieces is not None else body[start:end]).split())
        if not shown or len(shown.split()) > _BYLINE_OVER_WORDS or not label.match(shown):
            continue
        rest = label.sub("", shown)
        if not rest[:1].isupper() or el.xpath("ancestor::nav|ancestor::footer|ancestor::aside|ancestor::figure"):
            continue
        near = links[bisect.bisect_left(ends, start - 40):bisect.bisect_right(ends, start)]
        if any(not body[e:start].strip() and teaser(s, e, a) for e, s, a in near):
            continue  # "<a>Other story</a> by Jane Doe": a teaser's byline
        if (best is None or gap < best[0]) and (names := _names_of(shown, by, phrase_names)):
            best = (gap, names, shown)
    return (best[1], best[2]) if best else None


# the prepositions trafilatura cuts an author's name at ("Press Trust of India" -> "Press Trust")
_CUT_AT = re.compile(r" (?:am|on|for|at|in|to|from|of|via|with) ", re.IGNORECASE)


@lru_cache(maxsize=_PAGE_CACHE)
def _page_words(page: str) -> str:
    """The whole page's text, its tags stripped and entities decoded, on one line: editor_credited,
    as_written and split_leftovers read it, built once a page."""
    return " ".join(htmllib.unescape(_TAG.sub(" ", page)).split())


def cut_short(names: list[str], seen: list[str]) -> bool:
    """Whether the page's visible byline (`seen`) writes the `names` whole where some were cut
    short: each name is a byline name or its words before a preposition of it, one at least
    such a piece ("Press Trust" of "Press Trust of India": trafilatura cuts a name at "of", "for",
    "from"...; not "Jane Doe" of "Jane Doe Updated", a stamp's word)."""
    full = [_norm(x) for x in seen]
    short = [_norm(n) for n in names]
    return bool(short) and all(n in full or any(_CUT_AT.match(f, len(n)) and f.startswith(n) for f in full)
                               for n in short) and any(n not in full for n in short)


def editor_credited(page: str, names: list[str], labels: str, phrases: str) -> set[str]:
    """The `names` the page's visible text credits as its editor ("Editor : <a>Jane Doe</a>",
    "Redaktion: Jane Doe", "Edited by Jane Doe"; `labels` and `phrases` are the
    page_authors.editor_labels / editor_phrases alternatives): a record or byline element that
    names the editor as the author (a CMS filling author with the desk's editor) is not taken."""
    if not names:
        return set()
    text = _page_words(page)
    out = set()
    for name in names:
        pat = rf"(?i:\b(?:{labels})\s*[:：]|\b(?:{phrases})\s)\s*{re.escape(name)}(?![\w])"
        if re.search(pat, text):
            out.add(name)
    return out


@lru_cache(maxsize=None)
def _folded(*keys: str) -> frozenset[str]:
    """The entries of the word tables `keys`, case-folded, built once: the author readers below
    run per name and per byline form."""
    from .wordtables import tables

    return frozenset(x.casefold() for key in keys for x in tables().words(key))


def plausible_names(names: list[str]) -> list[str]:
    """`names` (trafilatura's author string, cleaned) without what a byline's neighbours leave
    in it: an interface or stamp phrase the text route's byline reader refuses ("Published
    January", "Updated Dec", "About the Author ...", "Find More Articles By ...": metadata's
    head_byline.not_names; an interface word with a byline label word, "by", "author", in a name of
    three words or more), two bare letters ("RESIZE A A A"), a one-word role ("Correspondent"), and a name
    of one or two words that ends in a full month name ("January", "Pakistan January": a
    dateline's place and the date's month; months of five letters or more, so "Theresa May"
    and "Carrie June" stay), a name of two words ending in a role ("Technical Writer") or opening with an interface word
    ("About Us": a menu link marked rel=author), and one word that is a month ("Aug") or a date
    label ("Datum", page_date.labels), a placeholder a form or a CMS fills in for no name
    ("Unbenannt", "Untitled": html_byline.placeholders); a name in capitals glued to its outlet
    is cut (`unglued_names`); and what phrase_names drops."""
    from .metadata import _by_patterns
    from .wordtables import tables

    b, months = _by_patterns(), tables().months
    date_labels = _folded("page_date.labels")
    labels = {x for x in _folded("page_authors.prefixes") if " " not in x}
    placeholders = _folded("html_byline.placeholders")
    out = []
    for name in phrase_names(unglued_names(names)):
        words = name.split()
        if not words or b["not_name"].match(name) or name.casefold() in placeholders:
            continue
        if len(words) >= 3 and b["ui"].search(name) and any(w.casefold() in labels for w in words):
            continue  # "About the Author ...": a label phrase; "IDG News Service", "VOA News" stay
        if lower_case_name(name):
            continue  # "full-stack engineer", "przepisy pl": trafilatura's words in lower case, no name
        if sum(len(w) == 1 and w.isalpha() for w in words) >= 2:
            continue  # "RESIZE A A A": a text-size widget's letters (initials carry their dots)
        if len(words) == 1 and not b["role"].sub("", name).strip():
            continue
        if len(words) == 2 and not b["role"].sub("", words[1]).strip():
            continue  # "Technical Writer", "Globe Correspondent": a role, its name elsewhere
        if len(words) <= 2 and b["ui"].match(name):
            continue  # "About Us", "Text Size": a menu's or a tool's label
        last = words[-1].casefold().rstrip(".")
        if len(words) <= 2 and len(last) >= 5 and last in months:
            continue
        if len(words) == 1 and (last in months or name.casefold() in date_labels):
            continue  # "Aug", "Datum": a date's month, a date's label
        out.append(name)
    return out


def lower_case_name(name: str) -> bool:
    """Whether `name` is written in lower-case words only ("admin", "medellín", "jane-doe"; not
    "det/dpa", "sportschau.de", "bell Hooks"): an account's or a place's name, no person's. A news
    agency that writes its name so ("dpa", "epd": metadata._wire_services) signs agency copy."""
    from .metadata import _wire_services

    words = name.split()
    return bool(words) and all(w[:1].islower() and w.replace("-", "").isalpha() for w in words) and (
        name not in _wire_services())


def as_written(names: list[str], page: str) -> list[str]:
    """`names` (trafilatura's) as the page writes them: trafilatura title-cases an author string
    that opens in lower case ("eseppelt" -> "Eseppelt", "giampiero maggio" -> "Giampiero
    Maggio"), which hides that the page names an account or a place, no person (phrase_names
    drops a name of lower-case words), or a label ("with Jane Doe" -> "With Jane Doe": role_cut
    cuts the label in lower case only, "Con Coughlin" is a name) or a credit ("mit Material von
    dpa"). A name the page never writes as given, but in another case (between non-letters: its
    byline, its author tag, its JSON-LD), is given in the page's first such form (a one-word name
    in lower case first; a name of more words not in lower-case words only: "jane doe" in an
    author tag is a person written carelessly, kept as trafilatura gives it); others as they are ("Harry J Enten", whose dot trafilatura dropped, is not in the page either way)."""
    if not names:
        return names
    # its text (a byline's words across tags: "with <a>Jane Doe</a>"), then its markup (author tags, JSON-LD)
    text = _page_words(page) + " " + htmllib.unescape(page)
    out = []
    for name in names:
        if not name[:1].isupper():
            out.append(name)
            continue
        written = [m.group() for m in re.finditer(rf"(?i:(?<![\w]){re.escape(name)}(?![\w]))", text)]
        if not written or name in written:
            out.append(name)
            continue
        if len(name.split()) == 1:
            # a form in lower case wins ("SurfGuard" the blog's title, "surfguard" its byline: an account)
            out.append(next((x for x in written if lower_case_name(x)), written[0]))
        else:
            # not a person's name the page only writes in lower case ("jane doe" in an author tag);
            # a desk's words in lower case are none ("wire reports")
            desk = _folded("head_byline.name_particles", "page_authors.joins", "html_byline.desk_words")
            out.append(next((x for x in written if not lower_case_name(x) or all(w in desk for w in x.split())),
                            name))
    return out


# a name in capitals glued to the next element's words in mixed case ("AL ALEXANDER<br>The Patriot
# Ledger" in an author tag, read without the break): "ALEXANDERThe"
_CAPS_GLUED = re.compile(r"^((?:[A-Z][A-Z.'’-]* )*[A-Z][A-Z'’-]+)(?=[A-Z][a-z])(.+)$")


def unglued_names(names: list[str]) -> list[str]:
    """`names` with a name in capitals that its outlet follows without a space ("AL
    ALEXANDERThe Patriot Ledger": two lines of a byline or an author tag joined) cut to the
    capitals; an outlet that is a news agency stays as an author of its own ("JANE DOEAssociated
    Press" -> "JANE DOE", "Associated Press"). Names in mixed case ("Neal McCluskey", "Jessica
    DeFino") are not touched. A name and its outlet with a space between, as trafilatura reads
    a byline's two elements ("Jane Doe BBC News", "Jane Doe The Washington Post"), lose the
    outlet as the text route's byline reader cuts it (metadata._outlet_cut); a desk's credit
    it keeps whole ("IDG News Service") stays."""
    from .metadata import _outlet_cut, _wire_services

    out: list[str] = []
    for name in names:
        m = _CAPS_GLUED.match(name)
        if m is None or len(m.group(1).split()) < 2:
            cut = _outlet_cut(name) if len(name.split()) >= 3 else []
            if cut and cut[0] != name and name.startswith(cut[0] + " "):
                out += [x for x in cut if x not in out]  # "Jane Doe BBC News": the outlet after the name
            elif name not in out:
                out.append(name)
            continue
        out += [x for x in (m.group(1), m.group(2).strip()) if x not in out and (
            x == m.group(1) or x in _wire_services())]
    return out


def split_leftovers(names: list[str], split: list[str], page: str) -> list[str]:
    """`names` (what is left of trafilatura's author string `split` at its ';') without a
    one-word name that is a piece of a phrase trafilatura split at its join words: another piece
    of the split was refused as no name, and the page writes the word beside a lower-case word
    or '&' that is no byline label ("Building Wealth through Saving and Investing" -> "Building
    Wealth through Saving"; "Investing"; "Department for Culture Media and Sport" -> "Department";
    "Sport"; "Mac & i"). A name of two words or more is none either when the page writes it
    joined to a refused piece that is a phrase (capitalised, with a lower-case word that is no
    particle, join or desk word) by a join word or '&' ("The Russian and Syrian defense
    ministries" -> "The Russian": the phrase's piece, no person; not "Jane Doe and agencies",
    "Jane Doe and wire reports", "with Jane Doe in Washington and John Roe"). Other names of two words or more stay, and so does an account's name the page writes
    alone ("By: <a>LaborUnionReport</a> (Diary)")."""
    from .wordtables import tables

    if len(split) < 2 or len(names) >= len(split):
        return names
    labels = _folded("page_authors.prefixes")
    text = _page_words(page)
    kept = {_norm(n) for n in names}
    lower_ok = _folded("head_byline.name_particles", "page_authors.joins", "html_byline.desk_words")
    # a refused piece that is a phrase: capitalised like a name, with a lower-case word that is no
    # particle, join or desk word ("Syrian defense ministries"; not "agencies", "wire reports")
    refused = [x for x in (" ".join(p.split()) for p in split) if len(x.split()) >= 2 and x[:1].isupper()
               and _norm(x) not in kept and any(w.isalpha() and w.islower() and w not in lower_ok for w in x.split())]
    joins = "|".join(re.escape(x) for x in [*tables().words("page_authors.joins"), "&"])
    out = []
    for n in names:
        if len(n.split()) == 1:
            word = rf"(?i:(?<![\w]){re.escape(n)}(?![\w]))"  # as the page writes it, any case
            near = re.findall(rf"(?<![\w])([a-z]+|&) {word}|{word} ([a-z]+|&)(?![\w])", text)
            if any(w not in labels for pair in near for w in pair if w):
                continue
        elif any(re.search(rf"(?i:(?<![\w]){re.escape(a)} (?:{joins}) {re.escape(b)}(?![\w]))", text)
                 for r in refused for a, b in ((r, n), (n, r))):
            continue  # "The Russian and Syrian defense ministries": a piece of the phrase
        out.append(n)
    return out


def without_outlets(names: list[str]) -> list[str]:
    """`names` without a newspaper's or magazine's name beside a person's (metadata._without_outlets,
    head_byline.outlet_words: "Jane Doe; Financial Times" in an author tag, "Jane Doe, PC World" in
    a byline: the outlet the copy comes from, no author), and without one capitalised word beside
    a person named with two words or more ("Jane Doe, Berlin", "Von Jane Doe und John Roe,
    Brüssel": the town; "Jane Doe, PhD": a degree). A news agency stays (it signs agency copy: "Jane
    Doe, Reuters"), and so do a word in capitals or lower case ("SDA", "dpa": agencies' short
    names), a word of a script without case (CJK names are one word) and an outlet alone (the
    site's own signature)."""
    from .metadata import _wire_services, _without_outlets

    names = _without_outlets(names)
    wire = {x.casefold() for x in _wire_services()}  # any case: "Dpa", "Efe" as trafilatura writes them
    if not any(len(n.split()) >= 2 and n.casefold() not in wire for n in names):
        return names
    return [n for n in names if len(n.split()) >= 2 or n.casefold() in wire or not (
        n[:1].isupper() and any(c.islower() for c in n[1:]) and n.replace("-", "").isalpha())]


def phrase_names(names: list[str]) -> list[str]:
    """`names` (trafilatura's or the article record's) without phrases that name no person: a
    weekday alone or a name of three words ending in one ("Friday", "Joe Wee Monday": the stamp's
    day glued on; "Anna Sonntag" stays), a name of three words or more with a lower-case word
    that is no particle, join or desk word (html_byline.desk_words: "Syrian defense ministries",
    "Contributors to Wikimedia projects", "Jane Doe Jane is"; "Detroit News wire
    services" stays), one word in lower case ("admin", "medellín": an account or a place, also
    as the article record's Person; not "det/dpa", "dpa"), and a name ending in a role whose
    words before the role are more than a first and last name ("Ben Silverman Games Editor":
    which words are the name is not known); "Jane Doe Political Correspondent" is cut to "Jane
    Doe", "Jane Doe Associated Press Writer" to "Jane Doe" and the agency (`role_glued`)."""
    from .metadata import _outlet_cut

    weekdays = _folded("dates.weekdays")
    lower_ok = _folded("head_byline.name_particles", "page_authors.joins", "html_byline.desk_words")
    out = []
    for name in names:
        if (name := role_cut(name)) is None:  # first: "Rédactrice en chef Jane Doe" has lower-case words
            continue
        words = name.split()
        if words and len(words) in (1, 3) and words[-1].casefold().strip(".,") in weekdays:
            continue
        if len(words) >= 3 and any(w.isalpha() and w.islower() and w.casefold() not in lower_ok for w in words):
            continue
        if len(words) == 1 and lower_case_name(name):
            continue  # "admin", "medellín": an account or a place; names are capitalised (CJK has no case)
        if (cut := role_glued(name)) is None:
            continue
        # "JANE DOE Associated Press" (its role cut): the name and the agency that signs with it
        out += [x for x in (_outlet_cut(cut) if len(cut.split()) > 2 else [cut or name]) if x not in out]
    return out


@lru_cache(maxsize=None)
def _role_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A job title opening a name (its modifiers before it) and one ending it: html_byline.roles
    (first: "Rédactrice en chef" before "Rédactrice") with head_byline's roles and modifiers."""
    from .wordtables import tables

    w = tables()
    mods, roles = w.alternatives("head_byline.role_modifiers"), f'{w.alternatives("html_byline.roles")}|{w.alternatives("head_byline.roles")}'
    return (re.compile(rf"^(?:(?:{mods})\s+)*(?:{roles})(?![\w-])[:,]?\s*"),
            re.compile(rf"(?<![\w-])(?:(?:{mods})\s+)*(?:{roles})$"))


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")  # "ACME", "PTC": a company's short name, no person


def crowd_credit(name: str) -> bool:
    """True for a collective credit: html_byline.collective alone or before a lower-case word
    ("Staff", "Redaktion", "Contributors to the project"); not a named desk ("Science X staff",
    "Redaktion example.de", "Team Example")."""
    words = name.split()
    return bool(words) and words[0].casefold() in _folded("html_byline.collective") and (
        len(words) == 1 or (words[1].isalpha() and words[1].islower()))


def role_cut(name: str) -> str | None:
    """`name` without a job title or a label word glued before it, None when no person is left.
    A title before a capitalised name of two words or more is cut ("Attorney Jane Doe",
    "Staff Writer Jane Doe", "Chefredakteurin Anna Schmidt" -> the name; "Redaktion example.de",
    a desk, stays); a name that is only a title ("Staff Writer", "Globe Correspondent": a title
    and its paper) or a title after a company's acronym ("ACME Senior Product Manager") is none; a
    label word trafilatura split off a byline, in lower case as the page writes it, is cut ("with
    John Roe" -> "John Roe"; "Con Coughlin" is a name), with one word after it it is a place ("in
    Washington"), and so is one left at the end ("Jane Doe mit" of "Jane Doe mit dpa"); a collective credit alone or before a lower-case
    word ("Staff", "Contributors to the project") is none (html_byline.lead_words, .collective)."""
    words = name.split()
    if not words:
        return name
    if crowd_credit(name):
        return None
    if len(words) >= 3 and words[-1] in _folded("html_byline.lead_words", "page_authors.joins"):
        words = words[:-1]  # "Jane Doe mit" (of "Jane Doe mit dpa", the agency cut off): the label left over
        name = " ".join(words)
    if len(words) >= 2 and words[0] in _folded("html_byline.lead_words"):  # lower-case entries: as written
        rest = words[1:]
        return " ".join(rest) if len(rest) >= 2 and all(x[:1].isupper() for x in rest) else None
    before, after = _role_patterns()
    if m := before.match(name):
        rest = name[m.end():].split()
        if not rest:
            return None
        if len(rest) >= 2 and all(x[:1].isupper() for x in rest):
            return " ".join(rest)
    if (m := after.search(name)) and m.start() > 0:
        head = name[:m.start()].split()
        if m.group().casefold() in _folded("html_byline.collective"):
            return name  # "Example Redaktion": a desk, kept as the policy keeps desks
        if len(head) <= 1 and (not head or _ACRONYM.match(head[0]) or len(words) == 2):
            return None
    return name


def role_glued(name: str) -> str | None:
    """`name` when no role ends it; its first and last name when a role and its modifiers end it
    ("Jane Doe Political Correspondent" -> "Jane Doe"); None when a role ends a name of three
    words or more and the words before it are more than two ("Ben Silverman Games Editor"): the
    name's end is not known; its name and agency when a news agency stands before the role ("JANE
    DOE Associated Press Writer" -> "JANE DOE Associated Press", which the name reader splits).
    '' for no change."""
    from .metadata import _by_patterns, _wire_services

    b = _by_patterns()
    words = name.split()
    if len(words) < 3 or not b["role"].match(words[-1]) or (cut := b["role"].sub("", name).strip(" ,")) == name:
        return ""
    if len(cut.split()) == 2:
        return cut
    agency = next((w for w in _wire_services() if cut.endswith(" " + w)), None)
    return cut if agency and 2 <= len(cut[: -len(agency)].split()) <= 3 else None


def address_names(names: list[str], signed: str) -> list[str]:
    """`names` without those that are a web address the author field wrote, split at its dots
    ("Frank Bueltge - http://bueltge.de" gives "Bueltge De", "stol.it / Suedtirol Online" gives
    "Stol It"): a site's address, not a person."""
    low = signed.casefold()
    return [n for n in names if len(n.split()) < 2 or ".".join(n.split()).casefold() not in low]


def authority_names(names: list[str], signed: str) -> list[str]:
    """`names` without the pieces of an authority's name the author field wrote
    ("Bundesministerium für Wirtschaft und Klimaschutz", which trafilatura splits at "und" into
    "Bundesministerium für Wirtschaft" and "Klimaschutz"): a name inside a `;`-separated entry of
    `signed` that holds one of page_authors.authority_words is no person."""
    from .metadata import _name_patterns

    pat = _name_patterns()["authority"]
    held = [x.casefold() for x in signed.split(";") if pat.search(x)]
    return [n for n in names if not any(n.casefold() in x for x in held)]


_SKIP_TAGS = {"script", "style", "meta", "link", "img", "body", "html", "head", "noscript"}


def visible_byline(page: str, classes: tuple[str, ...], not_classes: tuple[str, ...],
                   microformats: tuple[str, ...] = ()) -> tuple[list[str], str]:
    """The authors the page's visible byline names, for a page whose metadata names only its
    publisher (trafilatura reads the `author` meta first, which many sites fill with their own
    name): ([names], the byline's text), or ([], "").

    Where: an element marked itemprop="author" or rel="author", one whose class has a byline
    word (`classes`: "author", "byline") and none of the words of author boxes, teasers and
    comment forms (`not_classes`: "bio", "teaser", "comment"...), or the text after a byline
    label element ("<strong>Autor</strong> Jane Doe"), outside nav, footer, aside and figures,
    first in page order. The text must read as a byline (metadata._byline_names: capitalised
    names, roles and stamps dropped, no interface word), so a date line or "Name *" is none.
    The hCard class words (`microformats`: "vcard") mark a person's name: they are taken out of
    the class before `not_classes` ('card', a teaser card) is tested ("<cite class='byline
    vcard'>By Jane Doe | Reuters</cite>")."""
    from .metadata import _by_patterns

    if (tree := _tree(page)) is None:
        return [], ""
    b = _by_patterns()
    cls = " or ".join(f"contains(translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),'{c}')"
                      for c in classes)
    bad = re.compile("|".join(not_classes), re.IGNORECASE) if not_classes else None
    marks = {x.casefold() for x in microformats}
    for e in tree.xpath(f"//*[@itemprop='author'] | //a[@rel='author'] | //*[{cls}] | //strong | //b | //dt"):
        if not isinstance(e.tag, str) or e.tag in _SKIP_TAGS:
            continue
        if e.tag in ("strong", "b", "dt"):  # a label element: the names follow it
            label = " ".join(e.text_content().split()).rstrip(":")
            if not label or not all(b["label"].match(x.strip()) for x in label.split("/")):
                continue
            nxt = e.getnext()
            text = " ".join(((e.tail or "") + " " + (nxt.text_content() if nxt is not None and not (e.tail or "").strip() else "")).split())
        else:
            if bad is not None and bad.search(" ".join(c for c in (e.get("class") or "").split()
                                                       if c.casefold() not in marks)):
                continue
            if _after_credit_label(e):
                continue  # "<strong>Foto:</strong> <p class='autor'>Jane Doe</p>": the picture's credit
            named = e.xpath(".//*[@itemprop='name']")
            text = " ".join(" ".join((named[0] if named else e).itertext()).split())
        if not 2 <= len(text.split()) <= 20 or e.xpath("ancestor::nav|ancestor::footer|ancestor::aside|ancestor::figure"):
            continue
        text = b["prep"].sub("", text)
        if names := _names_of(text, b):
            if e.tag not in ("strong", "b", "dt") and (whole := _whole_byline(e, names, b)) is not None:
                return whole  # "By <a rel=author>Jane Doe</a> and <a rel=author>John Roe</a>"
            return names, text
    return [], ""


@lru_cache(maxsize=None)
def _credit_label_end() -> re.Pattern[str]:
    """A picture credit's label and its colon as a whole text (headline.credit_labels: "Foto:",
    "Photo:", "Bild:"; not "Text und Foto:", whose author is the article's)."""
    from .wordtables import tables

    return re.compile(rf"^\s*(?i:{tables().alternatives('headline.credit_labels')})\s*:\s*$")


def _after_credit_label(e: Any) -> bool:
    """Whether the text right before element `e` in its parent (its previous sibling's text and
    tail, or the parent's own text) is a picture credit's label: "<strong>Foto:</strong>
    <p class='autor'>Jane Doe</p>" marks the photographer with a byline class ("<span>Text und
    Foto:</span> <span class='author'>Jane Doe</span>" the article's author)."""
    prev = e.getprevious()
    parent = e.getparent()
    if prev is not None:
        before = (prev.text_content() if isinstance(prev.tag, str) else "") + (prev.tail or "")
    else:
        before = (parent.text or "") if parent is not None else ""
    return bool(_credit_label_end().search(before))


def _names_of(text: str, b: dict[str, Any],
              kept: Callable[[list[str]], list[str]] | None = None) -> list[str] | None:
    """The names the first of a byline text's readings (`_byline_forms`) gives, or None; with
    `kept` (phrase_names), the first reading whose names it keeps any of."""
    for form in _byline_forms(b["prep"].sub("", text)):
        if role_glued(form) is None:
            continue  # "Ben Silverman Games Editor": which words are the name is not known
        names = _read_names(form)  # "Jane Doe, Lille": the town dropped there
        if names and kept is not None:
            names = kept(names)
        if names:
            return names
    return None


_WHOLE_BYLINE_WORDS = 20  # the element around a marked name: a byline, not a paragraph


def _whole_byline(e: Any, names: list[str], b: dict[str, Any]) -> tuple[list[str], str] | None:
    """The names of the element right around a marked name (its parent: "By <a rel=author>Jane
    Doe</a> and <a rel=author>John Roe</a>", itemprop="author" spans in a byline `<div>`) when it
    reads as a byline of at most `_WHOLE_BYLINE_WORDS` words that names the marked names and
    more: the first link alone gives a partial list. None otherwise."""
    parent = e.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag in _SKIP_TAGS:
        return None
    text = " ".join(" ".join(parent.itertext()).split())
    if not 2 <= len(text.split()) <= _WHOLE_BYLINE_WORDS:
        return None
    more = _names_of(text, b)
    if more and len(more) > len(names) and {_norm(n) for n in names} <= {_norm(n) for n in more}:
        return more, text
    return None


_AGENCY_BRACKETS = re.compile(r"\s*\(([^()]+)\)\s*$")  # "Jane Doe (dpa)": the agency in brackets


def _agency_signed(form: str) -> list[str] | None:
    """The names of a byline that names its author and the news agency whose copy it is
    ("Jane Doe, AFP", "Anna Schmidt, dpa", "Jane Doe/dpa", "Jane Doe (dpa)": metadata._wire_byline,
    the agencies of photo_agencies.txt's wire-service sections), the agency an author of its own as
    the text route keeps it; None when no part is an agency or another part is no name."""
    from .metadata import _wire_byline, _wire_services

    names = _wire_byline(_AGENCY_BRACKETS.sub(r", \1", form))
    if names and len(names) >= 2 and any(n in _wire_services() for n in names):
        return names
    return None


def _read_names(form: str) -> list[str] | None:
    """The names of a byline form (metadata._byline_names); a form in capitals ("JANE DOE",
    "JANE DOE AND JOHN ROE": an old newspaper's byline style) is read in title case, its join
    words in lower case (also when the page writes them so: "JANE DOE and JOHN ROE"), and the
    names are given as the page writes them. A news agency beside
    the name is kept (`_agency_signed`), and so is one that signs alone ("Reuters")."""
    from .metadata import _byline_names, _wire_services

    if names := _agency_signed(form):
        return names
    if form.strip() in _wire_services():
        return [form.strip()]  # "Reuters – 1 hour ago": the agency signs alone
    if names := _byline_names(form, None):
        return names
    form = " ".join(form.split())
    joins = _folded("page_authors.joins")
    # the join words may be in lower case between names in capitals ("JANE DOE and JOHN ROE")
    if any(c.islower() for w in form.split() if w.casefold() not in joins for c in w) or sum(
            c.isalpha() for c in form) < 4:
        return None
    titled = " ".join(w.lower() if w.casefold() in joins else w.title() for w in form.split())
    out = []
    for name in _byline_names(titled, None) or []:
        at = titled.find(name)
        out.append(form[at:at + len(name)] if at >= 0 else name)
    return out or None


_BYLINE_PIECE_END = re.compile(r"\s+[|–—]\s+.*|\s+-\s+.*", re.DOTALL)
# "NBC's Chuck Todd, ...": an outlet's possessive before the names (a capitalised word, no name)
_OUTLET_POSSESSIVE = re.compile(r"^[A-Z][A-Za-z0-9.&-]*['’]s\s+(?=[A-Z])")
# a social-media handle after a name, in brackets or not: "Jane Doe (@janedoe)"
_HANDLE = re.compile(r"\s*\(\s*@\w+\s*\)|\s+@\w+\b")


@lru_cache(maxsize=None)
def _interface_re() -> re.Pattern[str]:
    """A page tool's interface word (headline.interface), as title_over_text and byline_over_text
    test it (word bounds `\\b`, not metadata's headline pattern)."""
    from .wordtables import tables

    return re.compile(rf"\b(?:{'|'.join(tables().words('headline.interface'))})\b", re.IGNORECASE)


@lru_cache(maxsize=None)
def _form_patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str], re.Pattern[str]]:
    """`_byline_forms`' patterns, built once from the word tables (it runs per candidate element):
    a leading byline label, a label word after a stamp, a serial comma before a join."""
    from .wordtables import tables

    prefixes = tables().words("page_authors.prefixes")
    labels = "|".join(re.escape(x) for x in sorted(prefixes, key=len, reverse=True))
    unlabel = re.compile(rf"^(?i:{labels})\s*:?\s+") if labels else None
    after = re.compile(rf"\d\S*\s+(?i:{'|'.join(re.escape(x) for x in prefixes if ' ' not in x)})\s+(\S.*)")
    joins = "|".join(re.escape(x) for x in tables().words("page_authors.joins"))
    return unlabel, after, re.compile(rf",\s+({joins})\s+")


def _byline_forms(text: str) -> list[str]:
    """The readings of a byline element's text, each tried in turn: as it stands; without a
    leading label (page_authors.prefixes, a colon after it: "Posted by: Jane Doe", "Written by
    Jane Doe"); its first piece before a separator ("Jane Doe | Reuters – 1 hour ago": the
    outlet and the time after it); that piece's words before its first interface word when a row
    of three words or more starts there ("Jane Doe View Profile Email Twitter RSS": the byline's
    tools after the name). Then the forms of bylines written with their stamp or their outlet:
    the words before the first date ("Jane Doe 16 Jan 2008 12:25 GMT"); the words after a label
    that follows a stamp ("Aug 09 1:44p by Jane Doe"); the names without an outlet's possessive
    before them and with a serial comma before the last join ("NBC's Jane Doe, John Roe, and Ann
    Poe"); the names without the social-media handles after them ("Jane Doe (@janedoe) and John
    Roe (@jroe)")."""
    from .metadata import _by_patterns, _hd_patterns

    unlabel, after_label, serial_comma = _form_patterns()
    unlabelled = unlabel.sub("", text) if unlabel is not None else text
    piece = _BYLINE_PIECE_END.sub("", unlabelled)
    ui = _by_patterns()["ui"].search(piece)
    # a row of tools (three words or more from the first interface word on), not one desk word
    # after the name ("Jane Doe BBC News": the outlet, which the name reader handles)
    before_tools = piece[: ui.start()].strip() if ui and len(piece[ui.start():].split()) >= 3 else piece
    out: list[str] = []
    for form in (text, unlabelled, piece, before_tools):
        if form and form not in out:
            out.append(form)
    date = _hd_patterns()["date"].search(piece)
    before_date = piece[: date.start()].strip(" ,|·•/–—-") if date and date.start() > 0 else ""
    # a label word ("by", "von") after a stamp: the names follow it
    after = after_label.search(text)
    plain = serial_comma.sub(r" \1 ", _OUTLET_POSSESSIVE.sub("", before_tools))
    unhandled = _HANDLE.sub("", unlabelled).strip()  # "Jane Doe (@janedoe) and John Roe (@jroe)"
    for form in (before_date, after.group(1) if after else "", plain, unhandled):
        if form and form not in out:
            out.append(form)
    return out


def labelled_date(page: str, labels: tuple[str, ...]) -> str | None:
    """The date a page writes after a publication label element ("<strong>Datum</strong>
    28.04.2023", "<dt>Published</dt><dd>5 June 2025</dd>"): ISO 8601, or None. Read with the
    text route's stamp reader (metadata._hd_patterns, _stamp_iso: numeric dates day first,
    ambiguous slash dates none). Asked only when the page has no timestamp of its own in its
    metadata (cleaner.html._with_time), where trafilatura's date is a guess from the text."""
    from .metadata import _hd_patterns, _stamp_iso

    if not labels:
        return None
    if (tree := _tree(page)) is None:
        return None
    wanted = {x.casefold() for x in labels}
    date = _hd_patterns()["date"]
    for e in tree.xpath("//strong | //b | //dt | //th | //span | //label"):
        label = " ".join(e.text_content().split()).rstrip(": ").casefold()
        if label not in wanted or e.xpath("ancestor::nav|ancestor::footer|ancestor::aside"):
            continue
        nxt = e.getnext()
        text = " ".join(((e.tail or "") + " " + (nxt.text_content() if nxt is not None else "")).split())[:80]
        if m := date.search(text):
            if iso := _stamp_iso(m.group("d"), m.group("t") or ""):
                return iso
    return None


_OFFSET_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2}:?\d{2}(?!\d)")


def _instant(ts: str) -> datetime | None:
    try:
        a = datetime.fromisoformat(ts)
    except ValueError:
        return None
    return a if a.tzinfo is not None else None


def local_form(ts: str | None, html: str) -> str | None:
    """`ts` as the page also writes it in its own time zone, when `ts` is in UTC ("...Z",
    "+00:00") and the page writes the same instant, to the second, with another offset
    ("2025-01-13T14:30:00Z" and "2025-01-13T23:30:00+09:00" in a <time> or JSON-LD): the day
    is the publisher's local day, the instant unchanged. Nothing is converted or guessed: a
    page that writes UTC only keeps it."""
    if not ts or not ts.endswith("+00:00") or (a := _instant(ts)) is None:
        return ts
    for m in _OFFSET_STAMP.finditer(html[:1_000_000]):
        c = _timestamp(m.group(0))
        if c and not c.endswith(("+00:00", "-00:00")) and (b := _instant(c)) is not None and a == b:
            return c
    return ts
