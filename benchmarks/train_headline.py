"""Train the learned headline line scorer (cleaner/headline_model.py) on the `write` half.

    .venv/bin/python benchmarks/train_headline.py --data ../shared/evaldata                 # write -> rules/data/headline_model.toml
    .venv/bin/python benchmarks/train_headline.py --data ../shared/evaldata --check         # retrain, compare with the shipped file
    .venv/bin/python benchmarks/train_headline.py --data ../shared/evaldata --cross         # write-a -> write-b and back

Training pages (the `write` half only, benchmarks/halves.py): the fundus pages whose gold title
is a whole line of naive_a, and the l3s-gn1 pages whose human gold starts with the headline line
(benchmarks/metadata.py `--headlines` reads it the same way). Each page is cleaned as the text
route cleans it (`cleaner.clean` on naive_a); the head lines, the lines the rules' audit refuses
and the rule scorer's candidates with their features are what `headline_model.pick` receives,
recorded at that call. A candidate is positive when it is the gold headline line (fundus:
whitespace and case normalised; l3s-gn1: ASCII letters and digits, its gold lost the rest);
pages where no head candidate is the gold line are left out (an SEO title, a headline inside a
longer line: nothing to learn which line it is).

The model: a logistic regression, each feature centred and scaled by the training rows' mean
and standard deviation, an L2 penalty `--l2` on the weights (not the bias), fitted by Newton's
method in pure Python from zero weights (deterministic: the same pages give the same weights,
written rounded to 6 decimals). The thresholds are chosen on write-a -> write-b and back
(`--cross`) and given on the command line (`--fallback`, `--arbiter`, `--margin`).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from halves import select  # noqa: E402
from metadata import headline_golds, norm_loose, norm_text  # noqa: E402

from cleaner import headline_model as HM  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "rules" / "data" / "headline_model.toml"
L2 = 1.0
ITERATIONS = 50
TOLERANCE = 1e-10
FALLBACK = 0.5
ARBITER = 2.0  # above 1: off
MARGIN = 0.3


@dataclass
class Page:
    """One training page: what `headline_model.pick` received, the gold, and the route's title."""

    name: str
    lines: list[str]
    refused: list[bool] | None
    explain: list[tuple[int, float, dict[str, Any]]]
    rule_title: int | None  # the title line the rule scorer chose (pick's `title`)
    title: str | None  # the record's title with the model off
    source: str | None  # its fields_from
    gold: str
    lossy: bool

    def right(self, text: str | None) -> bool:
        norm = norm_loose if self.lossy else norm_text
        return text is not None and norm(text) == norm(self.gold)


def collect(data: Path, half: str) -> list[Page]:
    """The training pages of one half (see the module doc), cleaned with the model off."""
    from cleaner import Options, clean, load_rules

    seen: list[tuple[Any, ...]] = []

    def record(lines: list[str], refused: list[bool] | None, explain: list[Any], title: int | None,
               model: Any = None) -> None:
        seen.append((list(lines), list(refused) if refused else None, list(explain), title))
        return None

    jobs: list[tuple[str, Path, str, bool]] = []
    gold_file = data / "fundus" / "meta_gold.jsonl"
    if gold_file.exists():
        golds = [json.loads(x) for x in gold_file.read_text(encoding="utf-8").splitlines() if x.strip()]
        keep = set(select(data, "fundus", [g["id"] for g in golds], half))
        jobs += [(f"fundus/{g['id']}", data / "fundus", g["title"], False) for g in golds if g["id"] in keep and g.get("title")]
    jobs += [(f"l3s-gn1/{g['id']}", root, g["title"], True) for g, root in headline_golds(data, half)]
    options = Options(load_rules(), guess_titles=True)  # opt-in: else the model is never asked (`record` sees nothing)
    pick, HM.pick = HM.pick, record  # type: ignore[assignment]
    pages: list[Page] = []
    try:
        for name, root, gold, lossy in jobs:
            seen.clear()
            text = (root / "naive_a" / f"{name.split('/', 1)[1]}.txt").read_text(encoding="utf-8")
            meta = clean(text, options).metadata
            if not seen:
                continue  # no page handed over whole (HD002): the model is never asked
            lines, refused, explain, rule_title = seen[0]
            pages.append(Page(name, lines, refused, explain, rule_title, meta.get("title"),
                              (meta.get("fields_from") or {}).get("title"), gold, lossy))
    finally:
        HM.pick = pick  # type: ignore[assignment]
    return pages


def rows(pages: list[Page]) -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels of the pages that have the gold line among their head candidates."""
    xs: list[list[float]] = []
    ys: list[int] = []
    for p in pages:
        feats = HM.features(p.lines, p.refused, p.explain)
        labels = {i: int(p.right(p.lines[i])) for i in feats}
        if not any(labels.values()):
            continue
        for i in sorted(feats):
            xs.append(feats[i])
            ys.append(labels[i])
    return xs, ys


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a x = b (Gaussian elimination, partial pivoting; a is symmetric positive definite)."""
    n = len(b)
    m = [row[:] + [b[k]] for k, row in enumerate(a)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: (abs(m[r][c]), -r))
        m[c], m[piv] = m[piv], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                row, top = m[r], m[c]
                for k in range(c, n + 1):
                    row[k] -= f * top[k]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        x[c] = (m[c][n] - sum(m[c][k] * x[k] for k in range(c + 1, n))) / m[c][c]
    return x


def fit(xs: list[list[float]], ys: list[int], l2: float = L2,
        iterations: int = ITERATIONS) -> tuple[list[float], list[float], list[float], float]:
    """(means, scales, weights, bias) of an L2-penalised logistic regression (Newton's method)."""
    d = len(xs[0])
    n = len(xs)
    means = [sum(x[k] for x in xs) / n for k in range(d)]
    scales = []
    for k in range(d):
        sd = math.sqrt(sum((x[k] - means[k]) ** 2 for x in xs) / n)
        scales.append(sd if sd > 1e-12 else 1.0)
    z = [[1.0] + [(x[k] - means[k]) / scales[k] for k in range(d)] for x in xs]  # the bias first
    w = [0.0] * (d + 1)
    for _ in range(iterations):
        grad = [l2 * w[k] if k else 0.0 for k in range(d + 1)]
        hess = [[(l2 if (r == c and r) else 0.0) for c in range(d + 1)] for r in range(d + 1)]
        for zi, y in zip(z, ys):
            t = sum(a * b for a, b in zip(w, zi))
            p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, t))))
            e, v = p - y, p * (1.0 - p)
            for r in range(d + 1):
                zr = zi[r]
                if not zr:
                    continue
                grad[r] += e * zr
                vr = v * zr
                hr = hess[r]
                for c in range(r, d + 1):
                    hr[c] += vr * zi[c]
        for r in range(d + 1):
            for c in range(r):
                hess[r][c] = hess[c][r]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < TOLERANCE:
            break
    return means, scales, w[1:], w[0]


def model_of(fitted: tuple[list[float], list[float], list[float], float], fallback: float = FALLBACK,
             arbiter: float = ARBITER, margin: float = MARGIN) -> HM.Model:
    """The Model of fitted values, rounded as the file writes them."""
    means, scales, weights, bias = fitted
    r = lambda v: tuple(round(x, 6) for x in v)  # noqa: E731
    return HM.Model(HM.FEATURES, r(means), r(scales), r(weights), round(bias, 6), fallback, arbiter, margin)


def render(model: HM.Model, provenance: dict[str, Any]) -> str:
    """The model file's text (TOML)."""
    def arr(v: tuple[float, ...] | tuple[str, ...]) -> str:
        return "[\n" + "".join(f"  {json.dumps(x)},\n" for x in v) + "]"

    out = ["# The learned headline line scorer (cleaner/headline_model.py): written by benchmarks/train_headline.py,",
           "# do not edit by hand; retrain with the command under [provenance].", "", "[provenance]"]
    out += [f"{k} = {json.dumps(v)}" for k, v in provenance.items()]
    out += ["", "[thresholds]",
            "# with no rule title, the model's best candidate at this probability or more is the title",
            f"fallback = {model.fallback}",
            "# with a rule title, the model's best other candidate at this probability or more and this much surer",
            "# than the rule's line replaces it (above 1: off)",
            f"arbiter = {model.arbiter}", f"margin = {model.margin}", "", "[model]",
            f"bias = {model.bias}", f"features = {arr(model.names)}", f"means = {arr(model.means)}",
            f"scales = {arr(model.scales)}", f"weights = {arr(model.weights)}", ""]
    return "\n".join(out)


def evaluate(model: HM.Model, pages: list[Page]) -> dict[str, int]:
    """What the model changes on `pages`: fallback titles right / wrong (pages with no title), and
    arbiter changes (pages whose title is the rule scorer's): right -> wrong, wrong -> right, etc.
    The decision is `headline_model.pick`'s own (its refusals included), not a copy of it."""
    c = dict(base_right=0, base_wrong=0, base_null=0, fb_right=0, fb_wrong=0, arb_gain=0, arb_loss=0, arb_same=0)
    for p in pages:
        base = "null" if p.title is None else "right" if p.right(p.title) else "wrong"
        c[f"base_{base}"] += 1
        if p.title is None and p.rule_title is None:
            if (top := HM.pick(p.lines, p.refused, p.explain, None, model)) is not None:
                c["fb_right" if p.right(p.lines[top]) else "fb_wrong"] += 1
        elif p.rule_title is not None and p.source and p.source.startswith("HD002"):
            if (top := HM.pick(p.lines, p.refused, p.explain, p.rule_title, model)) is not None:
                was, now = base == "right", p.right(p.lines[top])
                c["arb_gain" if now and not was else "arb_loss" if was and not now else "arb_same"] += 1
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/evaldata"))
    ap.add_argument("--half", default="write", help="the half trained on (write; write-a or write-b to look)")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--fallback", type=float, default=FALLBACK)
    ap.add_argument("--arbiter", type=float, default=ARBITER)
    ap.add_argument("--margin", type=float, default=MARGIN)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="retrain and compare with --out instead of writing it")
    ap.add_argument("--cross", action="store_true", help="train on write-a, evaluate on write-b, and the reverse")
    args = ap.parse_args(argv)
    if args.cross:
        halves = {h: collect(args.data, h) for h in ("write-a", "write-b")}
        for a, b in (("write-a", "write-b"), ("write-b", "write-a")):
            xs, ys = rows(halves[a])
            m = model_of(fit(xs, ys, args.l2), args.fallback, args.arbiter, args.margin)
            print(f"{a} ({len(ys)} rows, {sum(ys)} positive) -> {b}: {evaluate(m, halves[b])}")
        return 0
    pages = collect(args.data, args.half)
    xs, ys = rows(pages)
    model = model_of(fit(xs, ys, args.l2), args.fallback, args.arbiter, args.margin)
    prov = {"command": "benchmarks/train_headline.py --data ../shared/evaldata"
            + "".join(f" --{k} {getattr(args, k)}" for k in ("half", "l2", "fallback", "arbiter", "margin")),
            "pages": len(pages), "rows": len(ys), "positives": sum(ys), "l2": args.l2,
            "data": "fundus titles that are a whole naive_a line + l3s-gn1 gold headline lines, benchmarks/halves.py half"}
    text = render(model, prov)
    print(f"{args.half}: {len(pages)} pages, {len(ys)} rows, {sum(ys)} positive; on its own pages: {evaluate(model, pages)}")
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("the shipped model is reproduced exactly" if same else f"DIFFERS from {args.out}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
