"""HTML route titles (htmltitle): the site's name as decoration in more shapes, the headline's
own words kept, and trafilatura's stray title giving way to the page's title shown as it stands."""

from __future__ import annotations

import json

from cleaner.meta_html import article_record, confirmed_title
from cleaner.metadata import host_label_keys

BODY = " ".join(["The council approved the new budget on Monday after a long debate."] * 4)
SEPS = (" | ", " - ", " – ", " / ")
SITE_SEPS = (": ", "|", "_")


def _page(title: str, body_head: str, head: str = "", ld: dict | None = None) -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (f"<html><head><title>{title}</title>{head}{script}</head><body>{body_head}<p>{BODY}</p></body></html>")


def _title(title: str | None, page: str, keys: set[str] = frozenset(), url: str | None = None) -> str | None:
    return confirmed_title(title, page, article_record(page), SEPS, set(keys), host_label_keys(url), SITE_SEPS)[0]


def test_the_sites_name_in_a_heading_of_its_own_is_still_decoration():
    # a blog shows its name in the page's first heading (its logo) and the post's title under it:
    # "Blog Name: Post" is cut at the colon as "Post | Blog Name" at a bar
    page = _page("x", "<h1>The Planet Blog</h1><h3>Council approves budget</h3>")
    url = "http://theplanetblog.example.com/2012/10/budget.html"
    assert _title("The Planet Blog: Council approves budget", page, url=url) == "Council approves budget"
    assert _title("Council approves budget | The Planet Blog", page, url=url) == "Council approves budget"
    # a kicker in a heading of its own that is not the site's name stays (the kicker is the title's)
    kicker = _page("x", "<h2>Big row</h2><h1>Council approves budget</h1>")
    assert _title("Big row: Council approves budget", kicker, url=url) == "Big row: Council approves budget"


def test_a_piece_holding_the_hosts_name_is_the_sites():
    # "Hatch: The Design Public Blog" on blog.designpublic.com: the host's name inside a short piece
    page = _page("x", "<h1>Hatch: The Design Public Blog</h1><h2>Council approves budget</h2>")
    url = "http://blog.designpublic.com/2012/10/24/budget/"
    assert _title("Council approves budget | Hatch: The Design Public Blog", page, url=url) == "Council approves budget"


def test_a_title_opening_with_the_hosts_name_is_cut_to_the_headline_it_shows():
    # "Letters of Note: Vast riddles" is the host's name and two words more, and not the site's name
    # only when the page shows "Vast riddles" as a heading
    url = "http://www.lettersofnote.com/2012/11/vast-riddles.html"
    page = _page("x", "<h3>Monday, 1 November 2012</h3><h3>Vast riddles</h3>")
    assert _title("Letters of Note: Vast riddles", page, url=url) == "Vast riddles"
    bare = _page("x", "<h3>Monday, 1 November 2012</h3>")
    assert _title("Letters of Note: Vast riddles", bare, url=url) is None  # the site's name and a section


def test_the_headlines_own_kicker_is_no_decoration():
    # the page's heading reads "Kicker Headline": a piece of the og:title that is that kicker is
    # the headline's own words, not the site's
    page = _page("x", '<h1><span>Interne Unterlagen im Netz</span> <span>Daten von Rheinmetall gehackt</span></h1>')
    title = "Daten von Rheinmetall gehackt - Interne Unterlagen im Netz"
    assert _title(title, page) == title
    # a site's name after it is cut all the same
    site = _page("x", "<h1>Daten von Rheinmetall gehackt</h1>")
    assert _title("Daten von Rheinmetall gehackt - Tagesblatt", site) == "Daten von Rheinmetall gehackt"


def test_the_sites_name_in_brackets_or_after_a_bare_bar():
    page = _page("x", "<h1>トレンドマイクロ、公衆無線LANを安全に使うためのアプリ</h1>")
    assert _title("トレンドマイクロ、公衆無線LANを安全に使うためのアプリ（CNET Japan）", page) == (
        "トレンドマイクロ、公衆無線LANを安全に使うためのアプリ")
    assert _title("【CNET Japan】トレンドマイクロ、公衆無線LANを安全に使うためのアプリ", page,
                  {"cnetjapan"}) == "トレンドマイクロ、公衆無線LANを安全に使うためのアプリ"
    # a bar without spaces parts the headline from the site's name only
    nhk = _page("x", "<h1>子どもへの体罰を禁止する法律ができる</h1>")
    assert _title("NEWS WEB EASY|子どもへの体罰を禁止する法律ができる", nhk, {"newswebeasy"}) == "子どもへの体罰を禁止する法律ができる"
    # an ASCII bracket is the headline's own unless it holds the site's name
    lazy = _page("x", "<h1>Why you are lazy</h1>")
    assert _title("Why you are lazy (and how to fix it)", lazy) == "Why you are lazy (and how to fix it)"
    assert _title("Why you are lazy (Planet Post)", lazy, {"planetpost"}) == "Why you are lazy"


def test_a_stray_title_gives_way_to_the_page_title_shown_as_it_stands():
    # trafilatura took a menu's heading ("Follow Us!") or a CMS's name from the record: the page's
    # og:title, shown as it stands in the article's heading, is the title
    head = '<meta property="og:title" content="Plumber jailed after boiler killed a student">'
    page = _page("Plumber jailed after boiler killed a student | Daily Planet",
                 "<h2>Follow Us!</h2><h1>Plumber jailed after boiler killed a student</h1>", head)
    assert _title("Follow Us!", page) == "Plumber jailed after boiler killed a student"
    assert _title("escenic", page) == "Plumber jailed after boiler killed a student"
    # og:title in another wording than the heading stands (the publisher's own choice)
    assert _title("Boiler fitter jailed over student death", _page(
        "x", "<h1>Plumber jailed after boiler killed a student</h1>",
        '<meta property="og:title" content="Boiler fitter jailed over student death">')) == (
        "Boiler fitter jailed over student death")


def test_a_logo_heading_names_the_site():
    from cleaner.pipeline import clean_html

    # a blog's <h1> that is one link to its home page is the site's name: "Blog: Post" is cut to the
    # post's heading; a heading linking to a story names no site
    page = ('<html><head><title>Planet Musings: Council approves budget</title></head><body>'
            '<h1 id="banner-header"><a href="http://www.example.org/">Planet Musings</a></h1>'
            f"<h3>Council approves budget</h3><p>{BODY}</p></body></html>")
    assert clean_html(page).metadata["title"] == "Council approves budget"
    from cleaner.meta_html import logo_names

    assert logo_names(page) == {"planetmusings"}
    assert logo_names(page.replace('href="http://www.example.org/"', 'href="/2012/10/story.html"')) == set()


def test_a_heading_with_a_tools_label_gives_way_to_the_page_title():
    # a blog's heading holds its comment count's link: the <title> is the headline without it
    page = _page("Council approves the new budget", "<h1>Council approves the new budget <a>199 Comments</a></h1>")
    assert _title("Council approves the new budget 199 Comments", page) == "Council approves the new budget"
    # a headline that goes on in words of its own stays
    more = _page("Council approves the new budget", "<h1>Council approves the new budget for schools</h1>")
    assert _title("Council approves the new budget for schools", more) == "Council approves the new budget for schools"


def test_a_title_cut_to_a_sidebar_link_takes_the_headings_rendering():
    # the <title> lost the ellipsis and the dash; a "recent posts" link repeats it as it is, the
    # post's heading shows it whole: the heading's rendering
    page = _page("x", "<h1>Virtual Geek</h1><h3>Stats… Impressive Race–The Cisco team</h3>"
                      "<ul><li><a href='/p'>Stats Impressive RaceThe Cisco team</a></li></ul>")
    assert _title("Stats Impressive RaceThe Cisco team - Virtual Geek", page, {"virtualgeek"}) == (
        "Stats… Impressive Race–The Cisco team")
