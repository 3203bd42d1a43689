"""The one-scan matcher (cleaner/matcher.py): its RE2 supersets never miss a line that a rule's
pattern matches, and the engine's output is the same with the set and on the per-line path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex

from cleaner import Options, clean, load_rules, matcher
from cleaner.examples import check_example
from cleaner.matcher import LineMatcher, Unsupported, widen

ROOT = Path(__file__).resolve().parent.parent
needs_re2 = pytest.mark.skipif(matcher._re2 is None, reason="google-re2 not installed")
PATHS = ["re2", "python"]


@pytest.fixture(params=PATHS)
def path(request, monkeypatch):
    """Run the test on the set path (built at once) and on the per-line path."""
    if request.param == "re2":
        if matcher._re2 is None:
            pytest.skip("google-re2 not installed")
        monkeypatch.setattr(matcher, "ENABLED", True)
        monkeypatch.setattr(matcher, "BUILD_AFTER_LINES", 0)
    else:
        monkeypatch.setattr(matcher, "ENABLED", False)
    return request.param


def _corpus(n: int) -> list[str]:
    sys.path.insert(1, str(ROOT / "benchmarks"))
    from speed import corpus

    docs = corpus(n, 5)
    docs += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "input").glob("*.txt"))]
    return docs


def test_a_code_point_re2_does_not_know_sets_every_bit():
    if matcher._re2 is None:
        pytest.skip("google-re2 not installed")
    lm = LineMatcher(load_rules())
    assert lm.possible("Plain words here.") != -1
    assert lm.possible("COPYRIGHT \U0001DF95") == -1  # unassigned in RE2's tables


def _all_code_points() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


# ---- the supersets ----------------------------------------------------------------------------


@needs_re2
@pytest.mark.parametrize("item", [r"\s", r"\d", r"\w", r"\S", r"\D", r"\W", r"\p{L}", r"\p{Lu}", r"\p{Ll}",
                                  r"\p{M}", r"\p{N}", r"\p{Han}", r"\p{Hiragana}", r"\p{Katakana}",
                                  r"\p{Hangul}", r"[\p{L}\p{M}.'’-]", r"[^\s]", r"[^\d]", r"[^\w]",
                                  r"[^\p{L}]", r"[^\p{Lu}\s]", r"(?i)[a-z]", r"(?i)i", r"(?i)[^i]", r"(?i)K",
                                  r"(?i)ß", r"(?i)[^\W\d]", r"(?<=\p{Ll})x"])
def test_a_widened_class_takes_every_code_point_the_original_takes(item):
    """Over every code point RE2 knows (a text with another gets every bit): each one the `regex`
    pattern matches, the RE2 superset matches too (RE2's \\w, \\d, \\s are ASCII; the Turkish
    i's fold in `regex` only)."""
    import re2

    known = "".join(re2.compile(r"[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Z}\p{C}]+").findall(_all_code_points()))
    source = f"(?:{item})" if not item.startswith("(?i)") else item
    wide = re2.compile(widen(source, regex.MULTILINE), matcher._options())
    theirs = {m.start() for m in regex.finditer(source, known)}
    mine = {m.start() for m in wide.finditer(known)}
    missed = sorted(theirs - mine)
    assert not missed, [f"U+{ord(known[i]):04X}" for i in missed[:10]]


@needs_re2
def test_every_line_pattern_superset_matches_where_the_pattern_does():
    """Every built-in line pattern in the set, on the lines of the rule examples and a generated
    corpus: a line the pattern finds a match in has the pattern's bit."""
    rules = load_rules(include_opt_in=True)
    lm = LineMatcher(rules)
    lines = {ln for doc in _corpus(300) for ln in doc.split("\n")}
    lines |= {ln for r in rules.rules for e in r.examples for ln in e.text.split("\n")}
    checked = 0
    for rule in rules.rules:
        for pat, bit in zip(rule.patterns, lm.slots(rule) or ()):
            if not bit:
                continue
            compiled = pat._get()
            for ln in lines:
                if compiled.search(ln) is not None:
                    checked += 1
                    assert lm.possible(ln) & bit, (rule.id, pat.pattern[:60], ln)
    assert checked > 1000
    assert len(lm.sources) > 100  # most patterns are in the set


@needs_re2
@pytest.mark.parametrize(("source", "text"), [
    (r"(?i)^copyright\b", "COPYRİGHT 2024"),             # regex folds İ to i; RE2 does not
    (r"^(?<=x)?\d{2,60}+ (?>ab|a)c", "12 ac"),          # look-behind, possessive, atomic
    (r"(?rx) ^ foo \  bar  # comment", "foo bar"),      # reverse and verbose
    (r"^(?P<name>\w+)\s*(?P=name)$", "abc abc"),        # named group and its back-reference
    (r"^\N{EM DASH}\u2013\x41$", "—–A"),
    (r"^[\]\\-]{3}$", "]\\-"),
    (r"^x{,3}y$", "xxy"),
    (r"^a{2}b$", "aab"),
])
def test_widen_keeps_a_match(source, text):
    import re2

    assert regex.search(source, text, regex.MULTILINE)
    assert re2.search(widen(source, regex.MULTILINE), text, matcher._options())


@pytest.mark.parametrize("source", [r"(?(1)a|b)", r"(?R)", r"\L<words>", r"(?:abc){e<=1}", r"(?V1)[[a-z]--[aeiou]]",
                                    r"(?f)strasse", r"\p{Greek=Yes}x", r"(?1)"])
def test_widen_refuses_what_it_cannot_say(source):
    with pytest.raises(Unsupported):
        widen(source, regex.MULTILINE)


def test_a_user_pattern_stays_per_line(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('''
[[rule]]
id = "US001"
name = "user rule"
summary = "s"
why = "w"
scope = "line"
action = "drop"
patterns = ['^Sponsored by \\w+$']
[[rule.example]]
match = "Sponsored by Acme"
[[rule.example]]
no_match = "Sponsored content is marked."
''', encoding="utf-8")
    rules = load_rules([pack])
    rule = rules.get("US001")
    slow = matcher.slow_patterns(rules)
    assert "US001" in slow
    if matcher._re2 is not None:
        assert LineMatcher(rules).slots(rule) == (0,)


# ---- the engine, on both paths ----------------------------------------------------------------


def test_rule_examples_on_both_paths(path):
    rules = load_rules(include_opt_in=True)
    failed = [(r.id, i) for r in rules.rules for i, e in enumerate(r.examples) if check_example(r, e) is not None]
    assert failed == []


def _outputs(docs: list[str]) -> list[tuple]:
    opts = Options(load_rules())
    html = opts.for_html
    out = []
    for d in docs:
        for o in (opts, html):
            res = clean(d, o)
            out.append((res.text, res.to_json(), res.origins))
    return out


def test_clean_gives_the_same_result_on_both_paths(monkeypatch):
    docs = _corpus(120)
    monkeypatch.setattr(matcher, "ENABLED", False)
    per_line = _outputs(docs)
    if matcher._re2 is None:
        pytest.skip("google-re2 not installed")
    monkeypatch.setattr(matcher, "ENABLED", True)
    monkeypatch.setattr(matcher, "BUILD_AFTER_LINES", 0)
    with_set = _outputs(docs)
    assert [i for i, (a, b) in enumerate(zip(per_line, with_set)) if a != b] == []


def test_rules_list_slow_names_the_rules_outside_the_set():
    from typer.testing import CliRunner

    from cleaner.cli import app

    res = CliRunner().invoke(app, ["rules", "list", "--slow"])
    assert res.exit_code == 0, res.output
    ids = {line.split()[0] for line in res.stdout.splitlines() if line.strip()}
    assert "PH004" in ids  # unanchored caption patterns
    assert "SH001" not in ids  # all of its patterns are anchored at the line start


@needs_re2
def test_primed_answers_are_those_of_possible(monkeypatch):
    # prime() asks RE2 about a document's lines in one loop (cache-friendly); the answers must be
    # the ones possible() gives line by line, also past the cache limit and for a text with "\n"
    lines = [ln for d in _corpus(30) for ln in d.splitlines() if ln.strip()] + ["two\nlines", "ab\U000e01f0"]
    rules = load_rules()
    one = LineMatcher(rules)
    expect = [one.possible(t) for t in lines]
    monkeypatch.setattr(matcher, "_CACHE_LIMIT", 64)
    primed = LineMatcher(rules)
    for k in range(0, len(lines), 20):
        primed.prime(lines[k : k + 20])
        assert [primed.possible(t) for t in lines[k : k + 20]] == expect[k : k + 20]
        assert len(primed._cache) <= 64
    primed.prime(lines[:200])  # more than half the cache: left to possible()
    assert [primed.possible(t) for t in lines] == expect


def test_the_set_is_off_unless_asked_for():
    # measured slower than the per-line path (docs/speed.md): CLEANER_MATCHER=re2 turns it on
    import subprocess

    code = "from cleaner import matcher; print(matcher.ENABLED, matcher._re2 is not None)"
    for env, want in ((None, "False"), ("re2", None), ("python", "False")):
        environ = {k: v for k, v in __import__("os").environ.items() if k != "CLEANER_MATCHER"}
        if env is not None:
            environ["CLEANER_MATCHER"] = env
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ,
                             cwd=str(ROOT), check=True).stdout.split()
        assert out[0] == (want if want is not None else out[1]), (env, out)


class _EverySlot:
    """A stand-in for the one scan that puts every pattern of every line rule in the set and
    says each could match every text: the engine then takes _match_lines_set for every rule."""

    def get(self, lines: int) -> "_EverySlot":
        return self

    def slots(self, rule) -> tuple[int, ...]:
        return tuple(1 << k for k in range(len(rule.patterns)))

    def possible(self, text: str) -> int:
        return -1

    def prime(self, texts: list[str]) -> None:
        pass


def test_a_timeout_on_the_set_path_is_reported_by_rule_id(tmp_path, monkeypatch):
    # The set path (_match_lines_set) must turn a pattern's TimeoutError into RuleTimeout as the
    # per-line path does: a raw TimeoutError used to escape it. The real set leaves user patterns
    # out (they run under the timeout), so the stand-in above puts one in.
    from cleaner import engine

    from .conftest import write_pack
    from .test_engine import BACKTRACK  # the same catastrophic-backtracking pack

    monkeypatch.setattr(matcher, "REGEX_TIMEOUT_S", 0.05)
    write_pack(tmp_path, BACKTRACK)
    opts = Options(load_rules([tmp_path]))
    monkeypatch.setattr(engine._plan(opts.rules), "line_set", _EverySlot())
    doc = "Share this article\n" + "a" * 40 + "!\n"
    res = clean(doc, opts)
    assert res.text == doc
    assert res.errors and res.errors[0].startswith("ZZ009: pattern timed out")
