"""Rule-stage speed with a grown phrase lexicon, side by side with another commit (issue 13, item 1).

Generates a synthetic pack of N phrases (default 10,000: made-up words in Latin, Cyrillic and
CJK scripts over a dozen languages, spread over four rules with every phrase_tail / phrase_lead
kind) into a temporary folder, extracts the base commit's `cleaner` and `rules` there
(`git archive`), and times the rule stage exactly as `benchmarks/speed.py --modes rule` does
(`engine.run` on pre-split lines of the generated corpus, keyword prefilter on), alternating
base and this working copy round by round (ABBA), each run in a fresh process:

  base  - the base commit's code with its built-in rules
  new   - this working copy's code with its built-in rules plus the synthetic pack

and prints CPU seconds and MB/s per core (medians) and new/base. The phrase index's per-line
cache is emptied after the warm-up run, so the timed run looks every line up afresh (as a
corpus whose lines never repeat would). Nothing it generates is kept
unless --keep is given.

    python benchmarks/phrases_speed.py [--base main] [--phrases 10000] [--docs 2000] [--rounds 6]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import io
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LANGS = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "tr", "zh", "ja"]
# (rule, phrase_tail, phrase_lead, share of the phrases); "any" rules take at most 12 words after
RULES = [("none", "none", None, 0.4), ("counter", "counter", None, 0.2),
         ("lead", "counter", "counter", 0.1), ("any", "any", None, 0.3)]
_CONS = "bcdfghklmnprstvz"
_VOWELS = "aeiouy"
_CYR = "бвгдклмнпрст"
_CYR_V = "аеиоу"
_HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
_KANA = [chr(c) for c in range(0x30A2, 0x30F3)]

TIMER = r"""
import importlib.util, json, sys, time
root, speed_py, docs, seed, extra = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
sys.path.insert(0, root)
from cleaner import Options, load_rules, engine
from cleaner.decode import normalise
from cleaner.segment import split_lines
assert engine.__file__.startswith(root), engine.__file__
spec = importlib.util.spec_from_file_location("speed_corpus", speed_py)
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
texts = mod.corpus(docs, seed)
opts = Options(load_rules(extra))
pf = opts._prefilter
split = [split_lines(normalise(d)) for d in texts]
removed = {}
for lines in split:  # warm-up: caches, lazy patterns, the phrase index
    for r in engine.run(opts.rules, lines, pf).removed:
        removed[r.rule] = removed.get(r.rule, 0) + 1
index = getattr(engine._plan(opts.rules), "phrases", None)
if index is not None:
    index._cache.clear()  # no line's answer from the warm-up: every line looked up afresh
t0 = time.process_time(); w0 = time.perf_counter()
for lines in split:
    engine.run(opts.rules, lines, pf)
cpu = time.process_time() - t0; wall = time.perf_counter() - w0
mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
phrases = sum(len(ps) for r in opts.rules.rules for _, ps in getattr(r, "phrases", ()))
print(json.dumps({"cpu": cpu, "wall": wall, "mb": mb, "rules": len(opts.rules.rules), "phrases": phrases,
                  "removed": removed}))
"""


def _word(rng: random.Random, lang: str) -> str:
    if lang == "ru":
        return "".join(rng.choice(_CYR) + rng.choice(_CYR_V) for _ in range(rng.randint(2, 4)))
    base = "".join(rng.choice(_CONS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 4)))
    if lang in ("de", "fr", "es", "pt", "pl", "tr") and rng.random() < 0.3:
        base += rng.choice({"de": "äöüß", "fr": "éèç", "es": "ñá", "pt": "ãç", "pl": "łż", "tr": "ışğ"}[lang])
    return base


def phrase(rng: random.Random, lang: str) -> str:
    if lang == "zh":
        return "".join(rng.choice(_HAN) for _ in range(rng.randint(2, 6)))
    if lang == "ja":
        return "".join(rng.choice(_KANA + _HAN) for _ in range(rng.randint(3, 7)))
    words = [_word(rng, lang) for _ in range(rng.randint(1, 4))]
    return " ".join(words).capitalize()


def write_pack(folder: Path, n: int, seed: int) -> int:
    """The synthetic pack: pack.toml plus phrases/<rule>/<lang>.txt; returns the phrase count."""
    sys.path.insert(0, str(ROOT))
    from cleaner.phrases import normalise
    from cleaner.ruleset import load_rules

    taken = {p for r in load_rules().rules for _, ps in r.phrases for p in ps}
    rng = random.Random(seed)
    toml = ['[pack]\nprefix = "ZS"\nsummary = "Synthetic phrase lexicons (benchmarks/phrases_speed.py)."\norder = 3\n']
    total = 0
    for k, (name, tail, lead, share) in enumerate(RULES):
        want = int(n * share) if k < len(RULES) - 1 else n - total
        per_lang: dict[str, list[str]] = {lang: [] for lang in LANGS}
        made = 0
        while made < want:
            lang = LANGS[made % len(LANGS)]
            p = phrase(rng, lang)
            key = normalise(p)
            if not key or key in taken:
                continue
            taken.add(key)
            per_lang[lang].append(p)
            made += 1
        total += made
        for lang, ps in per_lang.items():
            d = folder / "phrases" / name
            d.mkdir(parents=True, exist_ok=True)
            (d / f"{lang}.txt").write_text(f"# synthetic {name} phrases\n" + "\n".join(ps) + "\n", encoding="utf-8")
        first = per_lang["en"][0]
        extra = ""
        if tail != "none":
            extra += f'phrase_tail = "{tail}"\n'
        if lead:
            extra += f'phrase_lead = "{lead}"\n'
        if tail == "any":
            extra += "phrase_tail_max_words = 12\n"
        toml.append(
            f'[[rule]]\nid = "ZS{k + 1:03d}"\nname = "synthetic-{name}"\nsummary = "Synthetic phrases."\n'
            f'why = "Benchmark."\nscope = "line"\naction = "drop"\n{extra}'
            f'phrase_files = ["phrases/{name}"]\n'
            f'[[rule.example]]\nmatch = "{first}"\n[[rule.example]]\n'
            f'no_match = "The minister said on Tuesday that the plan would go ahead."\n'
        )
    (folder / "pack.toml").write_text("\n".join(toml), encoding="utf-8")
    return total


def extract(ref: str, dest: Path) -> None:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "cleaner", "rules"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")


def run_one(root: Path, docs: int, seed: int, extra: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONHASHSEED="0")
    out = subprocess.run([sys.executable, "-c", TIMER, str(root), str(ROOT / "benchmarks" / "speed.py"),
                          str(docs), str(seed), *extra], capture_output=True, text=True, env=env, cwd=str(root))
    if out.returncode:
        raise SystemExit(f"phrases_speed: the timing run in {root} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default="main", help="commit to compare with (git archive of cleaner/ and rules/)")
    ap.add_argument("--phrases", type=int, default=10000)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=6, help="runs per side, alternating ABBA")
    ap.add_argument("--keep", type=Path, help="write the synthetic pack here and keep it")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="phrases-speed-") as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        extract(args.base, base)
        pack = args.keep or Path(tmp) / "pack"
        pack.mkdir(parents=True, exist_ok=True)
        n = write_pack(pack, args.phrases, args.seed)
        print(f"synthetic pack: {n} phrases in {len(RULES)} rules, {len(LANGS)} languages ({pack})")
        sides = {"base": (base, []), "new": (ROOT, [str(pack)])}
        runs: dict[str, list[dict]] = {"base": [], "new": []}
        load0 = os.getloadavg()[0]
        for k in range(args.rounds):
            order = ["base", "new"] if k % 2 == 0 else ["new", "base"]
            for side in order:
                root, extra = sides[side]
                res = run_one(root, args.docs, args.seed, extra)
                runs[side].append(res)
                print(f"  round {k + 1} {side:<4} {res['cpu']:.3f} CPU s  {res['mb'] / res['cpu']:.2f} MB/s per core",
                      flush=True)
        load1 = os.getloadavg()[0]
    mb = runs["base"][0]["mb"]
    print(f"\ncorpus: speed.py --docs {args.docs} --seed {args.seed}, {mb:.2f} MB; load avg {load0:.2f} -> {load1:.2f}")
    med = {}
    for side in ("base", "new"):
        cpus = [r["cpu"] for r in runs[side]]
        med[side] = statistics.median(cpus)
        last = runs[side][-1]
        print(f"{side:<5} {last['rules']} rules, {last['phrases']} phrases: CPU min {min(cpus):.3f} / median "
              f"{med[side]:.3f} s -> {mb / med[side]:.2f} MB/s per core (median), {mb / min(cpus):.2f} (min)")
    ratio = med["base"] / med["new"]
    print(f"new / base rule-stage MB/s: {ratio:.3f} (median), "
          f"{min(r['cpu'] for r in runs['base']) / min(r['cpu'] for r in runs['new']):.3f} (min); "
          f"target >= 0.90: {'met' if ratio >= 0.9 else 'NOT met'}")
    hits = {k: v for k, v in runs["new"][-1]["removed"].items() if k.startswith(("UI", "ZS"))}
    print(f"phrase rules' removals on the corpus (new): {hits or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
