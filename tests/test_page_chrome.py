"""BP001 on whole-page scrapes whose article holds nearly all the words (issue 13)."""

from __future__ import annotations

from cleaner import Options, clean, load_rules

ARTICLE = [
    "The city council approved the new budget on Monday after a debate that lasted most of the night.",
    "Members said the plan would fund two new schools and repair roads across the northern districts.",
    "The mayor said work would start in the spring and finish before the end of next year, if all goes well.",
    "Opposition members voted against the plan, saying it left too little money for buses and parks.",
    "A second vote on the transport budget is planned for the autumn, when the new figures are known.",
    "Residents who spoke at the meeting asked for more street lights and safer crossings near the schools.",
    "The council's finance chief said the city had kept its debt flat for the third year in a row.",
    "Local businesses welcomed the road repairs but asked that the work be done outside the busiest months.",
    "The plan now goes to the regional government, which has six weeks to raise objections to it.",
    "If it raises none, the first contracts will be signed in March and the schools will open in two years.",
]


def bp001(text: str) -> list[str]:
    res = clean(text, Options(load_rules(select=["BP001"])))
    return [r.text.strip() for r in res.removed if r.rule == "BP001"]


def test_menu_with_page_chrome_goes_even_when_the_article_holds_most_words():
    """A short site menu above a long article: the article holds over 90% of the words, which
    alone reads as an article-container scrape; three chrome markers (Home, Contact, Privacy
    policy) in the menu say it is a whole page."""
    menu = ["Home", "World", "Politics", "Sport", "Business", "Contact", "Privacy policy", "Login"]
    got = bp001("\n".join(menu + ARTICLE) + "\n")
    assert got and set(got) <= set(menu) and "Home" in got and "Sport" in got


def test_short_lists_of_an_article_container_scrape_stay():
    """The same share with one marker only (a link back home under a list): nothing goes."""
    tail = ["Anna Berg", "Carl Dunn", "Elif Ersoy", "Frank Gale", "Hana Ito", "Ivan Juric", "Jon Keller", "Home"]
    assert bp001("\n".join(ARTICLE + tail) + "\n") == []


MENU = ["Home", "World", "Politics", "Sport", "Business", "Travel", "Culture", "Science", "Contact"]
FOOTER = ["About us", "Contact", "Privacy policy", "Careers", "Advertise", "Site map", "Help", "RSS"]


def test_short_sentences_at_the_edge_of_the_article_stay():
    """A closing paragraph of one short sentence (under text_min_words words) is the article's
    own: it ends in sentence punctuation, menu items do not (edge_min_words)."""
    short = ["The colour of the warnings was changed to orange.", "Work starts in March."]
    got = bp001("\n".join(MENU + ARTICLE[:4] + short + FOOTER) + "\n")
    assert short[0] not in got  # six words and a full stop: kept
    assert short[1] in got  # four words: below edge_min_words, goes with the footer
    assert "Home" in got and "Privacy policy" in got

