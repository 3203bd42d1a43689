"""Measure `cleaner learn` on the evaldata pages (issue 14, item 4).

Per dataset with several pages per site (dragnet, l3s-gn1, cleanportaleval, fundus) and input
kind (naive_a, naive_b): every page of the chosen half is cleaned with the default rules, its
clean text counted per site (the site of benchmarks/halves.py: the host in docs.jsonl), the
packs learned (cleaner.learn, one per site, learned from that dataset's pages of the half), and
the pages cleaned again with the default rules plus the learned packs. Printed: cruft removed and
gold kept without and with the packs, per dataset, pooled, and on the sites with at least 5 pages;
the learned rules' words removed and the share of them that is not gold (their precision).

    python benchmarks/learn.py [--data ../shared/evaldata] [--half write|check|all]
        [--inputs naive_a,naive_b] [--datasets ...] [--min-docs K] [--min-share F]
        [--grid K1,K2/F1,F2] [--jobs 2] [--json FILE] [--keep-packs DIR]

Metrics are those of benchmarks/quality.py (tokens \\w+, micro sums). --grid runs every (K, F)
and prints one pooled line each (choose K and F on the write half).
"""

from __future__ import annotations

import argparse
import re
import json
import multiprocessing
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from cleaner import Options, learn, load_rules
from cleaner.pipeline import clean

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import CHOICES, select, sites
from quality import TOKEN, Doc, gold_text, ratio, score, score_against_gold

DATASETS = ["dragnet", "l3s-gn1", "cleanportaleval", "fundus"]
BIG_SITE = 5  # "sites with at least 5 pages"

_opts: dict[str, Options] = {}


def _options(packs: str) -> Options:
    """The default rules, plus the packs in folder `packs` ("" for none); built once per worker."""
    if packs not in _opts:
        _opts[packs] = Options(load_rules([packs] if packs else []))
    return _opts[packs]


def run_doc(task: tuple[str, str, str, str, str, str]) -> tuple[Doc, str]:
    """Clean one page (with the packs in `packs`, for its site) and score it; also its clean text."""
    root, dataset, kind, doc_id, site, packs = task
    base = Path(root) / dataset
    text = (base / kind / f"{doc_id}.txt").read_text(encoding="utf-8")
    res = clean(text, _options(packs), site=site)
    doc = score_against_gold(Doc(dataset, kind), text, gold_text(base / "gold" / f"{doc_id}.txt", dataset), res)
    return doc, res.text


def _map(pool: Any, tasks: list[tuple]) -> list[tuple[Doc, str]]:
    return pool.map(run_doc, tasks, chunksize=8) if pool is not None else [run_doc(t) for t in tasks]


def learned_words(docs: list[Doc], only: set[str] | None = None) -> tuple[int, int]:
    """(words removed by learned rules (those in `only` when given), of them gold words)."""
    w = g = 0
    for d in docs:
        for rule, (rw, rg) in d.rules.items():
            if rule.startswith("Q") and (only is None or rule in only):
                w += rw
                g += rg
    return w, g


def measure(root: Path, datasets: list[str], kinds: list[str], half: str, grid: list[tuple[int, float]],
            pool: Any, keep: Path | None, base_settings: learn.Settings = learn.Settings()) -> dict[str, Any]:
    """Figures per (K, F): per dataset and kind, without and with the learned packs."""
    out: dict[str, Any] = {"half": half, "runs": []}
    base: dict[tuple[str, str], tuple[list[tuple], list[tuple[Doc, str]]]] = {}
    for ds in datasets:
        site_of = sites(root, ds)
        for kind in kinds:
            ids = sorted(p.stem for p in (root / ds / kind).glob("*.txt"))
            ids = select(root, ds, ids, half)
            tasks = [(str(root), ds, kind, i, site_of.get(i, f"{ds}/{i}"), "") for i in ids]
            base[(ds, kind)] = (tasks, _map(pool, tasks))
    for k, f in grid:
        settings = replace(base_settings, min_docs=k, min_share=f)
        run: dict[str, Any] = {"min_docs": k, "min_share": f, "rows": []}
        pooled: dict[str, dict[str, list[Doc]]] = {kind: {"without": [], "with": [], "big_without": [], "big_with": []}
                                                   for kind in kinds}
        prose_ids: set[str] = set()
        examples: dict[str, str] = {}
        for (ds, kind), (tasks, results) in base.items():
            counts = learn.count_texts((t[4], text) for t, (_, text) in zip(tasks, results))
            per_site = Counter(t[4] for t in tasks)
            with tempfile.TemporaryDirectory() as tmp:
                folder = keep / f"{ds}-{kind}-K{k}-F{f:g}" if keep else Path(tmp)
                packs = learn.write_packs(counts, settings, folder)
                learned_sites = {site for site, _, _ in packs}
                for _, path, items in packs:  # the ids of rules learned under the prose guard
                    prefix = path.read_text(encoding="utf-8").split('prefix = "', 1)[1][:4]
                    prose_ids.update(f"{prefix}{n:03d}" for n, item in enumerate(items, 1) if item.prose)
                    examples.update({f"{prefix}{n:03d}": f"{ds}/{kind} {item.seen}/{item.docs} {item.example[:70]}"
                                     for n, item in enumerate(items, 1)})
                again = [t[:5] + (str(folder),) for t in tasks if t[4] in learned_sites]
                redone = iter(_map(pool, again))
                with_docs = [next(redone)[0] if t[4] in learned_sites else d for t, (d, _) in zip(tasks, results)]
            without = [d for d, _ in results]
            big = [per_site[t[4]] >= BIG_SITE for t in tasks]
            lw, lg = learned_words(with_docs)
            row = {"dataset": ds, "kind": kind, "pages": len(tasks), "sites_learned": len(packs),
                   "rules": sum(len(items) for _, _, items in packs),
                   "without": score(without), "with": score(with_docs),
                   "learned_words": lw, "learned_precision": 1 - ratio(lg, lw),
                   "big_without": score([d for d, b in zip(without, big) if b]),
                   "big_with": score([d for d, b in zip(with_docs, big) if b])}
            run["rows"].append(row)
            p = pooled[kind]
            p["without"] += without
            p["with"] += with_docs
            p["big_without"] += [d for d, b in zip(without, big) if b]
            p["big_with"] += [d for d, b in zip(with_docs, big) if b]
        run["pooled"] = {}
        for kind, p in pooled.items():
            lw, lg = learned_words(p["with"])
            run["pooled"][kind] = {key: score(v) for key, v in p.items()}
            run["pooled"][kind]["learned_words"] = lw
            run["pooled"][kind]["learned_precision"] = 1 - ratio(lg, lw)
            pw, pg = learned_words(p["with"], prose_ids)
            run["pooled"][kind]["prose_words"] = pw
            run["pooled"][kind]["prose_precision"] = 1 - ratio(pg, pw)
            per_rule: Counter = Counter()
            for d in p["with"]:
                for rule, (rw, rg) in d.rules.items():
                    if rule.startswith("Q") and rg:
                        per_rule[rule] += rg
            run["pooled"][kind]["worst"] = [(examples.get(r, r), g) for r, g in per_rule.most_common(15)]
        out["runs"].append(run)
    return out


def print_report(fig: dict[str, Any], show_worst: bool = False) -> None:
    for run in fig["runs"]:
        print(f"\n== half {fig['half']}, K = {run['min_docs']}, F = {run['min_share']:g} ==")
        print(f"{'dataset':<16}{'kind':<9}{'pages':>6}{'sites':>6}{'rules':>6}  {'cruft removed':>17}  {'gold kept':>15}"
              f"  {'learned words':>13}{'prec':>6}")
        for r in run["rows"]:
            a, b = r["without"], r["with"]
            print(f"{r['dataset']:<16}{r['kind']:<9}{r['pages']:>6}{r['sites_learned']:>6}{r['rules']:>6}  "
                  f"{a['cruft_removed']:>7.3f} -> {b['cruft_removed']:.3f}  {a['gold_kept']:>6.3f} -> {b['gold_kept']:.3f}"
                  f"  {r['learned_words']:>13}{r['learned_precision']:>6.3f}")
            ba, bb = r["big_without"], r["big_with"]
            if ba["docs"]:
                print(f"{'  sites >= 5 pg':<16}{'':<9}{ba['docs']:>6}{'':>12}  {ba['cruft_removed']:>7.3f} -> "
                      f"{bb['cruft_removed']:.3f}  {ba['gold_kept']:>6.3f} -> {bb['gold_kept']:.3f}")
        for kind, p in run["pooled"].items():
            a, b, ba, bb = p["without"], p["with"], p["big_without"], p["big_with"]
            print(f"{'pooled':<16}{kind:<9}{a['docs']:>6}{'':>12}  {a['cruft_removed']:>7.3f} -> {b['cruft_removed']:.3f}  "
                  f"{a['gold_kept']:>6.3f} -> {b['gold_kept']:.3f}  {p['learned_words']:>13}{p['learned_precision']:>6.3f}"
                  f"  (prose-like lines: {p['prose_words']} words, {p['prose_precision']:.3f})")
            print(f"{'  sites >= 5 pg':<16}{kind:<9}{ba['docs']:>6}{'':>12}  {ba['cruft_removed']:>7.3f} -> "
                  f"{bb['cruft_removed']:.3f}  {ba['gold_kept']:>6.3f} -> {bb['gold_kept']:.3f}"
                  f"  (F1 {ba['f1']:.3f} -> {bb['f1']:.3f})")
            if show_worst:
                for line, g in p["worst"]:
                    print(f"      gold words {g:4d}: {line}")


_LOOSE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?|am|pm|gmt|utc|[ecmp][sd]t)\b|\d+|\W+")


def loose_key(key: str) -> str:
    """A looser form of a line key: without numbers, month and day names, times' am/pm, punctuation."""
    return " ".join(_LOOSE.sub(" ", key).split())


def leftover(root: Path, datasets: list[str], kind: str, half: str, pool: Any, settings: learn.Settings,
             show: int = 6) -> dict[str, Any]:
    """--leftover: on the sites with >= BIG_SITE pages, the lines the default rules leave that are
    not in the page's gold and recur on >= 2 pages of the site, and why they were not learned."""
    from cleaner.phrases import normalise

    why: dict[str, Counter] = {}
    ex: dict[str, list[str]] = {}
    words: Counter = Counter()
    total_cruft = 0
    for ds in datasets:
        site_of = sites(root, ds)
        ids = select(root, ds, sorted(p.stem for p in (root / ds / kind).glob("*.txt")), half)
        per_site = Counter(site_of.get(i, f"{ds}/{i}") for i in ids)
        tasks = [(str(root), ds, kind, i, site_of.get(i, f"{ds}/{i}"), "") for i in ids
                 if per_site[site_of.get(i, f"{ds}/{i}")] >= BIG_SITE]
        results = _map(pool, tasks)
        by_site: dict[str, list[tuple[str, str]]] = {}
        for t, (d, text) in zip(tasks, results):
            total_cruft += d.out - d.tp_out
            gold = " ".join(normalise(gold_text(root / ds / "gold" / f"{t[3]}.txt", ds)).split())
            by_site.setdefault(t[4], []).append((text, gold))
        for site, pages in by_site.items():
            counts = learn.SiteCounts()
            loose: dict[str, set[int]] = {}
            nongold: dict[str, tuple[str, int]] = {}
            for n, (text, gold) in enumerate(pages):
                counts.add(text)
                for line in text.split("\n"):
                    key = learn.line_key(line)
                    if key is None:
                        continue
                    loose.setdefault(loose_key(key), set()).add(n)
                    if " ".join(normalise(line).split()) not in gold:
                        w = len(TOKEN.findall(line))
                        nongold[key] = (line.strip(), nongold.get(key, ("", 0))[1] + w)
            learned = {i.key for i in learn.learn_site(site, counts, settings)}
            for key, (line, w) in nongold.items():
                seen, _, hits = counts.lines[key]
                lk = loose.get(loose_key(key), set())
                if key in learned:
                    reason = "learned"
                elif seen < 2:
                    if len(lk) >= 2:
                        reason = "normalisation (same line up to numbers/dates: on %s pages)" % ("2" if len(lk) == 2 else ">= 3")
                    else:
                        reason = "on one page only"
                elif hits > learn.REPEATS * seen:
                    reason = "repeated within a page"
                elif learn.data_like(key):
                    reason = "mostly numeric"
                elif seen < settings.min_docs:
                    reason = "below K documents"
                elif seen < settings.min_share * counts.docs:
                    reason = "below share F"
                else:
                    reason = "prose guard"
                why.setdefault(reason, Counter())[site] += 1
                words[reason] += w
                if len(ex.setdefault(reason, [])) < show * 3:
                    ex[reason].append(f"{site} {seen}/{counts.docs}: {line[:90]}")
    return {"cruft_words": total_cruft, "words": words, "lines": {r: sum(c.values()) for r, c in why.items()},
            "examples": ex}


GENERATED = ["dragnet", "l3s-gn1"]  # datasets whose write-half naive_a pages make the generated batch


def generated_pages(root: Path) -> list[tuple[str, str, str]]:
    """(site, name, text) of the write-half naive_a pages of GENERATED."""
    pages = []
    for ds in GENERATED:
        site_of = sites(root, ds)
        ids = select(root, ds, sorted(p.stem for p in (root / ds / "naive_a").glob("*.txt")), "write")
        for i in ids:
            text = (root / ds / "naive_a" / f"{i}.txt").read_text(encoding="utf-8")
            pages.append((site_of.get(i, ds), f"{ds}-{i}", text))
    return pages


def generated(root: Path, n: int, pages: list[tuple[str, str, str]] | None = None) -> Any:
    """n documents (folder, name, text): the write-half pages copied round after round, round r
    into folders <site>~<r>, so every folder is a site whose pages share its template (the
    dev pages' own) but no article with another folder's. The realistic worst case for memory:
    many small sites (~220 a round), none with enough pages for the bound to return lines to
    hashes early."""
    pages = pages or generated_pages(root)
    for k in range(n):
        site, name, text = pages[k % len(pages)]
        yield f"{site}~{k // len(pages)}", name, text


def generate(root: Path, n: int, out: Path) -> None:
    """--generate: write the generated batch as OUT/<site>~<round>/<dataset>-<id>.txt."""
    for folder, name, text in generated(root, n):
        (out / folder).mkdir(parents=True, exist_ok=True)
        (out / folder / f"{name}.txt").write_text(text, encoding="utf-8")


def _rss() -> int:
    """This process's resident memory now, in bytes (Linux /proc)."""
    import os

    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory(root: Path, n: int, traced: bool = False) -> dict[str, Any]:
    """--memory: the counting pass's memory per document on n generated documents: the pages'
    text (not cleaned: the counting structures do not depend on it) in units of 64 documents
    (learn.Tally, the map) folded into a learn.Total (the reduce), as `clean --learn` does; line
    counts and near-duplicate sketches measured apart. Growth of the resident memory over the
    pages loaded, sampled every 1,000 documents (flat memory: the per-document growth does not
    rise with n); with `traced`, Python's own allocations (tracemalloc: exact, ~5x slower)."""
    import gc
    import time
    import tracemalloc

    from cleaner.minhash import MIN_SHINGLES, Sketch

    began = time.monotonic()
    pages = generated_pages(root)
    gc.collect()
    base = _rss()
    if traced:
        tracemalloc.start()
    total = learn.Total.for_settings(learn.Settings())
    part = learn.Tally()
    curve = []
    for k, (folder, name, text) in enumerate(generated(root, n, pages), 1):
        part.add(learn.Document(folder, f"{folder}/{name}.txt", text), sketch=False)
        if part.docs == 64:
            total.fold(part)
            part = learn.Tally()
        if k % 1000 == 0 or k == n:
            curve.append((k, _rss() - base))
    total.fold(part)
    part = learn.Tally()
    gc.collect()
    counts = tracemalloc.get_traced_memory()[0] if traced else _rss() - base
    sketches = []
    for folder, name, text in generated(root, n, pages):
        s = Sketch.of(text)
        if s.size >= MIN_SHINGLES:
            sketches.append((f"{folder}/{name}.txt", s))
    gc.collect()
    with_sketches = tracemalloc.get_traced_memory()[0] if traced else _rss() - base
    c = total.counts
    kept = sum(len(s.lines) for s in c.sites.values())
    return {"documents": n, "measured": "tracemalloc" if traced else "resident memory growth",
            "sites": len(c.sites), "hashed_lines": len(c.rare), "hash_array_bytes": c.rare.nbytes(),
            "kept_lines": kept, "counts_bytes": counts, "counts_bytes_per_doc": round(counts / n),
            "sketch_bytes_per_doc": round((with_sketches - counts) / n),
            "growth_every_1000": [(k, round(b / k)) for k, b in curve[:: max(1, len(curve) // 10)]],
            "seconds": round(time.monotonic() - began, 1)}


def _settings(args: argparse.Namespace) -> learn.Settings:
    """learn.Settings from --min-docs, --min-share and every --set NAME=VALUE."""
    s = learn.Settings(min_docs=args.min_docs, min_share=args.min_share)
    for item in args.set:
        name, value = item.split("=", 1)
        s = replace(s, **{name: type(getattr(s, name))(value)})
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/evaldata"))
    ap.add_argument("--half", default="write", choices=list(CHOICES))
    ap.add_argument("--inputs", default="naive_a,naive_b")
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--min-docs", type=int, default=learn.Settings.min_docs)
    ap.add_argument("--min-share", type=float, default=learn.Settings.min_share)
    ap.add_argument("--grid", help="K1,K2/F1,F2: every combination (overrides --min-docs/--min-share)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--worst", action="store_true", help="list the learned rules that removed the most gold words")
    ap.add_argument("--keep-packs", type=Path, help="write the learned packs here (to review them)")
    ap.add_argument("--generate", nargs=2, metavar=("N", "DIR"),
                    help="write a batch of N documents made of the write-half pages (see generated()) and stop")
    ap.add_argument("--memory", type=int, metavar="N", help="measure the counting pass's bytes per document on N generated documents and stop")
    ap.add_argument("--traced", action="store_true", help="with --memory: measure with tracemalloc (exact, slow)")
    ap.add_argument("--leftover", metavar="KIND", help="on sites with >= 5 pages, list the non-gold lines of KIND "
                    "(naive_a) that recur on >= 2 pages and why they were not learned, and stop")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="another learn.Settings field (label_words, label_docs, label_share, prose_factor, ...)")
    args = ap.parse_args(argv)
    if args.leftover:
        pool = multiprocessing.Pool(args.jobs) if args.jobs > 1 else None
        res = leftover(args.data, args.datasets.split(","), args.leftover, args.half, pool,
                       _settings(args))
        print(f"cruft words left on sites >= {BIG_SITE} pages: {res['cruft_words']}")
        for reason, w in res["words"].most_common():
            print(f"\n{reason}: {res['lines'][reason]} line keys, {w} words")
            for e in res["examples"][reason]:
                print(f"    {e}")
        return 0
    if args.generate:
        generate(args.data, int(args.generate[0]), Path(args.generate[1]))
        return 0
    if args.memory:
        print(json.dumps(memory(args.data, args.memory, args.traced)))
        return 0
    if args.grid:
        ks, fs = args.grid.split("/")
        grid = [(int(k), float(f)) for k in ks.split(",") for f in fs.split(",")]
    else:
        grid = [(args.min_docs, args.min_share)]
    pool = multiprocessing.Pool(args.jobs) if args.jobs > 1 else None
    try:
        fig = measure(args.data, args.datasets.split(","), args.inputs.split(","), args.half, grid, pool, args.keep_packs,
                      _settings(args))
    finally:
        if pool is not None:
            pool.close()
    print_report(fig, args.worst)
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
