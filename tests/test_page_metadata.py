"""Cleaning of the metadata a page's HTML gives (authors, timestamps)."""

from cleaner.html import _scholarly_authors, _with_time
from cleaner.meta_tags import page_timestamps
from cleaner.metadata import clean_page_authors


def test_page_authors_prefixes_and_glued_names():
    assert clean_page_authors(["Autor Ana Lopez", "Ben Hall"]) == ["Ana Lopez", "Ben Hall"]
    assert clean_page_authors(["Kari Nordmann og Ola Hansen"]) == ["Kari Nordmann", "Ola Hansen"]
    assert clean_page_authors(["Pedro Ruiz y Marta Gil"]) == ["Pedro Ruiz", "Marta Gil"]


def test_page_authors_drop_non_names_and_duplicates():
    names = ["The Daily Planet https", "Www Dailyplanet Com", "Lois Lane", "Lois-Lane"]
    assert clean_page_authors(names, "The Daily Planet", "https://www.dailyplanet.com/a") == ["Lois Lane"]
    assert clean_page_authors(["Example Media GmbH", "Jo Moss"]) == ["Jo Moss"]


def test_publisher_dropped_only_beside_a_person():
    assert clean_page_authors(["Planet News", "Jo Moss"], "Planet News") == ["Jo Moss"]
    assert clean_page_authors(["Planet News"], "Planet News") == ["Planet News"]
    assert clean_page_authors(["Planet De"], "planet.de") == ["planet.de"]


def test_timestamps_keep_only_what_the_page_says():
    html = ('<meta property="article:published_time" content="2025-06-05T14:46:12+0200">'
            '<meta name="date" content="2025-06-05">')
    assert page_timestamps(html) == ["2025-06-05T14:46:12+02:00"]
    assert _with_time("2025-06-05", html) == "2025-06-05T14:46:12+02:00"
    assert _with_time("2025-06-04", html) == "2025-06-04"  # another day: not borrowed
    assert page_timestamps('<script>{"datePublished": "2024-01-02T08:05"}</script>') == ["2024-01-02T08:05"]


def test_scholarly_names_turned_around():
    html = '<meta name="citation_author" content="Brazil, Rachel"><meta name="dc.creator" content="Jo Moss">'
    assert _scholarly_authors(html) == ["Rachel Brazil", "Jo Moss"]


def test_page_title_loses_only_the_site_name():
    from cleaner.metadata import clean_page_title

    assert clean_page_title("Storm hits coast | Daily Planet", "Daily Planet") == "Storm hits coast"
    assert clean_page_title("Storm hits coast – DP – 28.04.2023", None, "https://www.dp.com/x") == "Storm hits coast"
    assert clean_page_title("Club news: new chair - Planet", "Planet") == "Club news: new chair"
    assert clean_page_title("Storm hits coast - again", "Daily Planet") == "Storm hits coast - again"


def test_role_after_a_name_is_dropped_but_a_name_is_kept():
    from cleaner.metadata import split_names

    assert split_names("Jo Moss Political Correspondent") == ["Jo Moss"]
    assert split_names("Karla Muster Redakteurin") == ["Karla Muster"]
    assert split_names("Ann Editor") == ["Ann Editor"]


def test_dates_in_other_languages_keep_only_what_is_written():
    from cleaner.metadata import iso_date

    assert iso_date("Publié le 5 juin 2025 à 14h46".removeprefix("Publié le ")) == "2025-06-05T14:46"
    assert iso_date("5. Juni 2025, 14:46 Uhr") == "2025-06-05T14:46"
    assert iso_date("05.06.2025") == "2025-06-05"  # day first, no time invented
    assert iso_date("Sep 2, 2024, 17:07 IST") == "2024-09-02T17:07"  # ambiguous zone: no offset
    assert iso_date("5. Juni") is None  # no year: not completed


def test_one_byline_per_document():
    from cleaner import clean

    text = ("Der Rat tagt erneut\nVon Karla Muster\nDer Rat hat am Dienstag lange beraten und nichts beschlossen.\n"
            "Weitere Artikel\nVon Otto Beispiel\n")
    assert clean(text).metadata["authors"] == ["Karla Muster"]
    trailer = "The talks went on all night.\n(Reporting by Jane Doe; Writing by Li Wei; Editing by Tom Brown)\n"
    assert clean(trailer).metadata["authors"] == ["Jane Doe", "Li Wei"]


def test_microdata_publication_time_when_no_page_stamp_agrees_with_trafilatura():
    html = '<p>Old text from 2019</p><time itemprop="datePublished" datetime="2023-08-30T16:45+0100">30 August</time>'
    assert _with_time("2019-02-05", html) == "2023-08-30T16:45+01:00"
    agreeing = html + '<meta property="article:published_time" content="2019-02-05T10:00:00Z">'
    assert _with_time("2019-02-05", agreeing) == "2019-02-05T10:00:00+00:00"  # the page agrees with trafilatura
    assert _with_time("2019-02-05", "<p>no stamps</p>") == "2019-02-05"


def test_page_authors_joined_in_more_languages():
    assert clean_page_authors(["Jan Novák a Petr Svoboda"]) == ["Jan Novák", "Petr Svoboda"]
    assert clean_page_authors(["Anna Nowak oraz Jan Kowalski"]) == ["Anna Nowak", "Jan Kowalski"]
    assert clean_page_authors(["Ayşe Yılmaz ve Mehmet Kaya"]) == ["Ayşe Yılmaz", "Mehmet Kaya"]
    assert clean_page_authors(["Иван Петров и Анна Смирнова"]) == ["Иван Петров", "Анна Смирнова"]
    assert clean_page_authors(["山田太郎、鈴木花子"]) == ["山田太郎", "鈴木花子"]
    assert clean_page_authors(["Jane Doe"]) == ["Jane Doe"]


def test_split_names_in_more_languages():
    from cleaner.metadata import split_names

    assert split_names("Anna Svensson och Erik Berg") == ["Anna Svensson", "Erik Berg"]
    assert split_names("Іван Петренко та Олена Коваль") == ["Іван Петренко", "Олена Коваль"]
    assert split_names("Jan Kowalski i Anna Nowak") == ["Jan Kowalski", "Anna Nowak"]
    assert split_names("Anna Andersen") == ["Anna Andersen"]


def test_joins_are_lower_case_words_not_initials_or_first_names():
    from cleaner.metadata import split_names

    assert split_names("Dan Brown and Ja Rule") == ["Dan Brown", "Ja Rule"]
    assert split_names("Jane I Doe") == ["Jane I Doe"]
    assert split_names("Matti Virtanen ja Liisa Korhonen") == ["Matti Virtanen", "Liisa Korhonen"]
    assert clean_page_authors(["Dan Brown, John E Smith"]) == ["Dan Brown", "John E Smith"]


def test_page_title_character_references_decoded():
    from cleaner.metadata import clean_page_title

    assert clean_page_title("It&#039;s a deal: Rock &amp;amp; Roll wins") == "It's a deal: Rock & Roll wins"
    assert clean_page_title("Tom & Jerry return") == "Tom & Jerry return"


def test_page_authors_that_are_interface_labels_are_dropped():
    """"View Profile", "Name", "Username" in an author field are a template's labels, not people;
    an agency stays."""
    assert clean_page_authors(["View Profile"]) == []
    assert clean_page_authors(["Name", "Jo Moss"]) == ["Jo Moss"]
    assert clean_page_authors(["Username; AFP"]) == ["AFP"]


def test_split_names_keeps_chinese_japanese_korean_names():
    """Han and Hangul have no capital letters: a name of two to five such characters is a name,
    and 、 ， and a middle dot between them separate names."""
    from cleaner.metadata import split_names

    assert split_names("王样例、李示范") == ["王样例", "李示范"]
    assert split_names("박보기·이견본") == ["박보기", "이견본"]
    assert split_names("山田見本") == ["山田見本"]


def test_record_time_confirmed_by_a_meta_stamp_beats_trafilaturas_day():
    """JSON-LD datePublished and article:published_time agree on the day; a generic "date" tag
    (the update) and trafilatura's day say another: the two publication statements win."""
    html = ('<meta property="article:published_time" content="2025-06-05T14:46:12+02:00">'
            '<meta name="date" content="2025-06-07T09:00:00+02:00">'
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2025-06-05T14:46:12+02:00"}</script>')
    assert _with_time("2025-06-07", html, "2025-06-05T14:46:12+02:00") == "2025-06-05T14:46:12+02:00"
    alone = '<meta name="date" content="2025-06-07T09:00:00+02:00">'  # the record alone: trafilatura's day stands
    assert _with_time("2025-06-07", alone, "2025-06-05T14:46:12+02:00") == "2025-06-07T09:00:00+02:00"


def test_editors_credits_are_no_authors():
    """An editor's credit in the page's author string ("Edited by X", "Redaktion: X", "责编：X",
    "Editado por X") names who edited the piece, not who wrote it (issue 16): dropped, the writer
    beside it kept. "Redaktion" without a colon stays a label before a name."""
    assert clean_page_authors(["Edited by John Roe"]) == []
    assert clean_page_authors(["Text: Jane Doe; Redaktion: Otto Beispiel"]) == ["Jane Doe"]
    assert clean_page_authors(["Jane Doe", "Editor: John Roe"]) == ["Jane Doe"]
    assert clean_page_authors(["责编：王样例"]) == []
    assert clean_page_authors(["Editado por Juan Ejemplo", "Lucía Prueba"]) == ["Lucía Prueba"]
    assert clean_page_authors(["Redaktion Otto Beispiel"]) == ["Otto Beispiel"]
    assert clean_page_authors(["Edith Editorson"]) == ["Edith Editorson"]


def test_page_authors_without_picture_credits_labels_and_trailing_months():
    """An author tag holding a picture's credit ("zVg", "Cortesía", "Handout"), a label alone or
    with a letter ("Article by", "Beitrag von r"), a profile link's label, or the month or
    publication label of the next element glued after the name."""
    for credit in ("zVg", "Cortesía", "Handout", "Privat", "Courtoisie", "Divulgação", "Archiwum"):
        assert clean_page_authors([credit]) == []
    assert clean_page_authors(["Article by"]) == []
    assert clean_page_authors(["Beitrag von r"]) == []
    assert clean_page_authors(["Zum Profil von Erika Beispiel"]) == ["Erika Beispiel"]
    assert clean_page_authors(["Escrito por Juana Ejemplo"]) == ["Juana Ejemplo"]
    assert clean_page_authors(["JANE DOE NOVEMBER"]) == ["JANE DOE"]
    assert clean_page_authors(["Jane Doe March"]) == ["Jane Doe"]
    assert clean_page_authors(["Metro Desk Staff Published"]) == ["Metro Desk Staff"]
    # a name that is or ends in a month stays a name
    assert clean_page_authors(["Anna May"]) == ["Anna May"]
    assert clean_page_authors(["June Smith"]) == ["June Smith"]
    assert clean_page_authors(["Jane Foto Doe"]) == ["Jane Foto Doe"]
