"""'Did you mean' for unknown keys in rule files and configuration files."""

from __future__ import annotations

import difflib
from typing import Iterable


def unknown_key(key: str, known: Iterable[str], *, what: str = "key", listing: bool = False) -> str:
    """`unknown key 'pattern'; did you mean 'patterns'?` when a known key is close (difflib's
    ratio, as get_close_matches); otherwise `unknown key 'x'`, followed by the known keys in
    their order when `listing`."""
    choices = list(known)
    close = difflib.get_close_matches(key, choices, n=1)
    if close:
        return f"unknown {what} {key!r}; did you mean {close[0]!r}?"
    if listing:
        return f"unknown {what} {key!r} (expected one of {', '.join(choices)})"
    return f"unknown {what} {key!r}"
