"""Record files: JSON lines (.jsonl, .jsonl.gz) and JSON (.json: an array of objects, or one object).

Each record holds its document in one field (`--text-key`, default `text`, or `--html-key` for
HTML); every other field is carried through unchanged. A record that cannot be used (a malformed
line, not an object, no such field) is yielded as a `BadRecord` naming its line, so the caller can
report it and go on with the rest of the file. Only a .json file that does not parse at all is
lost as a whole (`BadFile`).

Encoding: JSON is UTF-8. A file that is UTF-8 but for a few invalid bytes (decode.utf8_with_errors,
the evidence files are judged by) is read as UTF-8 all the same, as a text file would be: each
maximal run of invalid bytes becomes U+FFFD, and the record holding them counts them in
`Record.replaced_bytes` (the batch puts them in its metadata). In a file in another charset
throughout, a line (.jsonl) with invalid bytes is a bad record, and a .json file a bad file.

Numbers: in .jsonl a record's number is its line number (blank lines count, and are skipped); in
.json it is the record's position in the array, from 1.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from .decode import utf8_with_errors
from .io import stem

_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Keys:
    """Where a record keeps its document and its id."""

    text: str = "text"
    html: str | None = None  # when set, the document is HTML in this field (and `text` is not used)
    id: str = "id"
    site: str | None = None  # --site-key: the field naming a record's site (cleaner/sites.py)

    @property
    def content(self) -> str:
        return self.html if self.html is not None else self.text


@dataclass(frozen=True)
class Record:
    number: int  # line number (.jsonl) or position in the array (.json), from 1
    id: Any  # the record's id field, or '<file stem>:<number>'
    content: str  # the text or HTML to clean
    fields: dict[str, Any] = field(default_factory=dict)  # carried through: all but the content (and 'id') field
    replaced_bytes: int = 0  # bytes of the record that were not valid UTF-8 (each run now a U+FFFD)


@dataclass(frozen=True)
class BadRecord:
    number: int
    reason: str


class BadFile(Exception):
    """A .json file that cannot be read at all; `line` is where parsing failed, if known."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {dict: "object", list: "array", str: "string", type(None): "null"}.get(type(value), type(value).__name__)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _loads(text: str) -> Any:
    return json.loads(text, parse_constant=_reject_constant)


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {exc}"


def scrub(text: str) -> str:
    """Lone surrogates (JSON can spell them, UTF-8 cannot hold them) become U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _record(obj: Any, number: int, file_stem: str, keys: Keys, replaced: int = 0) -> Record | BadRecord:
    if not isinstance(obj, dict):
        return BadRecord(number, f"not a JSON object (got {_type_name(obj)})")
    name = keys.content
    if name not in obj:
        return BadRecord(number, f"no {name!r} field")
    content = obj[name]
    if not isinstance(content, str):
        return BadRecord(number, f"field {name!r} is not a string (got {_type_name(content)})")
    rid = obj.get(keys.id)
    if rid is None:
        rid = f"{file_stem}:{number}"
    carried = {k: v for k, v in obj.items() if k != name and not (k == "id" and keys.id == "id")}
    return Record(number, rid, scrub(content), carried, replaced)


def read_records(data: bytes, name: str, keys: Keys = Keys()) -> Iterator[Record | BadRecord]:
    """The records of a file, in order. `name` is the file's name: it picks the format (.json or
    JSON lines) and gives fallback ids their stem. Raises BadFile when a .json file does not parse
    (at once, before anything is yielded)."""
    file_stem = stem(name)
    if name.lower().endswith(".json"):
        return _json_records(_parse_json(data), file_stem, keys)
    return _jsonl_records(data, file_stem, keys)


def _parse_json(data: bytes) -> list[Any]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not utf8_with_errors(data):
            raise BadFile(f"not valid UTF-8 (byte {exc.start})") from None
        # each bad byte a lone surrogate U+DC80..U+DCFF, turned into U+FFFD per record (_repair)
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "surrogateescape")
    try:
        doc = _loads(text)
    except json.JSONDecodeError as exc:
        raise BadFile(_why(exc), exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise BadFile(_why(exc)) from None
    if isinstance(doc, dict):
        return [doc]
    if isinstance(doc, list):
        return doc
    raise BadFile(f"not a JSON array or object (got {_type_name(doc)})")


def _json_records(items: list[Any], file_stem: str, keys: Keys) -> Iterator[Record | BadRecord]:
    for number, obj in enumerate(items, 1):
        count = [0]
        obj = _repair(obj, count)
        yield _record(obj, number, file_stem, keys, count[0])


_ESCAPED = re.compile(r"[\udc80-\udcff]+")


def _repair(value: Any, count: list[int]) -> Any:
    """`value` with the bytes surrogateescape kept (runs of U+DC80..U+DCFF in its strings, keys
    included) decoded as UTF-8 with replacement, as a text file's are; count[0] += the bytes.
    (A lone surrogate the JSON spelled as an escape in that range counts too: scrub would make
    it U+FFFD all the same.)"""
    if isinstance(value, str):
        if not _ESCAPED.search(value):
            return value

        def fix(m: re.Match[str]) -> str:
            count[0] += len(m.group(0))
            return bytes(ord(c) - 0xDC00 for c in m.group(0)).decode("utf-8", "replace")

        return _ESCAPED.sub(fix, value)
    if isinstance(value, list):
        return [_repair(v, count) for v in value]
    if isinstance(value, dict):
        return {_repair(k, count): _repair(v, count) for k, v in value.items()}
    return value


def _jsonl_records(data: bytes, file_stem: str, keys: Keys) -> Iterator[Record | BadRecord]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lenient: bool | None = None  # whether the file is UTF-8 with a few bad bytes: judged at the first
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue  # columns in messages count from the start of the line as it is in the file
        replaced = 0
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if lenient is None:
                lenient = utf8_with_errors(data)
            if not lenient:
                yield BadRecord(number, f"not valid UTF-8 (byte {exc.start + 1} of the line)")
                continue
            line = raw.decode("utf-8", "replace")
            replaced = len(raw) - len(raw.decode("utf-8", "ignore").encode("utf-8"))
        try:
            obj = _loads(line)
        except (ValueError, RecursionError) as exc:
            yield BadRecord(number, _why(exc))
            continue
        yield _record(obj, number, file_stem, keys, replaced)
