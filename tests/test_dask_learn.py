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



def test_counting_on_dask_is_a_map_over_the_work_units(tmp_path, monkeypatch):
    """--engine dask counts on the cluster: learn.count_unit on every work unit as a task (the
    map), the driver folding the units' tallies (the reduce); totals equal the local count."""
    pytest.importorskip("distributed")
    from cleaner import Options, dask_engine, learn, load_rules, units
    from cleaner.io import iter_jobs
    from cleaner.records import Keys

    src = tmp_path / "in"
    make_sites(src, (("example.com", 9), ("other.org", 4), ("tiny.org", 2)))
    monkeypatch.setattr(units, "UNIT_SIZE", 4)  # several units
    calls = []
    real = dask_engine.map_units

    def spy(unit_stream, work, *rest, **kw):
        seen = []

        def counted():
            for unit in unit_stream:
                seen.append(unit)
                yield unit

        calls.append((work, seen))
        return real(counted(), work, *rest, **kw)

    monkeypatch.setattr(dask_engine, "map_units", spy)
    options, settings = Options(load_rules()), learn.Settings()
    jobs = list(iter_jobs([src], tmp_path / "packs"))
    local = learn.count_jobs(jobs, options, settings, max_bytes=10**7, keys=Keys())
    on_dask = learn.count_jobs(jobs, options, settings, max_bytes=10**7, keys=Keys(),
                               batch=units.Settings(engine="dask", jobs=2))
    assert len(calls) == 1 and calls[0][0] is learn.count_unit and len(calls[0][1]) == 4  # 15 inputs, units of 4
    assert on_dask.docs == local.docs == 15
    assert {s: (c.docs, c.lines) for s, c in on_dask.counts.sites.items()} == \
        {s: (c.docs, c.lines) for s, c in local.counts.sites.items()}
    assert [n for n, _ in on_dask.sketches] == [n for n, _ in local.sketches]
