"""The text route's byline and stamp in many languages (metaby17): the labels, roles, joins,
month names, connectors and update labels of rules/data/metadata.toml, read on a whole page
whose headline, byline and stamp stand where a news page puts them."""

import pytest

from cleaner import clean

HEAD = "Nowy most połączy dwie dzielnice miasta"
BODY = {
    "pl": "Rada miasta zdecydowała we wtorek o budowie nowego mostu na rzece, który ma połączyć dwie dzielnice. "
          "Prace mają potrwać dwa lata i kosztować więcej, niż planowano na początku budowy.",
    "pt": "A câmara municipal decidiu na terça-feira construir uma nova ponte sobre o rio, que vai ligar dois "
          "bairros da cidade. As obras devem durar dois anos e custar mais do que o previsto no início.",
    "fr": "Le conseil municipal a décidé mardi de construire un nouveau pont sur la rivière, qui reliera deux "
          "quartiers de la ville. Les travaux devraient durer deux ans et coûter plus cher que prévu au départ.",
    "it": "Il consiglio comunale ha deciso martedì di costruire un nuovo ponte sul fiume, che collegherà due "
          "quartieri della città. I lavori dovrebbero durare due anni e costare più del previsto all'inizio.",
    "en": "The city council decided on Tuesday to build a new bridge over the river that will link two districts "
          "of the town. The work is expected to take two years and to cost more than was first planned for it.",
}


def meta(byline: str, stamp: str, lang: str = "pl") -> dict:
    page = "\n".join(["Start", "Wiadomości", "Sport", HEAD, byline, stamp, BODY[lang], BODY[lang]]) + "\n"
    return clean(page).metadata


@pytest.mark.parametrize("byline, name", [
    ("Skrevet af Lars Hansen", "Lars Hansen"),          # da (af is a name particle too: no "Skrevet af ..." name)
    ("Skrevet av Ola Nordmann", "Ola Nordmann"),        # no
    ("Skriven av Sven Svensson", "Sven Svensson"),      # sv
    ("Napsal Jan Novák", "Jan Novák"),                  # cs
    ("Napisała Anna Nowak", "Anna Nowak"),              # pl
    ("Kirjoittanut Matti Virtanen", "Matti Virtanen"),  # fi
    ("Írta Kovács János", "Kovács János"),              # hu
    ("Scris de Ion Popescu", "Ion Popescu"),            # ro
    ("Γράφει ο Γιώργος Παπαδόπουλος", "Γιώργος Παπαδόπουλος"),  # el, the nominative
    ("Geschrieben von Karla Muster", "Karla Muster"),   # de
    ("Escrito por Ana Souza", "Ana Souza"),             # es, pt
    ("Scritto da Mario Rossi", "Mario Rossi"),          # it
    ("Écrit par Jean Dupont", "Jean Dupont"),           # fr
    ("Geschreven door Jan Jansen", "Jan Jansen"),       # nl
    ("Written by Jane Sample", "Jane Sample"),          # en
    ("Reported by Jane Sample", "Jane Sample"),
    ("Autorka: Anna Nowak", "Anna Nowak"),              # pl, cs
    ("Yazan: Ahmet Yılmaz", "Ahmet Yılmaz"),            # tr
    ("Tekst: Jan Kowalski", "Jan Kowalski"),            # a label only with its colon, at the stamp
    ("Teksti: Matti Virtanen", "Matti Virtanen"),
    ("Text von Karla Muster", "Karla Muster"),          # the text's credit with its preposition
    ("Texto de Ana Souza", "Ana Souza"),
    ("Oprac. Jan Kowalski", "Jan Kowalski"),            # pl "compiled by": no "Oprac. Jan Kowalski" name
    ("Analysis by Jane Sample", "Jane Sample"),
    ("Eine Reportage von Karla Muster", "Karla Muster"),
    ("Jan Kowalski, dziennikarz", "Jan Kowalski"),      # what the person is, after a comma, in lower case
])
def test_byline_labels_and_descriptions_in_many_languages(byline, name):
    assert meta(byline, "5 maja 2025, 10:15")["authors"] == [name]


def test_two_names_joined_in_other_languages():
    assert meta("Ion Popescu și Ana Ionescu", "5 maja 2025, 10:15")["authors"] == ["Ion Popescu", "Ana Ionescu"]
    assert meta("Nagy Anna és Kovács János", "5 maja 2025, 10:15")["authors"] == ["Nagy Anna", "Kovács János"]


def test_a_lower_case_a_is_no_join_between_names():
    """Czech "Jan Novák a Petr Svoboda" would want it, but an English title written in capitals
    ("Algebra Gets a Bad Rap") then reads as two names beside a date."""
    from cleaner.metadata import _byline_names

    assert _byline_names("Algebra Gets a Bad Rap", None) is None


def test_a_greek_genitive_byline_gives_no_name():
    """"Του Γιώργου Παπαδόπουλου" ("by ...") writes the name in the genitive: no name rather than
    a form the person is not called by."""
    assert meta("Του Γιώργου Παπαδόπουλου", "5 maja 2025, 10:15")["authors"] == []


@pytest.mark.parametrize("stamp, iso", [
    ("05.05.2025 o godz. 10:15", "2025-05-05T10:15"),   # pl
    ("5 maja 2025 r., 10:15", "2025-05-05T10:15"),
    ("5. května 2025 v 10:15", "2025-05-05T10:15"),     # cs
    ("5 мая 2025 г., 10:15", "2025-05-05T10:15"),       # ru
    ("5.5.2025 klo 10.15", "2025-05-05T10:15"),         # fi
    ("5 mai 2025, ora 10:15", "2025-05-05T10:15"),      # ro: two connectors
])
def test_connectors_between_the_date_and_its_time(stamp, iso):
    assert meta("Jan Kowalski", stamp)["published"] == iso


@pytest.mark.parametrize("stamp", [
    "Aktualizacja: 06.05.2025 Opublikowano: 05.05.2025",        # pl
    "Güncelleme: 06.05.2025 Yayınlanma: 05.05.2025",            # tr
    "Ultimo aggiornamento 06.05.2025 Pubblicato 05.05.2025",    # it
])
def test_the_publication_part_of_a_stamp_with_an_update_label(stamp):
    assert meta("Jan Kowalski", stamp)["published"] == "2025-05-05"


@pytest.mark.parametrize("byline, stamp, lang", [
    ("Por Ana Souza", "03/05/2025 às 10h15", "pt"),
    ("Par Jean Dupont", "Publié le 03/05/2025 à 10h15", "fr"),
    ("Di Mario Rossi", "03/05/2025 ore 10:15", "it"),
])
def test_an_ambiguous_numeric_stamp_is_read_day_first_on_a_day_first_page(byline, stamp, lang):
    assert meta(byline, stamp, lang)["published"] == "2025-05-03T10:15"


def test_an_ambiguous_numeric_stamp_on_an_english_page_stays_null():
    """US pages write the month first, others the day: on an English page "03/05/2025" is no day."""
    assert meta("By Jane Sample", "03/05/2025 10:15", "en")["published"] is None
    assert meta("By Jane Sample", "05/05/2025 10:15", "en")["published"] == "2025-05-05T10:15"  # either order
    assert meta("By Jane Sample", "05/05/2025", "en")["published"] is None  # unmarked: a top bar's today


def test_month_names_in_more_languages_read_without_dateparser():
    from cleaner.metadata import _quick_day

    for d in ("5 maja 2025", "5. května 2025", "5 мая 2025", "5 травня 2025", "5 Mayıs 2025", "5 Μαΐου 2025",
              "5 mai 2025", "5. toukokuuta 2025", "5 Mei 2025", "5. maj 2025"):
        assert _quick_day(d) == "2025-05-05", d


def test_name_particles_of_more_languages():
    """"Maria do Carmo Silva", "Jan ter Horst"; unlabelled beside the stamp too, where a particle
    is no reason to refuse the line (the page writes "das" in lower case: it is a particle's form)."""
    assert meta("Por Maria do Carmo Silva", "05.05.2025 10:15")["authors"] == ["Maria do Carmo Silva"]
    assert meta("Door Jan ter Horst", "05.05.2025 10:15")["authors"] == ["Jan ter Horst"]
    assert meta("João das Neves", "05.05.2025 10:15")["authors"] == ["João das Neves"]


@pytest.mark.parametrize("line", ["Polska Świat", "Politique Internationale", "Cronaca Roma"])
def test_a_sites_section_beside_the_stamp_is_no_author(line):
    """A section's name over the stamp reads like a name (BY004's shape): none, in any language."""
    assert meta(line, "05.05.2025 10:15")["authors"] == []


def test_an_outlet_named_first_beside_a_person_is_no_author():
    assert meta("Jan Kowalski, Gazeta Wyborcza", "05.05.2025 10:15")["authors"] == ["Jan Kowalski"]
