"""Properties of clean() on generated documents (hypothesis).

For any text: clean never raises, never adds a word, is idempotent, and the output plus the
removed spans account for every word of the (normalised) input. The output is the same with
the keyword prefilter on and off.

Words are the benchmark's tokens, ``re.findall(r"\\w+", text)`` (case kept), counted as
multisets. The input side is the text after ``normalise`` (NFC, newlines, trailing blanks):
NFC can legitimately join a letter and a combining mark into one token, so the raw input's
tokens are not the reference.

Documents mix random unicode, blank lines, article sentences and lines (or pieces of lines) of
the cruft the rules target, so every rule gets a chance to fire, including the ones that cut
inside a line (wire datelines, leaked markup) and the ones that need running text around them
(comment-thread truncation, line scoring).
"""

from __future__ import annotations

import os
import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import NotText, Options, clean, load_rules
from cleaner.decode import normalise

TOKEN = re.compile(r"\w+")
OPTIONS = Options(load_rules())  # module level: a fixture would be printed with every failing example
PLAIN = Options(OPTIONS.rules, prefilter=False)

PROSE = [
    "The central bank raised its main interest rate on Tuesday, the third increase this year, officials said.",
    "Residents of the lower town were told to leave their homes before dawn as the river kept rising.",
    "The minister said the talks would resume next month in Geneva after a pause of several weeks.",
    "Critics said the plan had been approved without a proper debate, and that the council should have waited.",
    "\"We have done what we promised,\" the mayor told reporters after the meeting on Monday evening.",
    "Share prices fell 4% on Tuesday after the results, the biggest one-day drop since March.",
    "By the end of the week the talks had collapsed, and both sides blamed each other for the failure.",
    "Officials will follow the plan on Monday, the minister said, although few expect it to change much.",
    "The leaked email was sent to staff on Tuesday morning and was later shared widely online.",
    "Voters must register by Friday to take part in the election, the electoral commission said.",
    "Three years ago, on March 19, 2015, the two leaders met in Moscow to discuss trade and security.",
    "The regulator said the website uses cookies without asking users first, and opened an inquiry.",
    "Reuters reported that the photo was taken in March, weeks before the ceasefire was agreed.",
]

CRUFT = [
    "Sign up to our free newsletters",
    "Subscribe now",
    "Get the best updates straight to your inbox:",
    "Enter your email address",
    "You can unsubscribe at any time. We use Mailchimp as our marketing platform.",
    "By signing up, you agree to our Terms of Use and acknowledge our Privacy Policy.",
    "Share this article",
    "Facebook | Twitter | Email",
    "Follow us on Twitter for the latest news",
    "landscape-tablet-and-above",
    "narrow-browser-and-phone",
    "0 : 0",
    "12 Comments",
    "Comments (3)",
    "Russian President Vladimir Putin walks on the stage in central Moscow, March 18, 2015. REUTERS/Maxim Zmeyev",
    "Firefighters work at the scene of the blaze on Sunday. (AP Photo/Jane Roe)",
    "Photo: Jane Roe/AFP",
    "Getty Images",
    "Writing by Lidia Kelly; Additional reporting by Ben Blanchard in BEIJING; Editing by Mark Heinrich",
    "(Reporting by Jane Doe and Li Wei; Editing by Tom Brown)",
    "Li Wei contributed reporting from Beijing.",
    "By Jane Doe and John Roe, Reuters",
    "By Jane Doe",
    "March 19, 2015 / 1:53 AM / 3 years ago",
    "12 June 2021 | 4 days ago",
    "Updated 3 hours ago",
    "an hour ago",
    "MOSCOW (Reuters) - President Vladimir Putin will meet a close aide on Thursday.",
    "(AP) — The storm made landfall late on Tuesday.",
    "We use cookies to improve your experience. By continuing to browse the site you agree to our use of cookies.",
    "Accept all cookies",
    "Home",
    "World",
    "Politics",
    "Leave a reply",
    "Great reporting, thanks.",
    "Related stories",
    "Most read",
    '<div class="promo"><a href="/sale">Sale</a></div><script src="/js/app.js"></script>',
    '<div id="story"><p>The council said on Monday that the library would open in spring.</p></div>',
    "var adSlot = googletag.defineSlot('/123/news', [300, 250], 'ad-1');",
    ".share-bar { display: none; }",
    "<br>",
    "<!-- ad -->",
    "Storm closes ports along the coast",
]

# Characters that matter to the pipeline: newlines of every kind, spaces that normalise strips,
# combining marks (NFC), final sigma and dotted I (case mapping), CJK, markup and punctuation.
SPECIAL = "\n\r\u2028\u0085\x0b\x0c \t\u00a0e\u0301\u0345ΣσςİıßﬁÅ中文字<>/{}()[]:;,.!?'\"’“”—–-|•·@#_0123456789"

fragment = st.one_of(
    st.sampled_from(CRUFT),
    st.sampled_from(PROSE),
    # a piece of a cruft or prose line (partial matches, lines cut mid-word)
    st.tuples(st.sampled_from(CRUFT + PROSE), st.integers(0, 60), st.integers(1, 120)).map(
        lambda t: t[0][t[1] : t[1] + t[2]]
    ),
    st.text(max_size=30),  # any unicode (no surrogates)
    st.text(alphabet=st.sampled_from(SPECIAL), max_size=12),
)

# A line is one fragment or a few glued together (cruft inside prose, markup between words).
line = st.lists(fragment, min_size=1, max_size=3).flatmap(
    lambda parts: st.sampled_from(["", " ", "<br>", "\t"]).map(lambda sep: sep.join(parts))
)

separator = st.sampled_from(["\n", "\n", "\n", "\n\n", "\n\n\n", "\r\n", "\n \n"])


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(line, max_size=40))
    out = []
    for ln in lines:
        out.append(ln)
        out.append(draw(separator))
    return "".join(out)


texts = st.one_of(documents(), st.text(max_size=400))

# PROPERTY_EXAMPLES=5000 pytest tests/test_properties.py searches harder (the suite keeps it quick).
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def tokens(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(text))


@SETTINGS
@given(texts)
def test_clean_never_raises_and_adds_no_word(text):
    res = clean(text, OPTIONS)
    assert not res.errors
    extra = tokens(res.text) - tokens(normalise(text))
    assert not extra, f"words in the output that are not in the input: {dict(extra)}"


@SETTINGS
@given(st.binary(max_size=300))
def test_clean_bytes_never_raises_anything_but_not_text(data):
    try:
        clean(data, OPTIONS)
    except NotText:
        pass


@SETTINGS
@given(texts)
def test_clean_is_idempotent(text):
    once = clean(text, OPTIONS).text
    assert clean(once, OPTIONS).text == once


@SETTINGS
@given(texts)
def test_output_and_removed_spans_account_for_the_input(text):
    res = clean(text, OPTIONS)
    accounted = tokens(res.text)
    for r in res.removed:
        accounted += tokens(r.text)
    assert accounted == tokens(normalise(text))


@SETTINGS
@given(texts)
def test_prefilter_changes_nothing_on_generated_documents(text):
    a, b = clean(text, OPTIONS), clean(text, PLAIN)
    assert a.text == b.text
    assert a.removed == b.removed
    assert a.metadata == b.metadata


# Documents made of the cruft the built-in rules were written for (every line of every `match`
# example in rules/*.toml), prose, runs of one repeated line (a page of timestamps, a menu printed
# twice) and blank lines. A rule's removal can bring another match into view (a head window moves
# down past a removed timestamp), so these are the documents where one more pass finds more.
EXAMPLE_LINES = sorted(
    {ln for r in OPTIONS.rules.rules for ex in r.examples if ex.should_match for ln in ex.text.splitlines() if ln.strip()}
)
TIMESTAMPS = [
    "March 19, 2015 / 1:53 AM / 3 years ago",
    "12 June 2021 | 4 days ago",
    "Updated 3 hours ago",
    "an hour ago",
]

block = st.one_of(
    st.sampled_from(EXAMPLE_LINES).map(lambda ln: [ln]),
    st.sampled_from(PROSE).map(lambda ln: [ln]),
    st.just([""]),
    st.tuples(st.sampled_from(TIMESTAMPS + EXAMPLE_LINES), st.integers(2, 30)).map(lambda t: [t[0]] * t[1]),
)


@st.composite
def cruft_pages(draw) -> str:
    blocks = draw(st.lists(block, max_size=25))
    return "".join(ln + "\n" for b in blocks for ln in b)


@SETTINGS
@given(cruft_pages())
def test_clean_is_idempotent_on_pages_of_rule_examples(text):
    once = clean(text, OPTIONS).text
    assert clean(once, OPTIONS).text == once


@SETTINGS
@given(cruft_pages())
def test_prefilter_changes_nothing_on_pages_of_rule_examples(text):
    a, b = clean(text, OPTIONS), clean(text, PLAIN)
    assert a.text == b.text
    assert a.removed == b.removed
