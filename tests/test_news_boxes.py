"""News-page parts told by their neighbours (cleaner/boxes.py): a box's content between its
opening line and its end mark (NW019, NW020), a caption under a credit that follows running
text (NW021, NW022), a caption closed by its place and date (NW023), and the opt-in lone
unpunctuated line between two paragraphs (NW024, NW025)."""

from __future__ import annotations

from cleaner import Options, clean, load_rules

PARA = "The council voted on Monday to close the old bridge over the river until the summer, officials said."
PARA2 = "Engineers found cracks in two of the steel supports of the bridge last spring, and repairs start in June."


def kept(text: str, extend: tuple[str, ...] = ()) -> list[str]:
    if extend:
        return clean(text, Options(load_rules(extend_select=extend))).text.splitlines()
    return clean(text).text.splitlines()


def removed_by(text: str, rule: str, extend: tuple[str, ...] = ()) -> list[str]:
    opts = Options(load_rules(extend_select=extend)) if extend else None
    res = clean(text, opts) if opts else clean(text)
    return [r.text for r in res.removed if r.rule == rule]


def test_info_box_between_label_and_end_mark_goes():
    text = f"{PARA}\nWeitere Informationen\nBrücken in der Region\nIm Landkreis stehen 120 Brücken.\nEnde der weiteren Informationen\n{PARA2}\n"
    assert "Brücken in der Region" in kept(text)  # opt-in
    out = kept(text, ("NW020",))
    assert out == [PARA, PARA2]
    assert "\n".join(removed_by(text, "NW020", ("NW020",))) == "Brücken in der Region\nIm Landkreis stehen 120 Brücken."


def test_text_between_two_end_marks_stays():
    """The end of one box and the end of the next do not make a box: the article stands there."""
    text = f"{PARA}\nEnde der weiteren Informationen\n{PARA2}\nEnde der weiteren Informationen\n"
    assert PARA2 in kept(text, ("NW020",))


def test_box_longer_than_max_lines_stays():
    body = [f"Line {n} of a long passage that runs on for a while in the text." for n in range(10)]
    text = "\n".join([PARA, "Weitere Informationen", *body, "Ende der weiteren Informationen", PARA2]) + "\n"
    out = kept(text, ("NW020",))
    assert all(b in out for b in body)


def test_caption_after_credit_that_follows_running_text_goes():
    cap = "Former ministers were criticised for not working with the budget office"
    text = f"{PARA}\nEPA\n{cap}\n{PARA2}\n"
    assert kept(text) == [PARA, cap, PARA2]  # NW021 takes the credit; the caption rule is opt-in
    assert kept(text, ("NW022",)) == [PARA, PARA2]
    assert removed_by(text, "NW022", ("NW022",)) == [cap]


def test_line_after_credit_under_a_caption_stays():
    """A credit under its caption says nothing about the line after it (a subheading here)."""
    text = f"{PARA}\nThe old bridge seen from the river bank\nGetty Images\nRepairs will take until June\n{PARA2}\n"
    assert "Repairs will take until June" in kept(text, ("NW022",))


def test_paragraph_after_credit_stays():
    text = f"{PARA}\nEPA\n{PARA2}\n"
    assert PARA2 in kept(text, ("NW022",))


def test_caption_ending_in_date_is_opt_in_and_dateline_stays():
    cap = "Folgen eines Raketenangriffs auf die ukrainische Stadt Uman, 28. April 2023"
    text = f"Kiew, 28. April 2023\n{PARA}\n{cap}\n{PARA2}\n"
    assert cap in kept(text)
    out = kept(text, ("NW023",))
    assert cap not in out
    assert "Kiew, 28. April 2023" in out


def test_lone_kicker_caption_is_opt_in():
    cap = "Bench: the goalkeeper watches the game from the sidelines at the stadium"
    text = f"{PARA}\n{cap}\n{PARA2}\n"
    assert cap in kept(text)
    assert cap not in kept(text, ("NW024",))


def test_short_subheading_stays_even_opted_in():
    text = f"{PARA}\nRepairs start in June\n{PARA2}\n"
    assert "Repairs start in June" in kept(text, ("NW024", "NW025"))


def test_caption_repeated_without_its_credit_goes():
    """NW027: the credit made PH003 remove the first copy; the copy without it is the same caption."""
    cap = "Office buildings await future tenants in the special economic zone."
    text = f"{PARA}\n{cap} Jane Roe for The Example Times\n{cap}\n{PARA2}\n"
    assert kept(text) == [PARA, PARA2]
    assert removed_by(text, "NW027") == [cap]


def test_line_that_only_starts_a_removed_caption_stays():
    """A live line is taken only when the removed caption goes on past it at a word's end, and
    only next to it: the same words far away, or a line the caption merely starts like, stay."""
    cap = "Office buildings await future tenants in the special economic zone."
    far = [f"Paragraph {n} of the story goes on about the plans for the new port and its harbour." for n in range(4)]
    text = "\n".join([PARA, f"{cap} Jane Roe for The Example Times", *far, cap, PARA2]) + "\n"
    assert cap in kept(text)
    short = "Office buildings await future tenants in the special economic zon"
    text2 = f"{PARA}\n{cap} Jane Roe for The Example Times\n{short}\n{PARA2}\n"
    assert short in kept(text2)
