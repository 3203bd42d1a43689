"""Text-route metadata refuses values from comments, teasers, ads and credits (cleaner.meta_evidence),
and every filled field names its evidence in fields_from: rule id and input line."""

from cleaner import clean
from cleaner.engine import Removal
from cleaner.meta_evidence import Evidence, body_span

BODY = (
    "Cars were driving over the bridge again on Tuesday morning, two years after it was closed by the city.\n"
    "The city spent more than it had planned, because the damage turned out to be worse than the first survey showed.\n"
    "Commuters who had taken a long detour every day said they were glad the work was over at last.\n"
    "Shops near the bridge expect their customers to come back now that the road is open again, the council said.\n"
)


def test_fields_from_names_rule_and_line():
    text = "March 19, 2015 / 1:53 AM / 3 years ago\n\nPutin to meet aide in Moscow\n\nMOSCOW (Reuters) - Putin will meet a close aide.\n\nWriting by Lidia Kelly; Editing by Mark Heinrich\n"
    meta = clean(text).metadata
    assert meta["fields_from"]["title"] == "HD001:3"
    assert meta["fields_from"]["published"] == "DL001:1"
    assert meta["fields_from"]["authors"] == "CR001:7"


def test_byline_in_the_comment_section_is_refused():
    page = (
        "Home\nNews\nBridge reopens after two years of repairs\n4 March 2025, 09:30\n" + BODY + BODY
        + "Leave a Reply\nVon Otto Kommentator\nI drive over it every day and it is about time they finished this work.\n"
    )
    meta = clean(page).metadata
    assert meta["title"] == "Bridge reopens after two years of repairs"
    assert meta["authors"] == []  # the only "Von" line is a commenter's


def test_teaser_headline_after_the_body_is_not_the_title():
    page = (
        "Home\nNews\n" + BODY + "More on this topic\n"
        "Storm damage in the north costs the region millions\nBy Otto Teaser\n5 March 2025, 10:00\n"
        "Short teaser text.\n"
    )
    meta = clean(page).metadata
    assert meta["title"] is None
    assert meta["authors"] == [] and meta["published"] is None


def test_time_stamp_and_name_list_are_not_headlines():
    page = (
        "Home\n13:37 Uhr\nBridge reopens after two years of repairs\nVon Jane Sample\n04.03.2025, 09:30 Uhr\n" + BODY
    )
    assert clean(page).metadata["title"] == "Bridge reopens after two years of repairs"
    from cleaner.metadata import headline

    caption = "Board members (from left): Ann One, Bo Two, Cy Three, Dee Four, Eve Five"
    assert headline(f"Home\n{caption}\nBy Jane Sample\n4 March 2025, 09:30\n{BODY}") != caption


def test_evidence_refuses_lines_of_chrome_rules_and_far_from_the_body():
    kept = [(10 + k, ln) for k, ln in enumerate(BODY.splitlines())]
    assert body_span(kept) == (10, 13)
    ev = Evidence([Removal("UI004", 20, 20, 1, "Leave a comment"), Removal("CP001", 8, 8, 1, "A caption (Photo: X)")], kept)
    assert ev.refuses("authors", 20, "BY001")  # a comment prompt's line
    assert ev.refuses("title", 8, "HD002") and not ev.refuses("authors", 8, "HD002")  # a caption: no title
    assert ev.refuses("title", 30, "HD002")  # below the body
    assert not ev.refuses("title", 9, "HD002") and not ev.refuses("published", 14, "BY005")
    assert ev.refuses("published", 40, "BY005") and not ev.refuses("authors", 19, "CR001")  # a credit trailer
    assert not Evidence([], None).refuses("title", 99, "HD002")  # no clean text given: place not judged


def test_comments_longer_than_the_article_do_not_become_the_body():
    article = [(10 + k, ln) for k, ln in enumerate(BODY.splitlines())]
    comments = [(40 + k, ln) for k, ln in enumerate((BODY * 2).splitlines())]
    assert body_span(article + comments, [30]) == (10, 13)


def test_teaser_stamps_above_the_headline_are_refused():
    ev = Evidence([], [(20 + k, ln) for k, ln in enumerate(BODY.splitlines())])
    ev.headline = 18
    assert ev.reason("published", 10, "BY005") == "above the headline"
    assert ev.reason("authors", 12, "BY001") == "above the headline"
    assert ev.reason("published", 16, "BY005") is None and ev.reason("published", 19, "BY005") is None


def test_stamp_after_an_update_label_is_not_the_publication():
    from cleaner.metadata import build
    from cleaner.engine import Extraction

    line = "5 gennaio 2025 (modifica il 6 gennaio 2025 | 15:24)"
    ex = Extraction("BY005", "published", {"v": "6 gennaio 2025 | 15:24"}, 3, (3,))
    kept = [(3, line)] + [(10 + k, ln) for k, ln in enumerate(BODY.splitlines())]
    assert build([ex], [], kept)["published"] is None
    assert build([ex], [], [(3, "6 gennaio 2025 | 15:24")] + kept[1:])["published"] == "2025-01-06T15:24"


def test_byline_in_the_middle_of_the_body_is_a_teasers():
    ev = Evidence([], [(10 + k, ln) for k, ln in enumerate((BODY * 8).splitlines())])
    assert ev.body == (10, 41)
    assert ev.reason("authors", 25, "BY001") == "in the middle of the body"
    assert ev.reason("authors", 12, "BY001") is None and ev.reason("authors", 40, "BY001") is None


def test_a_teaser_signed_with_its_author_is_not_a_headline():
    from cleaner.metadata import headline

    teaser = "Análisis — Ronda cosmética en la UE para salvar la imagen, por Olga Rodríguez"
    page = f"Inicio\nEl Gobierno defiende el embargo de armas en la reunión de Madrid\nMás noticias\n{teaser}\nPor Ana Prueba\n29 de mayo de 2025 - 10:15 h\n" + BODY
    assert headline(page) == "El Gobierno defiende el embargo de armas en la reunión de Madrid"
    assert headline("Home\nStorm hits coast, by the river\nBy Jane Sample\n4 March 2025, 09:30\n" + BODY) == "Storm hits coast, by the river"


def test_source_tag_built_and_read_back():
    """HD002's tag is written by one helper and its line read back by one (a byline rule's too)."""
    from cleaner.metadata import _head_tag, _tag_line

    assert _head_tag(14) == ["HD002:14"] and _head_tag(0) == ["HD002"]
    assert _head_tag(6, learned=True) == ["HD002:model:6"] and _head_tag(0, learned=True) == ["HD002:model"]
    assert _tag_line("BY004:14") == 14 and _tag_line("HD002:model:6") == 6
    assert _tag_line("HD002") is None and _tag_line("HD002:model") is None
