"""Check that two versions of the cleaner give byte-identical outputs (for engine speed work).

Run once per version, each time with that version's package importable, writing one digest per
document and route; then compare the two digest files. A digest covers the clean text, the
removed-span audit (rule ids, lines, columns, removed text, scores), the metadata JSON and the
origins of the output lines, so "same digest" means the same Result.

    # the old version: a copy of the package and its rules/ (e.g. `git archive HEAD cleaner rules`)
    python benchmarks/same_output.py --engine-root /tmp/base --out /tmp/old.tsv
    python benchmarks/same_output.py --out /tmp/new.tsv
    python benchmarks/same_output.py --compare /tmp/old.tsv /tmp/new.tsv

Inputs: the generated speed corpus (`--docs`, `--seed`; the first `--nopf-docs` of them also
with the prefilter off), samples/input, and every naive_a/naive_b text under `--evaldata`
(default ../shared/evaldata; read in place, never copied), the latter both with the text rules
and with the rules that run on HTML (the route trafilatura's text takes).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent


def _inputs(args: argparse.Namespace) -> Iterator[tuple[str, bytes]]:
    """(key, UTF-8 bytes) of every input, in a fixed order."""
    sys.path.insert(1, str(ROOT / "benchmarks"))
    from speed import corpus  # the generator lives with the benchmark; it imports no engine state

    for i, doc in enumerate(corpus(args.docs, args.seed)):
        yield f"speed/{i:05d}", doc.encode("utf-8")
    for path in sorted((ROOT / "samples" / "input").glob("*.txt")):
        yield f"samples/{path.name}", path.read_bytes()
    if args.evaldata.is_dir():
        for path in sorted(args.evaldata.glob("*/naive_[ab]/*.txt")):
            yield f"eval/{path.relative_to(args.evaldata)}", path.read_bytes()


def _digest(result: Any) -> str:
    record = {"text": result.text, "meta": result.to_json(), "origins": result.origins}
    blob = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def dump(args: argparse.Namespace) -> int:
    if args.engine_root:
        sys.path.insert(0, str(Path(args.engine_root).resolve()))
    import cleaner
    from cleaner import Options, clean, load_rules

    print(f"cleaner from {Path(cleaner.__file__).parent}", file=sys.stderr)
    text_opts = Options(load_rules())
    routes = {"text": text_opts, "html": text_opts.for_html, "nopf": Options(text_opts.rules, prefilter=False)}
    n = 0
    with args.out.open("w", encoding="utf-8") as out:
        for key, data in _inputs(args):
            wanted = ["text"]
            if key.startswith("eval/"):
                wanted.append("html")
            if key.startswith("speed/") and int(key[6:]) < args.nopf_docs:
                wanted.append("nopf")
            for route in wanted:
                try:
                    digest = _digest(clean(data, routes[route], source=key))
                except Exception as exc:  # e.g. NotText: the same failure counts as the same output
                    digest = f"error:{type(exc).__name__}:{exc}"
                out.write(f"{key}\t{route}\t{digest}\n")
                n += 1
    print(f"{n} outputs written to {args.out}", file=sys.stderr)
    return 0


def compare(old: Path, new: Path) -> int:
    def read(path: Path) -> dict[tuple[str, str], str]:
        rows = (line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8"))
        return {(k, r): d for k, r, d in rows}

    a, b = read(old), read(new)
    differ = sorted(k for k in a.keys() & b.keys() if a[k] != b[k])
    missing = sorted(a.keys() ^ b.keys())
    for key, route in differ[:20]:
        print(f"differs: {key} ({route})")
    print(f"{len(a.keys() & b.keys())} outputs compared, {len(differ)} differ, {len(missing)} in one file only")
    return 1 if differ or missing else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="write digests here")
    ap.add_argument("--engine-root", help="folder holding the cleaner package (and rules/) to test")
    ap.add_argument("--docs", type=int, default=3000, help="generated speed-corpus documents")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--nopf-docs", type=int, default=300, help="of those, how many also run with the prefilter off")
    ap.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        ap.error("--out or --compare is needed")
    return dump(args)


if __name__ == "__main__":
    sys.exit(main())
