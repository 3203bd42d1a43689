"""Work units sit below both engines (issue 14, item 6): cleaner.units imports neither engine,
and no module of the batch/learn stack is in an import cycle, counting the imports made inside
functions (a lazy import is still a cycle of design)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterable

import cleaner

PACKAGE = Path(cleaner.__file__).parent
STACK = ["units", "batch", "dask_engine", "learn", "workers", "minhash", "sites"]


def imports_of(module: str) -> set[str]:
    """The cleaner modules `module` imports anywhere in its source (top level or in a function)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(a.name for a in node.names)  # from . import x
            elif node.module and node.module.startswith("cleaner."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("cleaner."))
    return {m for m in found if (PACKAGE / f"{m}.py").exists()} - {module}


def reaches(start: str, goal: str, imports: Callable[[str], Iterable[str]] = imports_of) -> bool:
    """Whether `goal` is among the modules `start` imports, directly or through others."""
    seen, todo = set(), [start]
    while todo:
        m = todo.pop()
        for n in imports(m):
            if n == goal:
                return True
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return False


def test_units_import_neither_engine():
    assert not reaches("units", "batch") and not reaches("units", "dask_engine") and not reaches("units", "learn")


def test_no_module_of_the_batch_stack_is_in_an_import_cycle():
    assert [m for m in STACK if reaches(m, m)] == []


def test_each_module_imports_alone():
    for m in ("units", "dask_engine", "batch", "learn"):
        proc = subprocess.run([sys.executable, "-c", f"import cleaner.{m}"], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


def test_no_import_cycle_among_the_package_modules():
    """Every import between the package's modules (top level, inside functions and under
    TYPE_CHECKING alike: an annotation-only import is still a cycle of design), as a graph: an
    edge a -> b is on a cycle when b reaches a. Found phrases <-> ruleset (phrases imported
    Rule and RuleSet for its annotations; it now declares what it reads of a rule, PhraseRule),
    and html <-> meta_html (meta_html read html's <meta> values and timestamps: they are in
    cleaner.meta_tags now, below both).
    `from . import __version__` names the package's attribute, no module, and is not counted."""
    graph = {p.stem: imports_of(p.stem) for p in sorted(PACKAGE.glob("*.py")) if p.stem != "__init__"}
    on_cycle = {(a, b) for a, deps in graph.items() for b in deps if reaches(b, a, graph.__getitem__)}
    assert on_cycle == set()
