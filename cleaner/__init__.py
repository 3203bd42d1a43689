"""cleaner: strip boilerplate from scraped news and web text with readable rule files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .decode import NotText
    from .docstate import Removal
    from .pipeline import Options, Result, clean
    from .ruleset import Rule, RuleError, RuleSet, load_rules

__all__ = ["clean", "load_rules", "Options", "Result", "Removal", "Rule", "RuleSet", "RuleError", "NotText"]
__version__ = "0.1.0"

# The public names, imported when first asked for (PEP 562): `import cleaner.cli` then loads
# only the modules the command needs, not the whole pipeline (a cold `cleaner check` pays
# every import; issue 15, item 3).
_WHERE = {
    "NotText": "decode",
    "Removal": "engine",
    "Options": "pipeline",
    "Result": "pipeline",
    "clean": "pipeline",
    "Rule": "ruleset",
    "RuleError": "ruleset",
    "RuleSet": "ruleset",
    "load_rules": "ruleset",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
