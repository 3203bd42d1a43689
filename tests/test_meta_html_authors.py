"""HTML route authors (cleaner/meta_html.py): accounts, picture credits, phrase pieces, outlets."""

from __future__ import annotations

import json

from cleaner.pipeline import clean_html

BODY = " ".join(["The council approved the new budget on Monday after a long debate."] * 4)


def _page(head: str = "", byline: str = "", ld: dict | None = None) -> bytes:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (f"<html><head><title>Council approves budget</title>{head}{script}</head><body><article>"
            f"<h1>Council approves budget</h1>{byline}<p>{BODY}</p><p>{BODY}</p></article></body></html>").encode()


def test_an_account_the_page_writes_in_lower_case_is_no_person(options):
    """trafilatura title-cases an author it read in lower case ("jdoe" -> "Jdoe"): the page
    writes an account's name, no person's, and it is no author; the page's byline, when it names
    a person, is read in its place (a CMS's "admin" in the author tag). A name the page writes
    capitalised stays."""
    from cleaner.meta_html import as_written, lower_case_name

    page = '<p>By <a rel="author" href="/u/jdoe">jdoe</a></p><p>with Jane Roe</p><p>Jane Doe</p>'
    assert as_written(["Jdoe", "With Jane Roe", "Jane Doe", "Harry J Enten"], page) == [
        "jdoe", "with Jane Roe", "Jane Doe", "Harry J Enten"]
    assert lower_case_name("jdoe") and lower_case_name("jane-doe") and not lower_case_name("det/dpa")
    assert not lower_case_name("bell Hooks") and not lower_case_name("sportschau.de")
    byline = '<p class="byline">By <a rel="author" href="/u/jdoe">jdoe</a></p>'
    assert clean_html(_page(byline=byline), options).metadata["authors"] == []
    head = '<meta name="author" content="admin">'
    assert clean_html(_page(head=head, byline='<span class="author">Jane Doe</span>'), options).metadata[
        "authors"] == ["Jane Doe"]


def test_a_record_person_in_lower_case_gives_way_to_the_pages_author(options):
    """The article record's Person "medellín" (a place) is no author; the page's author tag
    names the person."""
    ld = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "medellín"}}
    head = '<meta property="article:author" content="Jane Doe">'
    assert clean_html(_page(head=head, ld=ld), options).metadata["authors"] == ["Jane Doe"]


def test_a_byline_class_after_a_picture_credit_label_is_the_photographer():
    """'<strong>Foto:</strong> <p class="autor">Jane Doe</p>' marks the picture's credit with a
    byline class: no byline; the same element without the label is one."""
    from cleaner.meta_html import visible_byline

    classes, not_classes = ("author", "byline", "autor"), ("bio", "comment")
    credit = '<html><body><div><strong>Foto:</strong> <p class="autor">Jane Doe</p></div><p>Text</p></body></html>'
    assert visible_byline(credit, classes, not_classes) == ([], "")
    plain = '<html><body><div><p class="autor">Jane Doe</p></div><p>Text</p></body></html>'
    assert visible_byline(plain, classes, not_classes) == (["Jane Doe"], "Jane Doe")


def test_a_two_word_piece_of_a_phrase_split_at_its_join_is_no_name(options):
    """trafilatura split "The Russian and Syrian defense ministries" at its join and refused the
    other piece, a phrase: the piece of two words the page writes joined to it is none either.
    Beside a refused word that is no phrase ("Jane Doe and agencies", "Jane Doe and wire
    reports", "Fisch & Fang Seminare": which is a name is not known), beside a label's piece
    ("with Jane Doe in Washington and John Roe") and with no piece refused the names stay."""
    from cleaner.meta_html import split_leftovers

    page = "<h4>The Russian and Syrian defense ministries</h4><p>Fisch &amp; Fang Seminare</p>"
    assert split_leftovers(["The Russian"], ["The Russian", "Syrian defense ministries"], page) == []
    assert split_leftovers(["Fang Seminare"], ["Fisch", "Fang Seminare"], page) == ["Fang Seminare"]
    for v in ("Jane Doe and agencies", "Jane Doe and wire reports"):
        meta = clean_html(_page(byline=f'<div class="byline">{v}</div>'), options).metadata
        assert meta["authors"] == ["Jane Doe"], v
    byline = "<p>By Jane Doe with John Roe in Washington and Ann Poe</p>"
    assert split_leftovers(["Jane Doe", "John Roe", "Ann Poe"], ["Jane Doe", "With John Roe", "In Washington",
                                                                 "Ann Poe"], byline) == ["Jane Doe", "John Roe", "Ann Poe"]
    assert split_leftovers(["Jane Doe", "Ann Poe"], ["Jane Doe", "Ann Poe"], "<p>Jane Doe and Ann Poe</p>") == [
        "Jane Doe", "Ann Poe"]


def test_a_newspaper_beside_the_persons_is_no_author(options):
    """trafilatura's "Jane Doe; John Roe; Financial Times" (a byline "By Jane Doe and John Roe |
    Financial Times"): the newspaper the copy comes from is no author; a news agency beside the
    name and an outlet alone stay."""
    from cleaner.meta_html import without_outlets

    assert without_outlets(["Jane Doe", "John Roe", "Financial Times"]) == ["Jane Doe", "John Roe"]
    assert without_outlets(["Jane Doe", "PC World"]) == ["Jane Doe"]
    assert without_outlets(["Jane Doe", "Associated Press"]) == ["Jane Doe", "Associated Press"]
    assert without_outlets(["Financial Times"]) == ["Financial Times"]
    head = '<meta name="author" content="Jane Doe and John Roe | Financial Times">'
    assert clean_html(_page(head=head), options).metadata["authors"] == ["Jane Doe", "John Roe"]


def test_byline_labels_of_more_languages_and_the_records_creator(options):
    """Dutch, Danish, Norwegian and Swedish bylines open with a short label ("Door", "Af", "Av")
    that is no part of the first name; a JSON-LD article with `creator` and no `author` names
    its author there."""
    from cleaner.metadata import clean_page_authors

    assert clean_page_authors(["Door Jan Jansen", "Af Kari Nordmann", "Av Anna Svensson", "Автор: Иван Петров"]) == [
        "Jan Jansen", "Kari Nordmann", "Anna Svensson", "Иван Петров"]
    meta = clean_html(_page(byline='<div class="byline">Av Kari Nordmann og Ola Nordmann</div>'), options).metadata
    assert meta["authors"] == ["Kari Nordmann", "Ola Nordmann"]
    ld = {"@type": "NewsArticle", "creator": {"@type": "Person", "name": "Jane Doe"}}
    assert clean_html(_page(ld=ld), options).metadata["authors"] == ["Jane Doe"]


def test_a_label_word_is_cut_in_lower_case_only_and_names_are_read_as_written(options):
    """"with John Roe" / "in Washington" (trafilatura's pieces of "By Jane Doe with John Roe in
    Washington") lose the label word; capitalised, the word opens a name ("Con Coughlin", "Med
    Hondo"). trafilatura title-cases what it read in lower case: the page's own form is read
    ("mit Material von dpa" is the agency's credit: "dpa", no "Material Von Dpa")."""
    from cleaner.meta_html import as_written, phrase_names

    assert phrase_names(["Con Coughlin", "Med Hondo", "with John Roe", "in Washington"]) == [
        "Con Coughlin", "Med Hondo", "John Roe"]
    page = "<p>By Jane Doe with <a>John Roe</a> in Washington</p><p>Jane Doe, mit Material von dpa</p>"
    assert as_written(["With John Roe", "In Washington", "Material Von Dpa"], page) == [
        "with John Roe", "in Washington", "Material von dpa"]
    head = '<meta name="author" content="Jane Doe, mit Material von dpa">'
    assert clean_html(_page(head=head), options).metadata["authors"] == ["Jane Doe", "dpa"]  # the agency signs too


def test_a_town_or_a_degree_beside_a_person_is_no_author():
    """One capitalised word beside a person named with two words ("Jane Doe, Berlin", "Jane
    Doe, PhD") is her town or degree; an agency ("Reuters"), a short name in capitals or lower
    case ("SDA", "dpa"), a name without case and a word alone stay."""
    from cleaner.meta_html import without_outlets

    assert without_outlets(["Jane Doe", "John Roe", "Brüssel"]) == ["Jane Doe", "John Roe"]
    assert without_outlets(["Jane Doe", "PhD"]) == ["Jane Doe"]
    assert without_outlets(["Jane Doe", "Reuters", "SDA", "dpa"]) == ["Jane Doe", "Reuters", "SDA", "dpa"]
    assert without_outlets(["배윤경", "이상현"]) == ["배윤경", "이상현"] and without_outlets(["Cortyn"]) == ["Cortyn"]


def test_an_agency_alone_or_before_the_writers_role_signs(options):
    """A byline element "Reuters – 1 hour ago" names the agency alone; "By JANE DOE Associated
    Press Writer" names the writer and the agency (fundus' gold keeps a signing agency); "Ben
    Silverman Games Editor" still names no one (where the name ends is not known)."""
    from cleaner.meta_html import phrase_names, visible_byline

    page = '<html><body><cite class="byline vcard">Reuters – 1 hour 24 minutes ago</cite><p>Text</p></body></html>'
    assert visible_byline(page, ("byline",), ("bio",), ("vcard",))[0] == ["Reuters"]
    assert phrase_names(["JANE DOE Associated Press Writer", "Ben Silverman Games Editor"]) == [
        "JANE DOE", "Associated Press"]
    meta = clean_html(_page(byline='<div class="articleByline">By JANE DOE Associated Press Writer</div>'),
                      options).metadata
    assert meta["authors"] == ["JANE DOE", "Associated Press"]


def test_a_name_trafilatura_cut_at_a_preposition_is_read_whole_from_the_byline(options):
    """trafilatura cuts "Press Trust Of India" at "of" ("Press Trust"): the page's byline element
    writes it whole and is read; a byline that only adds a stamp's word is not."""
    from cleaner.meta_html import cut_short

    assert cut_short(["Press Trust"], ["Press Trust Of India"])
    assert not cut_short(["Jane Doe"], ["Jane Doe Updated"]) and not cut_short(["Jane Doe"], ["Jane Doe"])
    head = '<meta name="author" content="Press Trust Of India">'
    meta = clean_html(_page(head=head, byline='<div class="niauthor">Press Trust Of India</div>'), options).metadata
    assert meta["authors"] == ["Press Trust Of India"]


def test_a_news_agency_in_lower_case_is_an_author(options):
    """"dpa", "epd" write their names in lower case: an agency that signs, no account; as the
    record's Person, in the author tag beside a person ("Jane Doe mit dpa", "Jane Doe, Dpa"), and
    a trafilatura name of an agency does not stop the byline from being read."""
    from cleaner.meta_html import lower_case_name, plausible_names, without_outlets

    assert not lower_case_name("dpa") and not lower_case_name("epd") and lower_case_name("jdoe")
    ld = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "dpa"}}
    assert clean_html(_page(ld=ld), options).metadata["authors"] == ["dpa"]
    assert plausible_names(["Jane Doe mit dpa"]) == ["Jane Doe", "dpa"]
    assert without_outlets(["Jane Doe", "Dpa", "Efe"]) == ["Jane Doe", "Dpa", "Efe"]


def test_text_and_photo_by_one_author_is_a_byline():
    """"<span>Text und Foto:</span> <span class='author'>Jane Doe</span>": the author wrote the
    text too; only a credit label alone marks the photographer."""
    from cleaner.meta_html import visible_byline

    page = ('<html><body><div><span>Text und Foto:</span> <span class="author">Jane Doe</span></div>'
            '<p>Text</p></body></html>')
    assert visible_byline(page, ("author",), ("bio",)) == (["Jane Doe"], "Jane Doe")


def test_a_persons_name_the_page_writes_in_lower_case_words_stays(options):
    """"jane doe" in an author tag (trafilatura: "Jane Doe") is a person written carelessly, not
    an account: it stays, also as the record's Person; one word in lower case is an account."""
    from cleaner.meta_html import as_written, phrase_names

    page = '<meta name="author" content="jane doe">'
    assert as_written(["Jane Doe", "Jdoe"], page + "<p>jdoe</p>") == ["Jane Doe", "jdoe"]
    assert phrase_names(["jane doe", "kj"]) == ["jane doe"]
    assert clean_html(_page(head=page), options).metadata["authors"] == ["Jane Doe"]
