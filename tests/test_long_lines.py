"""Long templated lines of news pages: captions closed by a credit in the looser formats (PH006,
PH007), the agency lists they read (rules/data), author bios and contact lines anywhere (BI005),
wire trailers anywhere (CR004), player errors (CP007), subscription offers (LG005) and
comment-policy paragraphs (LG006), on whole pages next to article text."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Options, clean, load_rules

OPTS = Options(load_rules())
OPTS_CR004 = Options(load_rules(extend_select=["CR004"]))  # opt-in (see its why)
OPTS_BI005 = Options(load_rules(select=["BI005"]))  # opt-in (see its why); alone, to see what it takes
DATA = Path(__file__).resolve().parents[1] / "rules" / "data"

ARTICLE = ("The council voted on Tuesday to close the old bridge to traffic for the whole of next year while "
           "engineers replace its deck, a decision that drivers and shop owners on both banks had long opposed.")


def _clean(text: str):
    return clean(text, OPTS)


def _page(line: str) -> str:
    return f"{ARTICLE}\n{line}\n{ARTICLE}\n"


def _names(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@pytest.mark.parametrize("name", ["photo_agencies.txt", "picture_agencies.txt"])
def test_agency_lists_have_no_duplicates(name: str) -> None:
    """A name listed twice is a sign of a copy-paste edit; the lists are data that grows."""
    names = _names(name)
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})


@pytest.mark.parametrize("line", [
    "Supporters cheer at the final in Dublin on Sunday. Jane Roe/Sportsfile",
    "The prime minister at the stadium on Monday. Jane Roe/Icon Sportswire",
])
def test_new_list_names_close_a_caption(line: str) -> None:
    out = _clean(_page(line)).text
    assert "Jane Roe" not in out and out.count("The council voted") == 2


@pytest.mark.parametrize("line", [
    "Участники встречи в Кремле. Фото: kremlin.ru",
    "Het gemeentehuis van Utrecht bij nacht. Beeld Jan Roe",
    "Das Rathaus am Abend mit Beleuchtung. © picture alliance / dpa | Jane Roe",
    "5일 서울 여의도 국회에서 열린 본회의에서 법안이 통과되고 있다. 연합뉴스",
    "JEAN ROE / HANS LUCAS VIA AFP",
    "La ministra en el Congreso. Vídeo: Juan Roe/EFE",
])
def test_loose_credit_tails_go_with_their_caption(line: str) -> None:
    res = _clean(_page(line))
    assert line not in res.text
    assert res.text.count("The council voted") == 2


def test_caption_text_is_kept_as_metadata() -> None:
    res = _clean(_page("Участники встречи в Кремле. Фото: kremlin.ru"))
    assert "Участники встречи в Кремле." in res.metadata.get("captions", [])


def test_a_credit_glued_to_a_long_paragraph_keeps_the_paragraph() -> None:
    """A credit scraped onto the end of a real paragraph must not take the paragraph with it
    (PH006 stops at 45 words)."""
    para = " ".join([ARTICLE] * 2) + " Die Verbraucher sollten sich vorher informieren.Foto: photocase.de"
    out = _clean(f"{ARTICLE}\n{para}\n").text
    assert "Die Verbraucher sollten" in out


def test_mis_decoded_utf8_is_not_a_copyright_sign() -> None:
    """'Ă©' / 'Ã©' is a mis-decoded 'é', not a '©' credit."""
    line = "27 Avenue de l'OpĂ©ra, Paris I."
    assert line in _clean(_page(line)).text


def test_author_bio_in_the_middle_of_the_page_goes() -> None:
    """BI005 is opt-in; selected, it takes the bio wherever it sits."""
    bio = "Jane Roe is a senior reporter at the Example Post covering education and city hall."
    page = f"{ARTICLE}\n{bio}\n" + f"{ARTICLE}\n" * 8  # far from the end, where TL006 looks
    assert "BI005" not in {r.rule for r in _clean(page).removed}
    res = clean(page, OPTS_BI005)
    assert bio not in res.text and res.text.count("The council voted") == 9
    assert [r.rule for r in res.removed] == ["BI005"]


def test_a_reporter_quoted_in_the_story_stays() -> None:
    line = "Jane Roe, a reporter covering the trial, said the judge left the court early on Monday."
    assert line in _clean(_page(line)).text


def test_wire_trailer_mid_page_goes_and_names_the_authors() -> None:
    """CR004 is opt-in; selected, it takes the trailer wherever it sits."""
    page = f"{ARTICLE}\nReporting by Jane Roe; Editing by John Doe\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n"
    assert "Reporting by" in _clean(page).text
    res = clean(page, OPTS_CR004)
    assert "Reporting by" not in res.text
    assert "Jane Roe" in (res.metadata.get("authors") or [])


@pytest.mark.parametrize("line, kept", [
    ("An error occurred while loading the video. Please try again later.", False),
    ("Just R20 for the first month. Support independent journalism by subscribing to our digital news package.", False),
    ("We welcome comments that advance the story through relevant opinion. Please read our community guidelines.", False),
    ("Netflix raised the price of its basic plan to $12 a month in January, the company said.", True),
    ("The newspaper said it would change its comment policy after the election.", True),
])
def test_templated_notes_go_and_news_about_them_stays(line: str, kept: bool) -> None:
    assert (line in _clean(_page(line)).text) is kept
