"""The language of each fundus dev publisher, and language identifiers measured side by side.

The fundus data (``<data>/fundus/docs.jsonl``) gives each page a publisher and the country the
fundus project files it under. A country is not a language (Switzerland, Belgium, Canada,
Luxembourg, South Africa, a German paper on Mallorca or in South Tyrol), so the expected language
is the **publisher's** known language, one entry a publisher in ``PUBLISHER_LANGUAGE`` below,
written from what each publisher is (its edition, the language of the site the pages come from),
not from the pages' markup or any identifier. Where the country's main language differs, the
entry says why. ``docs.jsonl``'s own ``language`` column agrees with this table on every page.

Codes are compared by ``same_language``: primary subtag, lower-cased, with a macrolanguage and
its one written standard taken as the same (Norwegian ``no`` = Bokmål ``nb``, as the two
Norwegian papers write Bokmål) and the identifiers' old ISO codes read as today's
(``iw`` = ``he``, ``in`` = ``id``, ``jw`` = ``jv``).

Run as a script, it scores language identifiers on the clean text of both routes (``clean`` on
``naive_a``, ``clean_html`` on the page) against the table: agreement, time per document, and
the ones installed are reported (install them into the venv, or point PYTHONPATH at a
``pip install --target`` folder, to measure)::

    python benchmarks/languages.py [--data ../shared/evaldata] [--half all|write|check]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import CHOICES, select  # noqa: E402

PUBLISHER_LANGUAGE = {
    # Austria, Germany, Liechtenstein: German
    "DiePresse": "de", "SalzburgerNachrichten": "de", "Landesspiegel": "de",
    "AFPFaktencheck": "de",  # faktencheck.afp.com: AFP's German fact-check edition
    "BerlinerMorgenpost": "de", "BerlinerZeitung": "de", "BoersenZeitung": "de", "Correctiv": "de",
    "DW": "de",  # dw.com has 30 languages; fundus's DW parser is filed under de and reads /de/
    "DieZeit": "de", "EuronewsDE": "de", "FAZ": "de", "FrankfurterRundschau": "de", "Gamestar": "de",
    "HamburgerAbendblatt": "de", "Heise": "de", "Hessenschau": "de", "KlasseGegenKlasse": "de", "MDR": "de",
    "Merkur": "de", "MitteldeutscheZeitung": "de", "NDR": "de", "NTV": "de", "Postillon": "de",
    "RheinischePost": "de", "RuhrNachrichten": "de", "SZ": "de", "SpiegelOnline": "de", "SportSchau": "de",
    "StuttgarterZeitung": "de", "Tagesschau": "de", "Taz": "de", "VogueDE": "de", "WAZ": "de",
    "WinFuture": "de", "ZDF": "de",
    # Switzerland (four national languages): these three are the German-language outlets
    "SRF": "de", "TagesAnzeiger": "de",
    "ZwanzigMinuten": "de",  # 20min.ch without /fr/: the German edition
    # Luxembourg (Luxembourgish, French, German): both papers' pages here are their German articles
    "LuxemburgerWort": "de", "Tageblatt": "de",
    # German-language papers outside German-speaking countries
    "MallorcaMagazin": "de",  # Spain: German weekly on Mallorca
    "Tageszeitung": "de",  # Italy: Neue Südtiroler Tageszeitung, South Tyrol
    # Canada (English, French): both English-language
    "CBCNews": "en", "NationalPost": "en",
    "People": "zh",  # People's Daily, Simplified Chinese
    "ABC": "es", "ElDiario": "es", "ElMundo": "es", "ElPais": "es",
    "LeMonde": "fr",
    "Sermitsiaq": "da",  # Greenland: sermitsiaq.ag writes Danish (Greenlandic in print; fundus's default says kl)
    "MediaIndonesia": "id",
    "TimesOfIndia": "en",  # India: English-language daily
    "CorriereDellaSera": "it",
    "AsahiShimbun": "ja", "NikkanGeadai": "ja",
    "MBN": "ko",
    "LesothoTimes": "en",  # Lesotho: English-language weekly
    "LRT": "lt",  # lrt.lt/naujienos: the Lithuanian service (lrt.lt/en is the English one)
    "MexicoNewsDaily": "en",  # Mexico: English-language news site
    "MalayMail": "en",  # Malaysia: English-language daily
    "TheNamibian": "en",
    "Dagbladet": "no", "VerdensGang": "no",  # Norwegian Bokmål (same_language: no = nb)
    "ThePortugalNews": "en",  # Portugal: English-language weekly
    "Kommersant": "ru",
    "Aftonbladet": "sv", "Expressen": "sv",
    "Haberturk": "tr", "NTVTR": "tr",
    "BBC": "en", "DailyStar": "en", "Metro": "en", "Nature": "en", "TechRadar": "en", "TheIndependent": "en",
    "TheTelegraph": "en",
    "APNews": "en", "CNBC": "en", "LATimes": "en", "OccupyDemocrats": "en", "RestOfWorld": "en", "Reuters": "en",
    "RollingStone": "en", "VoiceOfAmerica": "en", "WashingtonPost": "en", "WashingtonTimes": "en", "WorldTruth": "en",
    # South Africa (twelve official languages): by publisher
    "DailyMaverick": "en", "TimesLive": "en",
    "Dizindaba": "xh",  # isiXhosa news site (its <html lang> says en)
    "EyethuNews": "zu",  # isiZulu news site (its <html lang> says en)
}

_OLD = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "nb": "no"}


def primary(code: str | None) -> str | None:
    """The comparable primary subtag: 'de-CH' -> 'de', 'nb' -> 'no', 'iw' -> 'he'."""
    if not code:
        return None
    p = code.replace("_", "-").split("-")[0].lower()
    return _OLD.get(p, p)


def same_language(expected: str, got: str | None) -> bool:
    return got is not None and primary(expected) == primary(got)


def expected_language(doc: dict) -> str:
    """The expected language of one docs.jsonl row (KeyError for a publisher not in the table)."""
    return PUBLISHER_LANGUAGE[doc["publisher"]]


def load_docs(data: Path, half: str = "all") -> list[dict]:
    path = data / "fundus" / "docs.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    keep = set(select(data, "fundus", [d["id"] for d in docs], half))
    return [d for d in docs if d["id"] in keep]


# --- identifiers measured (each: a loader returning text -> code or None) ---------------------


def _pycld2():
    import pycld2

    def ident(text: str) -> str | None:
        try:
            reliable, _, details = pycld2.detect(text)
        except pycld2.error:
            return None
        return details[0][1] if reliable and details[0][1] != "un" else None

    return ident


def _py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def ident(text: str) -> str | None:
        lang, prob = model.classify(text)
        return lang if prob >= 0.9 else None

    return ident


def _lingua():
    from lingua import LanguageDetectorBuilder

    det = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def ident(text: str) -> str | None:
        lang = det.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang is not None else None

    return ident


def _cleaner():
    from cleaner.language import identify

    return identify


IDENTIFIERS = {"pycld2": _pycld2, "py3langid": _py3langid, "lingua": _lingua, "cleaner.language": _cleaner}


def _texts(job: tuple[str, str]) -> dict:
    doc_id, root = job
    from cleaner.pipeline import clean, clean_html

    base = Path(root)
    out = {"id": doc_id}
    try:
        out["text"] = clean((base / "naive_a" / f"{doc_id}.txt").read_text(encoding="utf-8")).text
    except Exception:  # noqa: BLE001
        out["text"] = ""
    try:
        out["html"] = clean_html((base / "html" / f"{doc_id}.html.gz").read_bytes()).text
    except Exception:  # noqa: BLE001
        out["html"] = ""
    return out


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    ap = argparse.ArgumentParser(description="Language identifiers side by side on the fundus dev pages.")
    ap.add_argument("--data", type=Path, default=Path("../shared/evaldata"))
    ap.add_argument("--half", choices=CHOICES, default="all")
    ap.add_argument("--identifiers", default=",".join(IDENTIFIERS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--misses", action="store_true", help="print each identifier's misses")
    ap.add_argument("--words", type=int, default=None,
                    help="cut each clean text to its first N words (\\S+ runs): the identifiers on short texts")
    args = ap.parse_args(argv)
    if not (args.data / "fundus" / "docs.jsonl").exists():
        print("skipped: fundus data not found")
        return 0
    docs = load_docs(args.data, args.half)
    with multiprocessing.Pool(args.jobs) as pool:
        texts = {t["id"]: t for t in pool.map(_texts, [(d["id"], str(args.data / "fundus")) for d in docs])}
    if args.words:
        for t in texts.values():
            for route in ("text", "html"):
                t[route] = " ".join(t[route].split()[: args.words])
    cut = f", first {args.words} words of each text" if args.words else ""
    print(f"fundus, half {args.half}: {len(docs)} pages{cut}; agreement with the publisher's language "
          "(a null answer counts as a miss); time per document in ms (load time apart)")
    print("| identifier | text route (naive_a) | html route | null answers | ms/doc | load s |")
    print("|---|---|---|---|---|---|")
    for name in args.identifiers.split(","):
        try:
            t0 = time.perf_counter()
            ident = IDENTIFIERS[name]()
            load = time.perf_counter() - t0
        except ImportError as exc:
            print(f"| {name} | not installed ({exc}) | | | | |")
            continue
        hits = {"text": 0, "html": 0}
        nulls, n, spent, misses = 0, 0, 0.0, []
        for d in docs:
            want = expected_language(d)
            for route in ("text", "html"):
                t0 = time.perf_counter()
                got = ident(texts[d["id"]][route])
                spent += time.perf_counter() - t0
                n += 1
                nulls += got is None
                if same_language(want, got):
                    hits[route] += 1
                else:
                    misses.append(f"  {name} [{route}] {d['id']}: expected {want}, got {got}")
        print(f"| {name} | {hits['text'] / len(docs):.3f} | {hits['html'] / len(docs):.3f} | {nulls} of {n} "
              f"| {1000 * spent / n:.2f} | {load:.2f} |")
        if args.misses:
            print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
