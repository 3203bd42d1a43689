"""Strict loading: each broken rule file stops with one line naming file, id and key; exit 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cleaner import RuleError, load_rules
from cleaner.cli import app

from .conftest import GOOD_RULE, write_pack


def test_good_pack_loads_beside_builtins(tmp_path):
    write_pack(tmp_path, GOOD_RULE)
    rules = load_rules([tmp_path])
    assert rules.get("ZZ001") is not None
    assert rules.get("CR001") is not None


BROKEN = {
    "bad toml": (GOOD_RULE.replace('name = "promo-line"', 'name = "promo-line'), "invalid TOML"),
    "unknown key": (GOOD_RULE.replace('scope = "line"', 'scope = "line"\ncolour = "red"'), "ZZ001: unknown key 'colour'"),
    "bad regex": (GOOD_RULE.replace("'^PROMO:'", "'^PROMO:('"), "ZZ001: 'patterns': bad regex"),
    "window type": (GOOD_RULE.replace('scope = "line"', 'scope = "line"\nwhere = "tail"\nwindow = "3"'), "ZZ001: 'window' must be an integer (got '3')"),
    "bad scope": (GOOD_RULE.replace('scope = "line"', 'scope = "page"'), "ZZ001: 'scope' must be one of"),
    "missing why": (GOOD_RULE.replace('why = "Test."\n', ""), "ZZ001: missing required key 'why'"),
    "no no_match example": (GOOD_RULE.replace('no_match = "The promo ended."', 'match = "PROMO: again"'), "ZZ001: needs at least one 'match' and one 'no_match' example"),
    "bad id": (GOOD_RULE.replace('id = "ZZ001"', 'id = "promo"'), "'id' must look like CR003"),
    "wrong prefix": (GOOD_RULE.replace('id = "ZZ001"', 'id = "QQ001"'), "QQ001: 'id' must start with the pack prefix 'ZZ'"),
    # only the boilerplate detector reads patterns (as page-chrome markers); repeat has no use for them
    "requires on a line rule": (GOOD_RULE.replace("patterns = ['^PROMO:']", "patterns = ['^PROMO:']\nrequires = ['buy']"), "ZZ001: 'requires' is only allowed with scope = \"document\""),
    "patterns with repeat": (GOOD_RULE.replace('scope = "line"', 'scope = "line"\ndetector = "repeat"'), "ZZ001: has both 'patterns' and 'detector' 'repeat'"),
    # tomllib raises RecursionError (not TOMLDecodeError) on deep nesting
    "nested too deeply": (GOOD_RULE + "deep = " + "[" * 2000 + "]" * 2000 + "\n", "invalid TOML: nested too deeply"),
    "typo in a rule key": (GOOD_RULE.replace("patterns =", "pattern ="), "ZZ001: unknown key 'pattern'; did you mean 'patterns'?"),
    "typo in a pack key": (GOOD_RULE.replace('summary = "test pack"', 'sumary = "test pack"'), "pack: unknown key 'sumary'; did you mean 'summary'?"),
    "typo at top level": (GOOD_RULE.replace("[[rule]]", "[[rules]]", 1), "unknown top-level key 'rules'; did you mean 'rule'?"),
    "typo in an example key": (GOOD_RULE.replace("no_match =", "no_mach ="), "ZZ001: example #2: unknown key 'no_mach'; did you mean 'no_match'?"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_pack_is_one_clear_line(tmp_path, case):
    body, expected = BROKEN[case]
    path = write_pack(tmp_path, body)
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    msg = str(err.value)
    assert msg.startswith(f"{path}: ")
    assert expected in msg
    assert "\n" not in msg


def test_duplicate_id_names_both_files(tmp_path):
    write_pack(tmp_path, GOOD_RULE, "a.toml")
    write_pack(tmp_path, GOOD_RULE, "b.toml")
    with pytest.raises(RuleError, match=r"b\.toml: ZZ001: duplicate id 'ZZ001' \(already defined in .*a\.toml\)"):
        load_rules([tmp_path])


def test_duplicate_of_a_builtin_id(tmp_path):
    write_pack(tmp_path, GOOD_RULE.replace("ZZ", "CR"))
    with pytest.raises(RuleError, match="duplicate id 'CR001'"):
        load_rules([tmp_path])


def test_cli_exits_2_on_broken_rules(tmp_path):
    write_pack(tmp_path / "rules", GOOD_RULE.replace("'^PROMO:'", "'^PROMO:('"))
    doc = tmp_path / "doc.txt"
    doc.write_text("hello\n")
    res = CliRunner().invoke(app, ["clean", str(doc), "--rules", str(tmp_path / "rules")])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "ZZ001" in lines[0] and "bad regex" in lines[0]


def test_cli_deeply_nested_rule_file_is_one_line(tmp_path):
    path = write_pack(tmp_path / "rules", "x = " + "{a = " * 2000 + "1" + "}" * 2000 + "\n")
    res = CliRunner().invoke(app, ["rules", "list", "--rules", str(tmp_path / "rules")])
    assert res.exit_code == 2, res.output
    assert res.stderr == f"cleaner: {path}: invalid TOML: nested too deeply\n"


def test_missing_rule_folder(tmp_path):
    with pytest.raises(RuleError, match="rule folder not found"):
        load_rules([tmp_path / "nope"])


def test_select_and_ignore_by_prefix():
    rules = load_rules(select=["CR", "NL001"], ignore=["CR002"])
    ids = {r.id for r in rules.rules}
    assert "CR001" in ids and "NL001" in ids
    assert "CR002" not in ids and "NL002" not in ids and "DL001" not in ids


def test_unknown_select_code_is_an_error():
    with pytest.raises(RuleError, match="no rule id starts with 'XX9'"):
        load_rules(select=["XX9"])


def test_opt_in_rules_run_only_when_named():
    assert load_rules().get("DL004") is None
    assert load_rules(extend_select=["DL004"]).get("DL004") is not None
    assert load_rules(extend_select=["DL"]).get("DL004") is None  # a prefix does not opt in
    assert load_rules(select=["DL004"]).get("DL001") is None
    assert load_rules(include_opt_in=True).get("DL004") is not None


REQUIRES_RULE = GOOD_RULE.replace('scope = "line"', 'scope = "document"').replace(
    "patterns = ['^PROMO:']", "requires = ['buy', 'order']\npatterns = ['(?s)^PROMO:.*']"
).replace('no_match = "The promo ended."', 'no_match = "PROMO: ended"')


def test_requires_gates_a_document_rule(tmp_path):
    """A document rule with 'requires' acts only on a text in which one of those patterns
    matches somewhere, as a look-ahead "(?=.*?X)" at the start of its pattern would."""
    from cleaner.engine import run
    from cleaner.ruleset import RuleSet

    write_pack(tmp_path, REQUIRES_RULE)
    rule = load_rules([tmp_path]).get("ZZ001")
    assert [p.pattern for p in rule.requires] == ["buy", "order"]
    rules = RuleSet((rule,))
    assert [r.text for r in run(rules, ["PROMO: one", "two, order now"]).removed] == ["PROMO: one\ntwo, order now"]
    assert run(rules, ["PROMO: one", "two"]).removed == []


@pytest.fixture
def no_hang():
    """Fail (not hang) when a read blocks: an alarm interrupts it."""
    import signal

    def expired(signum, frame):
        raise TimeoutError("the loader hung on a file that is not a regular file")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_configuration_and_rule_files_are_read_only_if_regular_and_bounded(tmp_path, monkeypatch, no_hang):
    """A FIFO, a link to /dev/zero, or a huge file where a .cleaner.toml, pyproject.toml, rule
    pack, word table or phrase file is expected: one line naming the file (exit 2), no hang."""
    import os

    from cleaner import config as config_mod
    from cleaner import phrases, wordtables
    from cleaner.config import ConfigError
    from cleaner.ruleset import load_rules, read_toml

    monkeypatch.setattr(config_mod, "_found", {})
    monkeypatch.setattr(config_mod, "_loaded", {})
    fifo = tmp_path / "fifo" / "x.toml"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    with pytest.raises(RuleError, match=rf"^{fifo}: cannot read: not a regular file$"):
        read_toml(fifo)
    with pytest.raises(RuleError, match=rf"^{fifo}: cannot read: not a regular file$"):
        load_rules([fifo.parent], builtin=False)
    with pytest.raises(RuleError, match="not a regular file"):
        wordtables.load(fifo)
    with pytest.raises(phrases.PhraseError, match="not a regular file"):
        phrases.read_phrase_file(fifo)
    with pytest.raises(ConfigError, match="not a regular file"):
        config_mod.load(fifo)
    for name in (".cleaner.toml", "pyproject.toml"):  # found, not passed by: reported
        folder = tmp_path / f"found{name}"
        folder.mkdir()
        os.mkfifo(folder / name)
        with pytest.raises(ConfigError, match=rf"{name}: cannot read: not a regular file$"):
            config_mod.for_path(folder / "doc.txt")
    zero = tmp_path / "zero" / "z.toml"
    zero.parent.mkdir()
    zero.symlink_to("/dev/zero")
    with pytest.raises(RuleError, match="not a regular file"):
        read_toml(zero)
    (zero.parent / "en.txt").symlink_to("/dev/zero")
    with pytest.raises(phrases.PhraseError, match="not a regular file"):
        phrases.read_phrase_file(zero.parent / "en.txt")
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as fh:
        fh.truncate(17 * 1024 * 1024)  # sparse: 17 MB of NULs
    with pytest.raises(RuleError, match=rf"^{huge}: cannot read: over the 16 MB limit of a configuration or rule file$"):
        read_toml(huge)
    with pytest.raises(ConfigError, match="over the 16 MB limit"):
        config_mod.load(huge)
    res = CliRunner().invoke(app, ["rules", "list", "--rules", str(fifo.parent)])
    assert res.exit_code == 2 and res.stderr == f"cleaner: {fifo}: cannot read: not a regular file\n"
    (tmp_path / "doc.txt").write_text("Some text.\n")
    res = CliRunner().invoke(app, ["check", "--config", str(fifo), str(tmp_path / "doc.txt")])
    assert res.exit_code == 2 and res.stderr.endswith("fifo/x.toml: cannot read: not a regular file\n")  # shown relative
    assert len(res.stderr.splitlines()) == 1
