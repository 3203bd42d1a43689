"""Rule-stage speed of several checkouts side by side, each run in a fresh process (A/B/C...).

Each side is NAME=ROOT, a folder holding a `cleaner` package and its `rules/` (a worktree, or a
`git archive` of cleaner and rules). Every run imports that side's cleaner first, then this
checkout's benchmarks/speed.py (so all sides time the same generated corpus with the same
`build_runners`/`time_modes` as `speed.py --modes rule`: warm-up run, then --repeat timed runs).
Rounds rotate the order of the sides. Prints CPU seconds (min / median over all timed runs)
and MB/s per core.

    python benchmarks/rule_ab.py base=/work/wt-base main=/work/main new=. --rounds 4
    python benchmarks/rule_ab.py new=. --per-rule 15     # time per rule application, top 15
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TIMER = r"""
import importlib.util, json, sys, time, collections
root, speed_py, docs, seed, repeat, per_rule = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
evaldata, inputs, mode = sys.argv[7], sys.argv[8], sys.argv[9]
sys.path.insert(0, root)
import cleaner
from cleaner import engine
assert engine.__file__.startswith(root), engine.__file__
spec = importlib.util.spec_from_file_location("speed_bench", speed_py)
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
assert mod.engine is engine
from pathlib import Path
texts = mod.eval_texts(Path(evaldata), inputs, docs) if evaldata else mod.corpus(docs, seed)
mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
runners, _ = mod.build_runners(texts, [mode])
runners["rule"] = runners[mode]
if per_rule:
    spent = collections.Counter(); calls = collections.Counter()
    inner = engine._apply_rule
    clock = time.perf_counter
    def timed(rule, st, only=None):
        t0 = clock()
        try:
            return inner(rule, st, only)
        finally:
            spent[rule.id] += clock() - t0; calls[rule.id] += 1
    runners["rule"]()  # warm-up without the wrapper
    engine._apply_rule = timed
    t0 = clock(); runners["rule"](); total = clock() - t0
    print(json.dumps({"total": total, "mb": mb, "spent": spent, "calls": calls}))
else:
    cpu, wall = mod.time_modes(runners, repeat)
    print(json.dumps({"cpu": cpu["rule"], "wall": wall["rule"], "mb": mb}))
"""


def run_one(root: Path, args: argparse.Namespace, per_rule: int = 0) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("PYTHONPATH", None)
    out = subprocess.run([sys.executable, "-c", TIMER, str(root), str(ROOT / "benchmarks" / "speed.py"),
                          str(args.docs), str(args.seed), str(args.repeat), str(per_rule),
                          str(args.evaldata or ""), args.inputs, args.mode],
                         capture_output=True, text=True, env=env, cwd=str(root))
    if out.returncode:
        raise SystemExit(f"rule_ab: the run in {root} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sides", nargs="+", help="NAME=ROOT")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=2, help="timed runs per process (after one warm-up)")
    ap.add_argument("--evaldata", type=Path, help="time the write-half texts of --inputs under this folder "
                    "(speed.py --evaldata) instead of the generated corpus")
    ap.add_argument("--inputs", default="naive_b")
    ap.add_argument("--mode", default="rule", help="rule (the rule stage) or e2e (the whole clean)")
    ap.add_argument("--per-rule", type=int, default=0, metavar="N",
                    help="instead: one run per side with each rule application timed; print the top N rules")
    args = ap.parse_args(argv)
    sides = {}
    for s in args.sides:
        name, _, root = s.partition("=")
        sides[name] = Path(root).resolve()

    if args.per_rule:
        for name, root in sides.items():
            res = run_one(root, args, args.per_rule)
            total = res["total"]
            print(f"{name}: rule stage {total:.3f} s wall (one run, per-rule timers on), {res['mb'] / total:.2f} MB/s")
            top = sorted(res["spent"].items(), key=lambda kv: -kv[1])[: args.per_rule]
            for rid, t in top:
                print(f"  {rid:<8} {t:7.3f} s  {t / total:6.1%}  ({res['calls'][rid]} applications)")
        return 0

    runs: dict[str, list[float]] = {n: [] for n in sides}
    names = list(sides)
    load0 = os.getloadavg()[0]
    mb = 0.0
    for k in range(args.rounds):
        order = names[k % len(names):] + names[: k % len(names)]
        for name in order:
            res = run_one(sides[name], args)
            mb = res["mb"]
            runs[name] += res["cpu"]
            print(f"  round {k + 1} {name:<6} " + " ".join(f"{c:.3f}" for c in res["cpu"]) + " CPU s", flush=True)
    load1 = os.getloadavg()[0]
    what = f"--evaldata {args.evaldata} --inputs {args.inputs}" if args.evaldata else f"--seed {args.seed}"
    print(f"\nmode {args.mode}; corpus: speed.py --docs {args.docs} {what}, {mb:.2f} MB; {args.rounds} rounds x "
          f"{args.repeat} timed runs per side; load avg {load0:.2f} -> {load1:.2f}")
    first = names[0]
    for name in names:
        c = runs[name]
        med, lo = statistics.median(c), min(c)
        rel = ""
        if name != first:
            rel = (f"; vs {first}: {statistics.median(runs[first]) / med:.3f} (median), "
                   f"{min(runs[first]) / lo:.3f} (min)")
        print(f"{name:<6} CPU min {lo:.3f} / median {med:.3f} s -> {mb / lo:.2f} / {mb / med:.2f} MB/s per core "
              f"(min / median){rel}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
