"""Throughput of the cleaner on a generated corpus of news-like documents, next to the C4 filter.

The corpus is generated (never copied): article paragraphs are built from word lists and
sentence templates, and the kinds of cruft the built-in rules target are sprinkled in
(timestamps with "3 hours ago", headlines, bylines, wire datelines, captions ending in
"REUTERS/Name", bare photo credits, "Writing by ...; Editing by ..." trailers, newsletter and
inbox prompts, share and follow prompts, CSS breakpoint names, "0 : 0", counters, cookie
notices, menus of short lines, related-story blocks, comment threads, leaked HTML and script,
pull quotes). Documents come in three layouts: paragraphs between blank lines, one line per
block with no blank lines (Common Crawl WET style), and whole pages with menus and footers.

Modes, each timed on one core (one process, one thread), medians over --repeat runs:

  rule        cleaner.engine.run on pre-split lines, with Options(load_rules())._prefilter
  e2e         cleaner.clean on the UTF-8 bytes (decode, normalise, split, rules, metadata)
  rule-nopf   the rule stage with the keyword prefilter off
  c4          datatrove's C4QualityFilter, defaults, on Document objects of the same text
  c4-lines    the same with min_num_sentences=-1 (the per-line checks only, no spaCy
              sentence count)

MB is 10^6 bytes of UTF-8 input. The C4 filter needs `datatrove` and `spacy` (a blank English
pipeline with the rule-based sentencizer; no model is downloaded); without them the C4 rows are
reported as unavailable.

    python benchmarks/speed.py [--docs 2000] [--repeat 5] [--seed 1] [--json FILE]
        [--modes rule,e2e,rule-nopf,c4,c4-lines] [--profile FILE]
    python benchmarks/speed.py --docs 300 --modes html-extract,html-rules   # the HTML path's two parts
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cleaner import Options, clean, engine, load_rules  # noqa: E402
from cleaner.decode import normalise  # noqa: E402
from cleaner.segment import split_lines  # noqa: E402

TARGET_RULE_MBPS = 30.0
TARGET_C4_RATIO = 1.5
MODES = ["rule", "e2e", "rule-nopf", "c4", "c4-lines"]
# The same stages with the one-scan matcher off (cleaner/matcher.py: every pattern per line);
# absent from a checkout without the matcher, where they time the only path there is.
PY_MODES = ["rule-py", "e2e-py"]
# The HTML path in two parts (opt-in: trafilatura is slow): --modes html-extract,html-rules
HTML_MODES = ["html-extract", "html-rules"]

# ---------------------------------------------------------------------------------------------
# Word lists and templates
# ---------------------------------------------------------------------------------------------

FIRST = ("Anna Ben Carla David Elena Farid Grace Hiro Ines Jonas Karin Luis Maria Nikolai Olga "
         "Pedro Qiu Rosa Samir Tomas Ursula Viktor Wei Yasmin Zoe Lidia Mark Robert Jane Tom "
         "Alexei Fatima Kenji Priya Omar Sofia").split()
LAST = ("Kelly Heinrich Birsel Blanchard Novak Okafor Tanaka Schmidt Rossi Dubois Kowalski Haddad "
        "Lindqvist Moreau Petrov Santos Chen Ivanova Mensah Brennan Keller Ortiz Nakamura Weber "
        "Fischer Garcia Hughes Larsen Markovic Ali Costa Jensen Romero Zhang").split()
CITIES = ("MOSCOW BEIJING WASHINGTON LONDON PARIS BERLIN TOKYO NAIROBI LAGOS CAIRO MADRID ROME "
          "SEOUL DELHI BRUSSELS GENEVA ANKARA KYIV WARSAW LIMA").split()
AGENCIES = ["Reuters", "AP", "AFP", "Bloomberg", "dpa"]
ORGS = ["the central bank", "the finance ministry", "the city council", "the health agency",
        "the European Commission", "the state regulator", "the opposition party", "the union",
        "the energy company", "the football federation", "the electoral commission",
        "the port authority", "the national railway", "the court of appeal", "the airline"]
ROLES = ["minister", "spokeswoman", "spokesman", "chief executive", "mayor", "governor",
         "analyst", "economist", "coach", "prosecutor", "director", "senator", "chairman"]
NOUNS = ("plan budget deal vote report inquiry strike storm market election contract bridge "
         "reform tariff loan shortage harvest merger protest ruling season fund pipeline "
         "treaty outbreak project policy pension border referendum scheme").split()
ADJ = ("new early sharp modest record fragile regional national long-awaited disputed annual "
       "temporary emergency local broader weaker stronger").split()
VERBS_PAST = ("approved rejected delayed announced criticised welcomed expanded suspended "
              "reviewed signed extended blocked cut raised defended postponed").split()
TIMES = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week",
         "earlier this month", "late on Sunday", "in March", "this year", "since 2019"]
NUMS = ["2", "3", "12", "40", "1.5", "250", "nine", "two-thirds of", "about 300", "more than 1,000"]
UNITS = ["percent", "million dollars", "billion euros", "people", "jobs", "flights", "homes",
         "schools", "tonnes"]
MONTHS = "January February March April May June July August September October November December".split()

SENTENCES = [
    "{Org} {verb} the {adj} {noun} {time}, {name} said.",
    "The {noun} would affect {num} {unit}, according to figures published {time}.",
    "{Name}, the {role} of {org}, said the {noun} was \"{adj} but necessary\".",
    "Critics said the {noun} had been {verb} without a proper debate, and that {org} should have waited.",
    "\"We have done what we promised,\" {name} told reporters {time}.",
    "It was not immediately clear whether {org} would appeal against the {noun}.",
    "Officials expect the {noun} to be {verb} again {time}, although {num} {unit} remain at stake.",
    "{Org} has {verb} a similar {noun} before, most recently {time}.",
    "The {adj} {noun} comes after months of talks between {org} and {org2}.",
    "Analysts said the move could cost {num} {unit} over the next two years.",
    "{Name} said on the sidelines of the meeting that the {noun} was \"only the first step\".",
    "Share prices of companies linked to the {noun} fell {num} percent {time}.",
    "By the end of the week, {org} had {verb} the {noun}, {name} said.",
    "Residents said they would follow the {noun} closely, but few expected it to change much.",
    "The {role} declined to comment on the {noun} when asked by email {time}.",
    "A spokesperson for {org} said it would register its objections with {org2}.",
]

# Cruft: lines of the kinds the built-in rules target (each generator returns a list of lines).
NEWSLETTER = [
    "Sign up to our free newsletters",
    "Subscribe now",
    "Get our daily briefing newsletter delivered every morning",
    "Get the best updates straight to your inbox:",
    "Enter your email address",
    "Please select at least one mailing list.",
    "Thanks for signing up!",
    "You can unsubscribe at any time by clicking the link in the footer of our emails. We use Mailchimp as our marketing platform.",
    "By signing up, you agree to our Terms of Use and acknowledge our Privacy Policy.",
    "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
]
SHARE = [
    "Share this article", "Facebook | Twitter | Email", "Share on WhatsApp", "Tweet", "Copy link",
    "Share", "Print", "Email this story to a friend", "Follow us on Twitter for the latest news",
    "Like us on Facebook", "Click to share on LinkedIn (Opens in new window)",
]
BREAKPOINTS = ["landscape-tablet-and-above", "narrow-browser-and-phone", "mobile-portrait",
               "desktop-wide", "phone-small", "tablet-landscape", "  • portrait-tablet-and-above"]
COUNTERS = ["0 : 0", "1 : 2", "12 Comments", "Comments (3)", "1.2k shares", "340 likes", "5 replies"]
COOKIES = [
    "We use cookies to improve your experience. By continuing to browse the site you agree to our use of cookies.",
    "Accept all cookies", "Cookie settings", "Manage consent", "Do not sell my personal information",
    "This website uses cookies to ensure you get the best experience on our website.",
]
MENU = ["Home", "World", "Politics", "Business", "Markets", "Tech", "Sport", "Culture", "Opinion",
        "Video", "Podcasts", "Weather", "Log in", "Search", "Menu", "Subscribe", "Español",
        "Contact us", "About us", "Careers", "Terms of use", "Privacy policy", "Advertise",
        "Sitemap", "RSS", "© 2024 The Daily Example. All rights reserved."]
RELATED_HEADERS = ["Related stories", "More from World", "You may also like", "Most read", "Read more:"]
COMMENT_HEADERS = ["Leave a reply", "12 comments:", "Comments (4)", "Join the discussion", "Have your say"]
COMMENTS = ["Great reporting, thanks.", "I live there and it was terrible.", "Who pays for this?",
            "Typical. Nothing will change.", "Reply", "Report this comment", "Well said!",
            "This is the third time this year. When will they learn?"]
HTML_LINES = [
    '<div class="promo"><a href="/sale">Sale</a></div><script src="/js/app.js"></script>',
    "var adSlot = googletag.defineSlot('/123/news', [300, 250], 'ad-1');",
    ".share-bar { display: none; }",
    "window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}",
    '<!-- ad slot --><div id="ad-top"></div><span class="sr-only">Advertisement</span>',
    "<img src=\"/img/logo.png\" alt=\"\"> <br/> <hr>",
]
AGO_UNITS = ["minutes", "hours", "days", "weeks", "mins", "hrs"]


class Gen:
    """Deterministic document generator (one random.Random per corpus)."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def name(self) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def sentence(self) -> str:
        r = self.r
        org, org2 = r.sample(ORGS, 2)
        s = r.choice(SENTENCES).format(
            org=org, Org=org[0].upper() + org[1:], org2=org2, verb=r.choice(VERBS_PAST),
            adj=r.choice(ADJ), noun=r.choice(NOUNS), time=r.choice(TIMES), name=self.name(),
            Name=self.name(), role=r.choice(ROLES), num=r.choice(NUMS), unit=r.choice(UNITS),
        )
        return s[0].upper() + s[1:]

    def paragraph(self, lo: int = 2, hi: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(self.r.randint(lo, hi)))

    def headline(self) -> str:
        r = self.r
        h = f"{r.choice(ORGS).split()[-1].capitalize()} {r.choice(VERBS_PAST)} {r.choice(ADJ)} {r.choice(NOUNS)} in {r.choice(CITIES).title()}"
        return h

    def timestamp(self) -> str:
        r = self.r
        d = f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2012, 2024)}"
        t = f"{r.randint(1, 12)}:{r.randint(0, 59):02d} {r.choice(['AM', 'PM'])}"
        ago = f"{r.randint(2, 11)} {r.choice(['hours', 'days', 'years', 'months'])} ago"
        return r.choice([f"{d} / {t} / {ago}", f"{r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(2012, 2024)} | {ago}"])

    def relative_age(self) -> str:
        r = self.r
        return r.choice([f"{r.randint(2, 50)} {r.choice(AGO_UNITS)} ago", "an hour ago",
                         f"Updated {r.randint(2, 9)} hours ago", f"Published {r.randint(2, 30)} min ago"])

    def byline(self) -> str:
        r = self.r
        if r.random() < 0.4:
            return f"By {self.name()} and {self.name()}, {r.choice(AGENCIES)}"
        return f"By {self.name()}"

    def dateline_para(self) -> str:
        city = self.r.choice(CITIES)
        return f"{city} ({self.r.choice(AGENCIES)}) - {self.paragraph(2, 4)}"

    def caption(self) -> str:
        r = self.r
        base = self.sentence()
        return r.choice([
            f"{base} REUTERS/{self.name()}",
            f"{base} REUTERS/{self.name()}/File Photo",
            f"{base} (AP Photo/{self.name()})",
            f"{base} Photo: {self.name()}/Getty Images",
            f"{base} {self.name()}/AFP via Getty Images",
        ])

    def credit(self) -> str:
        return self.r.choice([f"Photo: {self.name()}/AFP", f"(AP Photo/{self.name()})", "Getty Images",
                              f"REUTERS/{self.name()}", "Image: Shutterstock"])

    def trailer(self) -> str:
        r = self.r
        city = r.choice(CITIES)
        return r.choice([
            f"Writing by {self.name()}; Additional reporting by {self.name()} in {city}; Editing by {self.name()}, {self.name()}",
            f"(Reporting by {self.name()} and {self.name()}; Editing by {self.name()})",
            f"Reporting by {self.name()}; Editing by {self.name()}",
            f"{self.name()} contributed reporting from {city.title()}.",
            f"Associated Press writer {self.name()} in {city.title()} contributed to this report.",
        ])

    def leaked_prose(self) -> str:
        return f'<div id="story"><p>{self.sentence()} {self.sentence()}</p></div>'

    def pick(self, xs: list[str], k: int = 1) -> list[str]:
        return [self.r.choice(xs) for _ in range(k)]

    def document(self) -> str:
        """One news-like page: article paragraphs with cruft in the places scrapes put it."""
        r = self.r
        layout = r.choices(["paras", "wet", "page"], weights=[4, 4, 2])[0]
        head: list[str] = []
        body: list[str] = []
        tail: list[str] = []
        if layout == "page":
            head += r.sample(MENU, r.randint(8, 16))
            if r.random() < 0.5:
                head += self.pick(COOKIES)
        if r.random() < 0.5:
            head.append(self.timestamp())
        head.append(self.headline())
        if r.random() < 0.4:
            head.append(self.relative_age())
        if r.random() < 0.5:
            head.append(self.byline())
        if r.random() < 0.3:
            head += self.pick(SHARE, r.randint(1, 3))
        n_paras = r.randint(4, 14)
        body.append(self.dateline_para() if r.random() < 0.5 else self.paragraph())
        cruft: list[Callable[[], list[str]]] = [
            lambda: [self.caption()],
            lambda: [self.credit()],
            lambda: self.pick(NEWSLETTER, r.randint(1, 4)),
            lambda: self.pick(SHARE, r.randint(1, 3)),
            lambda: self.pick(BREAKPOINTS, r.randint(1, 3)),
            lambda: self.pick(COUNTERS),
            lambda: self.pick(COOKIES),
            lambda: self.pick(HTML_LINES),
            lambda: [self.leaked_prose()],
            lambda: [r.choice(RELATED_HEADERS)] + [self.headline() for _ in range(r.randint(2, 4))],
        ]
        quote: str | None = None
        for _ in range(n_paras - 1):
            p = self.paragraph()
            body.append(p)
            if quote is None and r.random() < 0.15:  # a pull quote repeats part of a paragraph
                words = r.choice(p.split(". ")).split()
                quote = " ".join(words[: r.randint(6, 14)]).rstrip(",.")
            if r.random() < 0.35:
                body += r.choice(cruft)()
        if quote:
            body.insert(r.randint(1, len(body)), quote)
        if r.random() < 0.6:
            tail.append(self.trailer())
        if r.random() < 0.4:
            tail += self.pick(NEWSLETTER + SHARE, r.randint(1, 4))
        if r.random() < 0.25:
            tail.append(r.choice(COMMENT_HEADERS))
            tail += self.pick(COMMENTS, r.randint(2, 6))
        if layout == "page":
            tail += r.sample(MENU, r.randint(8, 14))
        lines = head + body + tail
        if layout == "paras":
            return "\n\n".join(lines) + "\n"
        return "\n".join(lines) + "\n"


def corpus(n: int, seed: int) -> list[str]:
    gen = Gen(seed)
    return [gen.document() for _ in range(n)]


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def _c4_filter(lines_only: bool) -> Any:
    from datatrove.pipeline.filters import C4QualityFilter

    return C4QualityFilter(min_num_sentences=-1) if lines_only else C4QualityFilter()


_NAV = "".join(f"<li><a href='/{w}'>{w.title()}</a></li>" for w in "home world politics business sport culture science travel".split())


def as_page(doc: str) -> str:
    """The document as a news page: navigation, the text as paragraphs in <article>, a footer."""
    import html as h

    paras = "".join(f"<p>{h.escape(line)}</p>" for line in doc.splitlines() if line.strip())
    return (f"<html><head><title>{h.escape(doc.splitlines()[0][:80])}</title></head><body>"
            f"<header><nav><ul>{_NAV}</ul></nav></header><main><article>{paras}</article></main>"
            f"<footer><a href='/about'>About us</a> | <a href='/privacy'>Privacy policy</a> | "
            f"<a href='/contact'>Contact</a><p>Copyright 2026 Example News</p></footer></body></html>")


def real_pages(folder: Path, n: int) -> list[str]:
    """Up to n real pages (*.html, *.html.gz) from folder and its subfolders, in name order."""
    import gzip

    files = sorted(p for p in folder.rglob("*") if p.name.endswith((".html", ".html.gz")))[:n]
    return [(gzip.decompress(p.read_bytes()) if p.name.endswith(".gz") else p.read_bytes()).decode("utf-8", "replace")
            for p in files]


def build_runners(docs: list[str], modes: list[str], pages: list[str] | None = None) -> tuple[dict[str, Callable[[], Any]], dict[str, str]]:
    """One zero-argument callable per mode that processes the whole corpus once.

    The html modes time the two parts of the HTML path on the same pages: html-extract is
    `cleaner.html.extract` (trafilatura), html-rules is `clean` on the text it returned, with the
    rules that run on HTML; their sum is the whole path (clean_html)."""
    opts = Options(load_rules())
    prefilter = opts._prefilter
    try:  # the one-scan matcher from the first document (a long run builds it after 20,000 lines)
        from cleaner import matcher

        matcher.BUILD_AFTER_LINES = 0
        if matcher.ENABLED:
            t0 = time.process_time()
            built = matcher.LineMatcher(opts.rules)
            print(f"one-scan matcher: {len(built.sources)} patterns in the set, built in "
                  f"{time.process_time() - t0:.2f} CPU s (once per rule set and process, not timed below)")
    except ImportError:
        pass
    # The rule stage gets exactly what clean() hands the engine: normalised, split lines.
    split = [split_lines(normalise(d)) for d in docs]
    raw = [d.encode("utf-8") for d in docs]
    runners: dict[str, Callable[[], Any]] = {}
    unavailable: dict[str, str] = {}

    def rule(pf: Any) -> Callable[[], Any]:
        def go() -> Any:
            for lines in split:
                engine.run(opts.rules, lines, pf)
        return go

    def per_line(run: Callable[[], Any]) -> Callable[[], Any]:
        """`run` with the one-scan matcher off (the pure-Python path)."""
        try:
            from cleaner import matcher
        except ImportError:  # a checkout before the matcher
            return run

        def go() -> Any:
            was, matcher.ENABLED = matcher.ENABLED, False
            try:
                return run()
            finally:
                matcher.ENABLED = was
        return go

    def e2e() -> Any:
        for b in raw:
            clean(b, opts)

    for mode in modes:
        if mode == "rule":
            runners[mode] = rule(prefilter)
        elif mode == "rule-py":
            runners[mode] = per_line(rule(prefilter))
        elif mode == "e2e-py":
            runners[mode] = per_line(e2e)
        elif mode == "rule-nopf":
            runners[mode] = rule(None)
        elif mode == "e2e":
            runners[mode] = e2e
        elif mode in ("c4", "c4-lines"):
            try:
                from datatrove.data import Document

                filt = _c4_filter(mode == "c4-lines")
                filt.filter(Document(text=docs[0], id="warm"))  # loads spaCy's blank pipeline
            except Exception as exc:  # missing datatrove/spacy: say so, fake nothing
                unavailable[mode] = f"{type(exc).__name__}: {exc}".splitlines()[0]
                continue

            def go_c4(filt: Any = filt, Document: Any = Document) -> Any:
                # Document objects are built per run (filter() rewrites doc.text); that is a
                # dataclass construction per document, negligible next to the filter.
                for i, d in enumerate(docs):
                    filt.filter(Document(text=d, id=str(i)))
            runners[mode] = go_c4
        elif mode in HTML_MODES:
            from cleaner.html import extract

            from cleaner.html import NoContent

            def extracted(page: str) -> str | None:
                try:
                    return extract(page).text
                except NoContent:
                    return None

            pages = [p for p in (pages or [as_page(d) for d in docs]) if extracted(p) is not None]
            if mode == "html-extract":
                def go_extract(pages: list[str] = pages) -> Any:
                    for page in pages:
                        extract(page)
                runners[mode] = go_extract
            else:
                texts = [t for t in map(extracted, pages) if t is not None]
                html_opts = opts.for_html

                def go_html_rules(texts: list[str] = texts) -> Any:
                    for text in texts:
                        clean(text, html_opts)
                runners[mode] = go_html_rules
        else:
            raise SystemExit(f"unknown mode {mode!r} (choose from {', '.join(MODES + PY_MODES + HTML_MODES)})")
    return runners, unavailable


def time_modes(runners: dict[str, Callable[[], Any]], repeat: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Run every mode `repeat` times, interleaved (so drift hits all modes alike), after a warm-up.

    Returns (CPU seconds, wall seconds) per mode. The figure per core is bytes over the CPU time
    of this one-threaded process: on a shared machine it is what the code costs, while wall time
    also counts the time other processes held the core (both are printed).
    """
    for go in runners.values():
        go()
    cpu: dict[str, list[float]] = {m: [] for m in runners}
    wall: dict[str, list[float]] = {m: [] for m in runners}
    for _ in range(repeat):
        for mode, go in runners.items():
            c0, w0 = time.process_time(), time.perf_counter()
            go()
            cpu[mode].append(time.process_time() - c0)
            wall[mode].append(time.perf_counter() - w0)
    return cpu, wall


def corpus_stats(docs: list[str]) -> dict[str, Any]:
    """Size of the corpus and what the cleaner removes from it (shows the cruft is realistic)."""
    opts = Options(load_rules())
    sizes = sorted(len(d.encode("utf-8")) for d in docs)
    per_rule: Counter[str] = Counter()
    removed_chars = 0
    for d in docs:
        out = engine.run(opts.rules, split_lines(normalise(d)), opts._prefilter)
        for r in out.removed:
            per_rule[r.rule] += 1
            removed_chars += len(r.text)
        for rid in {e.rule for e in out.extracted} - {r.rule for r in out.removed}:
            per_rule[rid] += 1  # note rules (headline, dateline) keep the text: count documents
    total_chars = sum(len(d) for d in docs)
    return {
        "docs": len(docs),
        "bytes": sum(sizes),
        "doc_bytes_median": sizes[len(sizes) // 2],
        "doc_bytes_min": sizes[0],
        "doc_bytes_max": sizes[-1],
        "lines": sum(d.count("\n") for d in docs),
        "removed_char_share": removed_chars / total_chars if total_chars else 0.0,
        "removals_per_rule": dict(sorted(per_rule.items())),
        "rules_total": len(opts.rules.rules),
    }


def c4_outcomes(docs: list[str], lines_only: bool) -> dict[str, Any] | None:
    """What the C4 filter does with the corpus: documents kept, dropped (by reason), chars kept."""
    try:
        from datatrove.data import Document

        filt = _c4_filter(lines_only)
        filt.filter(Document(text=docs[0], id="warm"))  # datatrove without spaCy fails here, not at import
    except Exception:
        return None
    reasons: Counter[str] = Counter()
    kept_chars = 0
    for i, d in enumerate(docs):
        doc = Document(text=d, id=str(i))
        verdict = filt.filter(doc)
        if verdict is True:
            reasons["kept"] += 1
            kept_chars += len(doc.text)
        else:
            reasons[verdict[1] if isinstance(verdict, tuple) else "dropped"] += 1
    total = sum(len(d) for d in docs)
    return {"documents": dict(reasons), "kept_char_share": kept_chars / total if total else 0.0}


def check_prefilter_equivalence(docs: list[str]) -> int:
    """Number of documents whose rule-stage output differs with the prefilter on and off."""
    opts = Options(load_rules())
    diff = 0
    for d in docs:
        lines = split_lines(normalise(d))
        a = engine.run(opts.rules, lines, opts._prefilter)
        b = engine.run(opts.rules, lines, None)
        if a.lines != b.lines or a.removed != b.removed:
            diff += 1
    return diff


def eval_texts(root: Path, inputs: str, limit: int) -> list[str]:
    """The first `limit` texts of `inputs` (naive_b, naive_a) in the write half of every dataset
    under `root`, datasets interleaved so that every kind of page is in a small sample."""
    sys.path.insert(1, str(Path(__file__).resolve().parent))
    import halves

    per_set: list[list[Path]] = []
    for folder in sorted(root.glob(f"*/{inputs}")):
        dataset = folder.parent.name
        ids = sorted(p.stem for p in folder.glob("*.txt"))
        keep = set(halves.select(root, dataset, ids, "write"))
        per_set.append([folder / f"{i}.txt" for i in ids if i in keep])
    out: list[str] = []
    for k in range(max(map(len, per_set), default=0)):
        for paths in per_set:
            if k < len(paths) and len(out) < limit:
                out.append(paths[k].read_bytes().decode("utf-8", "replace"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000, help="documents in the generated corpus")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per mode (median reported)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated subset of {','.join(MODES)}")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--profile", type=Path, help="cProfile the rule stage once and write the top functions here")
    ap.add_argument("--write-sample", type=Path, help="write the first 20 generated documents to this folder")
    ap.add_argument("--html-pages", type=Path, help="html modes: time real pages (*.html, *.html.gz) found under this "
                    "folder instead of the generated documents wrapped in a page template")
    ap.add_argument("--evaldata", type=Path, help="time real texts instead of the generated corpus: the first "
                    "--docs texts of --inputs under this folder (the write half of every dataset)")
    ap.add_argument("--inputs", default="naive_b", help="with --evaldata: naive_b or naive_a")
    args = ap.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]

    docs = eval_texts(args.evaldata, args.inputs, args.docs) if args.evaldata else corpus(args.docs, args.seed)
    if args.write_sample:
        args.write_sample.mkdir(parents=True, exist_ok=True)
        for i, d in enumerate(docs[:20]):
            (args.write_sample / f"doc{i:02d}.txt").write_text(d, encoding="utf-8")
    stats = corpus_stats(docs)
    mb = stats["bytes"] / 1e6
    print(f"corpus: {stats['docs']} docs, {mb:.2f} MB, {stats['lines']} lines, "
          f"median doc {stats['doc_bytes_median']} B (min {stats['doc_bytes_min']}, max {stats['doc_bytes_max']}), "
          f"seed {args.seed}")
    fired = stats["removals_per_rule"]
    print(f"cleaner removes {stats['removed_char_share']:.1%} of the characters; "
          f"{len(fired)}/{stats['rules_total']} rules fire (removals, or documents noted): "
          + ", ".join(f"{k} {v}" for k, v in fired.items()))
    mismatches = check_prefilter_equivalence(docs) if "rule" in modes or "rule-nopf" in modes else None
    if mismatches is not None:
        print(f"prefilter on/off: {mismatches} of {len(docs)} documents differ")

    for ref in ("c4", "c4-lines"):
        if ref in modes:
            outcome = c4_outcomes(docs, ref == "c4-lines")
            if outcome is not None:
                stats[f"{ref}_outcome"] = outcome
                docs_ = ", ".join(f"{k} {v}" for k, v in sorted(outcome["documents"].items()))
                print(f"{ref} on the same corpus: documents {docs_}; keeps {outcome['kept_char_share']:.1%} of the characters")

    pages = None
    if args.html_pages and any(m in HTML_MODES for m in modes):
        pages = real_pages(args.html_pages, args.docs)
        hb = sum(len(p.encode("utf-8")) for p in pages) / 1e6
        print(f"html modes: {len(pages)} real pages from {args.html_pages} ({hb:.1f} MB of HTML); "
              f"MB/s columns below are per MB of the generated text corpus, not of these pages")
    runners, unavailable = build_runners(docs, modes, pages)
    load_before = os.getloadavg()[0]
    cpu, wall = time_modes(runners, args.repeat)
    load_after = os.getloadavg()[0]

    results: dict[str, Any] = {}
    print(f"\n{'mode':<10} {'CPU s':>8} {'MB/s/core':>10} {'wall s':>8} {'MB/s wall':>10}   "
          f"(medians of {args.repeat} runs, one process; load avg {load_before:.2f} -> {load_after:.2f})")
    for mode in modes:
        if mode in unavailable:
            print(f"{mode:<10} unavailable: {unavailable[mode]}")
            results[mode] = {"unavailable": unavailable[mode]}
            continue
        c, w = statistics.median(cpu[mode]), statistics.median(wall[mode])
        results[mode] = {"cpu_s": c, "mb_per_s": mb / c, "wall_s": w, "mb_per_s_wall": mb / w,
                         "runs_cpu_s": cpu[mode], "runs_wall_s": wall[mode]}
        print(f"{mode:<10} {c:8.3f} {mb / c:10.2f} {w:8.3f} {mb / w:10.2f}")

    summary: dict[str, Any] = {}
    if "rule" in results and "mb_per_s" in results["rule"]:
        rule_mbps = results["rule"]["mb_per_s"]
        summary["rule_mb_per_s"] = rule_mbps
        summary["rule_target_met"] = rule_mbps >= TARGET_RULE_MBPS
        print(f"\nrule stage: {rule_mbps:.2f} MB/s per core (target >= {TARGET_RULE_MBPS:g}: "
              f"{'met' if summary['rule_target_met'] else 'NOT met'})")
        for ref in ("c4", "c4-lines"):
            if ref in results and "mb_per_s" in results[ref]:
                ratio = rule_mbps / results[ref]["mb_per_s"]
                summary[f"ratio_rule_over_{ref}"] = ratio
                e2e = results.get("e2e", {}).get("mb_per_s")
                extra = f"; end to end / {ref} = {e2e / results[ref]['mb_per_s']:.2f}x" if e2e else ""
                print(f"cleaner rule stage / {ref}: {ratio:.2f}x (target >= {TARGET_C4_RATIO:g}x: "
                      f"{'met' if ratio >= TARGET_C4_RATIO else 'NOT met'}){extra}")
    if "cpu_s" in results.get("html-extract", {}) and "cpu_s" in results.get("html-rules", {}):
        ext, rul = results["html-extract"]["cpu_s"], results["html-rules"]["cpu_s"]
        summary["html_rule_share"] = rul / (ext + rul)
        print(f"HTML path: extraction (trafilatura) {ext:.3f} CPU s + rules {rul:.3f} CPU s; the rules are "
              f"{rul / (ext + rul):.1%} of the path and add {rul / ext:.1%} to extraction (target <= 5%: "
              f"{'met' if rul / ext <= 0.05 else 'NOT met'})")
    if "rule" in results and "rule-nopf" in results and "mb_per_s" in results.get("rule-nopf", {}):
        summary["prefilter_speedup"] = results["rule"]["mb_per_s"] / results["rule-nopf"]["mb_per_s"]
        print(f"prefilter speed-up: {summary['prefilter_speedup']:.2f}x")

    if args.profile:
        import cProfile
        import io
        import pstats

        opts = Options(load_rules())
        split = [split_lines(normalise(d)) for d in docs]
        prof = cProfile.Profile()
        prof.enable()
        for lines in split:
            engine.run(opts.rules, lines, opts._prefilter)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(30)
        args.profile.write_text(buf.getvalue(), encoding="utf-8")
        print(f"profile of the rule stage written to {args.profile}")

    if args.json:
        record = {
            "corpus": stats,
            "seed": args.seed,
            "repeat": args.repeat,
            "python": sys.version.split()[0],
            "machine": platform.machine(),
            "processor": platform.processor(),
            "load_avg": [load_before, load_after],
            "cpus": os.cpu_count(),
            "prefilter_mismatches": mismatches,
            "modes": results,
            "summary": summary,
        }
        args.json.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
