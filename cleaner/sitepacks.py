"""Learned per-site packs, loaded when the first document of their site needs them.

`clean --learn` writes one rule pack per site that learned something. Adding them all to the
rule set (as `cleaner learn` + `clean --rules PACKS` does) put every pack into every process: on
the 100,000-document run, 47,091 rules for 7,706 sites made a cleaning worker 448 MB, and the
keyword automaton held every learned keyword. A document only ever runs its own site's rules
(`RuleSet.for_site`), so here a batch keeps an index, site -> pack files, and each process loads
a site's packs when a document of that site arrives (a bounded cache keeps the recent sites).

Same output as adding every pack up front: a view is the base rules for the site plus the
site's learned rules, in the order `sorted(..., key=order)` gives the whole set (base rules
first among equal orders, packs in file-name order), filtered by the same input kind and
per-path ignores; and the keyword prefilter of a view finds the base rules' keywords with the
base automaton and the site's learned keywords with a small one of its own.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .prefilter import Prefilter
from .ruleset import Rule, RuleError, RuleSet, load_pack

if TYPE_CHECKING:
    from collections.abc import Mapping

CACHE_SITES = 256  # per process: views kept for the most recently seen sites


class _Both:
    """The keyword prefilter of a site's view: the base automaton's keywords of a line, plus
    those of the site's learned rules (the only method the engine calls)."""

    def __init__(self, base: Prefilter, extra: Prefilter) -> None:
        self.base, self.extra = base, extra

    def line_keywords(self, line: str) -> frozenset[str]:
        found = self.base.line_keywords(line)
        more = self.extra.line_keywords(line)
        return found | more if more else found


@dataclass(frozen=True)
class SitePacks:
    """Which pack files hold rules for which site, and how the batch filters rules.

    `only_input`: keep rules that run on this input kind ("html" for trafilatura's text);
    `ignore`: per-path ignore codes (ids or id prefixes) to leave out. Both are applied to the
    learned rules as `RuleSet.for_input` and `RuleSet.filtered(ignore=..., include_opt_in=True)`
    apply them to the base rules."""

    folder: Path
    by_site: Mapping[str, tuple[str, ...]]
    names: Mapping[str, str] = field(default_factory=dict)  # learned rule id -> name (summaries)
    only_input: str | None = None
    ignore: frozenset[str] = frozenset()
    _cache: OrderedDict = field(default_factory=OrderedDict, compare=False, repr=False)

    @classmethod
    def index(cls, folder: Path) -> tuple[SitePacks, list[Rule]]:
        """Read every pack in `folder` once, to check it loads (a broken pack raises RuleError
        naming it, before any document is cleaned) and to note the sites its rules name. Rules
        without `sites` (a reviewer may add one) apply everywhere: they are returned, to be added
        to the base rules up front."""
        by_site: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        everywhere: list[Rule] = []
        seen: dict[str, Path] = {}
        for path in sorted(folder.glob("*.toml")):
            for rule in load_pack(path):
                if rule.id in seen:
                    raise RuleError(f"{path}: {rule.id}: rule id also in {seen[rule.id]}")
                seen[rule.id] = path
                names[rule.id] = rule.name
                if not rule.sites:
                    everywhere.append(rule)
                for site in rule.sites:
                    files = by_site.setdefault(site, [])
                    if not files or files[-1] != path.name:
                        files.append(path.name)
        frozen = {site: tuple(files) for site, files in by_site.items()}
        return cls(folder, frozen, names), everywhere

    def narrowed(self, *, only_input: str | None = None, ignore: frozenset[str] = frozenset()) -> SitePacks:
        """The same packs seen through one more filter (a new, empty cache)."""
        return SitePacks(self.folder, self.by_site, self.names, only_input or self.only_input,
                         self.ignore | ignore)

    def _keep(self, rule: Rule, site: str) -> bool:
        if site not in rule.sites:
            return False
        if self.only_input is not None and self.only_input not in rule.inputs:
            return False
        return not any(i.startswith(c) for i in (rule.id, *rule.aliases) for c in self.ignore)

    def view(self, base: RuleSet, prefilter: Prefilter | None, site: str | None) -> tuple[RuleSet, object]:
        """The rules and prefilter for a document of `site` (`base`: the batch's rules, already
        filtered as this object says)."""
        if site is None or site not in self.by_site:
            return base.for_site(site), prefilter
        hit = self._cache.get(site)
        if hit is not None and hit[0] is base:
            self._cache.move_to_end(site)
            return hit[1], hit[2]
        learned = [r for name in self.by_site[site] for r in load_pack(self.folder / name) if self._keep(r, site)]
        rules = RuleSet(tuple(sorted((*base.for_site(site).rules, *learned), key=lambda r: r.order)))
        pf: object = prefilter
        if prefilter is not None and any(r.keywords for r in learned):
            pf = _Both(prefilter, Prefilter(RuleSet(tuple(learned))))
        self._cache[site] = (base, rules, pf)
        if len(self._cache) > CACHE_SITES:
            self._cache.popitem(last=False)
        return rules, pf
