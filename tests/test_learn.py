"""`cleaner learn`: lines per site, learned packs limited to their site, guards, near-duplicates."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cleaner import Options, load_rules
from cleaner import learn, minhash
from cleaner.cli import app
from cleaner.examples import run_examples
from cleaner.pipeline import clean
from cleaner.ruleset import RuleError, RuleSet, load_pack
from cleaner.sites import site_of, site_of_host

from .conftest import write_pack

ARTICLES = [
    "The river rose two metres overnight and the town's bridge was closed.",
    "Farmers in the valley began the harvest early because of the dry summer.",
    "The school board voted to keep the library open on weekends this year.",
    "A new bus line will link the station with the hospital from March.",
    "The museum lent three paintings to a gallery in the capital for the winter.",
    "Volunteers planted four hundred trees along the old railway path.",
]


def page(i: int, furniture: bool = True) -> str:
    lines = [f"• Riverside Herald town desk {i}"] if furniture else []
    lines += [ARTICLES[i % len(ARTICLES)], "", "Subscribe from 2 euros!"]
    return "\n".join(lines) + "\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_line_key_ignores_case_digits_spacing_and_bullets():
    assert learn.line_key("• More from  Sport 12") == learn.line_key("More from sport 7") == "more from sport 0"
    assert learn.line_key("12 / 07") is None  # no letter: not a line to learn
    pattern = learn.line_pattern("more from sport 0")
    import regex

    assert regex.search(pattern, "» More From Sport 1,024:")
    assert not regex.search(pattern, "We bought more from sport shops than ever.")


def counts_of(texts: list[str]) -> learn.SiteCounts:
    c = learn.SiteCounts()
    for t in texts:
        c.add(t)
    return c


def test_lines_need_k_documents_and_a_share_of_the_site():
    docs = [page(i) for i in range(6)]
    got = learn.learn_site("example.com", counts_of(docs), learn.Settings(min_docs=4, min_share=0.5))
    assert {g.key for g in got} == {"riverside herald town desk 0", "subscribe from 0 euros"}
    assert all(g.seen == 6 and g.docs == 6 for g in got)
    # a site with fewer than K documents learns nothing
    assert learn.learn_site("example.com", counts_of(docs[:3]), learn.Settings(min_docs=4, min_share=0.1)) == []
    # a line on 4 of 20 pages is under a share of 0.3
    many = docs[:4] + [page(i, furniture=False) for i in range(16)]
    got = learn.learn_site("example.com", counts_of(many), learn.Settings(min_docs=4, min_share=0.3))
    assert "riverside herald town desk 0" not in {g.key for g in got}


def test_prose_needs_far_more_evidence():
    quote = "The minister said the new law would change how every school in the country is funded."
    docs = [f"Headline {i}\n{quote}\nShort label\n" for i in range(5)] + [f"Other {i}\nShort label\n" for i in range(5)]
    got = {g.key for g in learn.learn_site("example.com", counts_of(docs), learn.Settings(min_docs=4, min_share=0.3))}
    assert "short label" in got
    assert not any("minister" in k for k in got)  # 5 of 10 pages: a label would be learned, prose is not
    assert learn.prose_like(quote) and not learn.prose_like("Short label")


def test_short_labels_need_two_documents_and_a_fifth_of_the_site():
    # a menu item on 2 of 10 pages (a section's own pages show it) is the site's template ...
    docs = [f"Story {ARTICLES[i % 6]}\nSite menu\n" + ("Good Morning America\n" if i < 2 else "") for i in range(10)]
    got = {g.key for g in learn.learn_site("example.com", counts_of(docs), learn.Settings())}
    assert "good morning america" in got
    # ... but not on 1 page, nor a line of more words, nor a label on 2 of 15 pages (under a fifth)
    one = [f"Story {i}\nSite menu\n" + ("Good Morning America\n" if i < 1 else "") for i in range(10)]
    assert "good morning america" not in {g.key for g in learn.learn_site("example.com", counts_of(one), learn.Settings())}
    longer = [f"Story {i}\nSite menu\n" + ("Watch the new show every night now\n" if i < 2 else "") for i in range(10)]
    assert not any("watch" in g.key for g in learn.learn_site("example.com", counts_of(longer), learn.Settings()))
    sparse = docs[:2] + [f"Story {i}\nSite menu\n" for i in range(13)]
    assert "good morning america" not in {g.key for g in learn.learn_site("example.com", counts_of(sparse), learn.Settings())}
    assert learn.label_like("Good Morning America", 4) and not learn.label_like("Yes. It is.", 4)


def test_prose_on_half_a_small_site_is_learned_at_the_defaults():
    # a site's tagline (prose-shaped) on 5 of 10 pages: 1.5 x K documents and half the site's
    tagline = "An insider's perspective, with technical tips and tricks for the people who run data centres."
    docs = [f"Story {i}\n{tagline}\n" for i in range(5)] + [f"Other {i}\n" for i in range(5)]
    assert learn.prose_like(tagline)
    got = {g.key for g in learn.learn_site("example.com", counts_of(docs), learn.Settings())}
    assert any("insider" in k for k in got)
    # on 4 of 10 it is not: a quote that a few stories repeat
    fewer = [f"Story {i}\n{tagline}\n" for i in range(4)] + [f"Other {i}\n" for i in range(6)]
    assert not any("insider" in g.key for g in learn.learn_site("example.com", counts_of(fewer), learn.Settings()))


def test_pack_is_a_valid_rule_pack_whose_examples_pass(tmp_path):
    items = learn.learn_site("example.com", counts_of([page(i) for i in range(6)]), learn.Settings())
    text = learn.pack_toml("example.com", items, "QABC", learn.Settings())
    path = write_pack(tmp_path, text, "example.com.toml")
    rules = load_pack(path)
    assert [r.id for r in rules] == ["QABC001", "QABC002"]
    assert all(r.sites == ("example.com",) for r in rules)
    assert rules[0].summary == "seen on 6 of 6 pages of example.com"
    assert all(o.ok for o in run_examples(RuleSet(tuple(rules)))), run_examples(RuleSet(tuple(rules)))


def test_site_rule_applies_only_to_its_site(tmp_path):
    items = learn.learn_site("example.com", counts_of([page(i) for i in range(6)]), learn.Settings())
    write_pack(tmp_path, learn.pack_toml("example.com", items, "QABC", learn.Settings()), "example.com.toml")
    opts = Options(load_rules([tmp_path]))
    doc = page(9)
    mine = clean(doc, opts, site="example.com")
    assert "Riverside Herald town desk" not in mine.text and "Subscribe" not in mine.text
    assert {r.rule for r in mine.removed} >= {"QABC001", "QABC002"}
    for other in ("other.org", None):
        res = clean(doc, opts, site=other)
        assert "Riverside Herald town desk" in res.text
        assert not any(r.rule.startswith("Q") for r in res.removed)
    # the same text in a sentence of an article of the site is kept
    res = clean("He said there was riverside herald town desk 3 in the story.\n", opts, site="example.com")
    assert "riverside herald town desk" in res.text


def test_sites_key_must_be_a_list_of_strings(tmp_path):
    items = learn.learn_site("example.com", counts_of([page(i) for i in range(6)]), learn.Settings())
    text = learn.pack_toml("example.com", items, "QABC", learn.Settings()).replace('sites = ["example.com"]', "sites = 3", 1)
    with pytest.raises(RuleError, match="'sites' must be a list"):
        load_pack(write_pack(tmp_path, text))


def test_for_site_keeps_the_rule_set_without_site_rules(options):
    assert options.rules.for_site("example.com") is options.rules
    assert options.rules.for_site(None) is options.rules


def test_site_of_records_html_and_folders(tmp_path):
    assert site_of_host("News.BBC.co.uk") == "bbc.co.uk" and site_of_host("www.example.com:8080") == "example.com"
    assert site_of(fields={"url": "https://www.example.com/a/b"}) == "example.com"
    assert site_of(fields={"domain": "Example.org"}, key="domain") == "example.org"
    html = '<html><head><link rel="canonical" href="https://blog.example.net/x"></head><body>x</body></html>'
    assert site_of(html=html) == "example.net"
    assert site_of(path=tmp_path / "mysite" / "a.txt") == "mysite"


def test_learn_command_writes_packs_that_clean_applies(tmp_path):
    src = tmp_path / "in"
    for site, n in (("example.com", 6), ("tiny.org", 2)):
        (src / site).mkdir(parents=True)
        for i in range(n):
            (src / site / f"p{i}.txt").write_text(page(i))
    res = run("learn", str(src), "-o", str(tmp_path / "packs"), "--report", str(tmp_path / "report.json"))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "packs").iterdir()) == ["example.com.toml"]  # tiny.org: < K pages
    assert "learned 2 rules for 1 of 2 sites from 8 documents" in res.output
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["packs"][0]["site"] == "example.com"
    res = run("clean", str(src), "-o", str(tmp_path / "out"), "--rules", str(tmp_path / "packs"))
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "out" / "example.com" / "p1.json").read_text())
    assert [r["rule"] for r in meta["removed"] if r["rule"].startswith("Q")] != []
    assert "Riverside Herald" not in (tmp_path / "out" / "example.com" / "p1.txt").read_text()
    assert "Riverside Herald" in (tmp_path / "out" / "tiny.org" / "p1.txt").read_text()  # not its site
    res = run("explain", str(src / "example.com" / "p1.txt"), "--rules", str(tmp_path / "packs"), "--color", "never")
    assert "seen on 6 of 6 pages of example.com" in res.output


def test_learn_groups_records_by_url(tmp_path):
    rows = [{"id": i, "url": f"https://www.example.com/story/{i}", "text": page(i)} for i in range(5)]
    rows += [{"id": 10 + i, "url": f"https://other.org/{i}", "text": page(i)} for i in range(2)]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = run("learn", str(tmp_path / "a.jsonl"), "-o", str(tmp_path / "packs"))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "packs").iterdir()) == ["example.com.toml"]


STORY = ("The city council voted on Tuesday to expand the tram network by twelve kilometres, linking the "
         "northern suburbs with the university and the main railway station. The project will cost about "
         "four hundred million euros and is expected to be finished within six years, the mayor told "
         "reporters after the vote. Opposition members said the money would be better spent on buses.")
REWRITE = ("Trams are coming to the north. " + STORY.replace("the mayor told reporters", "the mayor said")
           + " Residents of the northern suburbs welcomed the news, and shop owners hope for more customers.")
OTHER = ("A rare bird was seen in the marshes near the coast this weekend, drawing hundreds of watchers "
         "with cameras and telescopes. Experts believe storms over the ocean blew it far off its usual "
         "route, and that it may stay for several days before it flies south again for the winter.")


def test_near_duplicates_cluster_rewrites_and_copies():
    nd = minhash.NearDuplicates()
    for name, text in (("a", STORY), ("b", REWRITE), ("c", OTHER), ("d", STORY + " "), ("e", "Too short.")):
        nd.add(name, text)
    clusters = nd.clusters()
    story = [c for c in clusters if c["kind"] == "same story"]
    copies = [c for c in clusters if c["kind"] == "copies"]
    assert [c["documents"] for c in story] == [["a", "b", "d"]]
    assert [c["documents"] for c in copies] == [["a", "d"]]
    pair = next(p for p in story[0]["pairs"] if (p["a"], p["b"]) == ("a", "b"))
    assert pair["containment"] >= 0.5 and pair["jaccard"] < 0.8


def test_lines_repeated_inside_pages_and_dates_are_not_learned():
    # a comment thread: each page has several "Thanks." lines and a time under every comment
    docs = [f"Story {i}\nNice post.\nThanks.\nNovember {i}, 2012 at 10:{i}6 am\nGreat.\nThanks.\nSite menu\n"
            for i in range(6)]
    got = {g.key for g in learn.learn_site("example.com", counts_of(docs), learn.Settings())}
    assert "site menu" in got
    assert "thanks" not in got  # 2 on every page: an item of the thread, not the page's frame
    assert not any(k.startswith("november") for k in got)  # a date's format is not a line
    assert learn.data_like("november 0, 0 at 0:0 am") and not learn.data_like("page 0 of our archive")


def make_sites(src, sites=(("example.com", 6), ("tiny.org", 2))):
    for site, n in sites:
        (src / site).mkdir(parents=True)
        for i in range(n):
            (src / site / f"p{i}.txt").write_text(page(i))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_clean_learn_does_both_passes_and_saves_the_packs(tmp_path, jobs):
    src, out = tmp_path / "in", tmp_path / "out"
    make_sites(src)
    res = run("clean", str(src), "-o", str(out), "--learn", "--jobs", jobs, "--report", str(tmp_path / "r.json"))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (out / ".cleaner" / "learned").iterdir()) == ["example.com.toml", "learned.json"]
    assert "Riverside Herald" not in (out / "example.com" / "p1.txt").read_text()
    assert "Riverside Herald" in (out / "tiny.org" / "p1.txt").read_text()
    meta = json.loads((out / "example.com" / "p1.json").read_text())
    assert any(r["rule"].startswith("Q") for r in meta["removed"])
    assert json.loads((tmp_path / "r.json").read_text())["learned"]["packs"][0]["site"] == "example.com"
    assert "learned 2 rules for 1 of 2 sites from 8 documents" in res.output


def test_clean_learn_resume_reuses_the_saved_packs(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    make_sites(src)
    assert run("clean", str(src), "-o", str(out), "--learn").exit_code == 0
    pack = out / ".cleaner" / "learned" / "example.com.toml"
    reviewed = "\n[[rule]]".join(pack.read_text().split("\n[[rule]]")[:2]) + "\n"  # the reviewer kept the first rule only
    pack.write_text(reviewed)
    for f in (out / ".cleaner" / "done").iterdir():  # as if the cleaning pass was interrupted
        f.unlink()
    (out / "example.com" / "p1.txt").unlink()
    res = run("clean", str(src), "-o", str(out), "--learn", "--resume")
    assert res.exit_code == 0, res.output
    assert "learned" not in res.output.split("time:")[-1]  # nothing counted again
    assert "Riverside Herald" not in (out / "example.com" / "p1.txt").read_text()
    assert pack.read_text() == reviewed


def test_learn_refuses_standard_input_and_needs_out(tmp_path):
    assert run("clean", "-", "--learn").exit_code == 2
    (tmp_path / "a.txt").write_text(page(1))
    assert run("clean", str(tmp_path / "a.txt"), "--learn").exit_code == 2


def test_learn_command_jobs_gives_the_same_packs(tmp_path):
    src = tmp_path / "in"
    make_sites(src, (("example.com", 70), ("other.org", 5)))
    assert run("learn", str(src), "-o", str(tmp_path / "p1")).exit_code == 0
    assert run("learn", str(src), "-o", str(tmp_path / "p2"), "--jobs", "2").exit_code == 0
    for name in ("example.com.toml", "other.org.toml"):
        assert (tmp_path / "p1" / name).read_text() == (tmp_path / "p2" / name).read_text()


def test_compact_counts_are_exact_and_keep_only_lines_with_evidence(monkeypatch):
    """Counts keeps a line's text only while it has the evidence; the others are 16-byte hashes,
    and moving between the two loses no count (any unit order gives the exact total)."""
    monkeypatch.setattr(learn, "PRUNE_EVERY", 4)
    monkeypatch.setattr(learn.HashCounts, "BUCKETS", 2)  # merges of the sorted arrays happen early
    texts = [f"Menu\nStory {chr(97 + i // 26)}{chr(97 + i % 26)}\nTag {'abcdefgh'[i % 8]}\nTag {'abcdefgh'[i % 8]}\n" for i in range(40)]
    exact = counts_of(texts)
    total = learn.Counts(keep_docs=3, keep_share=0.3)
    for start in range(0, 40, 3):  # units of 3 documents
        part = counts_of(texts[start:start + 3])
        total.fold("example.com", part)
    got = total.sites["example.com"]
    assert got.docs == 40 and got.lines == {"menu": [40, "Menu", 40]}  # tags are on 5 of 40 pages: hashes only
    assert len(total.rare) == len(exact.lines) - 1  # every other line, once
    for key, (n, _, hits) in exact.lines.items():
        if key != "menu":
            assert total.rare.pop(learn.line_hash("example.com", key)) == (n, hits)
    assert total.rare.pop(learn.line_hash("example.com", "menu")) == (0, 0)
    # a share of 0.1: the tags have the evidence at the end, also after being hashes a while
    total = learn.Counts(keep_docs=3, keep_share=0.1)
    for start in range(0, 40, 3):
        total.fold("example.com", counts_of(texts[start:start + 3]))
    assert total.sites["example.com"].lines["tag a"] == [5, "Tag a", 10]


def test_a_file_named_inside_its_site_folder_has_that_site(tmp_path, monkeypatch):
    (tmp_path / "example.com").mkdir()
    monkeypatch.chdir(tmp_path / "example.com")
    from pathlib import Path

    assert site_of(path=Path("p1.txt")) == "example.com"


def test_a_story_copied_more_often_than_common_is_still_one_cluster():
    # 60 copies of one article (a wire story on 60 sites): every sampled shingle is in more than
    # COMMON documents; the copies and the rewrite must still be reported, with linear pairs
    assert 60 > minhash.COMMON
    nd = minhash.NearDuplicates()
    for i in range(60):
        nd.add(f"copy{i:02d}", STORY)
    nd.add("rewrite", REWRITE)
    nd.add("other", OTHER)
    clusters = nd.clusters()
    copies = [c for c in clusters if c["kind"] == "copies"]
    story = [c for c in clusters if c["kind"] == "same story"]
    assert [sorted(c["documents"]) for c in copies] == [[f"copy{i:02d}" for i in range(60)]]
    assert [sorted(c["documents"]) for c in story] == [sorted([f"copy{i:02d}" for i in range(60)] + ["rewrite"])]
    assert len(copies[0]["pairs"]) == 59  # each copy against the first, not every pair


def test_the_closing_summary_of_a_big_batch_stays_short(tmp_path):
    # thousands of packs and a cluster of 60 copies: the summary names a few, --report has all
    items = [learn.Learned(key="menu", seen=5, docs=5, example="Menu", pattern="menu", keyword="menu", prose=False)]
    packs = [(f"site{i}.com", tmp_path / f"site{i}.com.toml", items) for i in range(500)]
    nd = minhash.NearDuplicates()
    for i in range(60):
        nd.add(f"copy{i:02d}", STORY)
    outcome = learn.Outcome(docs=3000, sites=600, packs=packs, clusters=nd.clusters())
    lines = outcome.lines()
    assert lines[0] == "learned 500 rules for 500 of 600 sites from 3000 documents"
    assert f"  ... and {500 - learn.SHOWN_PACKS} more packs in {tmp_path}" in lines
    assert len(lines) < 60
    assert any(line.endswith(f"copy09 and {60 - learn.SHOWN_MEMBERS} more") for line in lines)
    assert len(outcome.to_json()["packs"]) == 500
