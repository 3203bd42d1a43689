"""Output formats of `cleaner clean`: what one cleaned document looks like on disk.

- text:     the clean text, and beside it a .json metadata sidecar
- jsonl:    one JSON object per line: {"id", "source", "text", "metadata", ...carried fields};
            over a folder, one file (STREAM) for every document of the run
- markdown: YAML front matter (title, authors, published, source, and the other simple metadata),
            then the clean text

Front matter is written without a YAML library: every value is a JSON scalar, array or object,
which YAML reads as the same value (JSON is YAML's flow style), with the few characters YAML
would read differently escaped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

Format = Literal["text", "jsonl", "markdown"]
FORMATS: tuple[str, ...] = ("text", "jsonl", "markdown")
SUFFIX = {"text": ".txt", "jsonl": ".jsonl", "markdown": ".md"}
STREAM = "documents.jsonl"  # `--format jsonl -o OUT` over a folder or several inputs: OUT/<this>, every document

RESERVED = ("id", "source", "text", "metadata", "input")  # output keys; a carried field so named goes under "input"
FRONT = ("title", "authors", "published", "source")  # front matter keys first, in this order
EMPTY: tuple[Any, ...] = (None, "", [], {})
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters YAML does not allow raw in a double-quoted scalar, or (YAML 1.1) reads as line breaks.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_BARE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


@dataclass(frozen=True)
class Doc:
    """One cleaned document, ready to be written in any format."""

    id: Any
    source: str
    text: str
    metadata: dict[str, Any]  # Result.to_json(): metadata and the removed spans
    fields: dict[str, Any] = field(default_factory=dict)  # a record's other fields, carried through
    record: bool = False  # from a record file (its id and fields are written too)


def dumps(value: Any, indent: int | None = None) -> str:
    """JSON as UTF-8 text; lone surrogates (possible in carried fields) are \\u-escaped."""
    out = json.dumps(value, ensure_ascii=False, indent=indent)
    return json.dumps(value, indent=indent) if _SURROGATE.search(out) else out


def jsonl_line(doc: Doc) -> str:
    """The document as one line of JSON (ending in a newline)."""
    obj: dict[str, Any] = {"id": doc.id, "source": doc.source, "text": doc.text, "metadata": doc.metadata}
    clashes = {}
    for key, value in doc.fields.items():
        if key in RESERVED:
            clashes[key] = value
        else:
            obj[key] = value
    if clashes:
        obj["input"] = clashes
    return dumps(obj) + "\n"


def sidecar(doc: Doc) -> str:
    """The .json beside a text output: the metadata record (with a record's id and fields)."""
    obj = {"id": doc.id, **doc.metadata, "fields": doc.fields} if doc.record else doc.metadata
    return dumps(obj, indent=2) + "\n"


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def is_simple(value: Any, depth: int = 2) -> bool:
    """Scalars, and lists and mappings nested at most `depth` deep (authors, dateline, contributors)."""
    return _depth(value) <= depth


def yaml_value(value: Any) -> str:
    """A YAML flow value that reads back as `value`: its JSON, with YAML-unsafe characters escaped."""
    out = json.dumps(value, ensure_ascii=False)
    out = _SURROGATE.sub("\ufffd", out)  # a lone surrogate cannot be written as UTF-8
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def yaml_key(key: str) -> str:
    if _BARE_KEY.fullmatch(key) and key.lower() not in _YAML_WORDS:
        return key
    return yaml_value(key)


def front_matter(doc: Doc) -> str:
    """`---` / one `key: value` line per field / `---`: title, authors, published and source
    always; then the other metadata that has a value and is simple (not the removed spans)."""
    meta = doc.metadata
    items: list[tuple[str, Any]] = [("id", doc.id)] if doc.record else []
    items += [(k, meta.get(k)) for k in FRONT]
    items += [(k, v) for k, v in meta.items() if k not in FRONT and k != "removed" and v not in EMPTY and is_simple(v)]
    if doc.record:
        carried = {k: v for k, v in doc.fields.items() if is_simple(v, 1)}
        if carried:
            items.append(("fields", carried))
    lines = ["---", *(f"{yaml_key(k)}: {yaml_value(v)}" for k, v in items), "---"]
    return "\n".join(lines) + "\n"


def markdown(doc: Doc) -> str:
    """Front matter, a blank line, then the clean text."""
    return front_matter(doc) + "\n" + doc.text


def render(doc: Doc, fmt: str) -> str:
    """The document in one format, as written to standard output (text: the clean text only)."""
    if fmt == "jsonl":
        return jsonl_line(doc)
    if fmt == "markdown":
        return markdown(doc)
    return doc.text


def safe_name(value: Any, taken: set[str]) -> str:
    """A file name (without suffix) for a record id: unsafe characters become '_', and a name
    already taken in the folder gets '-2', '-3', ..."""
    base = re.sub(r"[^\w.-]+", "_", str(value)).strip("._")[:120] or "record"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name.lower())
    return name
