"""Reading record files: JSON lines and JSON, ids, carried fields, bad records reported by line."""

from __future__ import annotations

import json

import pytest

from cleaner.records import BadFile, BadRecord, Keys, Record, read_records


def jsonl(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_jsonl_records_in_order_with_ids_and_carried_fields():
    data = jsonl(
        json.dumps({"id": "a1", "text": "First.", "url": "http://x/1", "tags": ["a"]}),
        "",
        json.dumps({"text": "Second.", "lang": "en"}),
    )
    got = list(read_records(data, "news.jsonl"))
    assert got == [
        Record(1, "a1", "First.", {"url": "http://x/1", "tags": ["a"]}),
        Record(3, "news:3", "Second.", {"lang": "en"}),  # blank lines count; id from the file stem
    ]


def test_malformed_lines_and_missing_text_are_reported_and_the_rest_read():
    data = jsonl(
        json.dumps({"text": "One."}),
        '{"text": "broken',
        "[1, 2]",
        json.dumps({"body": "no text field"}),
        json.dumps({"text": 42}),
        "NaN",
        json.dumps({"text": "Last."}),
    )
    got = list(read_records(data, "x.jsonl"))
    assert [type(r).__name__ for r in got] == ["Record", "BadRecord", "BadRecord", "BadRecord", "BadRecord", "BadRecord", "Record"]
    bad = {r.number: r.reason for r in got if isinstance(r, BadRecord)}
    assert bad[2].startswith("invalid JSON: Unterminated string")
    assert bad[3] == "not a JSON object (got array)"
    assert bad[4] == "no 'text' field"
    assert bad[5] == "field 'text' is not a string (got number)"
    assert bad[6] == "invalid JSON: NaN is not valid JSON"
    assert got[-1] == Record(7, "x:7", "Last.", {})


def test_invalid_utf8_line_is_one_bad_record():
    data = b'{"text": "ok"}\n{"text": "\xff"}\n{"text": "fine"}\n'
    got = list(read_records(data, "x.jsonl"))
    assert isinstance(got[1], BadRecord) and got[1].reason.startswith("not valid UTF-8")
    assert [r.content for r in got if isinstance(r, Record)] == ["ok", "fine"]


def test_bom_and_crlf():
    data = b'\xef\xbb\xbf{"text": "a"}\r\n{"text": "b"}\r\n'
    assert [r.content for r in read_records(data, "x.jsonl")] == ["a", "b"]


def test_configurable_keys():
    data = jsonl(json.dumps({"url": "http://x/1", "body": "Text.", "id": 7}))
    (rec,) = read_records(data, "x.jsonl", Keys(text="body", id="url"))
    assert rec.id == "http://x/1" and rec.content == "Text."
    assert rec.fields == {"url": "http://x/1", "id": 7}  # the id field is carried unchanged; 'id' too
    (rec,) = read_records(data, "x.jsonl", Keys(html="body"))
    assert rec.content == "Text." and rec.id == 7 and rec.fields == {"url": "http://x/1"}


def test_html_key_missing_is_reported_by_name():
    (bad,) = read_records(jsonl(json.dumps({"text": "x"})), "x.jsonl", Keys(html="html"))
    assert bad == BadRecord(1, "no 'html' field")


def test_id_kept_as_given_and_null_id_falls_back():
    data = jsonl(json.dumps({"id": 12, "text": "a"}), json.dumps({"id": None, "text": "b"}))
    assert [r.id for r in read_records(data, "feed.jsonl.gz")] == [12, "feed:2"]


def test_lone_surrogates_become_replacement_characters():
    (rec,) = read_records(jsonl('{"text": "a\\ud800b"}'), "x.jsonl")
    assert rec.content == "a\ufffdb"
    rec.content.encode("utf-8")


def test_json_array_and_single_object():
    arr = json.dumps([{"id": "p", "text": "A."}, "oops", {"text": "B."}], indent=2).encode()
    got = list(read_records(arr, "dump.json"))
    assert got[0] == Record(1, "p", "A.", {})
    assert got[1] == BadRecord(2, "not a JSON object (got string)")
    assert got[2] == Record(3, "dump:3", "B.", {})
    (one,) = read_records(b'{"text": "Only."}', "one.json")
    assert one == Record(1, "one:1", "Only.", {})


def test_json_that_does_not_parse_is_a_bad_file_with_its_line():
    with pytest.raises(BadFile) as err:
        read_records(b'[\n{"text": "a"},\n{"text": }\n]', "x.json")
    assert err.value.line == 3 and str(err.value).startswith("invalid JSON: Expecting value")
    with pytest.raises(BadFile, match=r"not a JSON array or object \(got number\)"):
        read_records(b"42", "x.json")
    with pytest.raises(BadFile, match="not valid UTF-8"):
        read_records(b'["\xff"]', "x.json")


def test_utf8_records_with_a_few_bad_bytes_stay_utf8_and_count_them():
    """As for files (cleaner.decode): a record file that is UTF-8 but for a few invalid bytes is
    read as UTF-8, each bad byte run a U+FFFD, counted in that record's `replaced_bytes`; a file
    in another charset entirely stays an error per line (JSON is UTF-8 by spec)."""
    german = "Die Straße war am nächsten Tag für den Verkehr gesperrt, sagte die Behörde."
    lines = [json.dumps({"id": f"r{i}", "text": german}, ensure_ascii=False).encode() for i in range(20)]
    lines[7] = lines[7].replace("nächsten".encode(), b"n\xe4chsten")  # one Latin-1 byte in a UTF-8 file
    lines[9] = lines[9].replace(b"Tag", b"T\xff\xfeg")
    got = list(read_records(b"\n".join(lines) + b"\n", "x.jsonl"))
    assert all(isinstance(r, Record) for r in got), got
    assert got[7].content == german.replace("nächsten", "n\ufffdchsten") and got[7].replaced_bytes == 1
    assert got[9].content == german.replace("Tag", "T\ufffd\ufffdg") and got[9].replaced_bytes == 2
    assert [r.replaced_bytes for r in got].count(0) == 18 and got[0].content == german
    # the same in a .json array
    arr = b"[" + b",\n".join(lines) + b"]"
    got = list(read_records(arr, "x.json"))
    assert got[7].content == german.replace("nächsten", "n\ufffdchsten") and got[7].replaced_bytes == 1
    assert got[9].replaced_bytes == 2 and got[0].replaced_bytes == 0 and len(got) == 20
    # a file in Latin-1 throughout: every line with a non-ASCII letter is a bad record, as before
    latin = b"\n".join(json.dumps({"text": german}, ensure_ascii=False).encode("latin-1") for _ in range(5))
    got = list(read_records(latin, "x.jsonl"))
    assert all(isinstance(r, BadRecord) and r.reason.startswith("not valid UTF-8") for r in got)
    with pytest.raises(BadFile, match="not valid UTF-8"):
        read_records(b"[" + latin.replace(b"\n", b",") + b"]", "x.json")


def test_replaced_bytes_of_a_record_reach_its_metadata(tmp_path):
    from typer.testing import CliRunner

    from cleaner.cli import app

    text = "Die Straße war am nächsten Tag für den Verkehr gesperrt, sagte die Behörde. " * 3
    lines = [json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False).encode() for i in range(3)]
    lines[1] = lines[1].replace("nächsten".encode(), b"n\xe4chsten", 1)
    (tmp_path / "feed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    res = CliRunner().invoke(app, ["clean", str(tmp_path / "feed.jsonl"), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    out = [json.loads(line) for line in (tmp_path / "out" / "feed.jsonl").read_text().splitlines()]
    assert [o["id"] for o in out] == ["r0", "r1", "r2"]
    assert out[1]["metadata"]["replaced_bytes"] == 1 and "n\ufffdchsten" in out[1]["text"]
    assert "replaced_bytes" not in out[0]["metadata"]
