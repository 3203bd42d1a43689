"""CleanerStep: cleaner as a datatrove pipeline step (`pip install 'cleaner[datatrove]'`).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerStep

    LocalPipelineExecutor(pipeline=[
        JsonlReader("data/in"),
        CleanerStep(rules=["house_rules/"], ignore=["DU"]),
        JsonlWriter("data/out"),
    ], tasks=4).run()

Each document's `text` is replaced by the clean text, and `metadata[metadata_key]` (default
"cleaner") gets the metadata record that `cleaner clean` writes beside a text: title, authors,
dates, dateline, ..., `words_in`/`words_out`, and `removed`, every removed span with its rule
id. Counts go to datatrove's stats (`self.stat_update`): `total`, `forwarded`, `dropped` (only
with drop_empty), `not_text` (documents left unchanged), `rule_timeouts`, `removed_spans`,
`words_removed`, `no_content` (html=True: a page with no text), and `removed_<RULE>` per rule id.

The rules are loaded once when the step is built (a broken rule pack fails the pipeline's
definition, not a worker), and are not pickled with the step: datatrove ships the pipeline to
its tasks, and each worker process builds its Options (rules, keyword automaton) once, cached
per process for all the tasks (ranks) it runs, never per document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(f"cleaner.integrations.datatrove needs datatrove: pip install 'cleaner[datatrove]' ({exc})") from exc

from ..decode import NotText
from ..pipeline import Options, Result, clean, clean_html
from ..ruleset import load_rules

_Spec = tuple[tuple[str, ...], bool, tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]
_options_cache: dict[_Spec, Options] = {}  # per process: one Options per rule configuration


def _options(spec: _Spec) -> Options:
    opts = _options_cache.get(spec)
    if opts is None:
        rules, builtin, select, ignore, extend, guess_titles = spec
        opts = Options(load_rules(rules, builtin=builtin, select=select, ignore=ignore, extend_select=extend),
                       guess_titles=guess_titles)
        _options_cache[spec] = opts
    return opts


class NoPageText(Exception):
    """An HTML document in which neither trafilatura nor the whole-page route found text."""


class CleanerStep(PipelineStep):
    """Strip boilerplate from `doc.text` with cleaner's rules; keep what was removed in metadata.

    Args:
        rules: extra rule pack folders (or .toml files), as `load_rules` / `--rules`; they must
            exist at the same path wherever the pipeline's tasks run
        select: only rules whose id starts with one of these (`--select`)
        ignore: never these (`--ignore`)
        extend_select: add opt-in rules to the defaults (`--extend-select`)
        builtin: load the built-in packs (default True)
        metadata_key: the key of `doc.metadata` that receives cleaner's metadata record
        drop_empty: drop a document whose clean text is empty (default: keep it, empty)
        html: `doc.text` is an HTML page (e.g. from datatrove's WarcReader): trafilatura's text
            of it, then the rules, as `cleaner clean` does for .html files; the url in
            `doc.metadata["url"]`, when there, is handed to trafilatura. A page with no text
            at all becomes an empty document, counted as `no_content` (dropped with drop_empty)
        guess_titles: fill a missing title from a learned line scorer (`--guess-titles`,
            Options.guess_titles; default off: about 2 in 3 such titles are right)
    """

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        rules: Iterable[str | Path] = (),
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        builtin: bool = True,
        metadata_key: str = "cleaner",
        drop_empty: bool = False,
        html: bool = False,
        guess_titles: bool = False,
    ) -> None:
        super().__init__()
        self.spec: _Spec = (
            tuple(str(r) for r in rules), builtin, tuple(select), tuple(ignore), tuple(extend_select), guess_titles
        )
        self.metadata_key = metadata_key
        self.drop_empty = drop_empty
        self.html = html
        _options(self.spec)  # load now: a broken pack or an unknown id fails here, with RuleError

    @property
    def options(self) -> Options:
        """This process's Options for the step's rules (built on first use, then cached)."""
        return _options(self.spec)

    def _clean(self, doc: Any, options: Options) -> Result:
        """One document: its text, or with html=True its page, through the pipeline."""
        if not self.html:
            return clean(doc.text, options, source=str(doc.id))
        from ..html import NoContent  # trafilatura is imported only by a step that reads HTML

        try:
            return clean_html(doc.text, options, source=str(doc.id), url=doc.metadata.get("url"))
        except NoContent as exc:
            raise NoPageText(str(exc)) from None

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        options = self.options
        for doc in data:
            self.stat_update(StatHints.total)
            no_text: str | None = None
            with self.track_time():
                try:
                    result = self._clean(doc, options)
                except NotText:
                    result = None
                except NoPageText as exc:
                    result, no_text = None, str(exc)
            if no_text is not None:  # an HTML page without text: an empty document that says why
                self.stat_update("no_content")
                doc.text, doc.metadata[self.metadata_key] = "", {"error": no_text}
                if self.drop_empty:
                    self.stat_update(StatHints.dropped)
                    continue
                self.stat_update(StatHints.forwarded)
                yield doc
                continue
            if result is None:
                self.stat_update("not_text")  # left as it was
                self.stat_update(StatHints.forwarded)
                yield doc
                continue
            if result.errors:
                self.stat_update("rule_timeouts")  # the document is kept unchanged
            meta: dict[str, Any] = result.to_json()
            doc.text = result.text
            doc.metadata[self.metadata_key] = meta
            self.stat_update("removed_spans", value=len(result.removed))
            self.stat_update("words_removed", value=meta["words_in"] - meta["words_out"])
            for removal in result.removed:
                self.stat_update(f"removed_{removal.rule}")
            if self.drop_empty and not doc.text.strip():
                self.stat_update(StatHints.dropped)
                continue
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
