"""Rule packs from installed packages (entry-point group `cleaner.rules`)."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.plugins import discover

from .conftest import GOOD_RULE, write_pack


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def install(site, entry: str, dist: str = "acme_rules-1.0") -> None:
    """A package as pip leaves it: the code and a .dist-info with entry_points.txt."""
    write_pack(site / "acme_rules", GOOD_RULE, name="promo.toml")
    (site / "acme_rules" / "__init__.py").write_text(
        "from pathlib import Path\n\ndef folder():\n    return Path(__file__).parent\n"
    )
    info = site / f"{dist}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[console_scripts]\nacme = acme_rules:main\n\n[cleaner.rules]\n{entry}\n")


@pytest.fixture
def site(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.chdir(tmp_path)
    yield site
    for name in [m for m in sys.modules if m.startswith("acme_rules")]:
        del sys.modules[name]


@pytest.mark.parametrize("entry", ["acme = acme_rules", "acme = acme_rules:folder"])
def test_installed_pack_is_loaded_and_listed_with_its_origin(site, entry):
    install(site, entry)
    assert [p.dist for p in discover()] == ["acme_rules"]
    res = run("rules", "list")
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("ZZ001"))
    assert line.endswith("pkg:acme_rules/promo.toml")
    assert "origin:   pkg:acme_rules/promo.toml" in run("rules", "show", "ZZ001").stdout
    (site.parent / "doc.txt").write_text("Real text here.\nPROMO: buy now\n")
    res = run("check", "doc.txt")
    assert res.exit_code == 1 and res.stdout.startswith("doc.txt:2:1: ZZ001 A promo line.")
    assert run("check", "--ignore", "ZZ", "doc.txt").exit_code == 0


def test_broken_entry_point_is_a_clear_error(site):
    install(site, "acme = acme_missing")
    res = run("check", "nothing.txt")
    assert res.exit_code == 2
    assert res.stderr == (
        "cleaner: entry point 'acme' of acme_rules (group cleaner.rules): module 'acme_missing' not found\n"
    )


def test_no_packs_installed():
    assert discover([]) == []
