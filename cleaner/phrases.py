"""Phrase lexicons: whole-line interface labels ("Read more", "Teilen", "阅读更多"), per language.

A line rule may carry lists of phrases (inline `[rule.phrases]` per language, or `phrase_files`
naming folders of `<lang>.txt` files). A line matches when its normalised form (`normalise`)
equals a phrase, or a phrase followed by what the rule's `phrase_tail` allows, or preceded by a
count when its `phrase_lead` says so.

Matching costs the same for 10 phrases as for 10,000: all rules' phrases of a rule set go into
one dict (normalised phrase -> rule), and a line is looked up a handful of times: its whole
normalised form, without a trailing/leading count, and (for `phrase_tail = "any"` phrases) its
prefixes at word ends when its first word starts such a phrase, or, for phrases in a script
written without spaces (Chinese, Japanese), its prefixes of the lengths such phrases have. The
answer per line text is cached, and the engine asks once per live line and pass for all phrase
rules together (engine._with_phrase_lines).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Protocol

TAILS = ("none", "counter", "count", "any")
LEADS = ("none", "counter")
# BCP-47-ish: a 2-3 letter primary language subtag (ISO 639), optional subtags ("pt-br",
# "zh-hant", "sr-latn"); "mul" for phrases that are the same in every language ("WhatsApp").
LANG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")

# Characters stripped from both ends of a line (and a phrase) before lookup: white space,
# bullets, arrows, pipes and slashes, dashes, quotes, brackets; at the end also colons and
# ellipses ("Read more...", "Weiterlesen …", "Share:", "Read more. . .").
_BULLETS = "*•·∙◦▪▫■□●○◆◇★☆‣⁃⦁-–—―‐‑‒−~=+#"  # no "_": a word character (see _match)
_ARROWS = "→←↑↓↗↘⇒⇐⇢➔➜➝➞➡⟶▶▷►◀◁◄▸▹◂◃»«›‹><^"
_PIPES = "|¦‖/\\"
_QUOTES = "\"'“”„‟‘’‚‛`´「」『』《》〈〉【】〔〕"
_BRACKETS = "()[]{}"
_EDGE = " \t\u00a0¿¡" + _BULLETS + _ARROWS + _PIPES + _QUOTES + _BRACKETS
_EDGE_END = _EDGE + ":;,.…!"
# A count: digits with optional thousands/decimal separators and a k/m suffix ("12", "1.2k",
# "1,024"), optionally in brackets. Trailing: after a separator ("Share 0", "Comments (12)",
# "Likes · 1.2K", "Kommentare [3]"). Leading ("12 Comments") only where the rule says so.
_COUNT = r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)*)\s?[km]?"
# A count's separator from the phrase: a bracket, "·", "|", ":" or "/" (spaces around optional),
# or white space (with an optional dash after it); never a bare dash ("covid-19" has no count).
_TRAILING_COUNT = re.compile(r"(?:\s*[(\[{·•|:/]\s*|\s+(?:[-–—]\s*)?)[(\[]?(?:" + _COUNT + r")[)\]]?$")
_LEADING_COUNT = re.compile(r"^[(\[]?(?:" + _COUNT + r")[)\]]?(?:\s*[)\]}·•|:/]\s*|(?:\s*[-–—])?\s+)")
_WORD_RUN = re.compile(r"\w+")
#: marks that may end an "any" phrase before its tail (normalise keeps them)
_PHRASE_END_MARKS = "?!？！"
_SPACE = re.compile(r"\s+")


# Turkish i: "İ" case-folds to "i" + U+0307 and a Turkish "ı" stays "ı" while its capital "I"
# folds to "i", so "İLGİLİ HABERLER" / "YAZI" and the phrases "İlgili haberler" / "Yazı" would
# differ; both fold to a plain "i" (NFKC keeps every other dot above precomposed).
_TURKISH_I = str.maketrans({"ı": "i", "\u0307": None})


def _fold(text: str) -> str:
    """Case-fold `text`, with the Turkish i's folded to a plain "i" (see _TURKISH_I)."""
    s = text.casefold()
    return s.translate(_TURKISH_I) if ("ı" in s or "\u0307" in s) else s


def normalise(text: str) -> str:
    """The form a line (or a phrase) is looked up in: NFKC, case-folded (Turkish i's to "i"),
    white space collapsed to single spaces, surrounding bullets/arrows/pipes/dashes/quotes/
    brackets stripped, and trailing colons, dots and ellipses. "" when nothing is left."""
    s = _fold(unicodedata.normalize("NFKC", text))
    if "  " in s or "\t" in s or "\n" in s:  # NFKC made U+00A0, U+3000 ... plain spaces
        s = _SPACE.sub(" ", s)
    return s.lstrip(_EDGE).rstrip(_EDGE_END)


def strip_trailing_count(key: str) -> str | None:
    """`key` (normalised) without a trailing count ("share 12" -> "share"), None if it has none."""
    if len(key) < 3:
        return None
    c = key[-1]
    if not c.isdigit():  # normalise stripped a closing bracket; a count may end in k or m
        if c not in "km":
            return None
        c = key[-2] if key[-2] != " " else key[-3]
        if not c.isdigit():
            return None
    m = _TRAILING_COUNT.search(key)
    if m is None or m.start() == 0:
        return None
    return key[: m.start()].rstrip(_EDGE_END)


def strip_leading_count(key: str) -> str | None:
    """`key` (normalised) without a leading count ("12 comments" -> "comments"), else None."""
    if not key or not (key[0].isdigit() or key[0] in "(["):
        return None
    m = _LEADING_COUNT.match(key)
    if m is None or m.end() == len(key):
        return None
    return key[m.end():].lstrip(_EDGE)


def _spaceless(ch: str) -> bool:
    """A character of a script written without spaces between words (Han, kana, Thai, ...)."""
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF  # hiragana, katakana
        or 0x3400 <= o <= 0x4DBF  # CJK extension A
        or 0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= o <= 0xFAFF  # CJK compatibility ideographs
        or 0x0E00 <= o <= 0x0EFF  # Thai, Lao
        or 0x1000 <= o <= 0x109F  # Myanmar
        or 0x1780 <= o <= 0x17FF  # Khmer
        or 0x20000 <= o <= 0x3134F  # CJK extensions B-G
    )


def tail_words(rest: str) -> int:
    """Words in what follows an "any" phrase: \\w runs, each character of a spaceless script
    counting as half a word (about two characters per word in Chinese and Japanese)."""
    n = 0
    for w in _WORD_RUN.findall(rest):
        cjk = sum(1 for ch in w if _spaceless(ch))
        n += (1 if cjk < len(w) else 0) + (cjk + 1) // 2
    return n


# ---------------------------------------------------------------------------------------------
# Loading


class PhraseError(ValueError):
    """A phrase list is broken; the loader turns it into a RuleError naming file and rule."""


def read_phrase_file(path: Path) -> list[str]:
    """One phrase a line; `#` starts a comment line; blank lines are ignored."""
    from .io import read_config_text

    try:
        text = read_config_text(path)  # only a regular file, bounded: a FIFO must not hang the loader
    except FileNotFoundError:
        raise PhraseError(f"phrase file {path} not found") from None
    except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        raise PhraseError(f"phrase file {path}: cannot read: {exc}") from None
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def read_phrase_folder(pack_dir: Path, name: str) -> dict[str, list[str]]:
    """lang -> phrases from the `<lang>.txt` files of folder `name` (relative to the pack's folder)."""
    rel = Path(name)
    if rel.is_absolute() or ".." in rel.parts:
        raise PhraseError(f"phrase_files: {name!r} must be a folder inside the pack's folder")
    folder = pack_dir / rel
    if not folder.is_dir():
        raise PhraseError(f"phrase folder {folder} not found")
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise PhraseError(f"phrase folder {folder} holds no <lang>.txt file")
    out: dict[str, list[str]] = {}
    for f in files:
        out[f.stem] = read_phrase_file(f)
    return out


def check_lang(lang: str) -> None:
    if not isinstance(lang, str) or not LANG.fullmatch(lang):
        raise PhraseError(f"{lang!r} is not a language code (expected e.g. en, de, pt-br, zh-hant, mul)")


def compile_phrases(lists: Iterable[tuple[str, str, Iterable[str]]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(lang, where, raw phrases) lists -> per language its normalised phrases (sorted, deduplicated).

    `where` names the source in errors ("phrases.en", "phrases/share/de.txt")."""
    merged: dict[str, set[str]] = {}
    for lang, where, raw in lists:
        check_lang(lang)
        bucket = merged.setdefault(lang, set())
        for phrase in raw:
            if not isinstance(phrase, str):
                raise PhraseError(f"{where}: phrases must be strings (got {phrase!r})")
            key = normalise(phrase)
            if not key:
                raise PhraseError(f"{where}: phrase {phrase!r} is empty after normalisation")
            bucket.add(key)
    return tuple((lang, tuple(sorted(ps))) for lang, ps in sorted(merged.items()) if ps)


class PhraseRule(Protocol):
    """What this module reads of a rule (cleaner.ruleset.Rule has it): its phrase lists and how
    they match, the labels of a row rule, and its id and origin for messages. Declared here so
    that this module needs nothing of the loader, which sits above it (it parses the rules'
    phrase lists with the functions above)."""

    @property
    def id(self) -> str: ...
    @property
    def origin(self) -> str: ...
    @property
    def span(self) -> str: ...
    @property
    def phrases(self) -> tuple[tuple[str, tuple[str, ...]], ...]: ...
    @property
    def phrase_tail(self) -> str: ...
    @property
    def phrase_lead(self) -> str: ...
    @property
    def phrase_tail_max_words(self) -> int | None: ...
    @property
    def phrase_row(self) -> frozenset[str]: ...
    @property
    def phrase_pair(self) -> frozenset[str]: ...


def check_unique(rules: Iterable[PhraseRule]) -> str | None:
    """A message naming the first phrase two rules share, else None. Section headers (the
    phrases of a span = "rest" rule) are a table of their own: a header may also be a phrase of
    a line rule ("12 Comments" opens a thread where the section rule finds one; elsewhere the
    line rule drops it as a counter)."""
    owner: dict[tuple[str, bool], PhraseRule] = {}
    for rule in rules:
        section = rule.span == "rest"
        for lang, phrases in rule.phrases:
            for p in phrases:
                other = owner.setdefault((p, section), rule)
                if other is not rule:
                    return (f"{rule.origin}: {rule.id}: phrase {p!r} ({lang}) is also in {other.id} "
                            f"({other.origin}); a phrase belongs to one rule")
    return None


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True)
class _Entry:
    rule: str
    tail: str  # none | counter (a count may follow) | count (a count must come) | any
    lead: bool  # a leading count may precede the phrase
    max_tail_words: int | None  # "any": at most this many words after the phrase


class PhraseIndex:
    """Every phrase of a rule set in one dict; `match(line)` gives the ids of the rules whose
    phrases the line matches (usually none), cached per line text.

    Per line: one normalisation (of the first `max_len` characters only, for a line longer than
    any phrase with a count and decoration: there only an "any" phrase can match), one lookup
    of the whole, one without a trailing and/or leading count; and for "any" phrases, prefixes
    at word ends only when the line's first word starts such a phrase (`first_words`), or
    prefixes of the lengths of the spaceless-script phrases that start with the line's first
    character."""

    CACHE = 65536

    def __init__(self, rules: Iterable[PhraseRule]) -> None:
        rules = tuple(rules)
        self.table: dict[str, _Entry] = {}
        # "any" phrases: per first word (\w run), the most words such a phrase has
        self.first_words: dict[str, int] = {}
        self.odd_start = 0  # most words of an "any" phrase that does not start with a word
        lengths: dict[str, set[int]] = {}  # first character -> lengths of spaceless "any" phrases
        # Section headers (span = "rest" rules) may repeat a line rule's phrase: their own table,
        # looked up with the same keys (no "any" tails).
        self.sections: dict[str, _Entry] = {}
        self.leads = False
        max_len = 0
        # Row rules (phrase_row_from): lines made of several labels of the rules they name.
        self.rows = tuple(RowIndex(r.id, r.phrase_row, r.phrase_pair) for r in rules if r.phrase_row)
        for rule in rules:
            if not rule.phrases:
                continue
            entry = _Entry(rule.id, rule.phrase_tail, rule.phrase_lead == "counter", rule.phrase_tail_max_words)
            self.leads |= entry.lead
            for _, phrases in rule.phrases:
                for p in phrases:
                    if rule.span == "rest":
                        self.sections.setdefault(p, entry)
                        max_len = max(max_len, len(p))
                        continue
                    self.table.setdefault(p, entry)
                    max_len = max(max_len, len(p))
                    if entry.tail != "any":
                        continue
                    words = len(_WORD_RUN.findall(p))
                    first = _WORD_RUN.match(p)
                    if first is None:
                        self.odd_start = max(self.odd_start, words)
                    else:
                        w = first.group()
                        self.first_words[w] = max(self.first_words.get(w, 0), words)
                    if _spaceless(p[0]):
                        lengths.setdefault(p[0], set()).add(len(p))
        self.spaceless = {ch: tuple(sorted(ls)) for ch, ls in lengths.items()}
        self.any = bool(self.first_words or self.odd_start or self.spaceless)
        # A line longer than this can only match an "any" phrase (a phrase, a count, decoration).
        self.max_len = max_len + 40
        if self.rows:  # a row rule's lines may be longer than any phrase of the table (or it has none)
            self.max_len = max(self.max_len, ROW_MAX_CHARS)
        self._cache: dict[str, tuple[str, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self.table or self.sections or self.rows)

    def match(self, line: str) -> tuple[str, ...]:
        """Ids of the rules whose phrases `line` matches (cached per text)."""
        hit = self._cache.get(line)
        if hit is None:
            if len(self._cache) >= self.CACHE:
                self._cache.clear()
            hit = self._cache[line] = self._match(line)
        return hit

    def _match(self, line: str) -> tuple[str, ...]:
        short = len(line) <= self.max_len
        if not short:
            if not self.any:
                return ()
            if line.isascii() and not self.odd_start:
                # Only an "any" phrase can match, and it starts with the line's first word: for
                # ASCII, normalising changes no word character but the case, and strips none.
                first = _WORD_RUN.search(line)
                if first is None or first.group().lower() not in self.first_words:
                    return ()
        key = normalise(line if short else line[: self.max_len])
        if not key:
            return ()
        out: list[str] = []
        if short:
            bare = strip_trailing_count(key)
            for table in (self.table, self.sections) if self.sections else (self.table,):
                e = table.get(key)
                if e is not None and e.tail != "count":
                    out.append(e.rule)
                if bare:
                    e = table.get(bare)
                    if e is not None and e.tail != "none" and e.rule not in out:
                        out.append(e.rule)
                if self.leads:
                    for k, counted in ((key, False), (bare, True)):
                        body = strip_leading_count(k) if k else None
                        e = table.get(body) if body else None
                        if e is not None and e.lead and (not counted or e.tail != "none") and e.rule not in out:
                            out.append(e.rule)
        if self.any:
            for e, end in self._prefixes(key):
                if e.rule in out:
                    continue
                if e.max_tail_words is not None:
                    rest = key[end:] if short else normalise(line)[end:]
                    if tail_words(rest) > e.max_tail_words:
                        continue
                out.append(e.rule)
        if self.rows and short and not out:
            for row in self.rows:
                if row.match(line, key):
                    out.append(row.rule)
        return tuple(out)

    def _prefixes(self, key: str) -> list[tuple[_Entry, int]]:
        """("any" entry, end of the phrase in key) for the "any" phrases that start `key` and do
        not make up all of it: at word ends, and for spaceless scripts at phrase lengths."""
        table = self.table
        out: list[tuple[_Entry, int]] = []
        n = len(key)
        sizes = self.spaceless.get(key[0]) if self.spaceless else None
        if sizes:
            for length in sizes:
                if length >= n:
                    break
                e = table.get(key[:length])
                if e is not None and e.tail == "any":
                    out.append((e, length))
        first = _WORD_RUN.match(key)
        most = self.first_words.get(first.group(), 0) if first is not None else 0
        most = max(most, self.odd_start)
        if most:
            words = 0
            for m in _WORD_RUN.finditer(key):
                words += 1
                if words > most:
                    break
                end = m.end()
                if end >= n:
                    break  # the whole line: looked up already
                e = table.get(key[:end])
                if e is None:
                    # a phrase that ends in a question or exclamation mark ("Have a news tip?",
                    # "Comments? Suggestions?") is stored with it: look past the marks too
                    stop = end
                    while stop < n and key[stop] in _PHRASE_END_MARKS:
                        stop += 1
                    if end < stop < n:
                        e, end = table.get(key[:stop]), stop
                if e is not None and e.tail == "any":
                    out.append((e, end))
        return out


# ---------------------------------------------------------------------------------------------
# Label rows: a line made of several labels ("Print Email Return to Top", "Tweet Pin It",
# "Share on FacebookShare", "FacebookXWhatsApp", "E-paperNewsletterRätsel", "分享微博微信")

# Between two labels of a row: white space, pipes, slashes, bullets, dots, commas, dashes and
# counts ("Facebook 12 Twitter 3", "Permalink | Comments (0)"). A dash or dot inside a word ("E-paper", "t.me") is a
# separator too, but a label that holds one still matches whole: a segment runs from one
# boundary to any later one, with what lies between kept.
_ROW_SEP = frozenset(" \t\u00a0|¦‖/\\·•∙◦▪■●◆★‣⁃⦁.,;:–—―-~+>»›<«‹→←()[]0123456789")
# A row longer than this (characters, normalised) is not looked at: a label row is short.
ROW_MAX_CHARS = 90
ROW_MAX_SPACELESS = 40  # a row in a script without spaces: every character is a boundary


def _row_boundaries(s: str, folded: list[str]) -> tuple[str, list[int], dict[int, tuple[int, bool]]]:
    """`s` (NFKC, white space collapsed, edges stripped, case kept) folded character by
    character, and its boundaries: positions (in the folded text) where a label may start, and
    per position where a label may end the position the next label may start from and whether
    the join is weak (a single space or hyphen, or two characters of a script without spaces:
    how two words of prose meet too, "auto-login").

    A label may end before a run of separators (the next one starts after it), at the end,
    or glued: before an upper-case letter that follows a lower-case one ("FacebookShare"), before
    an upper-case letter that starts a capitalised word after another capital ("XWhatsApp"), and
    between two characters of a script written without spaces ("分享微博")."""
    pos: list[int] = []  # folded index of each character of s
    n = 0
    for piece in folded:
        pos.append(n)
        n += len(piece)
    text = "".join(folded)
    starts: list[int] = [0]
    ends: dict[int, tuple[int, bool]] = {}
    k = 0
    m = len(s)
    while k < m:
        c = s[k]
        if c in _ROW_SEP:
            j = k
            while j < m and s[j] in _ROW_SEP:
                j += 1
            if k > 0:
                if j < m:
                    ends[pos[k]] = (pos[j], j == k + 1 and c in " -‐")
                    starts.append(pos[j])
                else:  # a trailing count or separator: the row ends here
                    ends[pos[k]] = (n, False)
            k = j
            continue
        if k > 0:
            p = s[k - 1]
            if c.isupper() and (p.islower() or (p.isupper() and k + 1 < m and s[k + 1].islower())):
                ends[pos[k]] = (pos[k], False)
                starts.append(pos[k])
            elif _spaceless(c) and _spaceless(p):
                ends[pos[k]] = (pos[k], True)
                starts.append(pos[k])
        k += 1
    ends.setdefault(n, (n, False))
    return text, starts, ends


def segment_row(line: str, labels: "frozenset[str] | set[str]",
                pair: "frozenset[str] | set[str] | None" = None) -> list[str] | None:
    """The labels `line` consists of, in order, when it segments completely into at least two
    of `labels` (normalised phrases) with separators or glue between them (`_row_boundaries`);
    else None. A dynamic program over the boundaries: from each reachable start, every boundary
    end after it whose span is a label; the segmentation with the most labels wins.

    With `pair`: a row of two labels joined weakly (one space or hyphen: "World news",
    "Graphics settings", "auto-login"; or run together in a script without spaces: "国際経済") reads as prose too, and
    counts only when both labels are in `pair` (buttons such as "Print Email"); so does a
    longer row run together in a script without spaces."""
    s = unicodedata.normalize("NFKC", line)
    if "  " in s or "\t" in s or "\n" in s or "\u00a0" in s:
        s = _SPACE.sub(" ", s)
    s = s.lstrip(_EDGE).rstrip(_EDGE_END)
    if not s or s[0].isdigit():
        return None
    folded = [c.casefold() for c in s]
    if "ı" in s or "İ" in s or "\u0307" in s:  # rare: fold only then (a call per character cost more)
        folded = [f.translate(_TURKISH_I) for f in folded]
    text, starts, ends = _row_boundaries(s, folded)
    n = len(text)
    end_list = sorted(ends)
    # start -> (labels, weak joins, from start, label end)
    best: dict[int, tuple[int, int, int, int]] = {0: (0, 0, -1, -1)}
    for q in sorted(set(starts)):
        here = best.get(q)
        if here is None:
            continue
        for e in end_list:
            if e <= q:
                continue
            if text[q:e] in labels:
                nxt, weak = ends[e]
                cand = (here[0] + 1, here[1] + (weak and e < n), q, e)
                old = best.get(nxt)
                # most labels; among equals, fewest weak joins
                if old is None or (cand[0], -cand[1]) > (old[0], -old[1]):
                    best[nxt] = cand
    done = best.get(n)
    if done is None or done[0] < 2:
        return None
    out: list[str] = []
    at = n
    spaceless_glue = False
    while at:
        _, _, q, e = best[at]
        out.append(text[q:e])
        if e < n and ends[e][1] and ends[e][0] == e:
            spaceless_glue = True
        at = q
    out.reverse()
    if pair is not None and done[1] == len(out) - 1 and (len(out) == 2 or spaceless_glue):
        if not all(label in pair for label in out):
            return None
    return out


class RowIndex:
    """The labels of the rules a row rule names (`phrase_row_from`), and a cheap check that lets
    only a few lines reach the dynamic program: short, and the normalised line's first word
    starts with the first word of a label and its last word ends with the last word of one."""

    def __init__(self, rule: str, labels: Iterable[str], pair: Iterable[str] = ()) -> None:
        self.rule = rule
        self.labels = frozenset(labels)
        self.pair = frozenset(pair)
        firsts: set[str] = set()
        lasts: set[str] = set()
        for p in self.labels:
            words = _WORD_RUN.findall(p)
            if words:
                firsts.add(words[0])
                lasts.add(words[-1])
        self.firsts = firsts
        self.lasts = lasts
        self.first_lengths = tuple(sorted({len(w) for w in firsts}))
        self.last_lengths = tuple(sorted({len(w) for w in lasts}))

    def _edge_word(self, word: str, words: set[str], lengths: tuple[int, ...], head: bool) -> bool:
        if word in words:
            return True
        n = len(word)
        for length in lengths:
            if length >= n:
                return False
            if (word[:length] if head else word[n - length:]) in words:
                return True
        return False

    def may_match(self, key: str) -> bool:
        """Whether normalised line `key` may be a row (no false negative for a row of labels
        that start and end with a word character)."""
        if len(key) > ROW_MAX_CHARS or (_spaceless(key[0]) and len(key) > ROW_MAX_SPACELESS):
            return False
        first = _WORD_RUN.match(key)
        if first is None or not self._edge_word(first.group(), self.firsts, self.first_lengths, True):
            return False
        k = len(key)
        j = k
        while j and not (key[j - 1].isalnum() or key[j - 1] == "_"):
            j -= 1
        i = j
        while i and (key[i - 1].isalnum() or key[i - 1] == "_"):
            i -= 1
        if i == j:
            return False
        last = key[i:j]
        if last.isdigit():  # a trailing count: "Facebook 12 Twitter 3"
            return True
        return self._edge_word(last, self.lasts, self.last_lengths, False)

    def match(self, line: str, key: str) -> bool:
        return self.may_match(key) and segment_row(line, self.labels, self.pair) is not None
