"""Learned packs loaded per site (cleaner/sitepacks.py): the same output as adding every pack up
front, only the sites seen are loaded, a broken pack is refused before any document."""

from __future__ import annotations

import pytest

from cleaner import Options, learn, load_rules
from cleaner.config import Config
from cleaner.io import Job
from cleaner.pipeline import clean
from cleaner.ruleset import RuleError
from cleaner.units import Settings

from .conftest import write_pack
from .test_learn import counts_of, page

SITES = ("example.com", "herald.example", "gazette.example")


def pack_for(site: str, prefix: str, label: str) -> str:
    docs = [page(i).replace("Riverside Herald", label) for i in range(6)]
    items = learn.learn_site(site, counts_of(docs), learn.Settings())
    assert items, "the fixture must learn something"
    return learn.pack_toml(site, items, prefix, learn.Settings())


@pytest.fixture()
def packs(tmp_path):
    folder = tmp_path / "learned"
    for site, prefix, label in zip(SITES, ("QAAA", "QBBB", "QCCC"), ("Riverside Herald", "Valley Gazette", "Town Crier")):
        write_pack(folder, pack_for(site, prefix, label), f"{learn.pack_name(site)}.toml")
    return folder


def same(a, b) -> bool:
    return a.text == b.text and a.removed == b.removed and a.metadata == b.metadata


def docs():
    for site in (*SITES, "unseen.org", None):
        for label in ("Riverside Herald", "Valley Gazette", "Town Crier"):
            yield site, page(7).replace("Riverside Herald", label)


def test_lazy_packs_give_the_output_of_all_packs_loaded(packs):
    base = Options(load_rules())
    eager = learn.with_packs(base, packs)
    lazy = learn.with_packs(base, packs, lazy=True)
    assert lazy.site_packs is not None and len(lazy.rules.rules) == len(base.rules.rules)
    removed_learned = 0
    for site, text in docs():
        a, b = clean(text, eager, site=site), clean(text, lazy, site=site)
        assert same(a, b), (site, text)
        removed_learned += sum(r.rule.startswith("Q") for r in b.removed)
        # and on the HTML route's rule set
        assert same(clean(text, eager.for_html, site=site), clean(text, lazy.for_html, site=site))
    assert removed_learned >= 6  # the packs do remove lines (each site's label and pitch)


def test_only_the_sites_seen_are_loaded(packs):
    lazy = learn.with_packs(Options(load_rules()), packs, lazy=True)
    res = clean(page(3).replace("Riverside Herald", "Valley Gazette"), lazy, site="herald.example")
    assert any(r.rule.startswith("QBBB") for r in res.removed)
    assert list(lazy.site_packs._cache) == ["herald.example"]
    clean(page(3), lazy, site="unseen.org")  # no pack: nothing loaded
    assert list(lazy.site_packs._cache) == ["herald.example"]


def test_per_path_ignores_apply_to_base_and_learned_rules_as_before(packs, tmp_path):
    base = Options(load_rules())
    text = page(4).replace("Riverside Herald", "Valley Gazette") + "\nAdvertisement\n"
    # a base rule the text trips (found, not assumed), left out for *.txt inputs
    code = next(r.rule for r in clean(text, learn.with_packs(base, packs), site="herald.example").removed
                if not r.rule.startswith("Q"))
    batch = Settings(config=Config(path=tmp_path / "cleaner.toml", per_path_ignores=(("*.txt", (code,)),)))
    job = Job(src=tmp_path / "a.txt", out_stem=None)
    eager = batch.options_for(job, learn.with_packs(base, packs))
    lazy = batch.options_for(job, learn.with_packs(base, packs, lazy=True))
    a, b = clean(text, eager, site="herald.example"), clean(text, lazy, site="herald.example")
    assert same(a, b) and not any(r.rule == code for r in b.removed)
    assert any(r.rule.startswith("QBBB") for r in b.removed)
    # learned ids are filtered the same way (the CLI checks codes against the base rules first)
    narrowed = lazy.site_packs.narrowed(ignore=frozenset({"QBBB"}))
    rules, _ = narrowed.view(lazy.rules, lazy._prefilter, "herald.example")
    assert not any(r.id.startswith("QBBB") for r in rules.rules)
    rules, _ = lazy.site_packs.view(lazy.rules, lazy._prefilter, "herald.example")
    assert any(r.id.startswith("QBBB") for r in rules.rules)


def test_a_broken_pack_is_refused_before_any_document(packs):
    (packs / "zz.toml").write_text('[[rule]]\nid = "QZZZ001"\nscope = "line"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="zz.toml"):
        learn.with_packs(Options(load_rules()), packs, lazy=True)


def test_a_rule_id_in_two_packs_is_refused(packs):
    (packs / "copy.toml").write_text((packs / "example.com.toml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RuleError, match="also in"):
        learn.with_packs(Options(load_rules()), packs, lazy=True)
