"""Record files: JSON lines (.jsonl, .jsonl.gz) and JSON (.json: an array of objects, or one object).

Each record holds its document in one field (`--text-key`, default `text`, or `--html-key` for
HTML); every other field is carried through unchanged. A record that cannot be used (a malformed
line, not an object, no such field) is yielded as a `BadRecord` naming its line, so the caller can
report it and go on with the rest of the file. Only a .json file that does not parse at all is
lost as a whole (`BadFile`).

Numbers: in .jsonl a record's number is its line number (blank lines count, and are skipped); in
.json it is the record's position in the array, from 1.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from .io import stem

_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Keys:
    """Where a record keeps its document and its id."""

    text: str = "text"
    html: str | None = None  # when set, the document is HTML in this field (and `text` is not used)
    id: str = "id"

    @property
    def content(self) -> str:
        return self.html if self.html is not None else self.text


@dataclass(frozen=True)
class Record:
    number: int  # line number (.jsonl) or position in the array (.json), from 1
    id: Any  # the record's id field, or '<file stem>:<number>'
    content: str  # the text or HTML to clean
    fields: dict[str, Any] = field(default_factory=dict)  # carried through: all but the content (and 'id') field


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


def _record(obj: Any, number: int, file_stem: str, keys: Keys) -> Record | BadRecord:
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
    return Record(number, rid, scrub(content), carried)


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
        raise BadFile(f"not valid UTF-8 (byte {exc.start})") from None
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
        yield _record(obj, number, file_stem, keys)


def _jsonl_records(data: bytes, file_stem: str, keys: Keys) -> Iterator[Record | BadRecord]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue  # columns in messages count from the start of the line as it is in the file
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield BadRecord(number, f"not valid UTF-8 (byte {exc.start + 1} of the line)")
            continue
        try:
            obj = _loads(line)
        except (ValueError, RecursionError) as exc:
            yield BadRecord(number, _why(exc))
            continue
        yield _record(obj, number, file_stem, keys)
