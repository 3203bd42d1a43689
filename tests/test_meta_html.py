"""HTML route metadata: the page's JSON-LD article record beside trafilatura's metadata."""

from __future__ import annotations

import json

from cleaner.html import _with_time
from cleaner.meta_html import ArticleRecord, article_record, same_headline
from cleaner.meta_tags import _loose_timestamp, page_timestamps
from cleaner.metadata import clean_page_authors, clean_page_title, drop_publishers
from cleaner.pipeline import clean_html

BODY = " ".join(["The council approved the new budget on Monday after a long debate."] * 4)


def _page(ld: dict, head: str = "") -> str:
    return (f"<html><head><title>Council approves budget</title>{head}"
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            f"<body><article><h1>Council approves budget</h1><p>{BODY}</p></article></body></html>")


def test_article_record_types_persons_and_organisations():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Home"},
        {"@type": ["NewsArticle"], "headline": "Council &#8216;approves&#8217; budget",
         "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "NewsMediaOrganization", "name": "City Desk"}],
         "publisher": {"@type": "Organization", "name": "Example News"}, "datePublished": "2024-03-05T10:00:00+01:00"}]}
    rec = article_record(_page(ld))
    assert rec.headline == "Council ‘approves’ budget"
    assert rec.persons == ["Jane Doe"] and rec.organisations == ["City Desk"]
    assert rec.publisher == "Example News" and rec.published == "2024-03-05T10:00:00+01:00"
    assert article_record("<script type='application/ld+json'>{broken</script>").persons == []


def test_record_persons_beat_the_publishers_company_in_the_author_tag(options):
    ld = {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "María R. Sahuquillo"}],
          "publisher": {"@type": "Organization", "name": "Example News"}}
    meta = clean_html(_page(ld, '<meta name="author" content="Example Media Group">').encode(), options).metadata
    assert meta["authors"] == ["María R. Sahuquillo"]


def test_publisher_as_author_only_when_no_person_is_named_and_a_desk_kept(options):
    """The record's Organization author is the page's own statement of who wrote it ("BBC News",
    "sportschau.de"): kept when no person is named anywhere, never beside a person."""
    ld = {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Example News"},
          "publisher": {"@type": "Organization", "name": "Example News"}}
    meta = clean_html(_page(ld, '<meta name="author" content="Example News">').encode(), options).metadata
    assert meta["authors"] == ["Example News"] and meta["fields_from"]["authors"] == "html json-ld organisation"
    meta = clean_html(_page(ld, '<meta name="author" content="Jane Doe">').encode(), options).metadata
    assert meta["authors"] == ["Jane Doe"]
    del ld["author"]  # a publisher alone is no author
    assert clean_html(_page(ld, '<meta name="author" content="Example News">').encode(), options).metadata["authors"] == []
    ld["author"] = {"@type": "Organization", "name": "Example News"}
    ld["author"] = {"@type": "Organization", "name": "Redaktion example.com"}
    assert clean_html(_page(ld).encode(), options).metadata["authors"] == ["Redaktion example.com"]


def test_drop_publishers_by_signature():
    assert drop_publishers(["Deutsche Welle"], [], "https://www.dw.com/a", "Deutsche Welle (www.dw.com)") == []
    assert drop_publishers(["Frankfurt", "Germany"], ["planet.de"], "https://planet.de/a", "planet.de, Frankfurt, Germany") == []
    assert drop_publishers(["Jane Doe"], ["Planet"], "https://planet.de/a", "https://planet.de/autor/jane-doe") == ["Jane Doe"]
    assert drop_publishers(["Jane Doe", "SDA"], ["Planet"], None, "Jane Doe; SDA") == ["Jane Doe", "SDA"]
    assert drop_publishers(["Jane Doe", "Berlin"], ["Planet"], None, "Planet; Jane Doe; Berlin") == ["Jane Doe", "Berlin"]
    assert drop_publishers(["dpa"], ["Planet"], None, "Planet; dpa") == ["dpa"]


def test_site_name_after_a_fullwidth_bar_or_with_umlauts_spelt_out():
    assert clean_page_title("Zinsen setzen Dax zu | Börsen-Zeitung", None, "https://www.boersen-zeitung.de/x") == "Zinsen setzen Dax zu"
    assert clean_page_title("大激震！協賛企業｜日刊ゲンダイDIGITAL", "日刊ゲンダイDIGITAL") == "大激震！協賛企業"


def test_specific_publication_tags_before_a_generic_date():
    html = ('<meta name="date" content="2024-10-15T17:38:42+02:00">'
            '<meta property="article:published_time" content="2024-10-15T08:22:57+02:00">')
    assert page_timestamps(html)[0] == "2024-10-15T08:22:57+02:00"
    assert _with_time("2024-10-15", html) == "2024-10-15T08:22:57+02:00"
    colon = '<meta property="article:published:time" content="2024-10-23T15:48:15+00:00">'
    assert _with_time("2024-10-23", colon) == "2024-10-23T15:48:15+00:00"


def test_record_dates_written_otherwise():
    assert _loose_timestamp("Fri Apr 28 19:20:36 CEST 2023") == "2023-04-28T19:20:36+02:00"
    assert _loose_timestamp("2024-08-05 20:59:59.0") == "2024-08-05T20:59:59"
    assert _loose_timestamp("Sep 2, 2024, 17:07 IST") is None  # IST: several zones
    assert _loose_timestamp("28 April 2023") is None  # no time of day
    assert _with_time("2023-04-28", "", "Fri Apr 28 19:20:36 CEST 2023") == "2023-04-28T19:20:36+02:00"


def test_same_headline_takes_the_records_typography():
    rec = article_record(_page({"@type": "NewsArticle", "headline": "Mexico to fight ‘illogical’ tariffs"}))
    assert same_headline("Mexico to fight 'illogical' tariffs", rec) == "Mexico to fight ‘illogical’ tariffs"
    assert same_headline("Mexico pushes back on tariffs", rec) == "Mexico pushes back on tariffs"  # another wording: kept


def test_text_byline_that_extends_the_pages_authors_is_kept():
    from cleaner.metadata import merge_html

    mine = {"authors": ["Jane Doe", "SDA"], "fields_from": {"authors": "BY001:3"}}
    out = merge_html(mine, {"authors": ["Jane Doe"]})
    assert out["authors"] == ["Jane Doe", "SDA"] and out["fields_from"]["authors"] == "BY001:3,html"
    other = merge_html({"authors": ["Otto Teaser"], "fields_from": {"authors": "BY001:9"}}, {"authors": ["Jane Doe"]})
    assert other["authors"] == ["Jane Doe"] and other["conflicts"]["authors"] == {"BY001:9": ["Otto Teaser"], "html": ["Jane Doe"]}


def test_record_day_without_time_beats_another_day():
    assert _with_time("2023-04-24", "", "2023-04-28") == "2023-04-28"
    stamp = '<meta property="article:published_time" content="2023-04-28T09:00:00+02:00">'
    assert _with_time("2023-04-24", stamp, "2023-04-28") == "2023-04-28T09:00:00+02:00"
    assert _with_time("2023-04-28", "", "2023-04-28") == "2023-04-28"


SEPS = (" | ", " - ", " – ", " / ")


def _titled(title: str, body_head: str, ld: dict | None = None) -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (f"<html><head><title>{title}</title>{script}</head><body>{body_head}<p>{BODY}</p></body></html>")


def test_title_cut_to_the_displayed_headline_when_the_rest_is_decoration():
    from cleaner.meta_html import confirmed_title

    page = _titled("x", "<h2>Council approves budget</h2>")
    rec = article_record(page)
    # a section trail after the headline the page shows in a heading: cut, named by its evidence
    assert confirmed_title("Council approves budget - Local - News - Breaking News", page, rec, SEPS, set()) == (
        "Council approves budget", "html h2")
    # an unknown site's name before it: only when it is the site's own name
    assert confirmed_title("Planet Post - Council approves budget", page, rec, SEPS, {"planetpost"})[0] == "Council approves budget"
    assert confirmed_title("Budget row - Council approves budget", page, rec, SEPS, {"planetpost"})[0] == (
        "Budget row - Council approves budget")
    # the page shows the whole title, or the kicker in a heading of its own: kept as it stands
    both = _titled("x", "<h1>Budget row - Council approves budget</h1><h2>Council approves budget</h2>")
    assert confirmed_title("Budget row - Council approves budget", both, article_record(both), SEPS, set())[0] == (
        "Budget row - Council approves budget")
    kicker = _titled("x", "<h2>Big row</h2><h1>Council approves budget</h1>")
    assert confirmed_title("Council approves budget - Big row", kicker, article_record(kicker), SEPS, set())[0] == (
        "Council approves budget - Big row")
    # a long tail is no decoration
    long = "Council approves budget - and the mayor says the city will now have to cut spending on schools"
    assert confirmed_title(long, page, rec, SEPS, set())[0] == long


def test_a_label_of_the_host_and_a_colon_cut_only_the_sites_name():
    from cleaner.meta_html import confirmed_title
    from cleaner.metadata import host_label_keys

    page = _titled("x", "<h1>Council approves budget</h1>")
    rec = article_record(page)
    host = host_label_keys("http://news.planetpost.co.uk/local/story.html")
    assert host == {"news", "planetpost"}
    assert confirmed_title("PlanetPost - Council approves budget", page, rec, SEPS, set(), host)[0] == (
        "Council approves budget")
    # a colon parts the headline from the site's name only; "Kicker: Headline" stays whole
    assert confirmed_title("PlanetPost: Council approves budget", page, rec, SEPS, set(), host, (": ",))[0] == (
        "Council approves budget")
    assert confirmed_title("Council approves budget: Local: PlanetPost", page, rec, SEPS, set(), host, (": ",))[0] == (
        "Council approves budget")
    assert confirmed_title("Budget row: Council approves budget", page, rec, SEPS, set(), host, (": ",))[0] == (
        "Budget row: Council approves budget")
    assert confirmed_title("Council approves budget: the mayor", page, rec, SEPS, set(), host, (": ",))[0] == (
        "Council approves budget: the mayor")
    # a headline shown in a body element, not a heading: the same test
    shown = _titled("x", '<div class="headline">Council approves budget</div>')
    assert confirmed_title("PlanetPost: Council approves budget", shown, article_record(shown), SEPS, set(), host,
                           (": ",))[0] == "Council approves budget"


def test_a_title_that_is_the_hosts_name_and_a_section_is_no_title():
    from cleaner.meta_html import confirmed_title
    from cleaner.metadata import host_label_keys

    page = _titled("x", "<h1>The Planet Post</h1><p>Council approves budget</p>")
    rec = article_record(page)
    host = host_label_keys("https://www.planetpost.com/news/1234")
    for title in ("The Planet Post", "Planet Post Online", "The Planet Post : Business"):
        assert confirmed_title(title, page, rec, SEPS, set(), host) == (None, "html"), title
    # a headline that starts with the site's name and goes on is the article's
    assert confirmed_title("Planet Post editor wins the national award", page, rec, SEPS, set(), host)[0] == (
        "Planet Post editor wins the national award")


def test_a_title_that_is_only_the_sites_name_is_no_title():
    from cleaner.meta_html import confirmed_title

    page = _titled("Planet Post", "<h1>Council approves budget</h1>")
    assert confirmed_title("Planet Post", page, article_record(page), SEPS, {"planetpost"}) == (None, "html")
    ld = {"@type": "NewsArticle", "headline": "Council approves budget"}
    page = _titled("Planet Post", "<h1>Planet Post</h1>", ld)
    assert confirmed_title("Planet Post", page, article_record(page), SEPS, {"planetpost"}) == (
        "Council approves budget", "html json-ld")


def test_a_section_or_first_h1_taken_for_the_title_gives_way_to_the_pages_title():
    from cleaner.meta_html import confirmed_title, page_titles

    titled = "Council approves budget - Local News - Planet Post"
    page = _titled(titled, "<h1>Other News Video</h1><h2>Council approves budget</h2>")
    rec = article_record(page)
    assert page_titles(page) == [titled]
    # a piece of the <title>'s decoration (a section), or the page's first <h1> that the <title>
    # does not contain: the <title> cut to the headline the page shows is the title
    assert confirmed_title("Planet Post", page, rec, SEPS, {"planetpost"}) == (
        "Council approves budget", "html h2 (page title)")
    assert confirmed_title("Local News", page, rec, SEPS, set()) == ("Council approves budget", "html h2 (page title)")
    assert confirmed_title("Other News Video", page, rec, SEPS, set())[0] == "Council approves budget"
    # no title of trafilatura's at all: the same
    assert confirmed_title(None, page, rec, SEPS, set())[0] == "Council approves budget"
    # an unconfirmed title that is no piece of the page's title stands (og:title's own wording)
    og = page.replace("<head>", '<head><meta property="og:title" content="Budget passes after long debate">')
    assert confirmed_title("Budget passes after long debate", og, article_record(og), SEPS, set())[0] == (
        "Budget passes after long debate")
    # the section's own heading taken for the title: "Headline - Section - Site" cut past it
    section = _titled("Council approves budget - Breaking News - Planet Post",
                      "<h1>Breaking News</h1><h2>Council approves budget</h2>")
    assert confirmed_title("Breaking News", section, article_record(section), SEPS, set())[0] == "Council approves budget"
    # a shown heading gives way to no body text's line ("Blog Name - Post" cut to the blog's
    # name in the header), nor to another wording of the same headline (a shared word)
    blog = _titled("Planet Blog Daily - Council approves budget",
                   "<div>Planet Blog Daily</div><h2>Council approves budget</h2>")
    assert confirmed_title("Council approves budget", blog, article_record(blog), SEPS, set())[0] == (
        "Council approves budget")
    variant = _titled("Budget passes after council vote - Planet Post", "<h1>Council approves budget</h1>"
                      "<h2>Budget passes after council vote</h2>")
    assert confirmed_title("Council approves budget", variant, article_record(variant), SEPS, set())[0] == (
        "Council approves budget")
    # a shown heading that is one of the page's titles as it stands stays
    own = _titled("Local News", "<h1>Local News</h1><h2>Council approves budget</h2>")
    assert confirmed_title("Local News", own, article_record(own), SEPS, set())[0] == "Local News"
    # a host-named piece beside the headline is the site's ("Planet Post Online"), a section
    # title with its own separator is not ("Planet Post : Business")
    from cleaner.metadata import host_label_keys

    host = host_label_keys("https://www.planetpost.com/news/1234")
    shown = _titled("x", "<h2>Council approves budget</h2>")
    assert confirmed_title("Planet Post Online - Council approves budget", shown, article_record(shown), SEPS, set(),
                           host)[0] == "Council approves budget"
    assert confirmed_title("Planet Post : Business / Council approves budget", shown, article_record(shown), SEPS,
                           set(), host)[0] == "Planet Post : Business / Council approves budget"


def test_a_byline_neighbours_words_are_no_authors():
    from cleaner.meta_html import plausible_names

    names = ["Published January", "Updated Dec", "About the Author Jane Doe", "Correspondent", "January",
             "Lille January", "Jane Doe", "Theresa May", "VOA News", "Redaktion hessenschau.de", "AFP",
             "RESIZE A A A", "J. K. Rowling", "IDG News Service"]
    assert plausible_names(names) == ["Jane Doe", "Theresa May", "VOA News", "Redaktion hessenschau.de", "AFP",
                                      "J. K. Rowling", "IDG News Service"]


def test_menu_links_months_date_labels_and_bare_roles_are_no_authors():
    """trafilatura's author from a menu link ("About Us" with rel=author), a date's month
    abbreviation ("Aug"), a date label ("Datum"), a role without its name ("Technical Writer"):
    none is a person. Names that only hold such a word stay."""
    from cleaner.meta_html import plausible_names

    names = ["About Us", "Text Size", "Aug", "Datum", "Technical Writer", "Globe Correspondent", "Kathy Walrath",
             "Mark Read", "Anna Mai", "Jane Writer Doe", "May Lee"]
    assert plausible_names(names) == ["Kathy Walrath", "Mark Read", "Anna Mai", "Jane Writer Doe", "May Lee"]
    # the label "Auteur" (French), "Autore" (Italian) before the name
    assert clean_page_authors(["Auteur Anna Kubišta", "Autore Mario Rossi"]) == ["Anna Kubišta", "Mario Rossi"]


def test_html_route_title_names_its_evidence(options):
    og = '<meta property="og:title" content="Council approves budget - Local - City Network Today">'
    page = _titled("x", "<h1>Council approves budget</h1>").replace("<title>x</title>", og).encode()
    meta = clean_html(page, options).metadata
    assert meta["title"] == "Council approves budget" and meta["fields_from"]["title"] == "html h1"


CLASSES, NOT_CLASSES = ("author", "byline"), ("bio", "teaser", "comment")


def names(head: str) -> list[str]:
    """The visible byline's names of a page with `head` over the article body."""
    from cleaner.meta_html import visible_byline

    return visible_byline(f"<html><body>{head}<p>{BODY}</p></body></html>", CLASSES, NOT_CLASSES)[0]


def test_visible_byline_kinds():

    assert names('<span class="article__author">Von Jane Doe, Lille</span>') == ["Jane Doe"]
    assert names('<div class="Byline-x">By Jane Doe and John Roe</div>') == ["Jane Doe", "John Roe"]
    assert names('<ul><li><strong>Autorin/Autor</strong>\nJane Doe</li></ul>') == ["Jane Doe"]
    assert names('<span itemprop="author"><span itemprop="name">Jana Nováková</span></span>') == ["Jana Nováková"]
    assert names('<div class="author">Jane Doe Political Correspondent 16 September 2024 9:33pm</div>') == ["Jane Doe"]
    # an author box, a teaser card, a comment form, a footer, a date line: no byline
    assert names('<div class="author-bio">Jane Doe</div><div class="teaser-author">John Roe</div>') == []
    assert names('<p class="comment-form-author">Name *</p><footer><span class="author">Jane Doe</span></footer>') == []
    assert names('<p class="byline">Veröffentlicht am 27.04.24 um 07:39 Uhr</p>') == []


def test_visible_byline_with_a_label_an_outlet_or_tools_around_the_name():
    """A byline element reads "Posted by: Name", "Name | Agency – 1 hour ago" or "Name View
    Profile Email Twitter RSS": the name is read before the outlet, the time or the tools."""

    assert names('<span class="meta_author">Posted by: Jane Doe</span>') == ["Jane Doe"]
    assert names('<div class="articleByLine">Written by Jane Doe</div>') == ["Jane Doe"]
    assert names('<cite class="byline vcard">By Jane Doe | Reuters – 1 hour 0 minutes ago</cite>') == ["Jane Doe"]
    assert names('<div class="nodebyline">Jane Doe View Profile Email Facebook Twitter RSS</div>') == ["Jane Doe"]
    # a tool's label first, or nothing but tools: no byline
    assert names('<div class="byline">View Profile Email Facebook Twitter RSS</div>') == []
    assert names('<div class="byline">Related Stories | Jane Doe</div>') == []
    # one desk word after the name is no row of tools: not cut there
    assert names('<span class="byline">By Jane Doe BBC News</span>') != ["Jane Doe BBC"]


def test_publisher_only_metadata_gives_the_visible_byline(options):
    ld = {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Example News"},
          "publisher": {"@type": "Organization", "name": "Example News"}}
    page = _page(ld, '<meta name="author" content="Example News">').replace(
        "<h1>Council approves budget</h1>", '<h1>Council approves budget</h1><p class="byline">Von Jane Doe, Berlin</p>')
    meta = clean_html(page.encode(), options).metadata
    assert meta["authors"] == ["Jane Doe"] and meta["fields_from"]["authors"] == "html byline"
    # the publisher's own name in the byline is no person: the record's organisation stands
    page = page.replace("Von Jane Doe, Berlin", "Von Example News")
    assert clean_html(page.encode(), options).metadata["authors"] == ["Example News"]


def test_visible_byline_with_more_authors_than_the_record_wins(options):
    ld = {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jane Doe"}],
          "publisher": {"@type": "Organization", "name": "Example News"}}
    page = _page(ld).replace("<h1>Council approves budget</h1>",
                             '<h1>Council approves budget</h1><div class="byline">By Jane Doe and John Roe</div>')
    assert clean_html(page.encode(), options).metadata["authors"] == ["Jane Doe", "John Roe"]
    page = page.replace("By Jane Doe and John Roe", "By John Roe")  # another name, not more: the record stands
    assert clean_html(page.encode(), options).metadata["authors"] == ["Jane Doe"]


def test_a_truncated_title_is_completed_by_the_displayed_headline():
    from cleaner.meta_html import confirmed_title

    page = _titled("x", "<h1>Council approves the budget for the coming year after a long debate</h1>")
    got = confirmed_title("Council approves the budget for the coming year af...", page, article_record(page), SEPS, set())
    assert got == ("Council approves the budget for the coming year after a long debate", "html h1")
    other = _titled("x", "<h1>Council rejects the budget</h1>")
    assert confirmed_title("Council approves the budget for the coming year af…", other, article_record(other), SEPS,
                           set())[0] == "Council approves the budget for the coming year af…"


def test_labelled_date_when_the_page_has_no_timestamp():
    from cleaner.html import _with_time
    from cleaner.meta_html import labelled_date

    labels = ("Datum", "Published")
    page = "<html><body><ul><li><strong>Datum</strong>\n28.04.2023</li></ul><p>text</p></body></html>"
    assert labelled_date(page, labels) == "2023-04-28"
    assert labelled_date("<dl><dt>Published:</dt><dd>June 5, 2025 2:46 PM</dd></dl>", labels) == "2025-06-05T14:46"
    assert labelled_date("<dl><dt>Published:</dt><dd>04/05/2025</dd></dl>", labels) is None  # ambiguous
    assert labelled_date("<nav><strong>Datum</strong> 28.04.2023</nav>", labels) is None
    # trafilatura's unconfirmed guess gives way; a page with its own timestamp keeps the old order
    assert _with_time("2023-04-24", page) == "2023-04-28"
    meta = '<meta property="article:published_time" content="2023-04-24T10:00:00+02:00">'
    assert _with_time("2023-04-24", meta + page) == "2023-04-24T10:00:00+02:00"


def test_record_authors_and_publisher_by_graph_reference():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": "Council approves budget", "author": {"@id": "https://x.example/#/person/1"},
         "publisher": {"@id": "https://x.example/#org"}},
        {"@type": "Person", "@id": "https://x.example/#/person/1", "name": "Jane Doe"},
        {"@type": "Organization", "@id": "https://x.example/#org", "name": "Example News"}]}
    rec = article_record(_page(ld))
    assert rec.persons == ["Jane Doe"] and rec.publisher == "Example News"


def test_record_author_names_given_as_a_list_or_in_parts():
    ld = {"@type": "NewsArticle", "author": [{"@type": "Person", "name": ["Jane Doe", "John Roe"]},
                                             {"@type": "Person", "givenName": "Ana", "familyName": "Lopez"},
                                             {"@type": "Person", "givenName": "Solo"}]}
    assert article_record(_page(ld)).persons == ["Jane Doe", "John Roe", "Ana Lopez"]


def test_title_cut_to_a_headline_the_page_shows_outside_a_heading():
    """"Headline - World - Sport" on a page that shows the headline alone in a <div> or a table
    cell, not in a heading: cut to it ("html text"); a kicker or site name shown alone is not a
    headline, and a piece before the headline must be the site's name."""
    from cleaner.meta_html import confirmed_title

    page = _titled("x", '<div class="story-title">Council approves the budget</div><td>World</td>')
    rec = article_record(page)
    assert confirmed_title("Council approves the budget - World - Sport", page, rec, SEPS, set()) == (
        "Council approves the budget", "html text")
    assert confirmed_title("Council approves the budget | UK Latest", page, rec, SEPS, set())[0] == "Council approves the budget"
    assert confirmed_title("Planet Post - Council approves the budget", page, rec, SEPS, {"planetpost"})[0] == (
        "Council approves the budget")
    assert confirmed_title("Budget row - Council approves the budget", page, rec, SEPS, {"planetpost"})[0] == (
        "Budget row - Council approves the budget")
    # only in a script, or not shown at all: kept as it stands
    hidden = _titled("x", '<script>var t = ">Council approves the budget<";</script><div>Other words here</div>')
    assert confirmed_title("Council approves the budget - World", hidden, article_record(hidden), SEPS, set())[0] == (
        "Council approves the budget - World")
    # a long tail is no decoration
    long = "Council approves the budget - and the mayor says the city will now cut spending on schools"
    assert confirmed_title(long, page, rec, SEPS, set())[0] == long


def test_visible_byline_classes_in_other_languages():
    """Byline elements named in the page's language ("autorenzeile", "auteurs", "firma") are read
    like "byline" ones."""
    from cleaner.meta_html import visible_byline
    from cleaner.wordtables import tables

    w = tables()
    for cls in ("autorenzeile small", "dates_auteurs", "firma-autor"):
        page = _titled("x", f'<h1>Council approves budget</h1><p class="{cls}">Von Jane Doe und John Roe</p>')
        names = visible_byline(page, w.words("page_byline.classes"), w.words("page_byline.not_classes"))[0]
        assert names == ["Jane Doe", "John Roe"], cls


def test_a_utc_stamp_takes_the_pages_own_offset_for_the_same_instant():
    """A UTC timestamp the page also writes in its own zone is given in that zone (the local
    day); another instant, or a page that writes UTC only, leaves it as it is."""
    from cleaner.meta_html import local_form

    page = '<time datetime="2025-01-13T23:30:00+09:00">13 Jan</time>'
    assert local_form("2025-01-13T14:30:00+00:00", page) == "2025-01-13T23:30:00+09:00"
    assert local_form("2025-01-13T15:30:00+00:00", page) == "2025-01-13T15:30:00+00:00"
    assert local_form("2025-01-13T14:30:00+00:00", "<p>no stamp</p>") == "2025-01-13T14:30:00+00:00"
    assert local_form("2025-01-13T23:30:00+09:00", page) == "2025-01-13T23:30:00+09:00"
    assert local_form("2025-01-13", page) == "2025-01-13"


def test_a_title_the_article_does_not_bear_out_is_null(options):
    """A page <title> that is only the site's or a section's name ("Riverside Gazette Online",
    "Local Teams") shares no word with the article: on the HTML route it is a guess, so the
    title is null (issue 16), and the refused value is kept under `conflicts`. A headline that
    shares its words with the article stays. Fails without metadata.refuse_unborne_title."""
    from cleaner.metadata import title_borne_out
    from cleaner.pipeline import clean_html

    body = " ".join(["The council approved the new budget on Monday after a long debate."] * 4)
    page = ("<html><head><title>{t}</title></head><body><div>{h}</div><article><p>{b}</p>"
            "<p>Members said the plan would fund two new schools and repair roads across the north.</p>"
            "</article></body></html>")
    meta = clean_html(page.format(t="Riverside Gazette Online", h="", b=body).encode(), options).metadata
    assert meta["title"] is None
    assert "Riverside Gazette Online" in meta["conflicts"]["title"].values()
    meta = clean_html(page.format(t="Council approves new budget", h="", b=body).encode(), options).metadata
    assert meta["title"] == "Council approves new budget"
    assert title_borne_out("市议会通过新预算案", "市议会周一通过了新的预算案。")
    assert not title_borne_out("ニュース速報サイト", "市议会周一通过了新的预算案。")
    assert title_borne_out("AI", "No word of three letters: nothing to compare.")


def test_a_record_author_the_page_credits_as_editor_gives_way_to_the_byline(options):
    ld = {"@type": "NewsArticle", "headline": "Council approves budget",
          "author": [{"@type": "Person", "name": "Jane Roe"}]}
    body = ('<h1>Council approves budget</h1><div class="author-2">John Doe</div>'
            '<div>Editor : <a class="author" href="/author/1/jane-roe">Jane Roe</a></div>')
    meta = clean_html(_titled("Council approves budget", body, ld).encode(), options).metadata
    assert meta["authors"] == ["John Doe"]


def test_share_links_title_where_the_page_title_names_the_site_only():
    """A page whose <title> is missing or only the site's name, with share links that carry the
    article's title ("del.icio.us/post?url=...&title=..."), shown alone in a body element: that
    title, evidence "(share link)". Not taken when the links disagree or it is not shown."""
    from cleaner.meta_html import confirmed_title, share_title

    links = ('<a href="http://del.icio.us/post?url=http://x.com/1.stm&amp;title=Council approves the budget">D</a>'
             '<a href="http://digg.com/submit?url=http://x.com/1.stm&amp;title=Council+approves+the+budget">G</a>')
    page = _titled("x", f'<div class="sh"> Council approves the budget </div><h2>Site Navigation</h2>{links}')
    rec = article_record(page)
    assert share_title(page) == "Council approves the budget"
    assert confirmed_title(None, page, rec, SEPS, set()) == ("Council approves the budget", "html text (share link)")
    # the heading trafilatura took is none of the page's titles: the share link's title wins
    assert confirmed_title("Site Navigation", page, rec, SEPS, set())[0] == "Council approves the budget"
    unshown = _titled("x", links)
    assert confirmed_title(None, unshown, article_record(unshown), SEPS, set())[0] is None
    other = links + '<a href="http://reddit.com/submit?url=http://x.com/1.stm&title=Another title here">R</a>'
    assert share_title(_titled("x", other)) is None
    # a link without a url parameter is no share link
    assert share_title(_titled("x", '<a href="/search?title=Council approves the budget">S</a>')) is None


def test_share_links_with_quotes_in_the_title_and_facebook_sharer_parameters():
    """A share link in double quotes may carry an apostrophe in its title ("'Heavy losses' in
    clashes"); a Facebook sharer names the page `u` and the title `t`, also inside a JavaScript
    call in the href ("open('...&t=Title','Popup',...)"): the title is read whole."""
    from cleaner.meta_html import share_title

    quoted = ('<a href="http://digg.com/submit?url=http://x.com/1&amp;title=\'Heavy losses\' in the clashes">D</a>'
              '<a href="http://reddit.com/submit?url=http://x.com/1&amp;title=\'Heavy losses\' in the clashes">R</a>')
    assert share_title(_titled("x", quoted)) == "'Heavy losses' in the clashes"
    sharer = ('<a href="javascript:void(open(\'http://www.facebook.com/sharer.php?op=add&u=http://x.com/1.html'
              '&t=From our writers\' mail bags...\',\'ToolbarPopUp\',\'scrollbars=yes\'));">F</a>')
    assert share_title(_titled("x", sharer)) == "From our writers' mail bags..."
    plain = '<a href="http://www.facebook.com/sharer.php?u=http://x.com/1&t=Council approves the budget">F</a>'
    assert share_title(_titled("x", plain)) == "Council approves the budget"
    # a `t` parameter without a page address is no share link
    assert share_title(_titled("x", '<a href="/search?t=Council approves the budget">S</a>')) is None


def test_title_with_the_sites_address_after_it():
    """"Headline on ChicagoSports.com": the site's address after " on ", cut when the rest is shown."""
    from cleaner.meta_html import confirmed_title

    page = _titled("x", '<font class="headline">Council approves the budget</font>')
    rec = article_record(page)
    assert confirmed_title("Council approves the budget on PlanetPost.com", page, rec, SEPS, set()) == (
        "Council approves the budget", "html text")
    assert confirmed_title("Council votes on budget.com plan", page, rec, SEPS, set())[0] == "Council votes on budget.com plan"


def test_meta_values_keep_the_other_quote_mark():
    """A meta content in double quotes may hold an apostrophe ("Taylor Swift's AMA row"): read
    to its own closing quote, not cut at the apostrophe."""
    from cleaner.meta_tags import page_meta_values

    head = ('<meta property="og:title" content="Swift\'s row is over">'
            "<meta name='author' content='Jane \"JD\" Doe'><meta name=\"author\" content=\"\">")
    assert page_meta_values(head, ("og:title",)) == ["Swift's row is over"]
    assert page_meta_values(head, ("author",)) == ['Jane "JD" Doe']


def test_names_in_lower_case_or_from_a_web_address_are_no_authors():
    from cleaner.meta_html import address_names, plausible_names

    assert plausible_names(["medellín", "admin", "full-stack engineer", "Jane Doe", "bell Hooks", "det/dpa"]) == [
        "Jane Doe", "bell Hooks", "det/dpa"]
    assert address_names(["Frank Bueltge", "Bueltge De"], "Frank Bueltge - http://bueltge.de") == ["Frank Bueltge"]
    assert address_names(["Stol It", "Jane Doe"], "stol.it / Jane Doe") == ["Jane Doe"]


def test_share_links_title_over_an_unconfirmed_title_with_no_word_of_it():
    from cleaner.meta_html import confirmed_title

    links = '<a href="http://del.icio.us/post?url=http://x.com/1&amp;title=Council approves the budget">D</a>'
    page = _titled("x", f'<h1>Council approves the budget</h1>{links}')
    rec = article_record(page)
    assert confirmed_title("Planet County Sun", page, rec, SEPS, set())[0] == "Council approves the budget"
    # another wording of the headline (a shared word) stands
    assert confirmed_title("Budget passes council", page, rec, SEPS, set())[0] == "Budget passes council"


def test_byline_tags_when_nothing_else_names_the_author():
    """No JSON-LD person, no author tag, no visible byline: the publishing system's byline tags
    (article:author, cxenseparse:author, byl) name the author; a profile address or a handle is
    none, a leading "By" is dropped."""
    from cleaner.html import extract, meta_byline

    tags = ('<meta property="article:author" content="https://www.facebook.com/planetpost">'
            '<meta name="byl" content="By Jane Doe">')
    assert meta_byline(tags) == ["Jane Doe"]
    assert meta_byline('<meta property="article:author" content="@planetpost">') == []
    cxense = '<meta name="cXenseParse:author" content="Jane Doe">'  # trafilatura reads byl itself
    page = (f"<html><head><title>Council approves budget</title>{cxense}</head><body><article>"
            f"<h1>Council approves budget</h1><p>{BODY}</p></article></body></html>")
    meta = extract(page, "https://planetpost.example/a").meta
    assert meta["authors"] == ["Jane Doe"] and meta["authors_from"] == "html meta"


def test_a_title_two_of_the_pages_sources_name_is_kept_when_the_text_is_another_block(options):
    """trafilatura took a block that shares no word with the headline (a teaser list, a video
    box), but the page's <title> is the headline plus the site's name and its <h1> shows it: two
    of the page's own sources agree, the title stays. A blog's name in its <title>'s tail and its
    <h1> ("Post « Rand's Blog") is still refused. Fails without meta_html.titled_twice."""
    from cleaner.meta_html import titled_twice

    other = " ".join(["Members said the plan would fund two new schools and repair roads across the north."] * 4)
    page = ("<html><head><title>{t}</title></head><body><h1>{h}</h1><article><p>{b}</p></article></body></html>")
    meta = clean_html(page.format(t="Spears sales spike while life crashes | NEWS.com.au",
                                  h="Spears sales spike while life crashes", b=other).encode(), options).metadata
    assert meta["title"] == "Spears sales spike while life crashes"
    sep = (" | ", " - ", " « ", " » ")
    assert not titled_twice("Rand's Blog", "<title>The Hubris of Startups « Rand's Blog</title><h1>Rand's Blog</h1>",
                            article_record(""), sep)
    assert not titled_twice("Time 4 talks", "<title>Time 4 talks » Blog Archiv » Weitere Digitalisierung der Kinos"
                            "</title><h1>Time 4 talks</h1>", article_record(""), sep)
    assert not titled_twice("Blood & Treasure", "<title>Blood & Treasure</title><h1>Blood & Treasure</h1>",
                            article_record(""), sep)


def test_page_authors_that_name_no_person_are_dropped():
    """trafilatura's author string holds a reader comment's header ("Jacob says"), a feed link's
    label after the name ("Jonathon Ramsey RSS feed"), a company's form split at "&" ("Haufe GmbH
    & Co KG" gives "Co KG"), an authority's name split at "und" ("Bundesministerium für
    Wirtschaft" and "Klimaschutz"). None is a person; a surname "Said" and two people joined by
    "and" stay. Fails without page_authors.comment_verbs / feed_suffixes / authority_words and
    'KG' in page_authors.not_names."""
    assert clean_page_authors(["Jacob says"]) == []
    assert clean_page_authors(["George Millo says:"]) == []
    assert clean_page_authors(["Jonathon Ramsey RSS feed"]) == ["Jonathon Ramsey"]
    assert clean_page_authors(["Haufe-Lexware GmbH & Co KG"]) == []
    assert clean_page_authors(["Bundesministerium für Wirtschaft und Klimaschutz"]) == []
    assert clean_page_authors(["Ana Said"]) == ["Ana Said"]
    assert clean_page_authors(["Jane Doe and John Roe"]) == ["Jane Doe", "John Roe"]


def test_an_authoritys_name_in_the_author_tag_gives_no_author(options):
    """<meta name="author" content="Bundesministerium für Wirtschaft und Klimaschutz">: trafilatura
    splits it at "und"; neither piece is a person. Fails without meta_html.authority_names."""
    head = '<meta name="author" content="Bundesministerium für Wirtschaft und Klimaschutz">'
    page = _titled("Council approves budget", "<h1>Council approves budget</h1>").replace("</head>", head + "</head>")
    assert clean_html(page.encode(), options).metadata["authors"] == []


def test_title_over_the_text_where_the_page_titles_name_the_site_only(options):
    """No <title> but the site's name, no record: the headline is the element marked as one
    (a heading, a class or id with "headline" or "title") right over the article's text, past
    a date line and a byline; not a date, a byline or a label in capitals, not bold text."""
    from cleaner.meta_html import title_over_text

    text = "The council approved the new budget on Monday after a long debate.\n"
    page = ("<html><head><title>Planet Post</title></head><body><h1>Planet Post Online</h1>"
            "<div><b>Win prizes now with us!</b></div><h2>SPORTS AND MORE NEWS</h2>"
            '<span class="headline">Council approves the budget</span><br><span>Thursday, January 17th, 2008</span>'
            f"<h4>By Jane Doe</h4><p>{text}</p></body></html>")
    assert title_over_text(page, text) == ("Council approves the budget", "html text (over the text)")
    assert clean_html(page.replace("<p>", f"<p>{BODY} ").encode(), options).metadata["title"] == "Council approves the budget"
    # nothing marked over the text: none
    bare = page.replace(' class="headline"', "")
    assert title_over_text(bare, text) is None
    # the text's first line opens with the headline element
    opening = ("<html><body><p><span class='headline'>Council approves the budget</span> Jane Doe</p>"
               f"<p>{text}</p></body></html>")
    assert title_over_text(opening, "Council approves the budget Jane Doe\n" + text)[0] == "Council approves the budget"
    # the closest heading; the site's name (from its host) and a tool are none
    blog = (f"<html><head><title>The Planet Post - Some other words here</title></head><body>"
            f"<h1>The Planet Post</h1><h2>The Tip Jar</h2><h3>Council approves the budget</h3>"
            f"<h3>Print this page</h3><p>{text}</p></body></html>")
    assert title_over_text(blog, text, {"planetpost"})[0] == "Council approves the budget"
    assert title_over_text(blog.replace("<h2>The Tip Jar</h2><h3>Council approves the budget</h3>", ""), text,
                           {"planetpost"}) is None
    # the heading a "headline" element holds over its deck
    decked = blog.replace("<h3>Council approves the budget</h3>",
                          '<div class="headline"><h1>Council approves the budget</h1></div><h2>A long debate ends</h2>')
    assert title_over_text(decked, text, {"planetpost"})[0] == "Council approves the budget"
    # a post's line with its time, a blog's name and motto on two lines: none
    assert title_over_text(blog.replace("Council approves the budget", "In The Field, Rambling at 2:24am"), text,
                           {"planetpost"})[0] == "The Tip Jar"
    assert title_over_text(blog.replace("Council approves the budget", "Planet Post Blog<br><i>Our motto here</i>"), text,
                           {"planetpost"})[0] == "The Tip Jar"


def test_soft_hyphens_are_no_part_of_the_title(options):
    """A heading with soft hyphens (&shy;) gives the title without them, and the text bears it
    out: its words are whole."""
    words = "Messengerdienste sind kein rechtsfreier Raum"
    text = " ".join([f"{words} und die Messengerdienste werden geprüft, sagt die Behörde heute."] * 4)
    page = (f'<html><head><meta property="og:title" content="Behörde"><title>{words} | Behörde</title></head>'
            "<body><h1>Mes&shy;sen&shy;ger&shy;diens&shy;te sind kein rechts&shy;frei&shy;er Raum</h1>"
            f"<p>{text}</p></body></html>")
    assert clean_html(page.encode(), options, url="https://www.behoerde.de/a/1").metadata["title"] == words


def test_a_sites_name_with_its_motto_beside_the_headline_is_decoration():
    """"Headline - Rugby News, Results and Features from Planet-Rugby.com" (the site's address
    in a long piece), "KMPH Fox 26 Central Valley News Source in Fresno | Headline" (the host's
    name opening it): cut to the shown headline. A long piece without the site's name stands."""
    from cleaner.meta_html import confirmed_title

    page = _titled("x", "<h2>Bulls close in on the coach</h2>")
    rec = article_record(page)
    host = {"planetrugby", "kmph"}
    title = "Bulls close in on the coach - Rugby News, Results, Fixtures and Features from Planet-Rugby.com"
    assert confirmed_title(title, page, rec, SEPS, set(), host)[0] == "Bulls close in on the coach"
    title = "KMPH Fox 26 Central San Joaquin Valley News Source in Fresno | Bulls close in on the coach"
    assert confirmed_title(title, page, rec, SEPS, set(), host)[0] == "Bulls close in on the coach"
    title = "Bulls close in on the coach - what the six new rules of the union mean for the clubs"
    assert confirmed_title(title, page, rec, SEPS, set(), host)[0] == title
    # a piece holding another separator is two pieces, not a motto: "Kicker?: Headline | kmph.com"
    page = _titled("x", "<div>Bulls in the final?</div>")
    title = "Bulls in the final?: Coach fights for his comeback | kmph.com"
    assert confirmed_title(title, page, article_record(page), SEPS, set(), host, (": ",))[0] == title


def test_hcard_bylines_are_no_teaser_cards():
    """The hCard microformat marks a person's name ("byline vcard", "author vcard"): its class
    word is no teaser card ('card' in page_byline.not_classes), a "card" teaser still is."""
    from cleaner.meta_html import visible_byline
    from cleaner.wordtables import tables

    w = tables()

    def names(head: str) -> list[str]:
        page = f"<html><body>{head}<p>{BODY}</p></body></html>"
        return visible_byline(page, w.words("page_byline.classes"), w.words("page_byline.not_classes"),
                              w.words("html_byline.microformats"))[0]

    assert names('<cite class="byline vcard">By Jane Doe | Reuters – 1 hour 0 minutes ago</cite>') == ["Jane Doe"]
    assert names('<span class="author vcard">Walter von Aachen</span>') == ["Walter von Aachen"]
    assert names('<div class="card-author">Jane Doe</div>') == []
    assert names('<div class="comment-author vcard">Jane Doe sagt:</div>') == []


def test_bylines_with_their_stamp_or_an_outlets_possessive():
    """A byline element that goes on to its stamp ("Jane Doe 16 Jan 2008 12:25 GMT"), one whose
    stamp comes first ("Aug 09 1:44p by Jane Doe"), and one that opens with an outlet's
    possessive and has a serial comma ("By NBC's Jane Doe, John Roe, and Ann Poe")."""

    assert names('<div class="newsAuthorHolder">Jane Doe 16 Jan 2008 12:25 GMT</div>') == ["Jane Doe"]
    assert names('<p class="byline">Aug 09 1:44p by Jane Doe</p>') == ["Jane Doe"]
    assert names('<div class="byline">By NBC\'s Jane Doe, John Roe, and Ann Poe</div>') == ["Jane Doe", "John Roe",
                                                                                          "Ann Poe"]
    assert names('<div class="byline">Published: January 09, 2008</div>') == []
    assert names('<span class="byline">Dec 16, 2007 18:22 | Updated Dec 17, 2007 11:52</span>') == []


def test_phrases_that_name_no_person_are_no_authors():
    """A stamp's weekday ("Friday", "Joe Wee Monday"), a phrase with a lower-case word ("Syrian
    defense ministries", "Jane Doe Jane is"), a role after more than a first and last
    name ("Ben Silverman Games Editor") are no author; a surname that is a weekday, particles,
    desks and a role after a two-word name are."""
    from cleaner.meta_html import phrase_names, plausible_names

    assert plausible_names(["Friday", "AFP"]) == ["AFP"]
    assert phrase_names(["Joe Wee Monday", "Anna Sonntag"]) == ["Anna Sonntag"]
    assert phrase_names(["The Russian", "Syrian defense ministries"]) == ["The Russian"]
    assert phrase_names(["Jane Doe Jane is", "Walter von Aachen", "Detroit News wire services"]) == [
        "Walter von Aachen", "Detroit News wire services"]
    assert phrase_names(["Ben Silverman Games Editor", "Jane Doe Associated Press Writer"]) == [
        "Jane Doe", "Associated Press"]  # an agency before the role ends the name (htmlauth)
    assert phrase_names(["Jane Doe Political Correspondent", "Jane Roe Editor"]) == ["Jane Doe", "Jane Roe"]


def test_a_record_person_or_byline_that_is_a_phrase_is_no_author(options):
    """The article record's persons and the visible byline are read the same way."""
    ld = {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Фото из Инстаграма Лукаша Подольски"}]}
    assert clean_html(_page(ld).encode(), options).metadata["authors"] == []
    page = (f'<html><head><title>Council approves budget</title></head><body><article><h1>Council approves budget'
            f'</h1><p class="byline">By Ben Silverman Games Editor</p><p>{BODY}</p></article></body></html>')
    assert clean_html(page.encode(), options).metadata["authors"] == []


def test_a_plain_byline_line_at_the_article_text(options):
    """A page whose metadata and markup name no author but shows "By Jane Doe" in a plain element
    over its text (or under the headline that opens trafilatura's text): the line's names; a
    teaser's "by" line after its link, one far below the text start (a comment) are none."""
    from cleaner.meta_html import byline_over_text

    text = BODY + "\n" + BODY
    def page(head: str, tail: str = "") -> str:
        return f"<html><body>{head}<p>{BODY}</p><p>{BODY}</p>{tail}</body></html>"

    assert byline_over_text(page("<h1>Council approves budget</h1><p>By Jane Doe // November 6th, 2012</p>"),
                            text) == (["Jane Doe"], "By Jane Doe // November 6th, 2012")
    assert byline_over_text(page("<font>By Jane Doe<br>John Roe, November 2004</font>"), text)[0] == ["Jane Doe"]
    assert byline_over_text(page('<a href="/x">Other council story</a><font>by Jane Doe</font>'), text) is None
    assert byline_over_text(page("", "<p>" + BODY * 3 + "</p><div>by Jane Doe on May 4, 2012</div>"), text) is None
    assert byline_over_text(page("<ul><li>By Date</li><li>By Category</li></ul>"), text) is None
    html = (f"<html><head><title>Council approves budget</title></head><body><h1>Council approves budget</h1>"
            f"<p>Posted by: Jane Doe 13 November 2012 - 2:00pm</p><p>{BODY}</p><p>{BODY}</p></body></html>")
    meta = clean_html(html.encode(), options).metadata
    assert meta["authors"] == ["Jane Doe"] and meta["fields_from"]["authors"] == "html byline line"


def test_a_short_piece_before_a_headline_shown_twice_is_decoration():
    """"NWX Magazin | Headline" whose headline an <h1> and the article record both show as it
    stands: the piece before it is decoration (a site's or a section's name nothing else knows);
    with one source only, or before a colon, the piece may be the title's and stays."""
    from cleaner.meta_html import confirmed_title

    rec = article_record('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
                         '"Council approves the city budget"}</script>')
    page = "<h1>Council approves the city budget</h1>"
    title = "Weekly Magazin | Council approves the city budget"
    assert confirmed_title(title, page, rec, SEPS, set())[0] == "Council approves the city budget"
    assert confirmed_title(title, page, ArticleRecord(), SEPS, set())[0] == title
    kicker = "Weekly Magazin: Council approves the city budget"
    assert confirmed_title(kicker, page, rec, SEPS, set(), site_separators=(": ",))[0] == kicker


def test_a_byline_in_capitals_is_read_and_given_as_written():
    """"By JANE DOE" (an old newspaper's byline style) is read in title case and given as the page
    writes it; a tool's label in capitals is still none."""
    from cleaner.meta_html import _read_names, byline_over_text

    assert _read_names("JANE DOE AND JOHN ROE") == ["JANE DOE", "JOHN ROE"]
    assert _read_names("TEXT SIZE") is None and _read_names("NEWS") is None
    text = BODY + "\n" + BODY
    page = f"<html><body><h1>Council approves budget</h1><p>BY JANE DOE</p><p>{BODY}</p><p>{BODY}</p></body></html>"
    assert byline_over_text(page, text) == (["JANE DOE"], "BY JANE DOE")


def test_a_site_named_as_author_gives_way_to_the_visible_byline(options):
    """The author tag names the site by its host's name ("Example News" on examplenews.com) and
    the page's byline names a person: the person. With no byline the site's name stays (fundus'
    gold keeps a publisher that signs its article)."""
    def page(byline: str) -> bytes:
        return (f'<html><head><title>Council approves budget</title><meta name="author" content="Example News">'
                f'</head><body><article><h1>Council approves budget</h1>{byline}<p>{BODY}</p></article>'
                f'</body></html>').encode()

    url = "https://www.examplenews.com/2024/council"
    meta = clean_html(page('<span class="byline">Jane Doe</span>'), options, url=url).metadata
    assert meta["authors"] == ["Jane Doe"] and meta["fields_from"]["authors"] == "html byline"
    assert clean_html(page(""), options, url=url).metadata["authors"] == ["Example News"]


def test_a_news_agency_that_signs_with_the_author_is_an_author():
    """A byline element that names the author and the news agency whose copy it is ("Jane Doe,
    AFP", "Anna Schmidt, dpa", "Jane Doe/dpa", "Jane Doe (dpa)") gives both, as the text route's
    byline reader and fundus' gold do; an outlet that is no agency is still dropped."""

    assert names('<div class="byline">Jane Doe, AFP</div>') == ["Jane Doe", "AFP"]
    assert names('<span class="author">Von Anna Schmidt, dpa</span>') == ["Anna Schmidt", "dpa"]
    assert names('<span class="author">Jane Doe/dpa</span>') == ["Jane Doe", "dpa"]
    assert names('<span class="author">Jane Doe (dpa)</span>') == ["Jane Doe", "dpa"]
    assert names('<div class="byline">Jane Doe, Lille</div>') == ["Jane Doe"]
    assert names('<div class="byline">By Jane Doe | Reuters – 1 hour 0 minutes ago</div>') == ["Jane Doe"]


def test_a_rel_author_link_in_a_byline_of_two_gives_both():
    """A byline element whose first name is a rel=author link ("By <a rel=author>Jane Doe</a>
    and <a rel=author>John Roe</a>") names both: the element around the link is read when it
    names the link's author and more; a link alone in a long paragraph stays the link."""

    assert names('<p>By <a rel="author" href="/a">Jane Doe</a> and <a rel="author" href="/b">John Roe</a></p>'
                  ) == ["Jane Doe", "John Roe"]
    assert names('<div>By <span itemprop="author">JANE DOE</span> and <span itemprop="author">JOHN ROE</span>'
                  '</div>') == ["JANE DOE", "JOHN ROE"]
    assert names('<p>By <a rel="author" href="/a">Jane Doe</a> | Posted in Politics</p>') == ["Jane Doe"]


def test_a_byline_with_social_handles_after_the_names():
    """"By JANE DOE (@janedoe) and JOHN ROE (@jroe)": the handles after the names are dropped,
    the names read in full (the first rel=author link alone gives one)."""

    assert names('<div class="byline">By <a rel="author" href="/a">JANE DOE</a> (<a href="/t">@janedoe</a>) and '
                 '<a rel="author" href="/b">JOHN ROE</a> (<a href="/u">@jroe</a>)</div>') == ["JANE DOE", "JOHN ROE"]
    assert names('<span class="author">Jane Doe @janedoe</span>') == ["Jane Doe"]


def test_placeholders_and_glued_outlets_are_no_names():
    """A comment form's or a CMS's placeholder is no author ("Unbenannt", "Untitled"); a name in
    capitals glued to its outlet (an author tag "AL ALEXANDER<br>The Patriot Ledger" read without
    its break) is cut to the name; names in mixed case with an inner capital stay."""
    from cleaner.meta_html import plausible_names

    assert plausible_names(["Unbenannt"]) == [] and plausible_names(["Untitled"]) == []
    assert plausible_names(["JANE DOEThe Springfield Ledger"]) == ["JANE DOE"]
    assert plausible_names(["JANE DOEAssociated Press"]) == ["JANE DOE", "Associated Press"]
    assert plausible_names(["Jane Doe BBC News"]) == ["Jane Doe"]
    assert plausible_names(["IDG News Service", "Detroit News wire services"]) == [
        "IDG News Service", "Detroit News wire services"]
    assert plausible_names(["Neal McCluskey", "Jessica DeFino", "Jane Unbenannt"]) == [
        "Neal McCluskey", "Jessica DeFino", "Jane Unbenannt"]


def test_a_phrase_trafilatura_split_at_its_joins_leaves_no_name():
    """trafilatura splits an author phrase at its join words ("Building Wealth through Saving
    and Investing" -> "Building Wealth through Saving; Investing"): when a piece is refused as
    no name, the one-word piece the page writes beside a lower-case word is none either; an
    account's name the page writes alone, and names of two words, stay."""
    from cleaner.meta_html import split_leftovers

    page = "<p>Building Wealth through Saving and Investing</p><p>By: <a>JaneDoe42</a> (Diary)</p>"
    assert split_leftovers(["Investing"], ["Building Wealth through Saving", "Investing"], page) == []
    assert split_leftovers(["JaneDoe42"], ["JaneDoe42", "November", "RESIZE A A A"], page) == ["JaneDoe42"]
    assert split_leftovers(["Jane Doe"], ["Jane Doe", "November"], page) == ["Jane Doe"]
    assert split_leftovers(["Investing"], ["Investing"], page) == ["Investing"]


def test_a_job_title_beside_a_name_is_cut_and_a_title_alone_is_no_name():
    """A job title before a name is cut from it, in any of the tables' languages ("Attorney Jane
    Doe", "Chefredakteurin Anna Schmidt", "Rédactrice en chef Marie Dupont"); a title alone or
    after a company's acronym names no person; a desk ("Redaktion example.de", "Example
    Redaktion", "MND Staff") stays whole."""
    from cleaner.meta_html import phrase_names, plausible_names

    assert plausible_names(["Attorney Jane Doe", "Attorney John A Roe"]) == ["Jane Doe", "John A Roe"]
    assert phrase_names(["Chefredakteurin Anna Schmidt", "Rédactrice en chef Marie Dupont",
                         "Corresponsal Ana García", "Staff Writer Jane Doe"]) == [
        "Anna Schmidt", "Marie Dupont", "Ana García", "Jane Doe"]
    assert plausible_names(["Jane Doe", "ACME Senior Product Manager"]) == ["Jane Doe"]
    assert phrase_names(["Jane Doe", "Globe Correspondent", "Chefredakteur"]) == ["Jane Doe"]
    assert phrase_names(["Redaktion example.de", "Example.NET Redaktion", "MND Staff", "Theresa May"]) == [
        "Redaktion example.de", "Example.NET Redaktion", "MND Staff", "Theresa May"]


def test_label_pieces_and_collective_credits_are_no_names():
    """trafilatura splits "By Jane Doe with John Roe in Washington" into names: the label word is
    cut ("With John Roe" -> "John Roe"), a place after a preposition is none ("In Washington");
    a collective credit alone or before a lower-case word is none, also as a JSON-LD organisation
    ("Contributors to Example projects"); a named team stays."""
    from cleaner.meta_html import article_record, phrase_names

    assert phrase_names(["Jane Doe", "with John Roe", "in Washington"]) == ["Jane Doe", "John Roe"]  # the page's case
    assert phrase_names(["Staff", "Team", "Redaktion", "Contributors to Example projects", "Anna Mitte"]) == [
        "Anna Mitte"]
    ld = {"@type": "Article", "author": {"@type": "Organization", "name": "Contributors to Example projects"}}
    assert article_record(_page(ld)).organisations == []
    ld = {"@type": "Article", "author": {"@type": "Organization", "name": "Redaktion example.de"}}
    assert article_record(_page(ld)).organisations == ["Redaktion example.de"]
