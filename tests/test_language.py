"""`language` in the metadata: the page's markup first, else CLD2 on the clean text, else null."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cleaner import clean, language
from cleaner.cli import app
from cleaner.language import normalise, page_language
from cleaner.pipeline import clean_html

TEXTS = {
    "de": "Der Gemeinderat hat am Montag nach einer langen und zum Teil hitzigen Debatte den neuen Haushalt "
          "beschlossen. Die Opposition kritisierte, dass für Schulen, Straßen und die Parks der Stadt zu wenig "
          "Geld übrig bleibe, und kündigte an, im Herbst einen eigenen Entwurf vorzulegen.",
    "fr": "Le conseil municipal a adopté lundi le nouveau budget après un long débat qui s'est prolongé tard dans "
          "la nuit. L'opposition a estimé que le plan laissait trop peu d'argent pour les écoles, les routes et "
          "les parcs de la ville, et promet de présenter son propre projet à l'automne.",
    "ja": "市議会は月曜日、深夜まで続いた長い議論の末に新しい予算案を可決した。野党は、学校や道路、公園に充てる"
          "予算が少なすぎると批判し、秋には独自の案を提出する方針を示した。市長は記者会見で、財政の健全化と"
          "住民サービスの両立を目指すと述べた。",
    "ru": "Городской совет в понедельник после долгих споров, затянувшихся до поздней ночи, утвердил новый "
          "бюджет. Оппозиция заявила, что на школы, дороги и городские парки в нём выделено слишком мало денег, "
          "и пообещала осенью представить собственный проект.",
}
ENGLISH = (
    "The council approved the new budget on Monday after a long debate that ran late into the night. "
    "Members of the opposition said the plan left too little for schools, roads and the city's parks, "
    "and they promised to bring their own draft in the autumn."
)
needs_cld2 = pytest.mark.skipif(not language.available(), reason="pycld2 has no wheel on this platform")


def page(body: str, head: str = "", html_attrs: str = "") -> bytes:
    return (f"<html{html_attrs}><head><title>Budget</title>{head}</head><body><article><h1>Budget</h1>"
            f"<p>{body}</p></article></body></html>").encode()


@needs_cld2
@pytest.mark.parametrize("code", sorted(TEXTS))
def test_a_text_gets_its_language_from_the_identifier(options, code):
    meta = clean(TEXTS[code] + "\n", options).metadata
    assert meta["language"] == code
    assert meta["fields_from"]["language"] == "identifier"


def test_a_five_word_text_gets_null(options):
    meta = clean("Der Gemeinderat tagt am Montag.\n", options).metadata
    assert meta["language"] is None and "language" not in meta["fields_from"]
    assert not language.enough_text(TEXTS["de"][:90])  # 13 words: not enough either


def test_html_lang_wins_over_the_identifier(options):
    meta = clean_html(page(ENGLISH, html_attrs=' lang="de-DE"'), options).metadata
    assert meta["language"] == "de"
    assert meta["fields_from"]["language"] == "html lang"
    if language.available():  # the identifier read English: both kept, so the disagreement shows
        assert meta["conflicts"]["language"] == {"identifier": "en", "html lang": "de"}


@needs_cld2
def test_a_page_without_markup_gets_the_identifiers_code(options):
    meta = clean_html(page(TEXTS["fr"]), options).metadata
    assert meta["language"] == "fr" and meta["fields_from"]["language"] == "identifier"
    assert "language" not in meta["conflicts"]


def test_other_markup_sources_in_order():
    assert page_language('<html lang="pt-BR">') == ("pt", "html lang")
    head = '<html><meta http-equiv="Content-Language" content="fr-CA"><meta property="og:locale" content="en_US">'
    assert page_language(head) == ("fr", "content-language")
    # a charset where a language belongs (seen on a real page) and two audiences: no evidence
    head = '<html><meta http-equiv="Content-Language" content="utf-8"><meta property="og:locale" content="es_ES">'
    assert page_language(head) == ("es", "og:locale")
    assert page_language('<html><meta http-equiv="content-language" content="de, en">') is None
    assert page_language('<html lang=""><body>') is None


def test_codes_are_normalised_one_way():
    assert [normalise(t) for t in ("de-DE", "EN_us", "zh-TW", "zh-Hant-HK", "zh-Hans-CN", "sr-Latn-RS", "iw", "es-419")] \
        == ["de", "en", "zh-Hant", "zh-Hant", "zh", "sr-Latn", "he", "es"]
    assert [normalise(t) for t in ("und", "english", "utf-8", "x-klingon", "", None)] == [None] * 6
    assert language.same("no", "nb") and language.same("zh", "zh-Hant") and not language.same("en", "de")


def test_without_pycld2_the_field_is_from_markup_or_null(options, monkeypatch):
    monkeypatch.setattr(language, "_cld2", False)  # as when the wheel is missing
    assert clean(TEXTS["de"] + "\n", options).metadata["language"] is None
    meta = clean_html(page(ENGLISH, html_attrs=' lang="en"'), options).metadata
    assert meta["language"] == "en" and meta["fields_from"]["language"] == "html lang"
    assert "language" not in meta["conflicts"]


def test_control_characters_do_not_stop_the_identifier():
    text = TEXTS["de"].replace(" ", " \x85", 3) + "\x00\ufffe"
    assert language.identify(text) == ("de" if language.available() else None)


@needs_cld2
def test_the_json_sidecar_of_clean_has_the_language(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXTS["de"] + "\n", encoding="utf-8")
    (src / "b.txt").write_text("Der Gemeinderat tagt am Montag.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["clean", str(src), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    a = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "out" / "b.json").read_text(encoding="utf-8"))
    assert a["language"] == "de" and a["fields_from"]["language"] == "identifier"
    assert "language" in b and b["language"] is None
