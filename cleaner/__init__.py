"""cleaner: strip boilerplate from scraped news and web text with readable rule files."""

from .decode import NotText
from .engine import Removal
from .pipeline import Options, Result, clean
from .ruleset import Rule, RuleError, RuleSet, load_rules

__all__ = ["clean", "load_rules", "Options", "Result", "Removal", "Rule", "RuleSet", "RuleError", "NotText"]
__version__ = "0.1.0"
