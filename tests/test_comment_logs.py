"""Comment threads and logs after an article (cleaner/threads.py), as the whole rule set runs them."""

from __future__ import annotations

from cleaner import Options, clean, load_rules

ARTICLE = "\n".join([
    "The river rose by two metres overnight, and residents of the lower town were told to leave their homes before dawn on Tuesday morning.",
    "Emergency crews worked through the night to shore up the old embankment, which engineers have warned about for more than a decade now.",
    "The mayor said shelters had been opened in three schools and that buses would run every half hour until all residents were safe.",
    "Officials expect the water to peak on Wednesday afternoon, and they asked people not to return until the all-clear has been given.",
    "Forecasters said more rain was expected at the weekend, although they thought it would be lighter than the storms of the past week.",
    "Insurance companies said they would send assessors as soon as the roads reopened, and urged owners to photograph any damage first.",
    "Volunteers from neighbouring villages brought food, blankets and dry clothes to the shelters throughout the day on Tuesday.",
])

COMMENTS = [
    ("Jane Roe", "10:19", "Great reporting, thanks."),
    ("Tom", "10:21", "I live there and it was terrible."),
    ("Kafi", "10:23", "Same here, the water came up to the second step."),
    ("Ann", "10:30", "Thanks to all the volunteers."),
]


def test_thread_whose_reply_controls_a_later_rule_cuts_is_still_a_thread():
    # The stamps end in their controls ("up reply actions"), which CM006 cuts off; a footer that
    # other rules remove follows the thread, so the thread detector (TS004, order 0) sees the
    # thread end the text only in the second pass, after CM006 took the controls. The stamps still
    # had controls on the page: the thread goes (it stayed whole before the fix).
    thread = "\n".join(f"by {name} on Aug 9, 2012 {time} AM EDT up reply actions\n{body}" for name, time, body in COMMENTS)
    footer = "\n".join(f"Copyright © {year} Example Media, Inc. All rights reserved." for year in range(1990, 2014))
    text = f"{ARTICLE}\n{thread}\n{footer}"
    out = clean(text, Options(load_rules())).text
    assert "Great reporting" not in out and "Thanks to all the volunteers" not in out
    assert "Volunteers from neighbouring villages" in out


def test_comment_log_without_controls_is_opt_in():
    # CM007 (opt-in): a log of author stamps ("Name 11.06.12 at 11:06 am") with no reply controls
    # after an article; the default rules keep it (cleaneval's gold keeps such logs).
    log = "\n".join(f"{name} 11.06.12 at {time} am\n{body}" for name, time, body in COMMENTS)
    text = f"{ARTICLE}\n{log}"
    assert "Great reporting" in clean(text, Options(load_rules())).text
    out = clean(text, Options(load_rules(extend_select=("CM007",)))).text
    assert "Great reporting" not in out and "Jane Roe" not in out
    assert "Volunteers from neighbouring villages" in out


def test_comment_log_under_a_longer_article():
    # CM014 (opt-in): CM007's log only when the article's prose outweighs it; a log that outweighs
    # its article (a thread page, a blog whose gold keeps its comments) stays
    short_log = "\n".join(f"{name} 11.06.12 at {time} am\n{body}" for name, time, body in COMMENTS)
    out = clean(f"{ARTICLE}\n{short_log}", Options(load_rules(extend_select=("CM014",)))).text
    assert "Great reporting" not in out and "Jane Roe" not in out
    assert "Volunteers from neighbouring villages" in out
    long_log = "\n".join(f"{name} 11.06.12 at {time} am\n{' '.join([body] * 6)}" for name, time, body in COMMENTS)
    out = clean(f"{ARTICLE}\n{long_log}", Options(load_rules(extend_select=("CM014",)))).text
    assert "Great reporting" in out and "Jane Roe" in out
