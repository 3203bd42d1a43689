"""`cleaner clean --engine dask`: the local engine's work units on a Dask cluster (a LocalCluster
on loopback here), with the same outputs, markers, --resume and problem reports; and the
errors a user can make (no Dask, no scheduler, bad flags) as one line and exit 2."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

pytest.importorskip("distributed")

from cleaner import Options, load_rules  # noqa: E402
from cleaner.batch import Settings, Summary, Unit, make_units  # noqa: E402
from cleaner.dask_engine import run_units  # noqa: E402
from cleaner.io import Job  # noqa: E402

CLI = [sys.executable, "-c", "from cleaner.cli import main; main()"]
N_TEXTS = 150  # three work units of 64 (and a part of one): several tasks, in two workers


def doc(i: int) -> str:
    cruft = ["Share this article", "0 : 0", "Sign up for our newsletter", "Writing by Ann Lee; Editing by Bo Chan"]
    return f"Story {i}: the council met on day {i} and approved item {i * 7}.\n\n{cruft[i % 4]}\n\nMore on item {i}.\n"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def problems(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("cleaner: ")]


def clean(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "clean", *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, **(env or {})})


def blocked_output(out: Path) -> None:
    """A folder where the output of in/d1/s004.txt goes: that input fails to write, by path."""
    (out / "d1" / "s004.txt").mkdir(parents=True)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """in/: text files in subfolders, a binary file, a record file with a bad line."""
    root = tmp_path_factory.mktemp("dask")
    src = root / "in"
    for i in range(N_TEXTS):
        sub = src / f"d{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"s{i:03}.txt").write_text(doc(i))
    (src / "d1" / "bad.bin").write_bytes(b"\x00\x01binary\x00" * 20)
    (src / "feed.jsonl").write_text("".join(json.dumps({"id": f"r{i}", "text": doc(i)}) + "\n" for i in range(5)) + "{oops\n")
    return root


@pytest.fixture(scope="module")
def cluster():
    """A small in-process cluster on loopback, for --scheduler (threads: fast to start)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=":0") as lc:
        yield lc


@pytest.fixture(scope="module")
def runs(work: Path, cluster) -> dict[str, subprocess.CompletedProcess[str]]:
    """The same batch with the local engine (2 processes), with --engine dask on its own
    LocalCluster (2 worker processes), and on a given scheduler (--scheduler)."""
    out = {}
    for name, args in {
        "local": ["--jobs", "2"],
        "dask": ["--engine", "dask", "--jobs", "2"],
        "scheduler": ["--engine", "dask", "--scheduler", cluster.scheduler_address],
    }.items():
        blocked_output(work / f"out-{name}")
        out[name] = clean(work, "in", "-o", f"out-{name}", "--report", f"report-{name}.json", *args)
    return out


def test_dask_outputs_are_byte_identical_to_local(work: Path, runs) -> None:
    local = tree(work / "out-local")
    assert len([k for k in local if k.endswith(".txt")]) == N_TEXTS - 1  # all but the blocked one
    assert len([k for k in local if k.startswith(".cleaner/done/")]) == 2  # units with a failure get none
    for name in ("dask", "scheduler"):
        assert runs[name].returncode == runs["local"].returncode == 1, runs[name].stderr[-2000:]
        assert tree(work / f"out-{name}") == local  # texts, sidecars, .jsonl and completion markers
        assert problems(runs[name].stderr) == problems(runs["local"].stderr)  # same lines, same order
        report, local_report = (json.loads((work / f"report-{n}.json").read_text()) for n in (name, "local"))
        report.pop("time"), local_report.pop("time")
        assert report == local_report and report["top_rules"][0]["words"] > 0  # words per rule merged too


def test_dask_reports_problems_by_path(runs) -> None:
    lines = problems(runs["dask"].stderr)
    assert any(ln.startswith("cleaner: in/d1/bad.bin: skipped: binary file") for ln in lines), lines
    assert any(ln.startswith("cleaner: in/feed.jsonl:6: skipped: invalid JSON") for ln in lines), lines
    assert any(ln.startswith("cleaner: in/d1/s004.txt: failed:") for ln in lines), lines
    assert "Traceback" not in runs["dask"].stderr
    assert "154 cleaned, 2 skipped, 1 failed" in runs["dask"].stderr


def test_dask_resume_redoes_only_the_units_without_a_marker(work: Path, runs, cluster) -> None:
    out = work / "out-scheduler"
    before = tree(out)
    markers = sorted((out / ".cleaner" / "done").iterdir())
    done_key = markers[0].name
    markers[0].unlink()
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.txt")}
    proc = clean(work, "in", "-o", "out-scheduler", "--engine", "dask", "--scheduler", cluster.scheduler_address, "--resume")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "inputs already done, skipped by --resume" in proc.stderr  # the unit whose marker is left
    assert tree(out) == before  # the unit was redone, to the same bytes, marker included
    assert (out / ".cleaner" / "done" / done_key).exists()
    rewritten = [p for p, m in mtimes.items() if p.stat().st_mtime_ns != m]
    assert 0 < len(rewritten) < len(mtimes)  # one unit's worth, not the whole batch


def test_dask_engine_without_dask_says_how_to_install(work: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['distributed'] = None; from cleaner.cli import main; main()",
         "clean", "in", "-o", "out-nodask", "--engine", "dask"],
        capture_output=True, text=True, cwd=work, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.strip() == "cleaner: --engine dask needs Dask: pip install 'cleaner[dask]' (dask[distributed])"
    assert not (work / "out-nodask").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_from_the_environment_is_one_line(work: Path) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    proc = clean(work, "in", "-o", "out-noscheduler", "--engine", "dask",
                 env={"DASK_SCHEDULER_ADDRESS": address, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"})
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"cleaner: cannot connect to the Dask scheduler at {address}: ")
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_engine_flags(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(doc(1))
    runner = CliRunner()
    cases = {
        ("--engine", "spark", "-o", str(tmp_path / "o")): "--engine must be local or dask (got 'spark')",
        ("--scheduler", "tcp://127.0.0.1:1", "-o", str(tmp_path / "o")): "--scheduler needs --engine dask",
        ("--engine", "dask"): "--engine dask writes to an output folder: give -o OUT",
    }
    for args, message in cases.items():
        result = runner.invoke(app, ["clean", str(src), *args])
        assert result.exit_code == 2, result.output
        assert f"cleaner: {message}" in result.output
    help_text = runner.invoke(app, ["clean", "--help"], terminal_width=200).output
    assert "--engine" in help_text and "--scheduler" in help_text and "DASK_SCHEDULER_ADDRESS" in help_text


def test_a_unit_that_crashes_on_a_worker_is_reported_by_path_and_the_rest_goes_on(tmp_path: Path, cluster) -> None:
    """An exception the unit does not handle (here a bad max_bytes: TypeError in every unit of
    the bad run) costs that unit, reported with its inputs' paths; no marker is written."""
    jobs = []
    for i in range(3):
        (tmp_path / f"s{i}.txt").write_text(doc(i))
        jobs.append(Job(tmp_path / f"s{i}.txt", tmp_path / "out" / f"s{i}", "text", f"s{i}.txt"))
    settings = Settings(state=tmp_path / "out" / ".cleaner", engine="dask")
    units = make_units(jobs, settings, size=2)
    parts: list[Summary] = []
    reported: list[str] = []
    options = Options(load_rules())
    run_units(units[:1], options, 10**6, settings, reported.append, lambda n: None, parts.append,
              scheduler=cluster.scheduler_address, workers=1)
    run_units(units[1:], options, "not a number", settings, reported.append, lambda n: None, parts.append,  # type: ignore[arg-type]
              scheduler=cluster.scheduler_address, workers=1)
    assert len(parts) == 2
    assert parts[0].done == 2 and parts[0].failed == 0
    assert parts[1].failed == 1 and parts[1].done == 0
    assert reported == [f"{tmp_path / 's2.txt'}: failed on a Dask worker: TypeError: "
                        "'>' not supported between instances of 'int' and 'str'"]
    assert (tmp_path / "out" / "s1.txt").exists() and not (tmp_path / "out" / "s2.txt").exists()
    assert len(list((tmp_path / "out" / ".cleaner" / "done").iterdir())) == 1


def test_options_pickle_and_clean_the_same_after() -> None:
    """Options travel to the workers pickled: built-in patterns go uncompiled (LazyPattern)."""
    import pickle

    options = Options(load_rules())
    copy = pickle.loads(pickle.dumps(options))
    for i in range(8):
        assert clean_text(copy, doc(i)) == clean_text(options, doc(i))


def clean_text(options: Options, text: str) -> str:
    from cleaner import clean as clean_doc

    return clean_doc(text, options).text


def test_unit_key_is_not_a_task_per_document() -> None:
    """The tasks are the batch engine's units: many documents each."""
    jobs = [Job(Path(f"s{i}.txt"), Path(f"o/s{i}"), "text", f"s{i}.txt") for i in range(130)]
    units = make_units(jobs, Settings(engine="dask"))
    assert [len(u.jobs) for u in units] == [64, 64, 2]
    assert all(isinstance(u, Unit) for u in units)


def test_units_stream_to_the_cluster_a_window_at_a_time(tmp_path: Path, cluster) -> None:
    """The driver cuts units as the cluster takes them (at most IN_FLIGHT_PER_THREAD per worker
    thread not yet folded), as the local engine does, and folds them in unit order."""
    from cleaner import dask_engine

    jobs = []
    for i in range(40):
        (tmp_path / f"s{i:02}.txt").write_text(doc(i))
        jobs.append(Job(tmp_path / f"s{i:02}.txt", tmp_path / "out" / f"s{i:02}", "text", f"s{i:02}.txt"))
    settings = Settings(state=tmp_path / "out" / ".cleaner", engine="dask")
    pulled: list[int] = []
    pulled_at_fold: list[int] = []

    def units():
        for unit in make_units(jobs, settings, size=1):
            pulled.append(unit.index)
            yield unit

    folded: list[Summary] = []

    def fold(summary: Summary) -> None:
        pulled_at_fold.append(len(pulled))
        folded.append(summary)

    run_units(units(), Options(load_rules()), 10**6, settings, lambda msg: None, lambda n: None, fold,
              scheduler=cluster.scheduler_address, workers=2)
    window = dask_engine.IN_FLIGHT_PER_THREAD * 2  # the test cluster: 2 workers of one thread
    assert pulled_at_fold[0] <= window + 1 < 40  # a window of units, not all of them
    assert [s.done for s in folded] == [1] * 40
    assert len(list((tmp_path / "out" / ".cleaner" / "done").iterdir())) == 40
