"""The text route's authors next to the traps a news page has near its byline (meta19): credit
lines, calls to follow, a caption's subject, a reader comment under a short article. Each case
gave a wrong name on cf7da73; the words are data (rules/data/metadata.toml: head_byline.labels,
not_first_words, not_name_words; evidence.teasers and body_ends)."""

import pytest

from cleaner import clean

HEAD = {
    "de": "Neue Brücke verbindet zwei Stadtteile",
    "en": "New bridge will link two districts",
    "nl": "Nieuwe brug verbindt twee wijken",
    "ro": "Un pod nou va lega două cartiere",
    "it": "Un nuovo ponte collegherà due quartieri",
    "fr": "Un nouveau pont reliera deux quartiers",
    "da": "Ny bro skal forbinde to bydele",
}
BODY = {
    "de": "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen, die zwei "
          "Stadtteile verbinden soll. Die Arbeiten sollen zwei Jahre dauern und mehr kosten als zunächst geplant war.",
    "en": "The city council decided on Tuesday to build a new bridge over the river that will link two districts "
          "of the town. The work is expected to take two years and to cost more than was first planned for it.",
    "nl": "De gemeenteraad heeft dinsdag besloten een nieuwe brug over de rivier te bouwen die twee wijken van de "
          "stad verbindt. Het werk duurt naar verwachting twee jaar en kost meer dan eerst gepland.",
    "ro": "Consiliul local a decis marți să construiască un nou pod peste râu, care va lega două cartiere ale "
          "orașului. Lucrările ar urma să dureze doi ani și să coste mai mult decât s-a planificat la început.",
    "it": "Il consiglio comunale ha deciso martedì di costruire un nuovo ponte sul fiume, che collegherà due "
          "quartieri della città. I lavori dovrebbero durare due anni e costare più del previsto all'inizio.",
    "fr": "Le conseil municipal a décidé mardi de construire un nouveau pont sur la rivière, qui reliera deux "
          "quartiers de la ville. Les travaux devraient durer deux ans et coûter plus cher que prévu au départ.",
    "da": "Byrådet besluttede tirsdag at bygge en ny bro over floden, som skal forbinde to bydele i byen. "
          "Arbejdet ventes at tage to år og koste mere end først planlagt for hele projektet i byen.",
}
STAMP = {"de": "05.05.2025, 10:15 Uhr", "en": "May 5, 2025 10:15 am", "nl": "5 mei 2025, 10:15",
         "ro": "5 mai 2025, 10:15", "it": "5 maggio 2025, 10:15", "fr": "5 mai 2025 à 10h15", "da": "5. maj 2025 kl. 10:15"}


def meta(lang: str, head: list[str], below: list[str] = ()) -> dict:
    lines = ["Start", "Nachrichten", "Sport", HEAD[lang], *head, BODY[lang], BODY[lang], *below]
    return clean("\n".join(lines) + "\n").metadata


@pytest.mark.parametrize("lang, credit", [
    ("de", "Redigiert von Peter Schmidt"),     # an editing credit: "von" is a name particle, "Redigiert" read as a name word
    ("de", "Aufgezeichnet von Peter Schmidt"),  # an interview's recording credit
    ("it", "Traduzione di Pietro Bianchi"),     # a translation's
    ("da", "Redigeret af Peter Nielsen"),
    ("fr", "Avec Pierre Martin"),
    ("en", "Follow Peter Smith"),               # a call to follow, over the stamp (BY004 took it)
    ("en", "Courtesy Peter Smith"),             # a picture's credit
    ("en", "Peter Smith Photography"),          # a photographer's studio
    ("de", "Bundeskanzler Olaf Scholz"),        # a caption's subject with his office
])
def test_a_credit_or_a_caption_over_the_stamp_gives_no_author(lang, credit):
    assert meta(lang, [credit, STAMP[lang]])["authors"] == []


@pytest.mark.parametrize("lang, lines, name", [
    # a photo credit over the byline: the headline turns caption (CP003), BY004 reads the byline with its label
    ("nl", ["Foto: Piet de Vries / ANP", "Door Jan Jansen"], "Jan Jansen"),
    ("ro", ["De Ion Popescu"], "Ion Popescu"),  # the Romanian label, no name particle here
    ("ro", ["Foto: Mihai Ionescu", "De Ion Popescu"], "Ion Popescu"),
])
def test_a_byline_label_is_no_name_word(lang, lines, name):
    assert meta(lang, [*lines, STAMP[lang]])["authors"] == [name]


def test_a_comment_under_a_short_article_gives_no_author_and_no_date():
    """"3 Comments" (LY003, a counter, removes it before UI003 does) heads the comment section:
    the commenter's name and stamp under it are no byline, and the comment no more of the body."""
    m = meta("en", [], ["3 Comments", "Peter Smith", "May 6, 2025 at 9:12 am",
                        "This is great news for our town, finally something is happening here."])
    assert m["authors"] == []
    assert m["published"] is None


def test_the_byline_under_the_credits_still_reads():
    m = meta("de", ["Von Karla Muster", STAMP["de"], "Redigiert von Peter Schmidt"])
    assert m["authors"] == ["Karla Muster"]
    assert m["published"].startswith("2025-05-05")


@pytest.mark.parametrize("byline", [
    "By Jane Sample, BBC News, Washington",  # CR002 gave ["Jane Sample", "BBC News", "Washington"]
    "By Jane Sample, Fox News",
    "By Jane Sample, Fox Business",          # an outlet's first or last word (head_byline.outlet_*words)
    "By Jane Sample, Business Insider",
    "By Jane Sample, Politico Europe",
    "By Jane Sample, Special to CNN",
    "By Jane Sample, WIRED UK",
    "By Jane Sample The Washington Post",    # CR002's whole line: the outlet's article ends the name
])
def test_an_outlet_or_a_town_beside_a_person_is_no_author(byline):
    assert meta("en", [byline, STAMP["en"]])["authors"] == ["Jane Sample"]


def test_an_agency_beside_a_person_stays():
    from cleaner.metadata import _beside_person

    assert _beside_person(["Jane Sample", "AFP", "Washington"]) == ["Jane Sample", "AFP"]
    assert _beside_person(["AFP"]) == ["AFP"]
    assert _beside_person(["Landesspiegel"]) == ["Landesspiegel"]  # one name alone: a publisher's signature


@pytest.mark.parametrize("lang, below", [
    ("en", ["Peter Smith", "May 6, 2025 at 9:12 am", "Reply"]),        # a reader comment under a short article
    ("en", ["Peter Smith · May 4, 2025"]),                             # a teaser card's byline and day
    ("de", ["Peter Schmidt", "06.05.2025 um 09:12 Uhr", "Antworten"]),
    # BY004 (any name over a stamp) takes it when the comment's text runs on the body's run
    ("it", ["Pietro Bianchi", "6 maggio 2025, 9:12", "Rispondi",
            "Un commento di un lettore abbastanza lungo da essere una frase completa qui sotto."]),
])
def test_a_name_with_another_day_under_a_short_article_is_no_byline(lang, below):
    """The head's window (eight lines) reaches past a two-paragraph body: a name there with a
    stamp of another day than the article's is a comment's or a teaser's."""
    assert meta(lang, [STAMP[lang]], below)["authors"] == []


def test_the_byline_under_the_body_without_a_stamp_still_reads():
    assert meta("en", [STAMP["en"]], ["Jane Sample", "Senior Reporter"])["authors"] == ["Jane Sample"]


def test_a_noun_with_its_article_is_no_second_name():
    """"der" stands in a name after another particle ("von der Leyen"), not after a noun."""
    from cleaner.metadata import _byline_names

    assert meta("de", [STAMP["de"], "Peter Schmidt", "Geschäftsführer der Stadtwerke"])["authors"] == ["Peter Schmidt"]
    assert _byline_names("Geschäftsführer der Stadtwerke", None) is None
    assert _byline_names("Ursula von der Leyen", None) == ["Ursula von der Leyen"]


@pytest.mark.parametrize("heading", ["Zur Person", "Pressekontakt"])
def test_a_name_under_a_profile_or_contact_heading_is_no_byline(heading):
    assert meta("de", [STAMP["de"], heading, "Peter Schmidt"])["authors"] == []


@pytest.mark.parametrize("byline", ["Von Karla Muster, Berliner Morgenpost", "Karla Muster\nMünchner Merkur"])
def test_a_german_outlet_beside_a_person_is_no_author(byline):
    assert meta("de", [*byline.split("\n"), STAMP["de"]])["authors"] == ["Karla Muster"]


def test_a_first_name_that_is_also_a_label_needs_the_labels_colon():
    """Turkish "Yazan" ("written by") is a first name too: "Yazan Badran Sample" over the stamp is
    the whole name (it gave "Badran Sample"); "Yazan: X" stays a label (found in review)."""
    assert meta("en", ["Yazan Badran Sample", STAMP["en"]])["authors"] == ["Yazan Badran Sample"]
    assert meta("en", ["Yazan: Ahmet Sample", STAMP["en"]])["authors"] == ["Ahmet Sample"]
