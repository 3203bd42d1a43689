"""Bytes to normalised text: BOMs, charset detection, NFC, newlines.

Never raises anything but NotText: a file that is binary or cannot be read as text in any
encoding is reported by the caller with its path, and the batch goes on.
"""

from __future__ import annotations

import codecs
import unicodedata

import regex

SNIFF = 65536
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES = regex.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_NEWLINE_CHARS = ("\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")  # what _NEWLINES starts with
_TRAILING = " \t\u00a0"  # stripped from the end of every line


class NotText(Exception):
    """The input is not text (binary, or undecodable in any encoding)."""


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise NotText for binary or undecodable input."""
    if not data:
        return "", "utf-8"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {enc} byte-order mark but is not valid {enc}: {exc.reason}") from None
    head = data[:SNIFF]
    if b"\x00" in head:
        raise NotText("binary file (contains NUL bytes)")
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = _detect(data)
    sample = text[:SNIFF]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise NotText("binary file (too many control characters)")
    return text, enc


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # only paid for when the input is not UTF-8

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise NotText("undecodable: not UTF-8 and no other encoding fits")
    # Ties are common between single-byte code pages (cp1250 and cp1252 both fit French text);
    # prefer windows-1252, which is what browsers use for pages labelled latin-1.
    for m in matches:
        if m.encoding == "cp1252" and (m.chaos, m.coherence) == (best.chaos, best.coherence):
            best = m
            break
    return str(best), best.encoding


def normalise(text: str) -> str:
    """NFC, LF line endings, no trailing spaces; paragraph breaks (blank lines) kept."""
    text = unicodedata.normalize("NFC", text.replace("\x00", ""))
    # str scans and per-line rstrip: the regex module's sub over the whole text was ~20% of the
    # rules' time on trafilatura's text (it tries every position; most texts need no change).
    if any(c in text for c in _NEWLINE_CHARS):
        text = _NEWLINES.sub("\n", text)
    return "\n".join([line.rstrip(_TRAILING) for line in text.split("\n")])
