"""Captions next to their credit line (CP003) and the caption/credit rules on whole pages."""

from __future__ import annotations

from cleaner import Options, clean, load_rules

OPTS = Options(load_rules())

ARTICLE = ("The council voted on Tuesday to close the old bridge to traffic for the whole of next year while "
           "engineers replace its deck, a decision that drivers and shop owners on both banks had long opposed.")


def _out(text: str) -> str:
    return clean(text, OPTS).text


def test_caption_goes_with_the_credit_line_under_it():
    page = f"{ARTICLE}\nDer Minister bei seiner Ankunft in Brüssel am Montag.\nFoto: Jane Roe/dpa\n{ARTICLE}\n"
    out = _out(page)
    assert "Ankunft in Brüssel" not in out and "Jane Roe" not in out
    assert out.count("The council voted") == 2


def test_only_the_line_next_to_the_credit_goes():
    """After the caption goes, the paragraph above it must not become the next caption (the
    caption and its credit are one removal)."""
    lead = "Die Stadt hat am Dienstag beschlossen, die alte Brücke für ein Jahr zu sperren."
    page = f"{lead}\nDer Minister bei seiner Ankunft in Brüssel am Montag.\nFoto: Jane Roe/dpa\n{ARTICLE}\n"
    out = _out(page)
    assert lead in out
    assert "Ankunft in Brüssel" not in out


def test_a_paragraph_over_an_agency_name_alone_stays():
    lead = "Die Stadt hat am Dienstag beschlossen, die alte Brücke für ein Jahr zu sperren."
    out = _out(f"{lead}\nGetty Images\n{ARTICLE}\n")
    assert lead in out


def test_caption_metadata_is_kept():
    res = clean(f"{ARTICLE}\nThe minister arrives for talks in Brussels on Monday.\n(Photo: Jane Roe/AFP)\n{ARTICLE}\n", OPTS)
    assert "The minister arrives for talks in Brussels on Monday." in res.metadata.get("captions", [])


def test_a_date_stamp_above_a_credit_line_is_no_caption_and_gives_the_date():
    # CP003 took "Aktualisiert am ..., 14:35 Uhr" over "Foto: ..." as a caption and its credit,
    # so the article's date went with it (metadata published was null)
    text = (
        "Lead paragraph of the story that is long enough to be running text for the test here.\n"
        "Aktualisiert am 12.03.2024, 14:35 Uhr\n"
        "Foto: Jane Roe/dpa\n"
        "More running text of the article follows here with words.\n"
    )
    res = clean(text, Options(load_rules()))
    assert "CP003" not in {r.rule for r in res.removed}
    assert res.metadata["published"] == "2024-03-12T14:35"
