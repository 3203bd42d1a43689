"""How decoding fares on real texts with a few bad bytes, and on real texts in legacy charsets.

Run by hand over ../shared/evaldata (never copied into the project):

    python benchmarks/bad_bytes.py [--data ../shared/evaldata] [--seed 1] [--json FILE]

1. bad bytes: every naive_a text gets 1-3 bytes that are never valid UTF-8 or break a sequence
   (0xff 0xfe 0xc0 0x80 0xe9), inserted between characters; counted: decoded as UTF-8 with
   exactly the inserted bytes replaced and every other character intact (the goal), decoded
   as another charset, or refused. Texts that are pure ASCII are counted apart: with no
   multi-byte sequence at all they may go to the charset detector, which must keep every
   ASCII character (counted as "ascii kept").
2. legacy charsets: the fundus texts of a language re-encoded in that language's legacy
   charsets; counted: read back exactly, read as UTF-8 with replacements (the evidence rule
   failed), or otherwise wrong.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.decode import NotText, decode_bytes  # noqa: E402

BAD = [b"\xff", b"\xfe", b"\xc0", b"\x80", b"\xe9"]
LEGACY = {
    "de": ["cp1252", "latin-1"], "at": ["cp1252"], "ch": ["cp1252"], "fr": ["cp1252", "latin-1"],
    "es": ["cp1252"], "it": ["cp1252"], "pt": ["cp1252"], "tr": ["cp1254"], "lt": ["cp1257"],
    "ru": ["cp1251", "koi8-r"], "jp": ["shift_jis", "euc-jp"], "cn": ["gb18030", "big5"], "kr": ["euc-kr"],
}  # fmt: skip


def insert_bad_bytes(data: bytes, rng: random.Random) -> tuple[bytes, int]:
    """`data` with 1-3 bad bytes inserted between characters, and how many."""
    n = rng.choice([1, 2, 3])
    for _ in range(n):
        i = rng.randrange(len(data) + 1)
        while i < len(data) and 0x80 <= data[i] < 0xC0:
            i += 1
        data = data[:i] + rng.choice(BAD) + data[i:]
    return data, n


def bad_bytes(data_dir: Path, rng: random.Random) -> Counter:
    counts: Counter = Counter()
    for path in sorted(data_dir.glob("*/naive_a/*.txt")):
        original = path.read_bytes()
        group = "non-ascii" if any(b >= 0x80 for b in original) else "ascii"
        data, n = insert_bad_bytes(original, rng)
        try:
            got = decode_bytes(data)
        except NotText:
            counts[group, "refused"] += 1
            continue
        expected = original.decode("utf-8")
        # (a text may hold U+FFFD of its own: compare without any)
        if got.encoding == "utf-8" and got.replaced_bytes == n and got.text.replace("\ufffd", "") == expected.replace("\ufffd", ""):
            counts[group, "utf-8, intact"] += 1
        elif group == "ascii" and got.text.encode("ascii", "ignore") == original:
            counts[group, f"ascii kept ({got.encoding})"] += 1
        else:
            counts[group, f"wrong ({got.encoding})"] += 1
    return counts


def legacy(data_dir: Path) -> Counter:
    counts: Counter = Counter()
    for path in sorted((data_dir / "fundus" / "naive_a").glob("*.txt")):
        lang = path.name[:2]
        for enc in LEGACY.get(lang, []):
            text = path.read_text(encoding="utf-8")
            data = text.encode(enc, "replace")  # '?' for what the charset cannot hold
            text = data.decode(enc)
            try:
                got = decode_bytes(data)
            except NotText:
                counts[enc, "refused"] += 1
                continue
            if got.text == text:
                counts[enc, "exact"] += 1
            elif got.encoding == "utf-8":
                counts[enc, "read as utf-8 (wrong)"] += 1
            else:
                counts[enc, f"wrong ({got.encoding})"] += 1
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    result = {
        "bad_bytes": {f"{g}: {what}": n for (g, what), n in sorted(bad_bytes(args.data, random.Random(args.seed)).items())},
        "legacy": {f"{enc}: {what}": n for (enc, what), n in sorted(legacy(args.data).items())},
    }
    for part, counts in result.items():
        print(part)
        for key, n in counts.items():
            print(f"  {key}: {n}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
