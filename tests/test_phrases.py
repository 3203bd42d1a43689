"""Phrase lexicons (issue 13, item 1): normalisation, tails, CJK, loader errors, `rules show`,
and phrase lines removed from a document with the rule's id in the audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Options, RuleError, clean, load_rules
from cleaner.cli import app
from cleaner.phrases import normalise, strip_leading_count, strip_trailing_count

from .conftest import write_pack

PACK = '''
[pack]
prefix = "ZP"
summary = "phrase test pack"

[[rule]]
id = "ZP001"
name = "label"
summary = "Whole-line labels."
why = "Test."
scope = "line"
action = "drop"
[rule.phrases]
en = ["Tap to expand", "Print this recipe"]
de = ["Aufklappen"]
zh = ["点此展开"]
ja = ["続きをみる"]
[[rule.example]]
match = "Tap to expand »"
[[rule.example]]
no_match = "Tap to expand the menu, the manual says."

[[rule]]
id = "ZP002"
name = "counted"
summary = "Labels with a count."
why = "Test."
scope = "line"
action = "drop"
phrase_tail = "counter"
phrase_files = ["phrases/counted"]
[[rule.example]]
match = "Hearts (12)"
[[rule.example]]
no_match = "Hearts rose 12 percent."

[[rule]]
id = "ZP003"
name = "teaser"
summary = "Labels followed by a title."
why = "Test."
scope = "line"
action = "drop"
phrase_tail = "any"
phrase_tail_max_words = 8
[rule.phrases]
en = ["Coming up", "Photo"]
fr = ["Voir le dossier"]
zh = ["专题阅读"]
[[rule.example]]
match = "Coming up: Rates rise again"
[[rule.example]]
no_match = "Coming upstairs"
'''

COUNTED = "# like counters\n\nHearts\nHerzen\n"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    write_pack(folder, PACK)
    write_pack(folder / "phrases" / "counted", COUNTED, "de.txt")
    return folder


@pytest.fixture
def opts(pack: Path) -> Options:
    return Options(load_rules([pack], builtin=False))


def removed_by(opts: Options, text: str) -> list[tuple[str, str]]:
    return [(r.rule, r.text) for r in clean(text, opts).removed]


@pytest.mark.parametrize(
    "text, key",
    [
        ("  • Read   More » ", "read more"),
        ("READ MORE...", "read more"),
        ("Read more. . .", "read more"),
        ("„Weiterlesen“", "weiterlesen"),
        ("ＲＥＡＤ ＭＯＲＥ", "read more"),  # full-width forms (NFKC)
        ("Straße", "strasse"),  # case-folded, not only lower-cased
        ("| Share |", "share"),
        ("Share:", "share"),
        ("[Comments]", "comments"),
        ("-> Next page", "next page"),
        ("专题阅读：", "专题阅读"),
        ("»", ""),
    ],
)
def test_normalise(text, key):
    assert normalise(text) == key


@pytest.mark.parametrize(
    "line, phrase",
    [
        ("İLGİLİ HABERLER", "İlgili haberler"),  # capital dotted I folds to i + U+0307
        ("YAZI BOYUTU", "Yazı boyutu"),  # capital I of a Turkish dotless ı
        ("SON DAKİKA", "Son dakika"),
    ],
)
def test_normalise_folds_turkish_i(line, phrase):
    """Turkish sites often type headings in capitals; "İ" case-folds to "i" + a combining dot
    and "I" to "i" where the word has "ı", so without folding both to "i" the capitalised line
    and the mixed-case phrase would have different keys."""
    assert normalise(line) == normalise(phrase)


def test_row_of_turkish_capitals():
    """A label row typed in Turkish capitals segments as its mixed-case labels do."""
    from cleaner.phrases import segment_row

    labels = {normalise(x) for x in ("Paylaş", "Yazdır", "Yazı boyutu")}
    assert segment_row("PAYLAŞ | YAZDIR | YAZI BOYUTU", labels) == ["paylaş", "yazdir", "yazi boyutu"]


@pytest.mark.parametrize(
    "text, bare",
    [
        ("Share 0", "share"),
        ("Comments (12)", "comments"),
        ("Kommentare [3]", "kommentare"),
        ("Hearts · 1.2K", "hearts"),
        ("Shares: 1,024", "shares"),
        ("Vues : 1 234", "vues"),
        ("Share - 5", "share"),
        ("COVID-19", None),  # a dash glued to the number is no separator
        ("Top10", None),
        ("12", None),
        ("Share this", None),
    ],
)
def test_trailing_count(text, bare):
    assert strip_trailing_count(normalise(text)) == bare


@pytest.mark.parametrize(
    "text, bare",
    [("12 Comments", "comments"), ("(3) Kommentare", "kommentare"), ("1.2k shares", "shares"), ("12", None), ("Comments", None),
     # thousands grouped by a space (fr pl cs ru sv nb da), a no-break or a narrow no-break space
     ("1 234 vues", "vues"), ("12\u00a0345 просмотров", "просмотров"), ("1\u202f234 wyświetleń", "wyświetleń"),
     ("1 23 vues", "23 vues")],
)
def test_leading_count(text, bare):
    assert strip_leading_count(normalise(text)) == bare


def test_tail_none_is_the_whole_line(opts):
    assert removed_by(opts, "Tap to expand »\n") == [("ZP001", "Tap to expand »")]
    assert removed_by(opts, "» PRINT THIS RECIPE\n") == [("ZP001", "» PRINT THIS RECIPE")]
    assert removed_by(opts, "Tap to expand the menu, the manual says.\n") == []
    assert removed_by(opts, "Print this recipe 12\n") == []  # a count only where the rule allows one


def test_tail_counter(opts):
    assert removed_by(opts, "Hearts (12)\n") == [("ZP002", "Hearts (12)")]
    assert removed_by(opts, "Herzen: 3\n") == [("ZP002", "Herzen: 3")]
    assert removed_by(opts, "Hearts\n") == [("ZP002", "Hearts")]
    assert removed_by(opts, "Hearts 12 posts a day.\n") == []
    assert removed_by(opts, "3 Hearts\n") == []  # a leading count needs phrase_lead


def test_tail_count_requires_a_count(tmp_path):
    write_pack(tmp_path, PACK.replace('phrase_tail = "counter"', 'phrase_tail = "count"\nphrase_lead = "counter"'))
    write_pack(tmp_path / "phrases" / "counted", COUNTED, "de.txt")
    opts = Options(load_rules([tmp_path], builtin=False))
    assert removed_by(opts, "Hearts\n") == []  # alone, the label stays
    assert removed_by(opts, "Hearts (3)\n") == [("ZP002", "Hearts (3)")]
    assert removed_by(opts, "3 Hearts\n") == [("ZP002", "3 Hearts")]


def test_lead_counter(tmp_path):
    write_pack(tmp_path, PACK.replace('phrase_tail = "counter"', 'phrase_tail = "counter"\nphrase_lead = "counter"'))
    write_pack(tmp_path / "phrases" / "counted", COUNTED, "de.txt")
    opts = Options(load_rules([tmp_path], builtin=False))
    assert removed_by(opts, "3 Hearts\n") == [("ZP002", "3 Hearts")]
    assert removed_by(opts, "3 hearts for a photo of a cat\n") == []


def test_tail_any_with_word_limit_and_boundary(opts):
    assert removed_by(opts, "Coming up: Rates rise again\n") == [("ZP003", "Coming up: Rates rise again")]
    assert removed_by(opts, "» Voir le dossier : Le gouvernement recule\n") == [("ZP003", "» Voir le dossier : Le gouvernement recule")]
    assert removed_by(opts, "Photo: Jane Doe/Reuters\n") == [("ZP003", "Photo: Jane Doe/Reuters")]
    assert removed_by(opts, "Photographers gathered outside the court.\n") == []  # a phrase ends at a word end
    long = "Coming up was published by the paper on Tuesday after the editors had checked every figure in it."
    assert removed_by(opts, long + "\n") == []  # more than phrase_tail_max_words after the phrase


def test_tail_any_after_a_phrase_that_ends_in_a_question_mark(tmp_path):
    """An "any" phrase is stored with its closing "?" or "!" (normalise keeps them), so the tail
    lookup looks past the marks after a word end: "Comments? Suggestions? Email the team" (ce9;
    before, such a phrase matched only alone on its line)."""
    write_pack(tmp_path, PACK.replace('en = ["Coming up", "Photo"]', 'en = ["Coming up", "Photo", "Comments? Suggestions?", "Got a tip!"]'))
    write_pack(tmp_path / "phrases" / "counted", COUNTED, "de.txt")
    opts = Options(load_rules([tmp_path], builtin=False))
    line = "Comments? Suggestions? Email the web team"
    assert removed_by(opts, line + "\n") == [("ZP003", line)]
    assert removed_by(opts, "Got a tip! Write to us\n") == [("ZP003", "Got a tip! Write to us")]
    assert removed_by(opts, "Comments? Suggestions?\n") == [("ZP003", "Comments? Suggestions?")]
    assert removed_by(opts, "Comments? I read every one of them.\n") == []


def test_cjk_phrases(opts):
    assert removed_by(opts, "点此展开\n") == [("ZP001", "点此展开")]
    assert removed_by(opts, "続きをみる »\n") == [("ZP001", "続きをみる »")]
    assert removed_by(opts, "点此展开的菜单在右上角。\n") == []  # "none": the whole line only
    assert removed_by(opts, "专题阅读：北京发布新规\n") == [("ZP003", "专题阅读：北京发布新规")]
    assert removed_by(opts, "专题阅读北京发布新规\n") == [("ZP003", "专题阅读北京发布新规")]  # no space needed
    long = "专题阅读" + "这项研究由北京大学的研究人员在过去五年中完成并且发表在国际期刊上引起了广泛关注"
    assert removed_by(opts, long + "\n") == []  # the tail is counted in words (two characters each)


def test_document_keeps_prose_that_starts_with_a_phrase(opts):
    doc = (
        "Rates rise again\n"
        "Tap to expand the chart, which shows the decision in the central bank's statement.\n"
        "| Hearts (3) |\n"
        "The bank said inflation was still too high.\n"
        "Aufklappen …\n"
        "Coming up: Markets fall\n"
    )
    res = clean(doc, opts)
    assert [(r.rule, r.line_start, r.text) for r in res.removed] == [
        ("ZP002", 3, "| Hearts (3) |"),
        ("ZP001", 5, "Aufklappen …"),
        ("ZP003", 6, "Coming up: Markets fall"),
    ]
    assert res.text.splitlines() == [
        "Rates rise again",
        "Tap to expand the chart, which shows the decision in the central bank's statement.",
        "The bank said inflation was still too high.",
    ]


def test_unless_vetoes_a_phrase_line(tmp_path):
    write_pack(tmp_path, PACK.replace('name = "label"', "name = \"label\"\nunless = ['PAGE']"))
    write_pack(tmp_path / "phrases" / "counted", COUNTED, "de.txt")
    opts = Options(load_rules([tmp_path], builtin=False))
    assert removed_by(opts, "Print this PAGE\n") == []
    assert removed_by(opts, "Print this recipe\n") == [("ZP001", "Print this recipe")]


def test_builtin_interface_pack_in_a_document():
    doc = (
        "Die Bahn streikt wieder\n"
        "Die Gewerkschaft hat für Montag einen Streik im Fernverkehr angekündigt, teilte sie mit.\n"
        "Weiterlesen »\n"
        "Lesen Sie auch: Was Fahrgäste jetzt wissen müssen\n"
        "Lesen Sie auch die Stellungnahme der Bahn, die am Abend veröffentlicht wurde und in der das "
        "Unternehmen die Forderungen der Gewerkschaft als überzogen zurückweist.\n"
        "Kommentare (14)\n"
    )
    res = clean(doc)
    assert [(r.rule, r.line_start) for r in res.removed] == [("UI001", 3), ("UI002", 4), ("UI003", 6)]


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda p: p.replace('phrase_files = ["phrases/counted"]', 'phrase_files = ["phrases/missing"]'),
         "ZP002: phrase folder {root}/phrases/missing not found"),
        (lambda p: p.replace('de = ["Aufklappen"]', 'de = ["Aufklappen", " » "]'),
         "ZP001: phrases.de: phrase ' » ' is empty after normalisation"),
        (lambda p: p.replace('fr = ["Voir le dossier"]', 'fr = ["Voir le dossier", "TAP TO EXPAND"]'),
         "ZP003: phrase 'tap to expand' (fr) is also in ZP001"),
        (lambda p: p.replace('de = ["Aufklappen"]', 'german = ["Aufklappen"]'),
         "ZP001: 'german' is not a language code"),
        (lambda p: p.replace('phrase_tail = "any"', 'phrase_tail = "rest"'),
         "ZP003: 'phrase_tail' must be one of none, counter, count, any"),
        (lambda p: p.replace('phrase_tail = "counter"', 'phrase_tail = "counter"\nphrase_tail_max_words = 3'),
         "ZP002: 'phrase_tail_max_words' must be >= 1 and needs phrase_tail = \"any\""),
        (lambda p: p.replace('phrase_files = ["phrases/counted"]', 'phrase_files = ["../elsewhere"]'),
         "ZP002: phrase_files: '../elsewhere' must be a folder inside the pack's folder"),
    ],
)
def test_loader_refuses(tmp_path, edit, message):
    write_pack(tmp_path, edit(PACK))
    write_pack(tmp_path / "phrases" / "counted", COUNTED, "de.txt")
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path], builtin=False)
    assert message.format(root=tmp_path) in str(err.value)
    assert "\n" not in str(err.value)


def test_loader_refuses_a_bad_language_file(tmp_path):
    write_pack(tmp_path, PACK)
    write_pack(tmp_path / "phrases" / "counted", COUNTED, "German.txt")
    with pytest.raises(RuleError, match="ZP002: 'German' is not a language code"):
        load_rules([tmp_path], builtin=False)


def test_loader_refuses_a_phrase_of_a_builtin_rule(tmp_path):
    write_pack(tmp_path, PACK.replace('"Print this recipe"', '"Print this recipe", "Weiterlesen …"'))
    write_pack(tmp_path / "phrases" / "counted", COUNTED, "de.txt")
    with pytest.raises(RuleError, match=r"ZP001: phrase 'weiterlesen' \(en\) is also in UI001|UI001: phrase 'weiterlesen' \(de\) is also in ZP001"):
        load_rules([tmp_path])


def test_rules_show_lists_phrases_per_language(pack):
    res = CliRunner().invoke(app, ["rules", "show", "ZP001", "--rules", str(pack)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert "  phrases:  5 (de 1, en 2, ja 1, zh 1); tail: none; lead: none" in lines
    assert "    en: 'print this recipe', 'tap to expand'" in lines
    listing = CliRunner().invoke(app, ["rules", "list", "--rules", str(pack)])
    assert "ZP002  line      drop    counted" in listing.output


def test_rules_test_runs_phrase_examples(pack, tmp_path):
    res = CliRunner().invoke(app, ["rules", "test", "--rules", str(pack), "--select", "ZP"])
    assert res.exit_code == 0, res.output
    assert "6 passed, 0 failed" in res.output
    bad = tmp_path / "bad"
    write_pack(bad, PACK.replace('no_match = "Coming upstairs"', 'no_match = "Coming up"'))
    write_pack(bad / "phrases" / "counted", COUNTED, "de.txt")
    res = CliRunner().invoke(app, ["rules", "test", "--rules", str(bad), "--select", "ZP"])
    assert res.exit_code == 1
    assert "FAIL ZP003-no_match-0: expected no match, but it removed ['Coming up']" in res.output


ORDERED = '''
[pack]
prefix = "ZO"
summary = "phrase rules around a rule that cuts"

[[rule]]
id = "ZO001"
name = "first"
summary = "Phrases."
why = "Test."
scope = "line"
action = "drop"
phrases = { en = ["Alpha label"] }
[[rule.example]]
match = "Alpha label"
[[rule.example]]
no_match = "Alpha"

[[rule]]
id = "ZO002"
name = "cut"
summary = "Cuts a marker."
why = "Test."
scope = "line"
action = "drop"
span = "match"
keywords = ["cut"]
patterns = ['^CUT ']
[[rule.example]]
match = "CUT x"
[[rule.example]]
no_match = "x"

[[rule]]
id = "ZO003"
name = "second"
summary = "Phrases."
why = "Test."
scope = "line"
action = "drop"
phrases = { en = ["Gamma label"] }
[[rule.example]]
match = "Gamma label"
[[rule.example]]
no_match = "Gamma"

[[rule]]
id = "ZO004"
name = "head"
summary = "Phrases in the first line only."
why = "Test."
scope = "line"
action = "drop"
where = "head"
window = 1
phrases = { en = ["Delta label"] }
[[rule.example]]
match = "Delta label"
[[rule.example]]
no_match = "x\\nDelta label"
'''


def test_a_line_cut_into_a_phrase_is_looked_up_again_in_the_same_pass(tmp_path):
    from cleaner import engine

    write_pack(tmp_path, ORDERED)
    rules = load_rules([tmp_path], builtin=False)
    lines = ["Delta label", "Alpha label", "CUT Gamma label", "Gamma label", "Delta label", "Plain text here."]
    res = engine.run_pass(rules, lines, list(range(1, len(lines) + 1)))
    assert sorted((r.rule, r.line_start, r.text) for r in res.removed) == [
        ("ZO001", 2, "Alpha label"),
        ("ZO002", 3, "CUT "),
        ("ZO003", 3, "Gamma label"),
        ("ZO003", 4, "Gamma label"),
        ("ZO004", 1, "Delta label"),
    ]
    assert res.lines == ["Delta label", "Plain text here."]  # the second "Delta label" was not in the window


def test_a_rule_with_patterns_and_phrases_runs_without_its_keywords(tmp_path):
    write_pack(tmp_path, PACK.replace('name = "label"', "name = \"label\"\nkeywords = [\"zzz\"]\npatterns = ['^zzz$']", 1))
    write_pack(tmp_path / "phrases" / "counted", COUNTED, "de.txt")
    opts = Options(load_rules([tmp_path], builtin=False))
    doc = "Title of the page\nTap to expand\nzzz\nThe text of the article goes on here.\n"
    assert removed_by(opts, doc) == [("ZP001", "Tap to expand"), ("ZP001", "zzz")]
    assert removed_by(opts, "Title of the page\nTap to expand\nThe text goes on.\n") == [("ZP001", "Tap to expand")]
    assert clean(clean(doc, opts).text, opts).removed == []


def test_keywords_without_patterns_are_refused(tmp_path):
    write_pack(tmp_path, PACK.replace('name = "label"', 'name = "label"\nkeywords = ["zzz"]', 1))
    write_pack(tmp_path / "phrases" / "counted", COUNTED, "de.txt")
    with pytest.raises(RuleError, match="ZP001: 'keywords' filter 'patterns' only"):
        load_rules([tmp_path], builtin=False)
