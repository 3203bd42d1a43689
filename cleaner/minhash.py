"""Near-duplicate documents: rewrites of one story, and copies (a report; nothing is removed).

Each document's clean text becomes its word 5-shingles (lower-cased \\w runs), each hashed once
with CRC-32 (C, stable across processes, unlike hash()). The sketch is Broder's MOD-m MinHash
variant: the shingles whose hash is 0 modulo SAMPLE, a fixed-rate sample. Unlike a k-minimum
sketch it estimates both scores the report needs, from the sketches alone:

  containment = |A ∩ B| / |shorter|   (>= 0.5: one text is a rewrite of, or contains, the other)
  jaccard     = |A ∩ B| / |A ∪ B|     (>= 0.8: copies)

and one hash per shingle (no 64 or 128 permutations) is several times faster in pure Python than
datasketch's MinHash, whose permutations estimate Jaccard only (containment would need its LSH
Ensemble as well). A document shorter than SHORT shingles keeps them all (a sample of a short
text is too small to score), and is compared with another on the shared sampled part.

Candidate pairs come from an inverted index over sampled hashes: documents sharing at least
MIN_SHARED of them. A hash held by more than COMMON documents (a site's furniture the rules did
not remove, a stock phrase) proposes no pairs, so the cost stays near linear.
Copies (identical sketches) are folded before that, so a story copied onto hundreds of sites is
still one cluster, reported with one pair per copy.
"""

from __future__ import annotations

import re
import zlib
from array import array
from dataclasses import dataclass, field
from itertools import combinations

SHINGLE = 5
SAMPLE = 4  # keep the shingles whose hash % SAMPLE == 0
SHORT = 60  # a document with fewer shingles keeps every one
MIN_SHARED = 2  # sampled shingles two documents must share to be compared
COMMON = 50  # a sampled shingle in more documents than this proposes no pairs
CONTAINMENT = 0.5
JACCARD = 0.8
MIN_SHINGLES = 8  # shorter texts are not compared at all (a headline, an empty page)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """The CRC-32 of each word 5-shingle of `text` (lower-cased)."""
    words = _WORD.findall(text.lower())
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode("utf-8")) for i in range(len(words) - SHINGLE + 1)}


@dataclass(frozen=True)
class Sketch:
    """A document's sketch: 4 bytes per kept hash (an array, not a set of Python ints: a batch
    of 100,000 documents holds about 150 hashes each)."""

    size: int  # shingles in the document
    full: bool  # every shingle kept (a short document)
    packed: array

    @classmethod
    def of(cls, text: str) -> "Sketch":
        hs = shingles(text)
        full = len(hs) < SHORT
        return cls(len(hs), full, array("I", sorted(hs if full else (h for h in hs if h % SAMPLE == 0))))

    @property
    def hashes(self) -> frozenset[int]:
        return frozenset(self.packed)

    def sampled(self) -> frozenset[int]:
        return self.hashes if not self.full else frozenset(h for h in self.packed if h % SAMPLE == 0)


def scores(a: Sketch, b: Sketch) -> tuple[float, float]:
    """(containment of the shorter text, jaccard), estimated from the two sketches."""
    if a.full and b.full:
        x, y = a.hashes, b.hashes
    else:
        x, y = a.sampled(), b.sampled()
    if not x or not y:
        return 0.0, 0.0
    inter = len(x & y)
    return inter / min(len(x), len(y)), inter / len(x | y)


@dataclass
class NearDuplicates:
    """Add documents one by one (`add`), then `clusters()`."""

    names: list[str] = field(default_factory=list)
    sketches: list[Sketch] = field(default_factory=list)

    def add(self, name: str, text: str) -> None:
        sketch = Sketch.of(text)
        if sketch.size >= MIN_SHINGLES:
            self.names.append(name)
            self.sketches.append(sketch)

    def pairs(self) -> list[tuple[int, int, float, float]]:
        """(i, j, containment, jaccard) of every pair over either threshold.

        Documents with identical sketches (copies) are folded first: the first of them stands for
        all in the index, and each other one is paired with it (scores 1.0). Without this, a story
        copied onto more than COMMON documents would propose no pairs at all (every one of its
        hashes too common), and its copies would be listed pair by pair (quadratic)."""
        first: dict[tuple[bool, bytes], int] = {}
        out: list[tuple[int, int, float, float]] = []
        reps: list[int] = []
        for i, s in enumerate(self.sketches):
            j = first.setdefault((s.full, s.packed.tobytes()), i)
            if j == i:
                reps.append(i)
            else:
                out.append((j, i, 1.0, 1.0))
        index: dict[int, list[int]] = {}
        for i in reps:
            for h in self.sketches[i].sampled():
                index.setdefault(h, []).append(i)
        shared: dict[tuple[int, int], int] = {}
        for docs in index.values():
            if 1 < len(docs) <= COMMON:
                for pair in combinations(docs, 2):
                    shared[pair] = shared.get(pair, 0) + 1
        for (i, j), n in sorted(shared.items()):
            if n < MIN_SHARED:
                continue
            c, jac = scores(self.sketches[i], self.sketches[j])
            if c >= CONTAINMENT or jac >= JACCARD:
                out.append((i, j, c, jac))
        return sorted(out)

    def clusters(self) -> list[dict]:
        """Clusters of documents linked by pairs: kind "same story" (containment >= 0.5) and,
        separately, "copies" (jaccard >= 0.8); each with its documents and its pairs' scores."""
        pairs = self.pairs()
        out: list[dict] = []
        for kind, keep in (("same story", lambda c, j: c >= CONTAINMENT), ("copies", lambda c, j: j >= JACCARD)):
            chosen = [p for p in pairs if keep(p[2], p[3])]
            parent: dict[int, int] = {}

            def find(x: int) -> int:
                while parent.get(x, x) != x:
                    parent[x] = parent.get(parent[x], parent[x])
                    x = parent[x]
                return x

            for i, j, _, _ in chosen:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
            groups: dict[int, list[int]] = {}
            for i in sorted({x for p in chosen for x in p[:2]}):
                groups.setdefault(find(i), []).append(i)
            for root, members in sorted(groups.items()):
                out.append({
                    "kind": kind,
                    "documents": [self.names[m] for m in members],
                    "pairs": [{"a": self.names[i], "b": self.names[j], "containment": round(c, 3), "jaccard": round(jac, 3)}
                              for i, j, c, jac in chosen if find(i) == root],
                })
        return out
