"""Run a rule's inline examples: the rule alone, on the example text as a whole document.

An example "matches" when the rule, run alone for one pass, removes something (or, for a keep
rule, protects something). `removes` and `extracts` pin down what exactly it removed and which
metadata it produced. Used by the test suite and by `cleaner rules test`.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

from . import engine, metadata
from .decode import normalise
from .ruleset import Example, Rule, RuleSet
from .segment import split_lines


@dataclass(frozen=True)
class Outcome:
    rule: str
    case: str  # e.g. "CR003-match-0"
    ok: bool
    message: str


def _subset(expected: Any, actual: Any) -> bool:
    """Dicts compare on the expected keys only; lists element-wise; the rest by equality."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(_subset(v, actual.get(k)) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(
            _subset(e, a) for e, a in zip(expected, actual)
        )
    return expected == actual


@functools.lru_cache(maxsize=1)
def _builtin() -> RuleSet:
    from .ruleset import load_rules

    return load_rules(include_opt_in=True)


def _helpers(rule: Rule) -> tuple[Rule, ...]:
    """The built-in rules a detector = "between" rule reads the removals of (`between_rules`):
    its examples run them first, since the rule alone has nothing to stand between."""
    if not rule.between_rules:
        return ()
    return tuple(r for r in _builtin().rules if r.id in rule.between_rules)


def _with_helpers(rule: Rule) -> RuleSet:
    """The rule and its helpers in the built-in rule set's order (pack order), as a run applies
    them: a helper that runs after the rule does not help it."""
    helpers = _helpers(rule)
    if not helpers:
        return RuleSet((rule,))
    order = {r.id: k for k, r in enumerate(_builtin().rules)}
    both = sorted(helpers + (rule,), key=lambda r: order.get(r.id, len(order)))
    return RuleSet(tuple(both))


def check_example(rule: Rule, example: Example) -> str | None:
    """None when the example holds, else a message saying what was expected and what arrived."""
    lines = split_lines(normalise(example.text))
    res = engine.run_pass(_with_helpers(rule), lines, list(range(1, len(lines) + 1)))
    if rule.between_rules:  # only the rule's own removals count, not its helpers'
        res = dataclasses.replace(res, removed=[r for r in res.removed if r.rule == rule.id],
                                  extracted=[e for e in res.extracted if e.rule == rule.id])
    touched = bool(res.removed) or res.protected > 0 or bool(res.extracted)
    if touched != example.should_match:
        if example.should_match:
            return f"expected a match, nothing matched in {example.text!r}"
        return f"expected no match, but it removed {[r.text for r in res.removed]!r}"
    if example.removes is not None:
        got = "\n".join(r.text for r in res.removed)
        if got.strip() != example.removes.strip():
            return f"expected to remove {example.removes!r}, removed {got!r}"
    if example.extracts is not None:
        meta = metadata.build(res.extracted)
        for key, want in example.extracts.items():
            if not _subset(want, meta.get(key)):
                return f"expected {key} = {want!r}, got {meta.get(key)!r}"
    return None


def case_id(rule: Rule, index: int) -> str:
    ex = rule.examples[index]
    kind = "match" if ex.should_match else "no_match"
    n = sum(1 for e in rule.examples[:index] if e.should_match == ex.should_match)
    return f"{rule.id}-{kind}-{n}"


def run_examples(rules: RuleSet) -> list[Outcome]:
    out = []
    for rule in rules.rules:
        for i, ex in enumerate(rule.examples):
            try:
                msg = check_example(rule, ex)
            except engine.RuleTimeout as exc:
                msg = str(exc)
            out.append(Outcome(rule.id, case_id(rule, i), msg is None, msg or "ok"))
    return out
