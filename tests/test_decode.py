"""Bytes to text: UTF-8 with and without BOM, other encodings, binary refused, empty accepted."""

from __future__ import annotations

import pytest

from cleaner.decode import NotText, decode
from cleaner.io import atomic_write


def test_utf8_and_bom():
    assert decode("naïve".encode()) == ("naïve", "utf-8")
    assert decode(b"\xef\xbb\xbfhello")[0] == "hello"
    assert decode("héllo".encode("utf-16"))[0] == "héllo"


def test_legacy_encoding_is_detected():
    text = "Le président a déclaré que la réunion aurait lieu à Genève la semaine prochaine. " * 5
    decoded, enc = decode(text.encode("cp1252"))
    assert decoded == text and enc != "utf-8"


def test_binary_is_refused():
    with pytest.raises(NotText, match="NUL"):
        decode(b"abc\x00def")
    with pytest.raises(NotText, match="control characters"):
        decode(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 100)


def test_empty():
    assert decode(b"") == ("", "utf-8")


def test_atomic_write_leaves_no_partial_file(tmp_path, monkeypatch):
    import cleaner.io

    target = tmp_path / "out.txt"
    target.write_text("old")

    def interrupted(src, dst):  # Ctrl-C after the temp file is written, before the rename
        raise KeyboardInterrupt

    monkeypatch.setattr(cleaner.io.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_a_terminated_worker_leaves_no_temporary_file(tmp_path):
    """A worker killed by SIGTERM (pool.terminate()) in the middle of an atomic write removes
    its temporary file and exits at once; the old output is untouched."""
    import os
    import signal

    from cleaner.io import atomic_open, exit_on_signal

    target = tmp_path / "out.txt"
    target.write_text("old")
    pid = os.fork()
    if pid == 0:  # the worker
        signal.signal(signal.SIGTERM, exit_on_signal)
        try:
            with atomic_open(target) as fh:
                fh.write(b"half of the new text")
                fh.flush()
                os.kill(os.getpid(), signal.SIGTERM)
                fh.write(b" and the rest")  # never reached
        finally:
            os._exit(1)  # only if the handler did not end the process
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_skips_a_temporary_name_already_taken(tmp_path):
    """A file left under the next temporary name (an earlier process with the same pid) is
    neither reused nor removed: O_EXCL refuses it and the next number is taken."""
    import itertools
    import os

    import cleaner.io

    start = next(cleaner.io._temporary_numbers) + 1
    cleaner.io._temporary_numbers = itertools.count(start)
    taken = tmp_path / f".out.txt.{os.getpid()}.{start}.tmp"
    taken.write_text("someone else's")
    cleaner.io.atomic_write(tmp_path / "out.txt", "new")
    assert (tmp_path / "out.txt").read_text() == "new"
    assert taken.read_text() == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.txt", taken.name])


# Texts written for these tests: a few sentences each, as a scraped news page would have them.
GERMAN = (
    "Die Stadtverwaltung hat am Donnerstag mitgeteilt, dass die Brücke über den Fluss ab nächster "
    "Woche für drei Monate gesperrt wird. Fußgänger und Radfahrer können eine Ersatzfähre nutzen.\n"
    "Die Bürgerinnen und Bürger wurden gebeten, für größere Fahrten öffentliche Verkehrsmittel zu wählen.\n"
)
FRENCH = (
    "Le conseil municipal a approuvé mardi le budget de l'année prochaine après un long débat. "
    "Les élus de l'opposition ont dénoncé une hausse des impôts locaux jugée trop élevée.\n"
    "La maire a déclaré que les travaux de rénovation de l'école commenceraient à la rentrée.\n"
)
RUSSIAN = (
    "Городской совет в четверг утвердил бюджет на следующий год после долгого обсуждения. "
    "Мост через реку будет закрыт на ремонт в течение трёх месяцев.\n"
    "Жителям рекомендовано пользоваться общественным транспортом.\n"
)
JAPANESE = (
    "市議会は木曜日、長い議論の末に来年度の予算を承認した。"
    "川に架かる橋は来週から三か月間、改修工事のため通行止めとなる。\n"
    "市民には公共交通機関の利用が呼びかけられている。\n"
)
TEXTS = {"de": GERMAN, "fr": FRENCH, "ru": RUSSIAN, "ja": JAPANESE}


def _insert(data: bytes, bad: list[bytes], rng, *, at_boundaries: bool) -> tuple[bytes, list[int]]:
    """`data` with each of `bad` inserted at a random place (between characters, or anywhere),
    and the offsets of the inserted bytes."""
    where: list[int] = []
    for b in bad:
        i = rng.randrange(len(data) + 1)
        while at_boundaries and i < len(data) and 0x80 <= data[i] < 0xC0:
            i += 1  # not inside a multi-byte sequence
        data = data[:i] + b + data[i:]
        where = [w + (w >= i) for w in where] + [i]
    return data, where


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("n", [1, 2, 3])
def test_utf8_with_a_few_invalid_bytes_stays_utf8(lang, n):
    """Issue 12 item 1: one stray byte used to turn a whole UTF-8 text into another charset
    ("nächsten" -> "nΟΛchsten"). The text stays UTF-8; each bad byte becomes U+FFFD and is
    counted."""
    import random

    from cleaner.decode import decode_bytes

    rng = random.Random(f"{lang}{n}")
    text = TEXTS[lang]
    for trial in range(20):
        bad = [rng.choice([b"\xff", b"\xfe", b"\xc0", b"\x80", b"\xe9", b"\xa0"]) for _ in range(n)]
        data, where = _insert(text.encode(), bad, rng, at_boundaries=True)
        got = decode_bytes(data)
        assert got.encoding == "utf-8", (trial, data)
        assert got.text.replace("\ufffd", "") == text
        assert got.replaced_bytes == n
        assert got.first_replaced == min(where)


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_bad_bytes_inside_a_character_cost_only_that_character(lang):
    """A byte inserted inside a multi-byte character breaks that character, nothing else."""
    import random

    from cleaner.decode import decode_bytes

    rng = random.Random(lang)
    text = TEXTS[lang]
    for _ in range(20):
        data, _ = _insert(text.encode(), [b"\xff"] * 3, rng, at_boundaries=False)
        got = decode_bytes(data)
        assert got.encoding == "utf-8"
        assert 3 <= got.replaced_bytes <= 3 * 4
        kept = got.text.split()
        assert sum(w in text.split() for w in kept) >= len(text.split()) - 3


@pytest.mark.parametrize(
    "lang, encoding",
    [("fr", "cp1252"), ("de", "latin-1"), ("ru", "cp1251"), ("ru", "koi8-r"), ("ja", "shift_jis"), ("ja", "euc-jp")],
)
def test_legacy_charsets_are_still_detected(lang, encoding):
    """A text that is not UTF-8 at all is read in its own charset, not as UTF-8 with errors."""
    from cleaner.decode import decode_bytes

    text = TEXTS[lang]
    got = decode_bytes(text.encode(encoding))
    assert got.text == text and got.replaced_bytes == 0


def test_ascii_with_a_few_legacy_letters_is_that_charset():
    """Pure ASCII with a few cp1252 letters has no valid UTF-8 sequence at all: cp1252 it is."""
    text = "The cafe was renamed Caf\xe9 Ren\xe9 by its new owner, who said the old name was dull.\n" * 3
    assert decode(text.encode("cp1252"))[0] == text


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(lang, encoding):
    """Issue 12 item 1: UTF-16 without a BOM was called binary (its NUL bytes)."""
    text = TEXTS[lang] + "Page 2 of 10, 2024-03-05.\n"
    assert decode(text.encode(encoding)) == (text, encoding)


def test_nul_bytes_are_judged_on_the_whole_file():
    """Issue 12 item 2: a NUL after the first 64 KiB was deleted, gluing two words together.
    The decision is made once, on the whole file: a stray NUL (as real pages have, a few per
    tens of KB) separates words wherever it is; NULs every few hundred bytes mean binary."""
    from cleaner.decode import normalise

    head = b"plain words on a line\n" * 4000  # ~88 KB
    for data in (head + b"glued\x00words\n", b"glued\x00words\n" + head):
        text, enc = decode(data)
        assert enc == "utf-8" and "glued words" in normalise(text)
    with pytest.raises(NotText, match="NUL"):
        decode(b"plain words on a\x00line.\n" * 4000)  # a NUL every 23 bytes: binary
    with pytest.raises(NotText, match="NUL"):
        decode(b"glued\x00words\n")  # one NUL in 12 bytes


def test_a_nul_character_in_a_text_separates_words():
    """A record's text holding U+0000 (from JSON) keeps its words apart."""
    from cleaner.decode import normalise

    assert normalise("glued\x00words\n") == "glued words\n"


def test_binary_formats_are_refused_whole():
    """Images, executables and random bytes are not text, and not UTF-16 either."""
    import random
    import struct

    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(range(256)) * 8
    elf = b"\x7fELF\x02\x01\x01" + bytes(9) + bytes(range(256)) * 8
    rng = random.Random(12)
    for data in [png, elf, *(rng.randbytes(n) for n in (64, 1000, 4096, 65536, 200_000))]:
        with pytest.raises(NotText):
            decode(data)
    # even-length random bytes with NULs on one side only are still not UTF-16 text
    noise = bytearray(rng.randbytes(4096))
    noise[1::2] = bytes(b if b else 1 for b in noise[1::2])
    noise[1::64] = bytes(len(noise[1::64]))
    with pytest.raises(NotText):
        decode(bytes(noise))


def test_stray_bytes_in_ascii_text_never_cost_an_ascii_letter():
    """An English (pure ASCII) text with 1-3 stray bytes has no UTF-8 evidence, so the charset
    detector may read it; but a choice that swallows the letter after a stray byte (a
    multi-byte code page) or every letter (UTF-16) is refused: the text stays UTF-8."""
    import random

    text = (
        "The council approved the budget on Monday after a long debate about schools and roads. "
        "Residents asked questions about the new bus lines, and the mayor promised answers by May.\n"
    ) * 6
    rng = random.Random(5)
    for _ in range(200):
        data = text.encode()
        for _ in range(rng.choice([1, 2, 3])):
            i = rng.randrange(len(data))
            data = data[:i] + rng.choice([b"\xff", b"\x80", b"\xe9", b"\x81", b"\xfe"]) + data[i:]
        assert decode(data)[0].encode("ascii", "ignore") == text.encode(), data
