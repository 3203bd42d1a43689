"""Output formats: JSON lines records, text sidecars, Markdown with YAML front matter."""

from __future__ import annotations

import json

import pytest

from cleaner import clean
from cleaner.writers import Doc, front_matter, jsonl_line, markdown, render, safe_name, sidecar, yaml_value

STORY = (
    "March 19, 2015 / 1:53 AM / 3 years ago\n\nPutin to meet top aide to Chinese president in Moscow\n\n"
    "MOSCOW (Reuters) - President Vladimir Putin will meet a close aide to Chinese President Xi Jinping on Thursday.\n\n"
    "Writing by Lidia Kelly; Additional reporting by Ben Blanchard in BEIJING; Editing by Mark Heinrich\n"
)


def parse_front_matter(md: str) -> tuple[dict, str]:
    """A tiny reader for what writers.front_matter emits: `key: <JSON>` lines between `---`."""
    assert md.startswith("---\n")
    head, sep, body = md[4:].partition("\n---\n")
    assert sep, "front matter is not closed"
    decoder = json.JSONDecoder()
    meta = {}
    for line in head.split("\n"):
        if line.startswith('"'):
            key, end = decoder.raw_decode(line)
            rest = line[end:]
        else:
            key, _, rest = line.partition(":")
        assert rest.startswith(": ") or rest.startswith(" "), line
        meta[key] = json.loads(rest.removeprefix(":").strip())
    assert body.startswith("\n")
    return meta, body[1:]


@pytest.fixture(scope="module")
def story(options) -> Doc:
    result = clean(STORY, options, source="story.txt")
    return Doc("story.txt", "story.txt", result.text, result.to_json())


def test_markdown_front_matter_parses_back(story):
    md = markdown(story)
    meta, body = parse_front_matter(md)
    assert body == story.text
    assert list(meta)[:4] == ["title", "authors", "published", "source"]
    assert meta["title"] == "Putin to meet top aide to Chinese president in Moscow"
    assert meta["authors"] == ["Lidia Kelly"] and meta["published"] == "2015-03-19T01:53"
    assert meta["source"] == "story.txt"
    assert meta["dateline"] == {"location": "MOSCOW", "agency": "Reuters"}
    assert meta["contributors"] == [{"name": "Ben Blanchard", "place": "BEIJING"}]
    assert "removed" not in meta and "captions" not in meta  # the audit, and empty fields, are left out
    yaml = pytest.importorskip("yaml")  # a real YAML reader agrees
    assert yaml.safe_load(md.split("---\n")[1]) == meta


def test_front_matter_escapes_what_yaml_would_misread():
    tricky = "quote \" back\\slash: colon # hash\n\tnew line \u2028 sep \x85 nel \x7f del \ufeff bom é 日本 \U0001f600"
    doc = Doc(
        "on",
        "a.jsonl:1",
        "Body.\n",
        {"title": tricky, "authors": ["yes", "null"], "published": None, "source": "a.jsonl:1", "n": 3},
        {"true": "no", "odd key: x": "- [a]", "nested": {"deep": {"er": 1}}},
        record=True,
    )
    md = markdown(doc)
    meta, body = parse_front_matter(md)
    assert meta["id"] == "on" and meta["title"] == tricky and meta["authors"] == ["yes", "null"]
    assert meta["fields"] == {"true": "no", "odd key: x": "- [a]"}  # nested too deep: left out
    assert body == "Body.\n"
    head = md.split("---\n")[1]
    for ch in "\u2028\x85\x7f\ufeff":
        assert ch not in head
    yaml = pytest.importorskip("yaml")
    assert yaml.safe_load(head) == meta


def test_yaml_value_replaces_lone_surrogates():
    assert json.loads(yaml_value("a\ud800b")) == "a\ufffdb"


def test_jsonl_line_carries_fields_and_keeps_clashes_under_input(story):
    doc = Doc("r1", "feed.jsonl:1", "Text.\n", {"title": None}, {"url": "u", "source": "wire", "text": "raw", "input": 1}, record=True)
    line = jsonl_line(doc)
    assert line.endswith("\n") and "\n" not in line[:-1]
    obj = json.loads(line)
    assert list(obj)[:4] == ["id", "source", "text", "metadata"]
    assert obj["id"] == "r1" and obj["source"] == "feed.jsonl:1" and obj["text"] == "Text.\n" and obj["url"] == "u"
    assert obj["input"] == {"source": "wire", "text": "raw", "input": 1}


def test_jsonl_line_with_lone_surrogate_in_a_field_is_still_utf8():
    line = jsonl_line(Doc("x", "s", "t", {}, {"odd": "a\udc80"}, record=True))
    line.encode("utf-8")
    assert json.loads(line)["odd"] == "a\udc80"  # carried unchanged


def test_sidecar(story):
    assert json.loads(sidecar(story)) == story.metadata
    rec = Doc(5, "f.jsonl:2", "t", {"title": None}, {"url": "u"}, record=True)
    assert json.loads(sidecar(rec)) == {"id": 5, "title": None, "fields": {"url": "u"}}


def test_render(story):
    assert render(story, "text") == story.text
    assert render(story, "markdown") == front_matter(story) + "\n" + story.text
    assert json.loads(render(story, "jsonl"))["text"] == story.text


def test_safe_names_for_ids():
    taken: set[str] = set()
    assert safe_name("https://x.org/a b?c=1", taken) == "https_x.org_a_b_c_1"
    assert safe_name("../../etc/passwd", taken) == "etc_passwd"
    assert safe_name("Etc_Passwd", taken) == "Etc_Passwd-2"  # one folder, case-insensitive file systems
    assert safe_name("", taken) == "record"
    assert safe_name(42, taken) == "42"
