"""Phrase lexicon coverage: a table of phrase counts, rule (with its kind folders) x language.

Issue 13, item 2: the lexicons should cover every kind in the languages of the pages (en de fr
es it pt nl pl cs ru uk tr sv nb da ja ko zh). This prints, for every rule that carries phrases
(inline [rule.phrases] and phrase_files), how many normalised phrases it has per language, and
marks the holes: languages with fewer than --min phrases (default 3) in a rule that has at
least --min in English. It reads the loaded rules (so phrases are counted after normalisation
and de-duplication), never the pages.

    python benchmarks/lexicon_table.py [--min 3] [--rules UI001,UI006] [--holes-only] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.ruleset import builtin_rules_dir, load_rules, read_toml  # noqa: E402

LANGS = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "ru", "uk", "tr", "sv", "nb", "da", "ja", "ko", "zh"]


def _kinds() -> dict[str, list[str]]:
    """Rule id -> the phrase folders it names (the kinds), read from the built-in packs."""
    out: dict[str, list[str]] = {}
    for path in sorted(builtin_rules_dir().glob("*.toml")):
        for raw in read_toml(path).get("rule", []):
            folders = raw.get("phrase_files", [])
            out[raw.get("id", "")] = [f.rstrip("/").split("/")[-1] for f in folders]
    return out


def table(rule_ids: set[str] | None = None) -> list[dict]:
    """One row per rule with phrases: id, kind folders, per-language counts (mul and others
    under their own codes), total."""
    rows = []
    kinds = _kinds()
    for rule in load_rules(include_opt_in=True).rules:
        if not rule.phrases or (rule_ids and rule.id not in rule_ids):
            continue
        counts = {lang: len(ps) for lang, ps in rule.phrases}
        rows.append({
            "id": rule.id,
            "kinds": kinds.get(rule.id) or ["inline"],
            "counts": counts,
            "total": sum(counts.values()),
        })
    return rows


def holes(row: dict, minimum: int) -> list[str]:
    """The languages below `minimum` phrases in a rule that has at least `minimum` in English
    (or in any language, for a rule with none in English)."""
    c = row["counts"]
    ref = c.get("en", max(c.values(), default=0))
    if ref < minimum:
        return []
    return [lang for lang in LANGS if c.get(lang, 0) < minimum]


def main(argv: list[str] | None = None) -> int:
    """Print the table (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min", type=int, default=3, help="a language below this many phrases is a hole")
    ap.add_argument("--rules", default="", help="comma-separated rule ids (default: all with phrases)")
    ap.add_argument("--holes-only", action="store_true", help="only rows with holes")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    ids = {r.strip() for r in args.rules.split(",") if r.strip()} or None
    rows = table(ids)
    if args.json:
        for r in rows:
            r["holes"] = holes(r, args.min)
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    head = f"{'rule':<7}{'kind':<22}" + "".join(f"{lang:>5}" for lang in LANGS) + f"{'mul':>5}{'total':>7}  holes"
    print(head)
    totals = dict.fromkeys(LANGS + ["mul"], 0)
    nholes = 0
    for r in rows:
        h = holes(r, args.min)
        for lang in totals:
            totals[lang] += r["counts"].get(lang, 0)
        if args.holes_only and not h:
            continue
        nholes += len(h)
        kind = ",".join(r["kinds"])[:21]
        cells = "".join(f"{r['counts'].get(lang, 0):>5}" for lang in LANGS)
        print(f"{r['id']:<7}{kind:<22}{cells}{r['counts'].get('mul', 0):>5}{r['total']:>7}  {' '.join(h)}")
    print(f"{'all':<29}" + "".join(f"{totals[lang]:>5}" for lang in LANGS) + f"{totals['mul']:>5}{sum(totals.values()):>7}")
    print(f"{len(rows)} rules with phrases; {nholes} holes (language < {args.min} phrases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
