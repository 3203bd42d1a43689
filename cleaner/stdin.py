"""`cleaner clean -`: standard input, read within the size limit, and what it holds.

A file's kind comes from its name (cleaner.io.kind_of); standard input has no name, so with
`--input-format auto` its first bytes decide, after a UTF-8 or UTF-16 byte-order mark and
leading white space (gzip data is decompressed first, within the same limit):

  html     it starts with `<!doctype html`, `<html`, `<head` or `<body` (after any `<?xml ...?>`
           and `<!-- comments -->`); or it starts with another tag (`<div`, `<p`, `<table`, ...:
           a fragment or a page cut short), has at least 3 tags of common HTML elements in its
           first 64 KiB, and no Markdown heading or code fence (a README with an HTML logo block
           on top stays text). On the evaluation pages this finds 2,273 of 2,278 HTML pages (the
           rest start with cut or broken markup) and calls none of 6,347 texts HTML.
  records  JSON lines: each of its first (up to 5) non-blank lines is a JSON object; or the whole
           input is one JSON object or an array of objects (as a .json file is read)
  text     anything else

`--input-format text|html|jsonl` skips the guess (for files it overrides the name); so does a
record key (`--text-key`, `--html-key`, `--id-key`): the input is records.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterator, TextIO

from .io import Kind, UsageError

if TYPE_CHECKING:
    from .pipeline import Options
    from .records import Keys

CHUNK = 1 << 20
INPUT_FORMATS = ("auto", "text", "html", "jsonl")
_KIND_OF_FORMAT: dict[str, Kind] = {"text": "text", "html": "html", "jsonl": "records"}
SNIFF = 65536  # bytes looked at to tell HTML from text
JSONL_LINES = 5  # non-blank lines that must each be a JSON object

_LEADING = re.compile(r"\s*(?:(?:<\?xml[^>]*>|<!--.*?-->)\s*)*", re.DOTALL)
_DOCUMENT = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
_ELEMENTS = (
    "a|abbr|article|aside|b|blockquote|body|br|dd|div|dl|dt|em|figcaption|figure|footer|form|h[1-6]"
    "|head|header|hr|html|i|iframe|img|input|li|link|main|meta|nav|ol|p|pre|script|section|span"
    "|strong|style|table|tbody|td|th|title|tr|u|ul"
)
_TAG = re.compile(rf"</?(?:{_ELEMENTS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[!/]?[A-Za-z]")
_MARKDOWN = re.compile(r"^(?:#{1,6}\s|```)", re.MULTILINE)
MIN_TAGS = 3


class TooBig(Exception):
    """Standard input holds more than the limit; str is the message."""


def kind_for(input_format: str) -> Kind | None:
    """The kind --input-format forces (None for auto)."""
    return _KIND_OF_FORMAT.get(input_format)


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """All of `stream`, or TooBig once more than `max_bytes` arrived (at most max_bytes + 1 bytes
    are read, in chunks: no limit, however large, is allocated up front, and an endless stream such
    as /dev/zero stops at the limit). gzip data is decompressed, within the same limit."""
    read1 = getattr(stream, "read1", stream.read)
    parts: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = read1(min(CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise TooBig(_over(max_bytes, "standard input"))
    data = b"".join(parts)
    if data[:2] != b"\x1f\x8b":
        return data
    return _gunzip(data, max_bytes)


def _over(max_bytes: int, what: str) -> str:
    return f"{what} is over the {max_bytes / 1e6:g} MB limit (raise it with --max-mb)"


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress within the limit, in chunks (io.gunzip_stream): a huge --max-mb allocates nothing."""
    import io

    from .io import gunzip_stream

    return gunzip_stream(io.BytesIO(data), max_bytes, over=lambda: TooBig(_over(max_bytes, "decompressed standard input")))


def _head_text(data: bytes) -> str:
    """The first SNIFF bytes as text, for sniffing only (a BOM says how; else latin-1, which
    keeps ASCII markup as it is whatever the real charset)."""
    head = data[:SNIFF]
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, "ignore")
    return head.decode("latin-1")


def looks_like_html(data: bytes) -> bool:
    """See the module docstring."""
    head = _head_text(data)
    start = _LEADING.match(head)
    at = start.end() if start else 0
    if _DOCUMENT.match(head, at):
        return True
    return bool(_ANY_TAG.match(head, at)) and len(_TAG.findall(head)) >= MIN_TAGS and not _MARKDOWN.search(head)


def looks_like_records(data: bytes) -> bool:
    """JSON lines (the first non-blank lines are JSON objects) or one JSON object or array of
    objects over several lines."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    first = data.lstrip()[:1]
    if first not in (b"{", b"["):
        return False
    seen = 0
    for raw in _nonblank_lines(data):
        if not isinstance(_json(raw), dict):
            break
        seen += 1
        if seen == JSONL_LINES:
            return True
    else:
        return seen > 0
    return is_json_document(data)


def is_json_document(data: bytes) -> bool:
    """The whole input is one JSON object, or an array of objects."""
    doc = _json(data)
    return isinstance(doc, dict) or (isinstance(doc, list) and bool(doc) and all(isinstance(x, dict) for x in doc))


def _json(raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return None


def json_document(data: bytes) -> bool:
    """Records to read as one JSON document (not JSON lines): the first non-blank line is not
    a JSON object, and the whole input is one object or an array of objects."""
    for raw in _nonblank_lines(data):
        return not isinstance(_json(raw), dict) and is_json_document(data)
    return False


def _nonblank_lines(data: bytes) -> Iterator[bytes]:
    """The non-blank lines, one at a time (not a list of every line of a large input)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if data[start:end].strip():
            yield data[start:end]
        start = end + 1


def sniff(data: bytes) -> Kind:
    """What standard input holds, by its content: html, records or text."""
    if looks_like_html(data):
        return "html"
    if looks_like_records(data):
        return "records"
    return "text"


def clean_stdin(stream: BinaryIO, out: TextIO, options: Options, *, max_bytes: int, input_format: str,
                fmt: str | None, keys: Keys, key_flags: list[str], report: Callable[[str], None]) -> bool:
    """Clean standard input to `out`: a text or a page gives its clean text (or --format's
    rendering), records give JSON lines. Problems go to `report` as 'where: skipped: why';
    returns whether everything was cleaned. Raises UsageError for options that cannot apply to
    what the input holds (a record key for a page; --format text for records), TooBig and
    ValueError (a broken gzip stream) for input that cannot be read."""
    from .batch import Failed, Skip, clean_one
    from .writers import Doc, render

    data = read_limited(stream, max_bytes)
    kind = kind_for(input_format) or ("records" if key_flags else sniff(data))  # a record key says records
    if kind != "records":
        if key_flags:
            raise UsageError(
                f"{', '.join(key_flags)}: only for records, and --input-format {input_format} reads standard input as {kind}"
            )
        try:
            result = clean_one(data, kind == "html", options, "-", max_bytes)
        except (Skip, Failed) as exc:
            report(f"-: {'failed' if isinstance(exc, Failed) else 'skipped'}: {exc}")
            return False
        for err in result.errors:
            report(f"-: {err}; document kept unchanged")
        out.write(render(Doc("-", "-", result.text, result.to_json()), fmt or "text"))
        return not result.errors
    if fmt not in (None, "jsonl"):
        raise UsageError(f"standard input holds records, written as JSON lines; --format {fmt} cannot be used with '-'")
    return _records(data, out, options, keys, report)


def _records(data: bytes, out: TextIO, options: Options, keys: Keys, report: Callable[[str], None]) -> bool:
    from .batch import Failed, Skip, clean_one
    from .records import BadFile, BadRecord, read_records
    from .writers import Doc, jsonl_line

    name = "-.json" if json_document(data) else "-"
    try:
        items = read_records(data, name, keys)
    except BadFile as exc:
        report(f"-{f':{exc.line}' if exc.line else ''}: skipped: {exc}")
        return False
    ok = True
    for item in items:
        where = f"-:{item.number}"
        if isinstance(item, BadRecord):
            report(f"{where}: skipped: {item.reason}")
            ok = False
            continue
        try:
            result = clean_one(item.content, keys.html is not None, options, where)
        except (Skip, Failed) as exc:
            report(f"{where}: {'failed' if isinstance(exc, Failed) else 'skipped'}: {exc}")
            ok = False
            continue
        for err in result.errors:
            report(f"{where}: {err}; document kept unchanged")
            ok = False
        if item.replaced_bytes:  # as for a file: bytes not valid UTF-8, each run now a U+FFFD
            result.metadata["replaced_bytes"] = result.metadata.get("replaced_bytes", 0) + item.replaced_bytes
        out.write(jsonl_line(Doc(item.id, where, result.text, result.to_json(), item.fields, record=True)))
    return ok
