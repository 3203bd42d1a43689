"""Rule packs from other installed packages, through the entry-point group `cleaner.rules`.

A package declares, in its pyproject.toml,

    [project.entry-points."cleaner.rules"]
    acme = "acme_rules"            # a package whose folder holds *.toml rule packs
    # or: acme = "acme_rules:pack_dir"   (a callable or attribute giving that folder)

and every `*.toml` in that folder is loaded after the built-in packs, listed by
`cleaner rules list` with origin `pkg:<distribution>/<file>`.

Why not importlib.metadata.entry_points(): in a full environment it parses every installed
distribution's metadata (~100 ms), which alone would blow the start-up budget of the pre-commit
hook. Entry points live in `*.dist-info/entry_points.txt`; reading only those files and parsing
only the ones that mention the group costs about a millisecond.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

GROUP = "cleaner.rules"


class PluginError(Exception):
    """An installed rule pack cannot be found. str(err) names the distribution and entry point."""


@dataclass(frozen=True)
class Pack:
    dist: str  # distribution name as installed, e.g. "acme_rules"
    name: str  # entry point name
    value: str  # "module" or "module:attr"
    folder: Path

    def label(self, origin: str) -> str:
        return f"pkg:{self.dist}/{Path(origin).name}"


def _entries(paths: list[str]) -> list[tuple[str, str, str]]:
    """(distribution, entry name, value) for every entry point in GROUP, first distribution wins."""
    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for d in paths:
        try:
            it = os.scandir(d or ".")
        except OSError:
            continue
        with it:
            metas = sorted(e.name for e in it if e.name.endswith((".dist-info", ".egg-info")))
        for meta in metas:
            dist = meta.rsplit(".", 1)[0].split("-")[0]
            key = dist.lower().replace("-", "_").replace(".", "_")
            try:
                with open(os.path.join(d or ".", meta, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            if key in seen:
                continue
            seen.add(key)
            if GROUP not in text:
                continue
            found += [(dist, name, value) for name, value in _parse(text)]
    return found


def _parse(text: str) -> list[tuple[str, str]]:
    """The `name = value` lines of the [cleaner.rules] section of an entry_points.txt."""
    out: list[tuple[str, str]] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section == GROUP and "=" in line:
            name, value = (s.strip() for s in line.split("=", 1))
            out.append((name, value.split("[", 1)[0].strip()))  # drop [extras]
    return out


def _folder(dist: str, name: str, value: str) -> Path:
    where = f"entry point {name!r} of {dist} (group {GROUP})"
    module, _, attr = value.partition(":")
    if not attr:
        import importlib.util

        try:
            spec = importlib.util.find_spec(module.strip())
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            raise PluginError(f"{where}: module {module.strip()!r} not found")
        if spec.submodule_search_locations:
            return Path(list(spec.submodule_search_locations)[0])
        if spec.origin:
            return Path(spec.origin).parent
        raise PluginError(f"{where}: {module.strip()!r} has no folder")
    import importlib

    try:
        obj = importlib.import_module(module.strip())
        for part in attr.strip().split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise PluginError(f"{where}: cannot load {value!r}: {exc}") from None
    target = obj() if callable(obj) else obj
    return Path(os.fspath(target))


def discover(paths: list[str] | None = None) -> list[Pack]:
    """Installed rule packs, in sys.path order; raise PluginError for a broken entry point."""
    packs = []
    for dist, name, value in _entries(sys.path if paths is None else paths):
        folder = _folder(dist, name, value)
        if not folder.is_dir():
            raise PluginError(f"entry point {name!r} of {dist} (group {GROUP}): folder {folder} not found")
        packs.append(Pack(dist, name, value, folder))
    return packs


def origin_label(origin: str, packs: list[Pack]) -> str | None:
    """'pkg:<dist>/<file>' when `origin` is a file of an installed pack, else None."""
    parent = Path(origin).parent
    for pack in packs:
        if parent == pack.folder:
            return pack.label(origin)
    return None
