"""pattern_keywords: a line rule's pattern is searched only on lines holding one of its keywords
(docs/rules.md "Per-pattern keywords"); the matches are those of the ungated rule."""

from __future__ import annotations

import random

import pytest

from cleaner import Options, RuleError, clean, load_rules

from .conftest import write_pack

PACK = '''
[pack]
prefix = "ZZ"
summary = "test"

[[rule]]
id = "ZZ001"
name = "gated-credit"
summary = "A credit line."
why = "Test."
scope = "line"
action = "drop"
lists = {{ NAMES = "names.txt" }}
keywords = ["photo", "source", "getty", "alamy"]
patterns = [
  '(?i)^photo:\\s*\\w+$',
  '(?i)^source:\\s*\\w+$',
  '(?i)\\b{{{{NAMES}}}}\\s*$',
]
{gates}
[[rule.example]]
match = "Photo: Smith"
[[rule.example]]
match = "SOURCE: Reuters"
[[rule.example]]
match = "A storm. Getty   Images"
[[rule.example]]
no_match = "Photo of the day"
'''

NAMES = "Getty Images\nGetty\nAlamy Stock Photo\nAFP via Getty Images\n"
GATES = 'pattern_keywords = { 0 = ["photo"], 1 = ["source"], 2 = ["{{NAMES}}"] }'


def _rules(tmp_path, gates: str, name: str = "pack"):
    folder = tmp_path / name
    write_pack(folder, NAMES, "names.txt")
    write_pack(folder, PACK.format(gates=gates))
    return load_rules([folder], builtin=False)


def test_the_field_is_read_and_a_list_slot_gives_one_word_per_name(tmp_path):
    rule = _rules(tmp_path, GATES).get("ZZ001")
    assert rule.pattern_keywords == (frozenset({"photo"}), frozenset({"source"}), frozenset({"getty", "alamy"}))
    assert _rules(tmp_path, "", "plain").get("ZZ001").pattern_keywords == ()


@pytest.mark.parametrize("gates, error", [
    ('pattern_keywords = { 3 = ["x"] }', "not a position"),
    ('pattern_keywords = { 0 = [] }', "non-empty list"),
    ('pattern_keywords = { 0 = ["{{OTHER}}"] }', "names no list"),
])
def test_bad_tables_are_refused(tmp_path, gates, error):
    with pytest.raises(RuleError, match=error):
        _rules(tmp_path, gates)


def test_gated_and_ungated_rules_remove_the_same_lines(tmp_path):
    gated, plain = _rules(tmp_path, GATES, "gated"), _rules(tmp_path, "", "plain")
    pieces = ["Photo: Smith", "photo: x", "Source: AP", "SOURCE:  Reuters", "A storm. Getty Images",
              "Rain. Alamy  Stock Photo", "It rained. AFP via Getty Images", "Photo of the day",
              "The source said so.", "Getty", "photographer: Smith", "Word", ""]
    rng = random.Random(3)
    for _ in range(200):
        doc = "\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) + "\n"
        a, b = clean(doc, Options(gated)), clean(doc, Options(plain))
        assert (a.text, [(r.rule, r.line_start, r.text) for r in a.removed]) == \
               (b.text, [(r.rule, r.line_start, r.text) for r in b.removed]), doc


def test_a_pattern_is_not_searched_on_a_line_without_its_keywords(tmp_path):
    # a gate that leaves out a word the pattern matches shows the gate is applied (the rule's
    # author promises every match holds one of them; this one breaks the promise on purpose)
    rules = _rules(tmp_path, 'pattern_keywords = { 1 = ["quelle"] }')
    assert clean("Text.\n\nSource: AP\n", Options(rules)).removed == []
    assert [r.text for r in clean("Text.\n\nPhoto: Smith\n", Options(rules)).removed] == ["Photo: Smith"]


def test_the_builtin_rules_with_pattern_keywords_pass_their_examples():
    from cleaner.examples import run_examples
    from cleaner.ruleset import RuleSet

    rules = load_rules(include_opt_in=True)
    gated = [r for r in rules.rules if r.pattern_keywords]
    assert gated, "PH004 sets pattern_keywords"
    outcomes = [o for o in run_examples(RuleSet(tuple(gated)))]
    assert outcomes and [o.case for o in outcomes if not o.ok] == []


def test_every_builtin_gated_match_holds_a_gate_word():
    # the promise the gates rest on, checked on every rule's example texts (all kinds of lines,
    # many languages): wherever a gated pattern matches, the line holds one of its gate words.
    # (A gate without "urnal" for TL006's role words missed "journalist" and failed here.)
    from cleaner.matcher import _matcher

    rules = load_rules(include_opt_in=True)
    texts = {line for r in rules.rules for ex in r.examples for line in ex.text.split("\n")}
    gated = [r for r in rules.rules if r.pattern_keywords]
    assert {"TL006", "NL005", "TE002", "TE005", "NW021", "BY005", "TL010", "PH004", "PH003", "PH006", "PH007", "CP001",
            "CP002", "SH001", "TZ001", "FN019", "CM005", "TL008", "TS001", "NL002", "UI014", "NW001"} <= {r.id for r in gated}
    missing = []
    for rule in gated:
        for k, (search, gate) in enumerate(zip(_matcher(rule).line_patterns, rule.pattern_keywords)):
            if gate is None:
                continue
            missing += [(rule.id, k, t) for t in texts if search(t) is not None and not any(w in t.lower() for w in gate)]
    assert missing == []


def test_gate_words_of_a_case_insensitive_pattern_survive_its_case_folding():
    # Under a leading (?i) the regex module matches a gate word's letter also in characters that do not
    # lower-case to it: "ſ" (U+017F) for "s", "İ" (lower-cased "i̇", two characters) for "i" unless it is
    # the word's last letter, "ᲀ"/"ᲁ"/"ᲂ" for Cyrillic "в"/"д"/"о"; a line written so would match and hold
    # no gate word. So every character each gate letter matches case-insensitively lower-cases to it (or
    # begins with it, for the last letter). (Scoped (?i:...) groups are left to the rule's comment: there
    # the gate word may be a case-sensitive literal outside them.)
    import regex

    rules = load_rules(include_opt_in=True)
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    folds: dict[str, set[str]] = {}
    unsafe = []
    for rule in rules.rules:
        for k, gate in enumerate(rule.pattern_keywords):
            if gate is None or not regex.match(r"\(\?[a-zA-Z]*i[a-zA-Z]*\)", rule.patterns[k].pattern):
                continue
            for word in gate:
                for i, ch in enumerate(word):
                    if ch not in folds:
                        folds[ch] = set(regex.findall("(?i)" + regex.escape(ch), every))
                    if any(x.lower() != ch and not (i == len(word) - 1 and x.lower().startswith(ch)) for x in folds[ch]):
                        unsafe.append((rule.id, k, word))
                        break
    assert unsafe == []


def test_cp002_matches_hold_a_keyword_without_ap():
    # CP002 lost its keyword "ap" (it let every short line with "ap" in a word through to three searches):
    # "AP Photo/…" holds "photo", "AAP Image/…" "image"; every other form names its own keyword.
    from cleaner.matcher import _matcher

    rules = load_rules(include_opt_in=True)
    rule = rules.get("CP002")
    assert "ap" not in rule.keywords
    texts = {line for r in rules.rules for ex in r.examples for line in ex.text.split("\n")}
    texts |= {"(AP Photo/Evan Vucci)", "AAP Image/Dan Himbrechts", "AP Photo / Jane Roe", "Photo: AP"}
    matched = [t for t in texts if any(s(t) is not None for s in _matcher(rule).line_patterns)]
    assert len(matched) >= 4
    assert [t for t in matched if not any(k in t.lower() for k in rule.keywords)] == []


def test_a_list_slot_gives_each_name_its_longest_fold_safe_piece():
    # "Le Pictorium" used to give "le" and "IC Photo" "ic": the keyword scan met them in most lines
    # (~19,000 of NW021's ~35,000 scan items on 300 naive_b texts). A piece of 5 or more characters
    # without "s", "i" only last; a short name (matched as written) keeps its word; no such piece:
    # the first word, as before.
    from cleaner.ruleset import _name_words

    assert _name_words(("Le Pictorium", "IC Photo")) == {"ctori", "photo"}
    assert _name_words(("AP", "AP Photo", "Associated Press")) == {"ap", "associated"}
    assert _name_words(("Getty", "AFP via Getty Images", "Hans Lucas")) == {"getty", "hans"}


def test_fold_safe_letters_of_the_listed_names_are_matched_only_by_their_own_lower_case():
    # `ruleset._fold_safe` is a table; check it against the regex module for every character of
    # the builtin name lists (as test_gate_words_of_a_case_insensitive_pattern_survive_its_case_folding).
    import regex

    from cleaner.ruleset import _fold_safe

    root = __import__("pathlib").Path(__file__).resolve().parent.parent / "rules" / "data"
    chars = set("".join((root / f).read_text(encoding="utf-8").lower()
                        for f in ("photo_agencies.txt", "picture_agencies.txt"))) - set("\n ")
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    wrong = []
    for ch in sorted(chars):
        others = set(regex.findall("(?i)" + regex.escape(ch), every))
        # "i" may lower-case to "i" plus a mark ("İ"): safe as a piece's last letter only, where
        # _longest_piece ends its pieces
        if _fold_safe(ch) and any(x.lower() != ch and not (ch == "i" and x.lower().startswith(ch)) for x in others):
            wrong.append(ch)
    assert wrong == []
