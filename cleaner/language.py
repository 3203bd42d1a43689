"""The document's language, as a BCP 47 code: from the page's markup when it says, else identified
from the clean text by CLD2 (pycld2), else null.

Evidence, in order (the first that gives a valid code wins; `fields_from.language` names it):

1. HTML pages: ``<html lang>`` (or ``xml:lang``) -> ``"html lang"``; ``<meta http-equiv=
   "content-language">`` with one language -> ``"content-language"``; ``<meta property=
   "og:locale">`` -> ``"og:locale"``. The page's own statement is used whatever the length of
   the text. When the identifier reads the text as another language, both are kept under
   ``conflicts.language`` (a CMS's default ``lang="en"`` on an isiZulu site is seen there).
2. Any document: CLD2 on the clean text, when there is enough of it (``MIN_WORDS`` words and
   ``MIN_LETTERS`` letters; a Han or kana character counts as a word) and CLD2 calls its answer
   reliable -> ``"identifier"``. CLD2's model is compiled into the pycld2 wheel: nothing is
   downloaded, and it is imported on the first document long enough to need it.
3. Otherwise null: a short text, an unreliable answer, a language CLD2 only knows by its script,
   or pycld2 not installed (it has no wheel for some platforms; pyproject.toml installs it only
   where it has one). Never a guess.

Codes are normalised one way for both sources: the primary language subtag lower-cased, with
the deprecated ISO codes replaced (``iw`` -> ``he``, ``in`` -> ``id``, ``ji`` -> ``yi``, CLD2's
``jw`` -> ``jv``, ``mo`` -> ``ro``), plus a script subtag when the source writes one
(``sr-Latn``); the region and anything after it is dropped (``de-DE`` -> ``de``, ``pt_BR`` ->
``pt``). Chinese keeps the one distinction a reader needs: Traditional script is ``zh-Hant``
(written so, or implied by the region ``TW``, ``HK`` or ``MO``), anything else ``zh`` (CLD2's
codes for the two). Norwegian stays as written (``nb`` from markup, ``no`` from CLD2);
``same()`` takes them as one language.
"""

from __future__ import annotations

import re

MIN_WORDS = 20
MIN_LETTERS = 100
MAX_CHARS = 100_000  # the identifier reads at most this much of a document (a long one is not more certain)

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?(?:[-_][A-Za-z0-9]{1,8})*$")
_DEPRECATED = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro"}
# The primary subtags taken as languages: ISO 639-1 (every two-letter code), and the three-letter
# codes of languages without one that CLD2 names or pages commonly write. Anything else in a
# lang attribute ("utf-8" in a content-language <meta>, "und", "english") is not a language.
_LANGS = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de"
    " dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id"
    " ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu"
    " lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu"
    " rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to"
    " tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
    # three letters: CLD2's, then a few more that pages write
    " ceb chr crs gaa haw hmn kha kri lif loz lua luo mfe new nso pam raj sco syr tum war"
    " ast bho ckb dsb fil fur gsw hsb kok mai mni nds sah sat yue".split()
)
_HANT_REGIONS = {"TW", "HK", "MO"}
_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+")
# What CLD2 refuses as "invalid UTF-8": control characters, surrogates, noncharacters
_CLD2_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def normalise(tag: str | None) -> str | None:
    """A language tag as this module writes it (see the module docstring), or None when it is
    not one: 'de-DE' -> 'de', 'zh-TW' -> 'zh-Hant', 'en_US' -> 'en', 'und' / 'english' / 'utf-8' -> None."""
    m = _TAG.match((tag or "").strip())
    if not m:
        return None
    lang, script, region = m.group(1).lower(), m.group(2), m.group(3)
    lang = _DEPRECATED.get(lang, lang)
    if lang not in _LANGS:
        return None
    script = script.title() if script else None
    if lang == "zh":
        hant = script == "Hant" or (script is None and region is not None and region.upper() in _HANT_REGIONS)
        return "zh-Hant" if hant else "zh"
    return f"{lang}-{script}" if script else lang


def same(a: str | None, b: str | None) -> bool:
    """Whether two codes name one language: the primary subtags, with Norwegian no = nb."""
    if not a or not b:
        return False
    pa, pb = (x.split("-")[0].lower() for x in (a, b))
    return {pa, pb} <= {"no", "nb"} or pa == pb


# --- the page's markup --------------------------------------------------------------------

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_LANG_ATTR = re.compile(r"""\blang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""


def _attr(tag: str, name: str) -> str | None:
    m = re.search(_ATTR.format(name), tag, re.IGNORECASE)
    return next((g for g in m.groups() if g is not None), None) if m else None


def page_language(html: str) -> tuple[str, str] | None:
    """(code, evidence) from the page's markup, or None: ``<html lang>`` first, then a
    content-language ``<meta>`` naming one language, then ``og:locale``."""
    head = html[:400_000]
    m = _HTML_TAG.search(head)
    if m:
        code = normalise(_attr(m.group(0), "lang"))
        if code:
            return code, "html lang"
    http_equiv = og = None
    for mm in _META.finditer(head):
        tag = mm.group(0)
        if http_equiv is None and (_attr(tag, "http-equiv") or "").strip().lower() == "content-language":
            langs = {normalise(v) for v in re.split(r"[,;\s]+", _attr(tag, "content") or "") if v}
            if len(langs) == 1:  # "de, en": the page is for two audiences, which says nothing about its text
                http_equiv = langs.pop()
        if og is None and (_attr(tag, "property") or _attr(tag, "name") or "").strip().lower() == "og:locale":
            og = normalise(_attr(tag, "content"))
    if http_equiv:
        return http_equiv, "content-language"
    if og:
        return og, "og:locale"
    return None


# --- the identifier -----------------------------------------------------------------------


def enough_text(text: str) -> bool:
    """At least MIN_WORDS words and MIN_LETTERS letters (a Han or kana character is a word)."""
    letters = words = 0
    for m in _WORD.finditer(text, 0, MAX_CHARS):  # stops as soon as there is enough
        w = m.group()
        letters += len(w)
        if w.isascii():
            words += 1
        else:
            han = len(_HAN.findall(w))
            words += han + (han < len(w))
        if words >= MIN_WORDS and letters >= MIN_LETTERS:
            return True
    return False


_cld2 = None  # the pycld2 module once imported; False when it is not installed


def available() -> bool:
    """Whether the identifier is installed (pycld2); without it the field comes from markup or is null."""
    global _cld2
    if _cld2 is None:
        try:
            import pycld2  # compiled, model inside: imported on first use (start-up of `cleaner check`)
        except ImportError:
            _cld2 = False
        else:
            _cld2 = pycld2
    return _cld2 is not False


def identify(text: str) -> str | None:
    """The language CLD2 reads in the text, when the text is long enough and CLD2 calls its
    answer reliable; else None (also when pycld2 is not installed)."""
    if not enough_text(text) or not available():
        return None
    sample = _CLD2_BAD.sub(" ", text[:MAX_CHARS])
    try:
        reliable, _, details = _cld2.detect(sample, isPlainText=True)
    except _cld2.error:
        return None
    # None for CLD2's "un" (unknown), "xx-Latn" (only the script known) and "zzb"-like internals
    return normalise(details[0][1]) if reliable else None
