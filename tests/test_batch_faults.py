"""A batch under faults, with real processes: kill -9 (of the run, or of one worker), SIGTERM, a
full disk. Nothing is left half-written or unpaired for good, --resume finishes the batch, the
user gets one line and an exit code, never a traceback or a hang.

The disk-full runs inject ENOSPC with a sitecustomize module (written by the test into a folder
put first on PYTHONPATH): it wraps os.fdopen, through which cleaner.io writes every output, so
that each process may write a budget of bytes and then gets "No space left on device". Nothing
in the package reads its variable, CLEANER_TEST_ENOSPC_AFTER.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleaner.batch as batch
from cleaner import Options, load_rules
from cleaner.io import Job, atomic_open

from .test_batch_scale import doc, run, tree

CLEANER = str(Path(sys.executable).with_name("cleaner"))
TIMEOUT = 120  # seconds; a hang fails the test instead of the suite


def make_many(src: Path, n: int = 800) -> Path:
    """n inputs of about 2 KB: a --jobs 2 run takes a few seconds, so a signal lands mid-run."""
    src.mkdir(parents=True)
    body = "".join(doc(i) for i in range(15))
    for i in range(n):
        (src / f"s{i:04}.txt").write_text(f"Doc {i}.\n\n" + body)
    return src


def temporaries(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.name.endswith(".tmp"))


def unpaired(out: Path) -> list[str]:
    """Texts without their metadata and metadata without their text (the shards folder and the
    state folder aside)."""
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.suffix in (".txt", ".json")}
    names = {n for n in names if not n.startswith((".cleaner/", "shards/"))}
    stems = {n.rsplit(".", 1)[0] for n in names}
    return sorted(s for s in stems if f"{s}.txt" not in names or f"{s}.json" not in names)


def start(*args: str, env: dict | None = None) -> subprocess.Popen:
    """A run in its own session (so that the test can kill its whole process group)."""
    return subprocess.Popen([CLEANER, *args], stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, **(env or {})})


def wait_for(pred, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not pred():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def finish(proc: subprocess.Popen) -> str:
    """The run's standard error once it ends; a run that hangs is killed and fails the test."""
    try:
        return proc.communicate(timeout=TIMEOUT)[1]
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the run hung")


def children(pid: int) -> list[int]:
    """The pids of a process's children, from /proc (no psutil)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def dead_pid() -> int:
    """The pid of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


# Item 6: kill -9, stale temporaries, unpaired files.


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_resume_after_kill_9_removes_stale_temporaries_and_completes(tmp_path, jobs):
    src = make_many(tmp_path / "in", 600)
    out = tmp_path / "out"
    for _ in range(5):  # the part being written may be renamed between the look and the kill: try again
        shutil.rmtree(out, ignore_errors=True)
        proc = start("clean", str(src), "-o", str(out), "--shards", "--jobs", jobs)
        wait_for(lambda: list((out / "shards").glob("part-*.jsonl")) and temporaries(out), "a shard, then the next")
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, mid-unit: a part file is open
        proc.communicate()
        if temporaries(out):
            break
    assert temporaries(out)  # the part file being written
    res = subprocess.run([CLEANER, "clean", str(src), "-o", str(out), "--shards", "--jobs", jobs, "--resume"],
                         capture_output=True, text=True, timeout=TIMEOUT)
    assert res.returncode == 0, res.stderr
    assert temporaries(out) == []
    subprocess.run([CLEANER, "clean", str(src), "-o", str(tmp_path / "full"), "--shards", "-q"], check=True, timeout=TIMEOUT)
    assert tree(out) == tree(tmp_path / "full")


def test_resume_removes_only_our_stale_temporaries_and_none_while_another_run_writes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(doc(1))
    out = tmp_path / "out"
    assert run("clean", str(src), "-o", str(out)).exit_code == 0
    stale = out / f".a.txt.{dead_pid()}.0.tmp"
    others = [out / ".notes.tmp", out / ".a.txt.x.0.tmp", out / "a.txt.123.0.tmp", out / f".a.txt.{os.getpid()}.0.tmp"]
    for p in (stale, *others):
        p.write_text("partial")
    lock = out / ".cleaner" / "lock"
    lock.parent.mkdir(exist_ok=True)
    with open(lock, "a") as held:  # another run over OUT is live: its temporaries are not ours to judge
        fcntl.flock(held, fcntl.LOCK_SH)
        res = run("clean", str(src), "-o", str(out), "--resume")
        assert res.exit_code == 0, res.output
        assert stale.exists()
    res = run("clean", str(src), "-o", str(out), "--resume")
    assert res.exit_code == 0, res.output
    assert not stale.exists()  # an earlier run's, its process gone: removed
    assert all(p.exists() for p in others)  # not our pattern, or a live process's: kept


def test_resume_redoes_a_unit_whose_text_has_no_metadata(tmp_path):
    src = make_many(tmp_path / "in", 5)
    (src / "feed.jsonl").write_text("".join(json.dumps({"id": f"r{i}", "text": doc(i)}) + "\n" for i in range(3)))
    out = tmp_path / "out"
    assert run("clean", str(src), "-o", str(out), "--format", "text").exit_code == 0
    full = tree(out)
    (out / "s0003.json").unlink()
    (out / "feed" / "r1.txt").unlink()
    res = run("clean", str(src), "-o", str(out), "--format", "text", "--resume")
    assert res.exit_code == 0 and "skipped by --resume" not in res.output
    assert tree(out) == full


def test_a_killed_pair_write_never_shows_a_text_without_its_metadata(tmp_path, monkeypatch):
    """Death right after the first rename of a text/metadata pair (as kill -9 could do)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(doc(1))
    out = tmp_path / "out"
    real = os.replace

    class Killed(BaseException):
        pass

    def replace_then_die(a, b):
        real(a, b)
        if str(b).endswith((".txt", ".json")):
            raise Killed

    monkeypatch.setattr(os, "replace", replace_then_die)
    with pytest.raises(Killed):
        batch.run_batch([Job(src / "a.txt", out / "a")], Options(load_rules()), report=print)
    assert not (out / "a.txt").exists() or (out / "a.json").exists()


def test_a_unit_being_redone_loses_its_marker_first(tmp_path, monkeypatch):
    """A run that redoes a unit (no --resume) and dies midway must not leave the unit marked done
    by an earlier run, with its outputs half old and half new."""
    src = make_many(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert run("clean", str(src), "-o", str(out)).exit_code == 0
    real = batch.clean_one

    def crash(content, html, options, source, *rest):
        if source.endswith("s0002.txt"):
            raise KeyboardInterrupt
        return real(content, html, options, source, *rest)

    monkeypatch.setattr("cleaner.units.clean_one", crash)  # the runner of units lives in cleaner.units
    assert run("clean", str(src), "-o", str(out)).exit_code == 130
    assert list((out / ".cleaner" / "done").iterdir()) == []


# Item 6: a full disk.

SITECUSTOMIZE = '''
import errno, io, os

_left = [int(os.environ["CLEANER_TEST_ENOSPC_AFTER"])]
_fdopen = os.fdopen


class _FullDisk(io.FileIO):
    def write(self, data):
        size = memoryview(data).nbytes
        if size > _left[0]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        _left[0] -= size
        return super().write(data)


def fdopen(fd, mode="r", *args, **kwargs):
    if "w" in mode and "b" in mode:
        return io.BufferedWriter(_FullDisk(fd, "w"))
    return _fdopen(fd, mode, *args, **kwargs)


os.fdopen = fdopen
'''


@pytest.mark.parametrize("args", [["--jobs", "1"], ["--jobs", "2"], ["--shards"], ["--shards", "--jobs", "2"]])
def test_a_full_disk_stops_the_batch_with_one_message(tmp_path, args):
    src = make_many(tmp_path / "in", 300)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    out = tmp_path / "out"
    env = {"PYTHONPATH": str(hook), "CLEANER_TEST_ENOSPC_AFTER": str(60_000)}
    err = finish(start("clean", str(src), "-o", str(out), *args, env=env))
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleaner: ") and os.strerror(errno.ENOSPC) in lines[0], err
    assert "--resume" in lines[0]
    assert temporaries(out) == [] and unpaired(out) == []
    res = subprocess.run([CLEANER, "clean", str(src), "-o", str(out), *args, "--resume"], capture_output=True, text=True, timeout=TIMEOUT)
    assert res.returncode == 0, res.stderr
    subprocess.run([CLEANER, "clean", str(src), "-o", str(tmp_path / "full"), *args, "-q"], check=True, timeout=TIMEOUT)
    assert tree(out) == tree(tmp_path / "full")


def _can_mount_tmpfs() -> bool:
    """Whether an unprivileged user namespace may mount a tmpfs here (not where AppArmor forbids it)."""
    try:
        return subprocess.run(["unshare", "-Urm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                              capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs unshare -Urm and a tmpfs mount")
@pytest.mark.parametrize("args", [["--jobs", "1"], ["--jobs", "2"], ["--shards"]])
def test_a_really_full_disk_stops_the_batch_with_one_message(tmp_path, args):
    """The same on a real full filesystem: a 300 KB tmpfs in a user namespace, copied out after."""
    src = make_many(tmp_path / "in", 300)
    mnt, copy = tmp_path / "mnt", tmp_path / "copy"
    mnt.mkdir()
    script = (f'mount -t tmpfs -o size=300k tmpfs "{mnt}" && "{CLEANER}" clean "{src}" -o "{mnt}/out" {" ".join(args)}; '
              f'echo $? > "{tmp_path}/rc"; cp -a "{mnt}/out" "{copy}"')
    res = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, timeout=TIMEOUT)
    lines = res.stderr.splitlines()
    assert (tmp_path / "rc").read_text().strip() == "1"
    assert len(lines) == 1 and os.strerror(errno.ENOSPC) in lines[0], res.stderr
    assert temporaries(copy) == [] and unpaired(copy) == []


def test_the_fault_injection_fails_writes_with_enospc(tmp_path, monkeypatch):
    """The test above relies on its hook; check the hook itself."""
    monkeypatch.setenv("CLEANER_TEST_ENOSPC_AFTER", "10")
    hook: dict = {}
    monkeypatch.setattr(os, "fdopen", os.fdopen)  # restored after the test
    exec(SITECUSTOMIZE, hook)
    with pytest.raises(OSError) as info:
        with atomic_open(tmp_path / "x") as fh:
            fh.write(b"x" * 11)
    assert info.value.errno == errno.ENOSPC and list(tmp_path.iterdir()) == []


# Item 10: a worker dies.


@needs_proc
def test_a_killed_worker_fails_its_unit_and_the_batch_goes_on(tmp_path):
    src = make_many(tmp_path / "in")
    out = tmp_path / "out"
    proc = start("clean", str(src), "-o", str(out), "--jobs", "2")
    wait_for(lambda: len(list(out.glob("*.txt"))) >= 40, "some outputs")
    workers = children(proc.pid)
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    err = finish(proc)
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    died = [line for line in err.splitlines() if "worker process" in line]
    assert len(died) == 1 and "SIGKILL" in died[0] and "--resume" in died[0], err
    assert temporaries(out) == []
    assert " 0 failed" not in err and "800 cleaned" not in err
    res = subprocess.run([CLEANER, "clean", str(src), "-o", str(out), "--jobs", "2", "--resume"],
                         capture_output=True, text=True, timeout=TIMEOUT)
    assert res.returncode == 0, res.stderr
    subprocess.run([CLEANER, "clean", str(src), "-o", str(tmp_path / "full"), "-q"], check=True, timeout=TIMEOUT)
    assert tree(out) == tree(tmp_path / "full")


# Item 12: SIGTERM to the main process.


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_stops_the_batch_quietly_with_one_line(tmp_path, jobs):
    src = make_many(tmp_path / "in")
    out = tmp_path / "out"
    proc = start("clean", str(src), "-o", str(out), "--jobs", jobs)
    wait_for(lambda: len(list(out.glob("*.txt"))) >= 40, "some outputs")
    workers = children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    err = finish(proc)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert err.splitlines() == [
        "cleaner: interrupted (SIGTERM); outputs written so far are complete (rerun with --resume to finish)"
    ]
    for pid in workers:  # ended and reaped by the run
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert temporaries(out) == [] and unpaired(out) == []
    subprocess.run([CLEANER, "clean", str(src), "-o", str(out), "--jobs", jobs, "--resume", "-q"], check=True, timeout=TIMEOUT)
    subprocess.run([CLEANER, "clean", str(src), "-o", str(tmp_path / "full"), "-q"], check=True, timeout=TIMEOUT)
    assert tree(out) == tree(tmp_path / "full")


# cleaner.workers on its own: which item a dead worker held, and no endless restarts.


def _init_nothing() -> None:
    pass


def _square_or_die(n: int) -> int:
    if n == 3 or n < 0:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def test_workers_lose_exactly_the_item_of_a_dead_worker_and_fold_in_order():
    from cleaner.workers import run_ordered

    folded, lost = [], []
    items = [(n, None) for n in range(8)] + [(8, "given")]
    run_ordered(items, workers=2, window=3, init=_init_nothing, initargs=(), work=_square_or_die,
                lost=lambda n, pid, why: lost.append((n, why)) or "lost", fold=lambda n, r, fresh: folded.append((n, r, fresh)))
    assert lost == [(3, "killed by SIGKILL, perhaps by the out-of-memory killer")]
    assert folded == [(n, "lost" if n == 3 else n * n, True) for n in range(8)] + [(8, "given", False)]


def test_workers_that_keep_dying_stop_the_run():
    from cleaner.workers import WorkersFailing, run_ordered

    with pytest.raises(WorkersFailing, match="keep dying"):
        run_ordered([(-n, None) for n in range(1, 50)], workers=2, window=8, init=_init_nothing, initargs=(),
                    work=_square_or_die, lost=lambda n, pid, why: None, fold=lambda n, r, fresh: None)
