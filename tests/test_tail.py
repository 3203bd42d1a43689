"""The end of the page (rules/tail.toml, issue 13 items 2 and 5): the blog owner's or author's box
after the article goes, as the whole default rule set runs it; a press release's "About <Org>"
box (kept by human gold) and bios higher up stay."""

from __future__ import annotations

from cleaner import Options, clean, load_rules

from .test_comment_logs import ARTICLE  # the same seven-sentence article


def _clean(text: str) -> str:
    return clean(text, Options(load_rules())).text.rstrip("\n")


def test_about_heading_with_first_person_bio_goes_at_the_end():
    box = "About Jane\nHi, I'm Jane. I live in Leeds with two cats and far too many cookbooks, and I write about baking here."
    assert _clean(f"{ARTICLE}\n{box}") == ARTICLE.rstrip("\n")
    box_de = "Über Anna\nIch bin Anna, lebe in Köln und schreibe hier seit zehn Jahren über Gärten und Balkone."
    assert _clean(f"{ARTICLE}\n{box_de}") == ARTICLE.rstrip("\n")


def test_about_heading_of_an_organisation_stays():
    box = ("About Acme Networks\nAcme Networks is a leading provider of entertainment and news for young "
           "audiences in 40 countries.")
    out = _clean(f"{ARTICLE}\n{box}")
    assert "Acme Networks is a leading provider" in out
    assert "About Acme Networks" in out


def test_about_box_above_the_last_lines_stays():
    box = "About Jane\nHi, I'm Jane. I live in Leeds with two cats and far too many cookbooks, and I write about baking here."
    tail = "\n".join(ARTICLE.splitlines() * 2)
    out = _clean(f"{box}\n{tail}")
    assert out.startswith("About Jane\nHi, I'm Jane.")


def test_owner_bio_with_pronoun_sentence_goes_but_a_founder_quote_stays():
    bio = "Jane Roe is the founder and CEO of Example.com. She writes about phones, gadgets, games and web applications."
    assert _clean(f"{ARTICLE}\n{bio}") == ARTICLE.rstrip("\n")
    quote = "John Smith is the founder of Acme. He said the company would hire 200 people next year."
    assert quote in _clean(f"{ARTICLE}\n{quote}")
