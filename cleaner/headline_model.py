"""A learned line scorer for the headline of a whole scraped page (text route, rule HD002).

Why: the hand-weighted headline scorer in cleaner/metadata.py (`_headline_index`) gives no title
when no candidate is confirmed by a second source, and nine sessions of hand-written headline
kinds fitted on the `write` pages did not carry over to unseen sites. This module is the same
question asked of a logistic regression trained on the `write` pages' known headline lines
(benchmarks/train_headline.py): which of the page's head candidates is the headline, and how sure.

What it sees: only page-independent line shapes and the neighbourhood of each candidate (never
a page's words): the rule scorer's own features and score for the line, its length, case,
digits, closing punctuation, where it stands against the running text, how much of it the lead
paragraph and the rest of the page repeat, whether a removal rule marks its neighbours. The
candidates ("the head region") are the rule scorer's candidate lines (headline-shaped, not
refused: a line a comment, teaser, credit or navigation rule removes is never one), the
`HEAD_CANDIDATES` it rates highest.

Opt-in (Options.guess_titles, `cleaner clean --guess-titles`): of the titles it fills where the
rules give none, about 2 in 3 are right (docs/metadata.md, "titlemodel"); the misses are label
rows, link labels and section headings of pages with no headline, which the news pages it
learned from never show it. A default field is null rather than guessed (issue 16), so with
the option off the model is neither loaded nor asked.

The weights, the feature names, their scaling, the thresholds and the training provenance live
in rules/data/headline_model.toml; the file is read on first use (a page whose rule scorer
already gave a title does not need it unless the arbiter is on) and kept for the process.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .ruleset import RuleError, builtin_rules_dir, read_toml

MODEL_FILE = Path("data") / "headline_model.toml"  # under the built-in rules folder
HEAD_CANDIDATES = 12  # the rule scorer's best this many candidates are the model's candidates
LONG_PARAGRAPH_WORDS = 20  # a line of running text: this many words or more, ending a sentence
LEAD_LINES = 3  # the lead: this many lines of running text from the first one under a candidate
SENTENCE_ENDS = '.!?"»“”)'

_WORD = re.compile(r"\w{3,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"[\"“”„«»‘’']")
_BAR = re.compile(r"\s[|/»›]\s")
_LABEL_COLON = re.compile(r"^\S+(?:\s\S+)?:\s\S+(?:\s\S+){0,3}$")  # "Director: Jane Doe", "Location: X Y Z"
_BRACKET_END = re.compile(r"[\[(][^\[\]()]{1,30}[\])]$")  # "... separatists [EPA]", "... (Photo: X)"

# The rule scorer's features (metadata._headline_index's `explain`): fading distances and flags
_DISTANCES = ("near_stamp", "near_byline", "date_after", "byline_after")
_FLAGS = ("body_after", "standfirst", "crumb_tail", "in_longer", "repeated", "shape", "long", "glued", "caps",
          "top", "date_before", "text_before", "two_sentences", "pull_quote", "interface")

#: Every feature, in the order of the model's weights.
FEATURES: tuple[str, ...] = (
    ("rule_score", "rule_gap", "rule_best", "rule_rank")
    + tuple(f"{k}_close" for k in _DISTANCES)
    + _FLAGS
    + ("words", "chars", "title_case", "digits", "ends_period", "ends_question", "quoted", "bar", "cjk",
       "order", "before_body", "body_gap", "lead_overlap", "later_overlap", "refused_near", "first_candidate",
       "short", "label_colon", "bracket_end", "deck_under", "candidates", "lower_start")
)


class ModelError(RuleError):
    """A broken model file; the message is one line naming the file and the key."""


@dataclass(frozen=True)
class Model:
    """A logistic regression over `FEATURES`: each feature centred by `means`, divided by
    `scales`, weighted by `weights`, plus `bias`; `fallback` and `arbiter` are the
    probability thresholds the title choice uses (see `pick`)."""

    names: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    fallback: float
    arbiter: float
    margin: float

    def probability(self, x: list[float]) -> float:
        """P(headline) of one feature vector."""
        z = self.bias + sum(w * (v - m) / s for w, v, m, s in zip(self.weights, x, self.means, self.scales))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _share(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 0.0


def candidates(explain: list[tuple[int, float, dict[str, Any]]]) -> list[tuple[int, float, dict[str, Any]]]:
    """The head region: the rule scorer's `HEAD_CANDIDATES` best-scored candidates (ties to the
    earlier line), in that order."""
    return sorted(explain, key=lambda e: (-e[1], e[0]))[:HEAD_CANDIDATES]


def features(lines: list[str], refused: list[bool] | None,
             explain: list[tuple[int, float, dict[str, Any]]]) -> dict[int, list[float]]:
    """The feature vector (`FEATURES`' order) of each head candidate, by line index."""
    cands = candidates(explain)
    if not cands:
        return {}
    n = len(lines)
    nwords = [len(ln.split()) for ln in lines]
    running = [w >= LONG_PARAGRAPH_WORDS and ln[-1:] in SENTENCE_ENDS for w, ln in zip(nwords, lines)]
    body = next((i for i in range(n) if running[i]), n)  # the first long paragraph
    best = cands[0][1]
    by_place = sorted(i for i, _, _ in cands)
    cand_at = {i for i, _, _ in explain}
    last: dict[str, int] = {}  # each word's last line (the "rest of the page" test, one pass)
    for k in range(by_place[0] + 1, n):
        for t in _words(lines[k]):
            last[t] = k
    out: dict[int, list[float]] = {}
    for rank, (i, score, f) in enumerate(cands):
        ln = lines[i]
        w = _words(ln)
        toks = [t for t in ln.split() if t[:1].isalpha()]
        lead_at = next((k for k in range(i + 1, n) if running[k]), None)
        lead = _words(" ".join(lines[lead_at:lead_at + LEAD_LINES])) if lead_at is not None else set()
        later = {t for t in w if last.get(t, -1) > i and lines[last[t]] != ln}
        x: list[float] = [score, score - best, float(rank == 0), math.log1p(rank)]
        x += [1.0 / f[k] if f.get(k) else 0.0 for k in _DISTANCES]
        x += [float(bool(f.get(k))) for k in _FLAGS]
        x += [
            math.log1p(nwords[i]),
            math.log1p(len(ln)),
            sum(t[0].isupper() for t in toks) / len(toks) if toks else 0.0,
            len(_DIGIT.findall(ln)) / len(ln),
            float(ln.endswith(".") and not ln.endswith("...")),
            float(ln[-1:] in "?!"),
            float(bool(_QUOTE.search(ln))),
            float(bool(_BAR.search(ln))),
            float(len(_CJK.findall(ln)) >= 4),
            math.log1p(by_place.index(i)),
            float(i < body),
            math.copysign(math.log1p(abs(body - i)), body - i) if body < n else 0.0,
            _share(w, lead),
            _share(w, later),
            float(bool(refused) and ((i > 0 and refused[i - 1]) or (i + 1 < n and refused[i + 1]))),
            float(i == by_place[0]),
            float(nwords[i] <= 3),
            float(bool(_LABEL_COLON.match(ln))),
            float(bool(_BRACKET_END.search(ln))),
            float(i + 1 in cand_at and not running[i + 1]),
            math.log1p(len(explain)),
            float(ln[:1].islower()),
        ]
        out[i] = x
    return out


def parse(data: dict[str, Any], path: Path | str = "headline_model.toml") -> Model:
    """A Model from the file's tables, or ModelError naming the file and the key."""
    try:
        m, t = data["model"], data["thresholds"]
        names = tuple(m["features"])
        if names != FEATURES:
            raise ModelError(f"{path}: model.features does not match cleaner.headline_model.FEATURES (retrain)")
        vals = [tuple(float(v) for v in m[k]) for k in ("means", "scales", "weights")]
        if any(len(v) != len(names) for v in vals):
            raise ModelError(f"{path}: model.means/scales/weights must have {len(names)} values each")
        return Model(names, vals[0], vals[1], vals[2], float(m["bias"]), float(t["fallback"]), float(t["arbiter"]),
                     float(t["margin"]))
    except KeyError as exc:
        raise ModelError(f"{path}: missing key {exc}") from None
    except (TypeError, ValueError) as exc:
        raise ModelError(f"{path}: {exc}") from None


@functools.cache
def load() -> Model:
    """The shipped model, read on first use and kept for the process."""
    path = builtin_rules_dir() / MODEL_FILE
    return parse(read_toml(path, ModelError), path)


def probabilities(lines: list[str], refused: list[bool] | None, explain: list[tuple[int, float, dict[str, Any]]],
                  model: Model | None = None) -> dict[int, float]:
    """P(headline) of each head candidate, by line index."""
    m = model or load()
    return {i: m.probability(x) for i, x in features(lines, refused, explain).items()}


def pick(lines: list[str], refused: list[bool] | None, explain: list[tuple[int, float, dict[str, Any]]],
         title: int | None, model: Model | None = None) -> int | None:
    """The title line the model chooses, or None to keep the rule scorer's `title`.

    With no rule title (`title` None): the model's best candidate when its probability reaches
    the `fallback` threshold. With one: the model's best candidate instead when it reaches the
    `arbiter` threshold and beats the rule's line by `margin` (an arbiter above 1 is off)."""
    m = model or load()
    if title is not None and m.arbiter > 1.0:
        return None  # the arbiter is off: the rule's title stands, nothing to compute
    probs = probabilities(lines, refused, explain, m)
    if not probs:
        return None
    top = max(probs, key=lambda i: (probs[i], -i))
    if lines[top][:1].islower():
        return None  # "you can also like my page", "and US Energy Legislation": a link label or a broken line's tail
    if title is None:
        return top if probs[top] >= m.fallback else None
    if top != title and probs[top] >= m.arbiter and probs[top] - probs.get(title, 0.0) >= m.margin:
        return top
    return None
