"""`cleaner clean --learn --engine dask`. In its own file, named to run before the test files
that put benchmarks/ on sys.path (its distributed.py would shadow Dask's)."""

from __future__ import annotations

import pytest

from .test_learn import make_sites, run

pytest.importorskip("distributed.deploy")


def test_clean_learn_on_dask_gives_the_local_outputs(tmp_path):
    pytest.importorskip("distributed")
    src = tmp_path / "in"
    make_sites(src)
    assert run("clean", str(src), "-o", str(tmp_path / "local"), "--learn").exit_code == 0
    res = run("clean", str(src), "-o", str(tmp_path / "dask"), "--learn", "--engine", "dask", "--jobs", "1")
    assert res.exit_code == 0, res.output
    for name in ("example.com/p1.txt", "example.com/p1.json", ".cleaner/learned/example.com.toml"):
        assert (tmp_path / "dask" / name).read_text() == (tmp_path / "local" / name).read_text()

