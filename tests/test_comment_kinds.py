"""Comment kinds widened for issue 13 (items 1 and 2): relative-time comment logs (CL001), vote
controls (CM009), thread chrome phrases (CM004), "wrote:" stamps (CM007), more thread headers
(TS002's comment_headers), as the whole default rule set runs them."""

from __future__ import annotations

from cleaner import Options, clean, load_rules
from cleaner.threads import MAYBE_STAMP

from .test_comment_logs import ARTICLE  # the same seven-sentence article

BODIES = ["Great reporting, thanks.", "I live there and it was terrible.", "The embankment should have been fixed years ago.",
          "Same here, the water came up to the door."]


def _clean(text: str, *extend: str) -> str:
    return clean(text, Options(load_rules(extend_select=extend))).text.rstrip("\n")


def _log(stamps: list[str], names: bool = True) -> str:
    lines: list[str] = []
    for k, (stamp, body) in enumerate(zip(stamps, BODIES)):
        if names:
            lines.append(f"Reader{k}")
        lines += [stamp, body]
    return "\n".join(lines)


def test_relative_time_log_without_controls_goes_in_many_languages():
    for stamps in (["3 hours ago", "2 hours ago", "1 hour ago", "10 minutes ago"],
                   ["vor 5 Stunden", "vor 3 Stunden", "vor 2 Stunden", "vor 1 Stunde"],
                   ["il y a 3 jours", "il y a 2 jours", "il y a 2 jours", "il y a 1 jour"],
                   ["hace 5 horas", "hace 3 horas", "hace 2 horas", "hace 1 hora"],
                   ["5 godzin temu", "4 godziny temu", "3 godziny temu", "2 godziny temu"],
                   ["3 дня назад", "2 дня назад", "2 дня назад", "1 день назад"],
                   ["3時間前", "2時間前", "1時間前", "5分前"], ["3시간 전", "2시간 전", "1시간 전", "5분 전"],
                   ["3小时前", "2小时前", "1小时前", "5分钟前"]):
        out = _clean(ARTICLE + "\n" + _log(stamps), "CL001")
        assert out == ARTICLE, stamps


def test_relative_time_stamp_after_a_name_on_one_line_goes():
    log = "\n".join(f"Reader{k} · {n} hours ago\n{body}" for k, (n, body) in enumerate(zip((5, 4, 3, 2), BODIES)))
    assert _clean(ARTICLE + "\n" + log, "CL001") == ARTICLE
    assert "Great reporting" in _clean(ARTICLE + "\n" + log)  # opt-in: a forum's posts are stamped so too


def test_relative_time_log_stays_without_an_article_before_it_or_with_text_after_it():
    log = _log(["3 hours ago", "2 hours ago", "1 hour ago", "10 minutes ago"])
    # a text that is the log alone (a thread page) is TS005's shape and needs controls
    assert "Great reporting" in _clean(log, "CL001")
    # the log is followed by more of the article than its last comment may run on (max_gap lines): no trailing thread
    tail = "\n".join(f"Section {k} of the plan sets out how the council will pay for a new embankment, which homes it will "
                     "protect first, and when the work on the old bridge and the pumping station is to begin." for k in range(12))
    assert "Great reporting" in _clean(ARTICLE + "\n" + log + "\n" + tail, "CL001")


def test_updated_labels_of_a_timeline_are_no_comment_stamps():
    timeline = "\n".join(f"{label}\nThe water level at the upper gauge was measured again and the crews reported {n} new leaks."
                         for n, label in enumerate(("Updated 3 hours ago", "Aktualisiert vor 2 Stunden",
                                                    "Mis à jour il y a 1 heure", "Updated 20 minutes ago")))
    out = _clean(ARTICLE + "\n" + timeline, "CL001")  # the labels alone are datelines (DL002); the entries stay
    assert all(f"reported {n} new leaks." in out for n in range(4))


def test_cl001_stamp_patterns_only_find_lines_the_detector_tries():
    # the thread detector tries no line without a digit or a closing colon (MAYBE_STAMP): a stamp
    # pattern that matched "an hour ago" would promise what the detector never does
    rule = next(r for r in load_rules(extend_select=("CL001",)).rules if r.id == "CL001")
    for stamp in ("Anna · 3 hours ago", "vor 2 Stunden", "il y a 3 jours", "3時間前", "yesterday at 10:15", "gestern um 10:15"):
        assert any(p.search(stamp) for p in rule.patterns), stamp
        assert MAYBE_STAMP.search(stamp), stamp
    for line in ("Updated 3 hours ago", "Aktualisiert vor 2 Stunden", "The vote was 3 hours ago, she said, and nobody came."):
        assert not any(p.search(line) for p in rule.patterns), line


def test_vote_controls_go_and_prose_with_arrows_stays():
    for line in ("↑ 3 ↓", "▲ 12 ▼", "👍 4 👎 1", "Vote up 3 Vote down", "Like (3) Dislike (1)", "Нравится 5 Не нравится 1"):
        assert _clean(ARTICLE + "\n" + line) == ARTICLE, line
    prose = "Prices ↑ 3% in March, wages ↓ 1%, the office said on Monday."
    assert prose in _clean(ARTICLE + "\n" + prose)


def test_thread_chrome_phrases_go_in_many_languages():
    for line in ("Report abuse", "Show replies", "Antworten anzeigen", "Ce commentaire a été supprimé", "Ocultar respuestas",
                 "Показать ответы", "Zgłoś", "このコメントは削除されました", "답글 보기", "查看回复", "Tweet this comment"):
        assert _clean(ARTICLE + "\n" + line) == ARTICLE, line


def test_a_letter_sign_off_is_no_sort_switch():
    # "Best" (a sort tab) was in the chrome lexicon for a while and took a letter's "Best," with it
    letter = ARTICLE + "\nBest,\nJane Roe"
    assert "Best," in _clean(letter)


def test_wrote_lines_are_log_stamps_of_the_opt_in_rule():
    log = "\n".join(f"Reader{k} wrote:\n12 March 2024 at 10:{10 + k}\n{body}" for k, body in enumerate(BODIES))
    assert _clean(ARTICLE + "\n" + log, "CM007") == ARTICLE
    assert "Reader0 wrote:" in _clean(ARTICLE + "\n" + log)  # off by default: cleaneval's gold keeps such logs


def test_a_new_thread_header_opens_a_confirmed_thread():
    thread = "\n".join(f"Reader{k} sagt:\n12. März 2024 um 10:{10 + k}\n{body}\nAntworten" for k, body in enumerate(BODIES))
    out = _clean(ARTICLE + "\nLesermeinungen\n" + thread)
    assert out == ARTICLE
