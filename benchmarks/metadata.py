"""Score the metadata (title, authors, published date) against the fundus gold.

Reads ``<data>/fundus/meta_gold.jsonl`` with ``naive_a/<id>.txt`` (text route: ``cleaner.clean``)
and ``html/<id>.html.gz`` (HTML route: ``cleaner.pipeline.clean_html``) at run time; the data is
never copied into the repo. Scores are those of ``evaldata/README.md`` ("Metadata gold"):

- precision ("title P", "authors P", "date P"): of the fields the cleaner filled, the share that
  is right (title exact; every name; the day). A null field lowers recall, never precision.
- title: exact match after whitespace and case normalisation (invisible format characters such
  as soft hyphens and zero-width spaces dropped on both sides), and token F1 (``\\w+`` tokens,
  lower-cased, as multisets); a missing prediction scores 0.
- authors: as sets of names normalised for case, whitespace and diacritics; P, R and F1 micro
  over the pages (tp, predicted and gold names summed).
- date: accuracy at day level (the calendar day as written in the gold, i.e. its local day);
  at minute level on the pages whose gold has a time (a prediction without a time is wrong
  there; when both sides carry a UTC offset they are compared as instants, else wall clock).
- language: agreement with the publisher's language (``benchmarks/languages.py``: one entry a
  publisher, by its known language, not its country), primary subtags compared (Norwegian
  no = nb); a null language counts as a miss.

A null gold field means the publisher's parser does not produce it (unknown): that page is left
out of that field's score, never counted as "none". The "present in naive_a" row is the ceiling
of the text route: the share of gold items found at all in the naive_a text.

    python benchmarks/metadata.py [--data ../shared/evaldata] [--routes text,html] [--limit N]
        [--half write|check|all] [--jobs 2] [--json FILE] [--errors [FIELD]] [--guess-titles]

``--guess-titles`` turns on the cleaner's opt-in learned title fallback (``Options.guess_titles``,
``cleaner clean --guess-titles``): the default figures are the product's, these the opt-in's.

``--errors`` prints every wrong or missing field (``--errors title``: one field; fields title,
authors, date (the day), minute (the time, on pages whose gold has one), language): route, page id, field, expected, got, and the evidence the cleaner
gives for what it got (its ``fields_from``: rule ids, "html", "html lang", "identifier"), so a
wrong field can be traced to the rule that gave it.

``--half`` keeps the publishers of one half of the sites (``benchmarks/halves.py``, the same
split as quality.py): write metadata rules looking at ``write``, judge them on ``check``.

``--headlines`` scores the title alone on the datasets whose human gold starts with the page's
headline (``HEADLINE_DATASETS``: l3s-gn1, gold = headline span + full text): many more sites
than fundus's publishers, so a title error KIND shows up more than once. The gold title is the
first gold line when it has 3-30 words (a shorter or longer first line is taken as no headline:
the page is left out). Its text was stored with every non-ASCII character as "?", so both sides
are compared on their ASCII letters and digits only (``norm_loose``). Halves apply by host.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import time
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import CHOICES, select  # noqa: E402
from languages import PUBLISHER_LANGUAGE, same_language  # noqa: E402

REFERENCE = {  # evaldata/README.md, all 258 fundus pages, from the HTML
    "trafilatura 2.3.1 (html)": {"title_exact": 0.690, "authors_f1": 0.829, "date_day": 0.969, "date_minute": 0.744},
    "newspaper4k 0.9.6 (html)": {"title_exact": 0.713, "authors_f1": 0.662, "date_day": 0.977, "date_minute": 0.809},
}
TOKEN = re.compile(r"\w+")
FIELDS = ["title_exact", "title_p", "title_f1", "authors_p", "authors_r", "authors_f1", "date_day", "date_p", "date_minute",
          "language"]

_options = None
#: datasets whose gold text's first line is the page's headline (their meta.json: l3s-gn1's gold is
#: "x-nc-sel1 (headline) + x-nc-sel2 (full text)"); scrapinghub's gold has no headline, dragnet's and
#: cleaneval's first lines are not reliably one.
HEADLINE_DATASETS = ("l3s-gn1",)
HEADLINE_WORDS = (3, 30)


def norm_text(s: str) -> str:
    """Whitespace and case normalised; invisible format characters (soft hyphen, zero-width
    space: Unicode category Cf) dropped, on both sides, as white space is."""
    s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    return " ".join(s.split()).casefold()


def norm_loose(s: str) -> str:
    """ASCII letters and digits only, case-folded: the l3s-gn1 gold stored every non-ASCII
    character as "?" ("Kosovo?s" for "Kosovo's"), so punctuation and accents are left out."""
    return "".join(c for c in s.casefold() if c.isascii() and c.isalnum())


def norm_name(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.split()).casefold()


def token_f1(gold: str, pred: str | None) -> float:
    g, p = Counter(TOKEN.findall(gold.casefold())), Counter(TOKEN.findall((pred or "").casefold()))
    tp = sum((g & p).values())
    if not tp:
        return 0.0
    prec, rec = tp / sum(p.values()), tp / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def _parse(s: str | None) -> datetime | None:
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None


def date_scores(gold: dict, pred: str | None) -> tuple[int, int | None]:
    """(day correct, minute correct or None when the gold has no time)."""
    day = int(bool(pred) and pred[:10] == gold["publishing_date"][:10])
    if not gold.get("date_has_time"):
        return day, None
    g, p = _parse(gold["publishing_date"]), _parse(pred)
    if g is None or p is None or not (pred and "T" in pred):
        return day, 0
    if g.tzinfo is not None and p.tzinfo is not None:
        return day, int(g.replace(second=0, microsecond=0) == p.astimezone(g.tzinfo).replace(second=0, microsecond=0))
    return day, int(g.strftime("%Y-%m-%dT%H:%M") == p.strftime("%Y-%m-%dT%H:%M"))


def present(gold: dict, text: str) -> dict[str, Any]:
    """Which gold items appear at all in the text (whitespace and case normalised)."""
    t = norm_text(text)
    out: dict[str, Any] = {}
    if gold.get("title") is not None:
        out["title"] = int(norm_text(gold["title"]) in t)
    if gold.get("authors") is not None:
        tn = norm_name(text)
        out["authors"] = [int(norm_name(a) in tn) for a in gold["authors"]]
    if gold.get("publishing_date"):
        d = _parse(gold["publishing_date"])
        if d is not None:
            y, m, dd = d.year, d.month, d.day
            pats = [rf"{y}-0?{m}-0?{dd}\b", rf"\b0?{dd}[./]\s*0?{m}[./]\s*(?:{y}|{y % 100:02d})\b",
                    rf"\b0?{m}/0?{dd}/(?:{y}|{y % 100:02d})\b", rf"\b{y}[./年]\s*0?{m}[./月]\s*0?{dd}"]
            hit = any(re.search(p, text) for p in pats)
            if not hit and str(y) in text:  # month names in any language: day number and year close by
                hit = bool(re.search(rf"\b0?{dd}\b\.?[^\n\d]{{1,20}}{y}|[^\n\d]{{1,15}}\b0?{dd}\b,?\s*{y}", text))
            out["date"] = int(hit)
    return out


def score_one(gold: dict, meta: dict | None) -> dict[str, Any]:
    meta = meta or {}
    r: dict[str, Any] = {}
    if gold.get("title") is not None:
        pred = meta.get("title")
        norm = norm_loose if gold.get("lossy") else norm_text
        r["title_exact"] = int(pred is not None and norm(pred) == norm(gold["title"]))
        if pred is not None:
            r["title_p"] = r["title_exact"]
        r["title_f1"] = token_f1(gold["title"], pred)
    if gold.get("authors") is not None:
        g = {norm_name(a) for a in gold["authors"]}
        p = {norm_name(a) for a in (meta.get("authors") or []) if isinstance(a, str)}
        r["authors"] = (len(g & p), len(p), len(g))
    if gold.get("publishing_date"):
        r["date_day"], minute = date_scores(gold, meta.get("published"))
        if meta.get("published"):
            r["date_p"] = r["date_day"]
        if minute is not None:
            r["date_minute"] = minute
    if gold.get("publisher") in PUBLISHER_LANGUAGE:
        r["language"] = int(same_language(PUBLISHER_LANGUAGE[gold["publisher"]], meta.get("language")))
    return r


def _init(guess_titles: bool = False) -> None:
    global _options
    from cleaner import Options, load_rules

    _options = Options(load_rules(), guess_titles=guess_titles)


def work(job: tuple[str, dict, str]) -> dict[str, Any]:
    route, gold, root = job
    from cleaner.pipeline import clean, clean_html

    base = Path(root)
    meta: dict | None = None
    out: dict[str, Any] = {"id": gold["id"], "route": route}
    try:
        if route == "text":
            text = (base / "naive_a" / f"{gold['id']}.txt").read_text(encoding="utf-8")
            meta = clean(text, _options).metadata
            if not gold.get("lossy"):
                out["present"] = present(gold, text)
        else:
            data = (base / "html" / f"{gold['id']}.html.gz").read_bytes()
            meta = clean_html(data, _options, url=gold.get("url")).metadata
    except Exception as exc:  # NoContent, decode errors: the page scores as "nothing found"
        out["error"] = f"{type(exc).__name__}: {exc}"
    out["scores"] = score_one(gold, meta)
    out["pred"] = {k: (meta or {}).get(k) for k in ("title", "authors", "published", "language")}
    out["from"] = dict((meta or {}).get("fields_from") or {})
    out["conflicts"] = dict((meta or {}).get("conflicts") or {})
    out["gold"] = {"title": gold.get("title"), "authors": gold.get("authors"), "published": gold.get("publishing_date"),
                   "language": PUBLISHER_LANGUAGE.get(gold.get("publisher"))}
    return out


def aggregate(rows: list[dict]) -> dict[str, Any]:
    agg: dict[str, Any] = {}
    n: dict[str, int] = {}
    for f in ("title_exact", "title_p", "title_f1", "date_day", "date_p", "date_minute", "language"):
        vals = [r["scores"][f] for r in rows if f in r["scores"]]
        agg[f] = sum(vals) / len(vals) if vals else 0.0
        n[f] = len(vals)
    tp = sum(r["scores"]["authors"][0] for r in rows if "authors" in r["scores"])
    np_ = sum(r["scores"]["authors"][1] for r in rows if "authors" in r["scores"])
    ng = sum(r["scores"]["authors"][2] for r in rows if "authors" in r["scores"])
    p, rec = (tp / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
    agg.update(authors_p=p, authors_r=rec, authors_f1=2 * p * rec / (p + rec) if p + rec else 0.0)
    n["authors"] = sum(1 for r in rows if "authors" in r["scores"])
    agg["n"] = n
    agg["errors"] = sum(1 for r in rows if "error" in r)
    return agg


def ceiling(rows: list[dict]) -> dict[str, float]:
    pr = [r["present"] for r in rows if "present" in r]
    t = [x["title"] for x in pr if "title" in x]
    a = [v for x in pr for v in x.get("authors", [])]
    d = [x["date"] for x in pr if "date" in x]
    share = lambda v: sum(v) / len(v) if v else 0.0  # noqa: E731
    return {"title": share(t), "authors": share(a), "date": share(d)}


def outcomes(rows: list[dict]) -> dict[str, Counter]:
    """Per page, how each of title and authors came out: ``right``; ``wrong`` (a title that is not
    the gold's; an author list naming someone the gold does not); ``partial`` (authors: every name
    right, some missing); ``null`` (nothing given). A wrong value is worse than null (issue 16):
    this says which of the two a route's misses are."""
    out = {"title": Counter(), "authors": Counter()}
    for r in rows:
        s = r["scores"]
        if "title_exact" in s:
            out["title"]["null" if "title_p" not in s else "right" if s["title_exact"] else "wrong"] += 1
        if "authors" in s:
            tp, np_, ng = s["authors"]
            out["authors"]["null" if not np_ else "wrong" if tp < np_ else "right" if tp == ng else "partial"] += 1
    return out


# --errors: field name -> (score key, record key)
ERROR_FIELDS = {"title": ("title_exact", "title"), "authors": ("authors", "authors"),
                "date": ("date_day", "published"), "minute": ("date_minute", "published"),
                "language": ("language", "language")}


def errors(rows: list[dict], fields: list[str]) -> list[dict[str, Any]]:
    """The wrong or missing fields of the scored pages: route, id, field, expected, got, from."""
    out = []
    for x in rows:
        s = x["scores"]
        for name in fields:
            key, rec = ERROR_FIELDS[name]
            if key not in s:
                continue  # unknown gold: not scored
            bad = (s[key][0] != s[key][1] or s[key][0] != s[key][2]) if key == "authors" else not s[key]
            if bad:
                got = x["pred"].get(rec)
                src = x.get("from", {}).get(rec) if got else None
                other = {k: v for k, v in x.get("conflicts", {}).get(rec, {}).items() if k != src}
                out.append({"route": x["route"], "id": x["id"], "field": name, "expected": x["gold"].get(rec),
                            "got": got, "from": src, "other": other, "error": x.get("error")})
    return out


def print_errors(rows: list[dict], fields: list[str]) -> None:
    errs = errors(rows, fields)
    print(f"\n{len(errs)} wrong or missing fields ({', '.join(fields)}); 'from' is the cleaner's fields_from "
          "(rule ids, html, html lang, identifier), '-' when nothing was given; 'overruled' the other evidence's "
          "value when the HTML route had a conflict")
    print("| route | page | field | expected | got | from | overruled |")
    print("|---|---|---|---|---|---|---|")
    cell = lambda v: "null" if v is None else (json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v)  # noqa: E731
    for e in errs:
        got = cell(e["got"]) + (f" ({e['error']})" if e["error"] else "")
        other = "; ".join(f"{k}: {cell(v)}" for k, v in e["other"].items()) or "-"
        print(f"| {e['route']} | {e['id']} | {e['field']} | {cell(e['expected'])} | {got} | {e['from'] or '-'} | {other} |")


def headline_golds(data: Path, half: str) -> list[tuple[dict, Path]]:
    """(gold, dataset root) per page of ``HEADLINE_DATASETS`` in the half whose first gold line
    is headline-shaped (``HEADLINE_WORDS``); title only, the other fields unknown."""
    out = []
    lo, hi = HEADLINE_WORDS
    for name in HEADLINE_DATASETS:
        root = data / name
        if not (root / "docs.jsonl").exists():
            continue
        docs = [json.loads(x) for x in (root / "docs.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
        keep = set(select(data, name, [d["id"] for d in docs], half))
        for d in docs:
            gold_file = root / "gold" / f"{d['id']}.txt"
            if d["id"] not in keep or not gold_file.exists():
                continue
            first = next((x.strip() for x in gold_file.read_text(encoding="utf-8").splitlines() if x.strip()), "")
            if lo <= len(first.split()) <= hi:
                out.append(({"id": d["id"], "url": d.get("url"), "title": first, "lossy": True,
                             "authors": None, "publishing_date": None, "publisher": None}, root))
    return out


def run_jobs(jobs: list[tuple[str, dict, str]], n_jobs: int, guess_titles: bool = False) -> tuple[list[dict], float]:
    """Score every (route, gold, root) job, in a pool of ``n_jobs`` processes when more than one; rows and seconds.
    ``guess_titles``: the cleaner's opt-in learned title fallback (Options.guess_titles) on."""
    t0 = time.perf_counter()
    if n_jobs > 1:
        with multiprocessing.Pool(n_jobs, initializer=_init, initargs=(guess_titles,)) as pool:
            rows = pool.map(work, jobs, chunksize=4)
    else:
        _init(guess_titles)
        rows = [work(j) for j in jobs]
    return rows, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/evaldata"))
    ap.add_argument("--routes", default="text,html", help="text (naive_a), html, comma separated")
    ap.add_argument("--limit", type=int, default=None, help="at most N pages")
    ap.add_argument("--half", choices=CHOICES, default="all",
                    help="the pages of one half of the sites (benchmarks/halves.py); default all")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    ap.add_argument("--json", type=Path, default=None, help="write per-page predictions and scores")
    ap.add_argument("--errors", nargs="?", const="all", default=None, choices=("all",) + tuple(ERROR_FIELDS),
                    help="print the wrong and missing fields (or those of one field): page, expected, got, evidence")
    ap.add_argument("--headlines", action="store_true",
                    help="score the title against the headline that starts the gold of " + ", ".join(HEADLINE_DATASETS)
                    + " (by half; the other fields are not scored)")
    ap.add_argument("--guess-titles", action="store_true",
                    help="with the opt-in learned title fallback (Options.guess_titles, `cleaner clean --guess-titles`)")
    args = ap.parse_args(argv)
    if args.headlines:
        return headlines_main(args)

    root = args.data / "fundus"
    gold_file = root / "meta_gold.jsonl"
    if not gold_file.exists():
        print(f"skipped: {gold_file} not found (the fundus metadata gold is not available)")
        return 0
    golds = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    keep = set(select(args.data, "fundus", [g["id"] for g in golds], args.half))
    golds = [g for g in golds if g["id"] in keep]
    if args.limit:
        golds = golds[: args.limit]
    routes = [r.strip() for r in args.routes.split(",") if r.strip()]
    rows, secs = run_jobs([(route, g, str(root)) for route in routes for g in golds], args.jobs, args.guess_titles)

    by_route = {r: [x for x in rows if x["route"] == r] for r in routes}
    results = {r: aggregate(v) for r, v in by_route.items()}
    print(f"fundus metadata, half: {args.half}: {len(golds)} pages, {secs:.1f} s, {args.jobs} jobs"
          + (", --guess-titles" if args.guess_titles else ""))
    any_n = next(iter(results.values()))["n"] if results else {}
    print("scored pages (null gold = unknown, left out): "
          + ", ".join(f"{k} {v}" for k, v in any_n.items()))
    head = ["system", "title exact", "title P", "title F1", "authors P", "authors R", "authors F1", "date day", "date P",
            "date minute", "language"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    label = {"text": "cleaner, text route (clean on naive_a)", "html": "cleaner, HTML route (clean_html)"}
    for r, a in results.items():
        cells = [f"{a[f]:.3f}" for f in FIELDS]
        print(f"| {label.get(r, r)} | " + " | ".join(cells) + " |" + (f" ({a['errors']} pages failed)" if a["errors"] else ""))
    for name, ref in REFERENCE.items():
        cells = [f"{ref[f]:.3f}" if f in ref else "–" for f in FIELDS]
        print(f"| {name}, README, 258 pages | " + " | ".join(cells) + " |")
    if "text" in by_route:
        c = ceiling(by_route["text"])
        print(f"| present in naive_a at all (text-route ceiling) | {c['title']:.3f} | – | – | – | {c['authors']:.3f} | – "
              f"| {c['date']:.3f} | – | – | – |")

    print("\npages by outcome (wrong: a value the gold does not have; null: none given; partial: authors all right, some missing)")
    print("| route | title right | title wrong | title null | authors right | authors partial | authors wrong | authors null |")
    print("|---|---|---|---|---|---|---|---|")
    for r, v in by_route.items():
        o = outcomes(v)
        t, a = o["title"], o["authors"]
        print(f"| {r} | {t['right']} | {t['wrong']} | {t['null']} | {a['right']} | {a['partial']} | {a['wrong']} | {a['null']} |")

    if args.errors:
        print_errors(rows, list(ERROR_FIELDS) if args.errors == "all" else [args.errors])
    if args.json:
        args.json.write_text(json.dumps({"results": results, "rows": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def headlines_main(args: argparse.Namespace) -> int:
    """``--headlines``: the title of each route against the gold's headline line."""
    pages = headline_golds(args.data, args.half)
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        print(f"skipped: none of {', '.join(HEADLINE_DATASETS)} found under {args.data}")
        return 0
    routes = [r.strip() for r in args.routes.split(",") if r.strip()]
    rows, secs = run_jobs([(route, g, str(root)) for route in routes for g, root in pages], args.jobs, args.guess_titles)
    print(f"headline titles ({', '.join(HEADLINE_DATASETS)}), half: {args.half}: {len(pages)} pages whose gold starts "
          f"with a {HEADLINE_WORDS[0]}-{HEADLINE_WORDS[1]} word line, {secs:.1f} s, {args.jobs} jobs"
          + (", --guess-titles" if args.guess_titles else ""))
    print("| route | title exact | title P | title F1 | right | wrong | null |")
    print("|---|---|---|---|---|---|---|")
    for r in routes:
        v = [x for x in rows if x["route"] == r]
        a, t = aggregate(v), outcomes(v)["title"]
        print(f"| {r} | {a['title_exact']:.3f} | {a['title_p']:.3f} | {a['title_f1']:.3f} | {t['right']} | {t['wrong']} "
              f"| {t['null']} |")
    if args.errors:
        print_errors(rows, ["title"])
    if args.json:
        args.json.write_text(json.dumps({"rows": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
