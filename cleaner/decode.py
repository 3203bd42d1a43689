"""Bytes to normalised text: BOMs, charset detection, NFC, newlines.

Never raises anything but NotText: a file that is binary or cannot be read as text in any
encoding is reported by the caller with its path, and the batch goes on.

Every decision is made once for the whole input, never on a first block only:
- a BOM names the encoding;
- NUL bytes mean UTF-16 without a BOM when they sit in every other byte (the high bytes of
  the code units) and the whole input reads as UTF-16 text; a few stray NULs (at most one per
  _BYTES_PER_NUL bytes, as real web pages have: 27 in a 33 KB page, 22 in a 195 KB page of the
  dev data) separate words (`normalise` makes each a space); more mean binary; UTF-8 text with
  NULs is never taken for UTF-16 (_eight_bit_with_nuls);
- input that is UTF-8 apart from a few invalid bytes stays UTF-8: the invalid bytes become
  U+FFFD and are counted (`Decoded.replaced_bytes`). Another charset is chosen only on real
  evidence (see _utf8_or_detected);
- too many control characters anywhere mean binary.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

import regex

SAMPLE = 65536  # characters judged by the UTF-16 plausibility check
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])  # the same, as bytes
_SMALL_BYTES = bytes([*range(0x01, 0x0A), *range(0x0B, 0x0D), *range(0x0E, 0x20)])  # controls and tab, not LF/CR
_CONTROL_SHARE = 0.05  # more control characters than this share of the text: binary
# UTF-8 with errors is kept as UTF-8 while its valid multi-byte sequences outnumber its invalid
# sequences by this factor. Legacy CJK encodings (the ones that make valid UTF-8 sequences most
# often by chance) stayed below 1 in every multi-line sample measured, and below 2 in every
# single line; European single-byte code pages make almost none.
_UTF8_EVIDENCE = 2
# ... or when it has valid ones and its invalid ones are rare: at most one per this many bytes.
# Legacy CJK text has one every few bytes, German or French in cp1252 one every 50-100.
_BYTES_PER_INVALID = 200
_HIGH = bytes(range(0x80, 0x100))
# Binary formats have NULs every few bytes (random or compressed data one per 256, images and
# executables far more); text with stray NULs has them rarely.
_BYTES_PER_NUL = 500
# BOM-less UTF-16 is guessed only on inputs at least this long: a few ASCII words around a NUL
# ("glued\x00words\n") also decode as UTF-16, into CJK-looking nonsense.
_UTF16_MIN_BYTES = 64
_UNLIKELY = frozenset(("Cn", "Co", "Cs", "Cc"))  # unassigned, private use, surrogate, control
_NEWLINES = regex.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_NEWLINE_CHARS = ("\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")  # what _NEWLINES starts with
_TRAILING = " \t\u00a0"  # stripped from the end of every line


class NotText(Exception):
    """The input is not text (binary, or undecodable in any encoding)."""


@dataclass(frozen=True)
class Decoded:
    """A decoded input: its text, the encoding read, and what could not be read."""

    text: str
    encoding: str
    replaced_bytes: int = 0  # bytes that were not valid UTF-8, each run replaced by U+FFFD
    first_replaced: int | None = None  # offset of the first of them


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise NotText for binary or undecodable input."""
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole input (see the module docstring); raise NotText when it is not text."""
    if not data:
        return Decoded("", "utf-8")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {enc} byte-order mark but is not valid {enc}: {exc.reason}") from None
    nuls = data.count(0)
    decoded = None
    if nuls:
        if not _eight_bit_with_nuls(data, nuls):
            decoded = _utf16_without_bom(data)
        if decoded is None and nuls * _BYTES_PER_NUL > len(data):
            raise NotText(f"binary file (a NUL byte at byte {data.index(0)})")
    if decoded is None:
        try:
            decoded = Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError as exc:
            decoded = _utf8_or_detected(data, exc.start)
    if decoded.encoding == "utf-8":  # control characters are control bytes: counted in C
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL.findall(decoded.text))
    if controls > _CONTROL_SHARE * len(decoded.text):
        raise NotText("binary file (too many control characters)")
    return decoded


def _eight_bit_with_nuls(data: bytes, nuls: int) -> bool:
    """UTF-8 (or ASCII) text with NUL bytes in it, not UTF-16: NULs are under a quarter of the
    bytes (UTF-16 of Latin text has nearly half) and the rest is valid UTF-8 (UTF-16 of CJK text
    is not). Such text also decodes as UTF-16, into CJK-looking nonsense."""
    if nuls * 4 >= len(data):
        return False
    rest = data.replace(b"\x00", b"")
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # UTF-16 of Greek, Cyrillic, Arabic or Indic text is valid UTF-8 too, its high bytes being
    # control bytes (0x03, 0x04, 0x06, 0x09 tab): text has few of those
    controls = len(rest) - len(rest.translate(None, _SMALL_BYTES))
    return controls <= _CONTROL_SHARE * len(rest)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a BOM, told by its NUL bytes: the high byte of every code unit below
    U+0100 (spaces, digits, newlines, Latin letters) is NUL, so NULs gather on one side (odd
    offsets for little-endian). Binary data has NULs on both sides, NUL code units (runs of
    zeros), or does not decode (unpaired surrogates); None when it is not UTF-16 text."""
    if len(data) % 2 or len(data) < _UTF16_MIN_BYTES:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 4 * even and odd:
        enc = "utf-16-le"
    elif even >= 4 * odd and even:
        enc = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    sample = text[:SAMPLE]
    if "\x00" in text or sum(unicodedata.category(c) in _UNLIKELY and c not in "\t\n\r" for c in sample) > 0.01 * len(sample):
        return None
    return Decoded(text, enc)


def _utf8_or_detected(data: bytes, first: int) -> Decoded:
    """Input that is not valid UTF-8: UTF-8 with its invalid bytes replaced, unless the evidence
    points to another charset.

    A text written in a legacy charset makes valid UTF-8 multi-byte sequences only by chance,
    and has invalid ones wherever it has a non-ASCII letter; a UTF-8 text with a few bad bytes
    has valid sequences wherever it has a non-ASCII letter, and only a few invalid ones. So it
    stays UTF-8 when its valid multi-byte sequences outnumber its invalid sequences clearly
    (_UTF8_EVIDENCE), or when it has valid ones and its invalid ones are rare
    (_BYTES_PER_INVALID). Otherwise (pure ASCII with a few high bytes, a short text) a charset
    detector reads it, but its choice must keep the ASCII characters (see _keeps_ascii; all of
    them when the high bytes are rare: a multi-byte code page would swallow the letter after
    each stray byte), else it stays UTF-8.
    """
    valid = data.decode("utf-8", "ignore")
    multibyte = len(valid) - len(valid.encode("ascii", "ignore"))
    text = data.decode("utf-8", "replace")  # one U+FFFD per maximal invalid subsequence
    invalid = text.count("\ufffd") - valid.count("\ufffd")
    as_utf8 = Decoded(text, "utf-8", len(data) - len(valid.encode("utf-8")), first)
    rare = invalid * _BYTES_PER_INVALID <= len(data)
    if _utf8_evidence(multibyte, invalid, rare):
        return as_utf8
    detected = _detect(data)
    if detected is not None and _keeps_ascii(detected.text, data, every=rare):
        return detected
    if detected is None and not rare:
        raise NotText(f"undecodable: not UTF-8 (an invalid byte at byte {first}) and no other encoding fits")
    return as_utf8


def _utf8_evidence(multibyte: int, invalid: int, rare: bool) -> bool:
    return multibyte >= _UTF8_EVIDENCE * invalid or bool(multibyte and rare)


def utf8_with_errors(data: bytes) -> bool:
    """Whether `data`, not valid UTF-8, is UTF-8 with a few invalid bytes rather than text in
    another charset, for input that must be UTF-8 (JSON: record files). The evidence is
    _utf8_or_detected's, without the charset detector: valid multi-byte sequences that clearly
    outnumber the invalid ones, or invalid ones that are rare (at most one per
    _BYTES_PER_INVALID bytes). A file in a legacy charset throughout has an invalid sequence at
    nearly every non-ASCII letter, and so fails both."""
    valid = data.decode("utf-8", "ignore")
    multibyte = len(valid) - len(valid.encode("ascii", "ignore"))
    invalid = data.decode("utf-8", "replace").count("\ufffd") - valid.count("\ufffd")
    return _utf8_evidence(multibyte, invalid, invalid * _BYTES_PER_INVALID <= len(data))


def _keeps_ascii(text: str, data: bytes, *, every: bool) -> bool:
    """Whether a detected charset's `text` keeps the ASCII characters of `data`: every one of
    them, or all but one per non-ASCII byte (a multi-byte code page reads some ASCII bytes as
    the second half of a character; UTF-16 read from ASCII keeps none)."""
    ascii_bytes = data.translate(None, _HIGH)
    kept = text.encode("ascii", "ignore")
    if every:
        return kept == ascii_bytes
    return len(kept) >= 2 * len(ascii_bytes) - len(data)


def _detect(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes  # only paid for when the input is not UTF-8

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # Ties are common between single-byte code pages (cp1250 and cp1252 both fit French text);
    # prefer windows-1252, which is what browsers use for pages labelled latin-1.
    for m in matches:
        if m.encoding == "cp1252" and (m.chaos, m.coherence) == (best.chaos, best.coherence):
            best = m
            break
    return Decoded(str(best), best.encoding)


def normalise(text: str) -> str:
    """NFC, LF line endings, no trailing spaces; paragraph breaks (blank lines) kept.

    A NUL character (a stray NUL byte of a file, see decode_bytes, or U+0000 in a record's text)
    separates words: it becomes a space, so the words on each side are not glued together."""
    text = unicodedata.normalize("NFC", text.replace("\x00", " ") if "\x00" in text else text)
    # str scans and per-line rstrip: the regex module's sub over the whole text was ~20% of the
    # rules' time on trafilatura's text (it tries every position; most texts need no change).
    if any(c in text for c in _NEWLINE_CHARS):
        text = _NEWLINES.sub("\n", text)
    return "\n".join([line.rstrip(_TRAILING) for line in text.split("\n")])
