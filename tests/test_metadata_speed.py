"""The cheaper headline scorer and date cache of cleaner/metadata.py give what the old definitions gave."""

from __future__ import annotations

import random

import pytest

from cleaner import metadata
from cleaner.metadata import _in_longer_lines, headline, iso_date


def _old_in_longer(lines: list[str], t: str) -> bool:
    """The definition the headline scorer used: found in the page more often than it stands alone."""
    return "\n".join(lines).count(t) > lines.count(t)



@pytest.fixture(params=[0, 10**12], ids=["automaton", "count"])
def scan_limit(request, monkeypatch):  # type: ignore[no-untyped-def]
    """Both ways of _in_longer_lines: the Aho-Corasick scan (large pages) and the count per text (small ones)."""
    monkeypatch.setattr(metadata, "_SCAN_ALL_BELOW", request.param)


def test_in_longer_edge_cases(scan_limit) -> None:  # type: ignore[no-untyped-def]
    lines = ["aa aa aa", "aa aa", "aa", "abc", "xabcx", "abcabc", "b", "b", "b b"]
    probes = set(lines) | {"a a", "aa aa aa aa", "abcab", "c", "x", "zz", "aa\u0301"}
    assert _in_longer_lines(lines, probes) == {t for t in probes if _old_in_longer(lines, t)}
    for t in probes:
        assert _in_longer_lines(lines, {t}) == ({t} if _old_in_longer(lines, t) else set()), t
    assert _in_longer_lines([], {"abc"}) == set()
    assert _in_longer_lines(["abc"], set()) == set()
    assert _in_longer_lines(["abc", "abc"], {"abc"}) == set()  # a repeated line is not inside a longer one
    assert _in_longer_lines(["abc", "abc", "zabc"], {"abc"}) == {"abc"}


def test_in_longer_random_against_old_definition(scan_limit) -> None:  # type: ignore[no-untyped-def]
    rnd = random.Random(7)
    for _ in range(400):
        lines = ["".join(rnd.choice("ab ") for _ in range(rnd.randint(1, 9))) for _ in range(rnd.randint(0, 12))]
        probes = set(lines) | {"".join(rnd.choice("ab ") for _ in range(rnd.randint(1, 6))) for _ in range(5)}
        assert _in_longer_lines(lines, probes) == {t for t in probes if _old_in_longer(lines, t)}, lines


def test_headline_with_a_repeated_and_a_quoted_line(scan_limit) -> None:  # type: ignore[no-untyped-def]
    """A title repeated in a longer line (a pull quote in the running text) is not taken for the headline."""
    body = " ".join(["The council met on Tuesday and agreed the budget for the coming year after a long debate."] * 2)
    page = "\n".join([
        "Home / News / Council agrees the budget for next year",
        "Council agrees the budget for next year",
        "By Jane Doe",
        "March 3, 2025 10:00",
        body,
        "Council agrees the budget for next year",
        f"He said: the plan is a careful one for the town and its people. {body}",
    ])
    assert headline(page) == "Council agrees the budget for next year"


def test_iso_date_cached_result_is_the_parse(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    metadata._DATES.clear()
    for text in ["March 19, 2015 / 1:53 AM", "5. Juni 2025, 14:46 Uhr", "05.06.2025", "Tuesday", "vor 2 Stunden"]:
        first = iso_date(text)
        assert iso_date(text) == first == metadata._iso_date(text)


def test_iso_date_cache_is_per_minute(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A relative date is read against the clock: a result is not reused in a later minute."""
    metadata._DATES.clear()
    calls: list[str] = []
    monkeypatch.setattr(metadata, "_iso_date", lambda t: calls.append(t) or "2025-01-01")
    now = [1_000_000.0]
    monkeypatch.setattr(metadata.time, "time", lambda: now[0])
    iso_date("gestern")
    iso_date("gestern")
    now[0] += 60
    iso_date("gestern")
    assert calls == ["gestern", "gestern"]


def test_numeric_dmy_reads_what_dateparser_reads() -> None:
    """The fast path for 'dd.mm.yyyy[ hh:mm]' gives dateparser's datetime under _iso_date_i18n's settings."""
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
    rnd = random.Random(3)
    texts = ["05.06.2025", "5.6.2025", "29.02.2024", "01.01.1900", "31.12.2099", "12.11.2035 23:59",
             "05.06.2025 00:00", "05.06.2025 9:05", "13.12.2022 12:30"]
    texts += [f"{rnd.randint(1, 31):02d}.{rnd.randint(1, 12)}.{rnd.randint(1990, 2030)}"
              + (f" {rnd.randint(0, 23)}:{rnd.randint(0, 59):02d}" if rnd.random() < 0.5 else "") for _ in range(60)]
    for text in texts:
        fast = metadata._numeric_dmy(text)
        if fast is not None:
            assert fast == dateparser.parse(text, settings=settings), text
    for text in ["31.02.2024", "29.02.2023", "00.05.2024", "05.13.2024", "05.06.2025 24:00", "05.06.2025 10:60",
                 "05.06.25", "05.06.2025, 10:00", "5. Juni 2025", "05.06.1899"]:
        assert metadata._numeric_dmy(text) is None, text
    assert metadata._numeric_dmy("٠٥.٠٦.٢٠٢٥") is None  # other digits: dateparser's reading stands


def test_stamp_lines_all_pass_the_clock_gate() -> None:
    """The headline scorer runs its stamp pattern only on lines holding `\\d[:hH]\\d` or 時
    (metadata._CLOCK_GATE): every stamp the pattern finds must hold one, in every format."""
    stamp = metadata._hl_patterns()["stamp"]
    found = [
        "12.03.2024 10:15", "12. März 2024, 10:15 Uhr", "2024-03-12 10:15", "3/12/2024 at 10:15",
        "12 de marzo de 2024 a las 10:15", "March 12, 2024 14h30", "12th March 2024 - 09:05",
        "2024年3月12日 10:15", "2024년 3월 12일 10:15", "2024.3.12 10:15", "10:15 am, 12 March 2024",
        "2024年3月12日 10時", "Publié le 12/03/2024 à 10h15",
    ]
    for line in found:
        m = stamp.search(line)
        assert m is not None, line
        assert metadata._CLOCK_GATE(m.group(0)), line
    rnd = random.Random(11)
    alphabet = "0123456789 :.,/-h年月日時 MarchdeUhr"
    for _ in range(3000):
        line = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(5, 40)))
        m = stamp.search(line)
        if m is not None:
            assert metadata._CLOCK_GATE(m.group(0)), line
