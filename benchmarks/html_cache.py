"""trafilatura's text of an evaldata page, cached on disk, and the html route run on it.

The html route (cleaner.pipeline.clean_html) spends most of its time in trafilatura; a rule change
does not change that text. Benchmarks that measure rules on the html route (quality.py and
rule_gold.py with ``--html-cache DIR``) keep each page's extraction in DIR, keyed by the page's
bytes, trafilatura's version and the source of cleaner/html.py and pagetext.py, so a stale entry is never read.
Scratch space only (e.g. /tmp/NAME-html): the evaldata is never copied into the repo.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from cleaner import Options
from cleaner.pipeline import Result


@cache
def _code_key() -> str:
    """What the extraction depends on besides the page: trafilatura's version, cleaner/html.py
    and cleaner/pagetext.py (the table-layout swap turns readability's HTML into lines)."""
    import trafilatura

    import cleaner.html
    import cleaner.pagetext

    src = b"".join(Path(m.__file__).read_bytes() for m in (cleaner.html, cleaner.pagetext))  # type: ignore[arg-type]
    return f"{trafilatura.__version__}:{hashlib.sha1(src).hexdigest()}"


def _decoded(data: bytes) -> str:
    """The page as clean_html decodes it before trafilatura sees it."""
    from cleaner.decode import decode_bytes
    from cleaner.html import read_html

    return decode_bytes(read_html(data)).text


def extracted_text(data: bytes, cache_dir: Path | None) -> str | None:
    """trafilatura's text of the page as clean_html gets it (the table-layout swap included);
    None when trafilatura finds no main text (clean_html then takes the whole-page route)."""
    from cleaner.html import NoContent, extract

    key = hashlib.sha1(_code_key().encode() + b"\0" + data).hexdigest()
    path = cache_dir / f"{key}.json" if cache_dir is not None else None
    if path is not None and path.exists():
        return json.loads(path.read_text(encoding="utf-8"))["text"]
    try:
        text: str | None = extract(_decoded(data)).text
    except NoContent:
        text = None
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"text": text}), encoding="utf-8")
        tmp.replace(path)
    return text


def clean_cached(data: bytes, opts: Options, cache_dir: Path | None) -> tuple[str, Result]:
    """(trafilatura's text, or "" when it found none; the html route's result) as clean_html
    gives them, without the page metadata. Raises NoContent as clean_html does."""
    from cleaner.pipeline import _whole_page, clean_main_text

    text = extracted_text(data, cache_dir)
    if text is None:
        return "", _whole_page(_decoded(data), opts, None)
    return text, clean_main_text(text, opts)
