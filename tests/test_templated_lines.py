"""Templated furniture lines in many languages: a byline with its date (FN015), a newsletter box's
offer and consent (NL007), disclaimers (LG009), contact lines (FN016, opt-in). Made-up pages only."""

from __future__ import annotations

from cleaner import Options, clean, load_rules

BODY = ("The council met on Tuesday evening to discuss the new budget for the coming year, and members "
        "argued for several hours about the cost of repairing the old bridge over the river.")


def page(line: str) -> str:
    """An article of two paragraphs with `line` between them."""
    return "\n\n".join([BODY, line, BODY.replace("Tuesday", "Monday")])


def removed(opts: Options, line: str) -> list[str]:
    """Ids of the rules that removed `line` from a made-up page."""
    res = clean(page(line), opts)
    return sorted({r.rule for r in res.removed if line in r.text})


def test_byline_with_date_goes_and_prose_with_a_date_stays(options: Options) -> None:
    for line in ("Von Anja Muster am 14. Mai 2014, 15:40 Uhr", "Opublikowano 3 marca 2021 przez admin",
                 "3 Mart 2021 tarihinde admin tarafından yayınlandı", "投稿日: 2021年3月3日 作成者: admin"):
        assert removed(options, line) == ["FN015"], line
    assert removed(options, "By the time we arrived on 3 March 2021 the shop was closed.") == []


def test_newsletter_offer_and_consent_outside_english(options: Options) -> None:
    assert removed(options, "Receba as principais notícias no seu e-mail.") == ["NL007"]
    assert removed(options, "Mit der Anmeldung für den Newsletter haben Sie die Datenschutzhinweise zur Kenntnis genommen.") == ["NL007"]
    assert removed(options, "Wir informieren Sie gern über unsere Öffnungszeiten.") == []


def test_disclaimer_openings(options: Options) -> None:
    assert removed(options, "Мнение автора может не совпадать с мнением редакции.") == ["LG009"]
    assert removed(options, "Dieser Artikel ersetzt keine ärztliche Beratung.") == ["LG009"]
    assert removed(options, "The views expressed by residents at the meeting were mostly critical.") == []


def test_contact_lines_only_when_selected(options: Options) -> None:
    line = "Tel.: +49 30 1234567"
    assert removed(options, line) == []  # opt-in: contact pages keep their contact lines
    assert removed(Options(load_rules(extend_select=("FN016",))), line) == ["FN016"]
