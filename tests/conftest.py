from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Options, load_rules

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """The rule cache (cleaner/rulecache.py) of the test run in a folder of its own, not the
    user's ~/.cache; subprocesses of the tests inherit it."""
    import os
    import tempfile

    os.environ.setdefault("CLEANER_CACHE_DIR", tempfile.mkdtemp(prefix="cleaner-test-cache-"))


@pytest.fixture(scope="session")
def options() -> Options:
    return Options(load_rules())


def write_pack(folder: Path, body: str, name: str = "pack.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


GOOD_RULE = '''
[pack]
prefix = "ZZ"
summary = "test pack"

[[rule]]
id = "ZZ001"
name = "promo-line"
summary = "A promo line."
why = "Test."
scope = "line"
action = "drop"
keywords = ["promo"]
patterns = ['^PROMO:']
[[rule.example]]
match = "PROMO: buy now"
[[rule.example]]
no_match = "The promo ended."
'''


# A news page on which the rule scorer finds no title (the learned fallback's case:
# tests/test_headline_model.py, test_cli.py, test_datatrove.py)
BRIDGE_BODY = ("The council voted on Tuesday evening to reopen the old bridge to traffic after two years of repairs, "
               "ending a long detour for thousands of commuters who cross the river every day.")
BRIDGE_MORE = ("Engineers said the steel supports had been replaced and tested, and the city expects the shops near "
               "the bridge to see their customers come back within weeks of the reopening.")
# No stamp or byline near any line (the year only in the footer): the rule scorer finds no title
NO_RULE_TITLE = "\n".join(["Home", "News", "World", "Sport", "Contact",
                           "Bridge reopens after two years of council repairs", BRIDGE_BODY, BRIDGE_MORE, BRIDGE_BODY, BRIDGE_MORE, BRIDGE_MORE,
                           "Copyright 2025 The City Paper"]) + "\n"
