"""`cleaner clean --engine dask`: the work units of `batch` run as tasks on a Dask cluster.

Nothing here decides what is cleaned or where it goes: a task is `units.run_unit` on one
`units.Unit` (UNIT_SIZE inputs, never one task per document), so outputs, completion markers
and `--resume` are those of the local engine; or, for the counting pass of `clean --learn`,
another unit function (map_units: cleaner.learn.count_unit, whose per-unit counts the driver
merges, a map/reduce over the same units). This module imports cleaner.units, never
cleaner.batch (which imports this one for --engine dask) nor cleaner.learn. The driver (this process) cuts the units, skips
the ones `--resume` finds done, and gathers only each unit's `Summary` (counts and problem
messages); document texts are read and written by the workers themselves, so every worker must
see the inputs and OUT at the same paths as the driver (a shared filesystem). Relative paths
are resolved against the driver's working folder, which is why a task changes into it.

The Options (rules, prefilter) are scattered once to every worker; a task gets the worker's
copy, so a worker compiles its patterns and keyword automaton once, not per unit.

Units are submitted as they are cut, a few per worker thread ahead (IN_FLIGHT_PER_THREAD), and
folded in unit order, so neither the driver nor the scheduler holds the whole batch.

Without a scheduler address a LocalCluster is started on 127.0.0.1 (`--jobs` workers, one
thread each, forked; no dashboard, no memory limit, no profiler: see _quiet_cluster) and closed
at the end, also on Ctrl-C or an error.

Dask is an optional extra (`pip install 'cleaner[dask]'`); this module is imported only for
`--engine dask`, and `distributed` only inside `run_units`.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
import uuid
from collections import deque
from contextlib import nullcontext
from itertools import chain
from typing import TYPE_CHECKING, Any, Callable, ContextManager, Iterable, Iterator

from .io import Stopped
from .pipeline import Options
from .units import Report, Settings, Summary, Unit, advance_unit, run_unit

if TYPE_CHECKING:
    from distributed import Client, Future

INSTALL_HINT = "--engine dask needs Dask: pip install 'cleaner[dask]' (dask[distributed])"


class DaskError(Exception):
    """Dask is missing, the scheduler cannot be reached, or the workers cannot run cleaner;
    str is the one-line message (the CLI exits 2)."""


def available() -> bool:
    """Whether dask.distributed can be imported (without importing it)."""
    from importlib.util import find_spec

    return find_spec("distributed") is not None and find_spec("dask") is not None


Context = tuple[Options, int, Settings, str]
UnitWork = Callable[[Unit, Options, int, Settings], Any]  # a top-level function: pickled by name


def _clean(unit: Unit, options: Options, max_bytes: int, settings: Settings) -> Summary:
    """The cleaning unit: the batch engine's own run_unit; problems go back in the Summary."""
    return run_unit(unit, options, max_bytes, settings, lambda msg: None)


def _task(work: UnitWork, packed: bytes, context: Context) -> Any:
    """One unit on a worker: `work` on it, in the driver's working folder."""
    unit: Unit = pickle.loads(packed)
    options, max_bytes, settings, cwd = context
    if os.getcwd() != cwd:
        try:
            os.chdir(cwd)  # inputs and OUT may be relative to the driver's working folder
        except OSError as exc:
            raise DaskError(
                f"the driver's working folder {cwd} is not there on this worker ({exc.strerror}); "
                "inputs and OUT must be on a filesystem mounted at the same path on every worker"
            ) from None
    return work(unit, options, max_bytes, settings)


def _pack(unit: Unit) -> bytes:
    """A unit as the task's argument: pickled once here, opened by the worker only.

    The scheduler unpickles every task's arguments it is given and pickles them again for the
    worker; a unit's 64 inputs and outputs are Paths, slow to unpickle. As bytes they pass
    through untouched: measured with py-spy on 4,000 documents, a third of the scheduler's
    busy time went to rebuilding Paths.
    """
    return pickle.dumps(unit, protocol=pickle.HIGHEST_PROTOCOL)


def unit_failed_message(unit: Unit, exc: BaseException) -> str:
    """'<inputs>: failed on a Dask worker: <why>' for a unit whose task raised or whose worker died."""
    first, last = unit.jobs[0].src, unit.jobs[-1].src
    where = str(first) if len(unit.jobs) == 1 else f"{first} .. {last} ({len(unit.jobs)} inputs)"
    why = str(exc) if isinstance(exc, DaskError) else f"{type(exc).__name__}: {exc}"
    return f"{where}: failed on a Dask worker: {why}"


def _unit_failed(unit: Unit, exc: BaseException) -> Summary:
    """A unit whose task raised or whose worker died: all its inputs count as failed (no
    completion marker was written, so --resume does it again), reported by path."""
    return Summary(failed=len(unit.jobs), problems=[unit_failed_message(unit, exc)])


def _connect(scheduler: str | None, workers: int) -> tuple["Client", object | None]:
    """A client of the scheduler at `scheduler`, or of a new LocalCluster on loopback."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskError(INSTALL_HINT) from None
    if scheduler:
        try:
            # waits up to Dask's distributed.comm.timeouts.connect (30 s; DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT)
            return Client(scheduler, set_as_default=False), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise DaskError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}") from None
    # Ctrl-C in a terminal reaches the whole process group. It is the driver's to handle (it
    # closes the cluster, and a worker finishes the unit it is writing): the worker processes
    # are started with SIGINT ignored, which they inherit.
    held = _ignore_sigint()
    try:
        with _fork_workers(), dask.config.set(_quiet_cluster()):
            cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,  # no web server: nobody looks at a cluster that lives one command
                memory_limit=0,  # as the local engine: no memory monitor polling every worker 10 times a second
                silence_logs=logging.ERROR,
            )
    finally:
        _restore_sigint(held)
    try:
        return Client(cluster, set_as_default=False), cluster
    except BaseException:
        cluster.close()
        raise


def _quiet_cluster() -> dict[str, object]:
    """Dask settings for our own LocalCluster that take CPU from the cleaning and give nothing
    to a cluster that lives for one command on the same cores as its workers.

    Measured on 4,000 documents, 2 workers: the statistical profiler (every worker's event loop
    walks the running task's stack every 10 ms) cost each worker's event-loop thread about
    0.5 CPU-s of its 0.9 CPU-s, and makes the task thread hand over the GIL 100 times a second.
    The event-loop health tick (20 ms) wakes the scheduler and every worker. Settings the user
    set in Dask's configuration win over these. A cluster given by --scheduler is left alone.
    """
    import dask

    shipped_and_ours = {  # Dask's default, ours
        "distributed.worker.profile.enabled": (True, False),
        "distributed.admin.tick.interval": ("20ms", "1s"),
    }
    return {key: ours for key, (shipped, ours) in shipped_and_ours.items() if dask.config.get(key, shipped) == shipped}


def _fork_workers() -> ContextManager[object]:
    """Start the LocalCluster's worker processes by fork, where Dask's default (spawn) is in force.

    A spawned worker imports Dask and cleaner afresh, about a CPU-second each before its first
    unit (measured: 2 workers on 300 files, 2.7 s wall by fork against 4.4 s by spawn); a fork
    starts with them imported, as the local engine's pool does. The fork happens in the
    cluster's event-loop thread while the main thread waits, holding no lock. A method the user
    configured (DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD) is left alone.
    """
    import multiprocessing

    import dask

    key = "distributed.worker.multiprocessing-method"
    if dask.config.get(key, "spawn") != "spawn" or "fork" not in multiprocessing.get_all_start_methods():
        return nullcontext()
    return dask.config.set({key: "fork"})


def _ignore_sigint() -> object:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGINT, signal.SIG_IGN)


def _restore_sigint(held: object) -> None:
    import signal

    if held is not None:
        signal.signal(signal.SIGINT, held)  # type: ignore[arg-type]


IN_FLIGHT_PER_THREAD = 4  # units submitted and not yet folded, per worker thread of the cluster


def run_units(
    units: Iterable[Unit],
    options: Options,
    max_bytes: int,
    settings: Settings,
    report: Report,
    advance: Callable[[int], None],
    fold: Callable[[Summary], None],
    *,
    resumed: Callable[[Unit], Summary | None] = lambda unit: None,
    scheduler: str | None,
    workers: int,
) -> None:
    """Clean the units on the cluster as they come and fold every unit's Summary in unit order
    (problems reported in that order too, as locally); `resumed` gives the summary of a unit an
    earlier run completed, which is folded without being sent."""

    def settled(unit: Unit, summary: Summary) -> None:
        for msg in summary.problems:
            report(msg)
        advance_unit(advance, len(unit.jobs), summary.bytes_in)
        fold(summary)

    map_units(units, _clean, (options, max_bytes, settings), settled, _unit_failed, resumed=resumed, fold_done=fold,
              scheduler=scheduler, workers=workers)


def map_units(
    units: Iterable[Unit],
    work: UnitWork,
    context: tuple[Options, int, Settings],
    settled: Callable[[Unit, Any], None],
    failed: Callable[[Unit, BaseException], Any],
    *,
    resumed: Callable[[Unit], Any | None] = lambda unit: None,
    fold_done: Callable[[Any], None] = lambda part: None,
    scheduler: str | None,
    workers: int,
) -> None:
    """work(unit, options, max_bytes, settings) for every unit, as tasks on the cluster; each
    unit's result goes to settled(unit, result) in unit order (failed(unit, exc) stands in for
    the result of a task that raised, or whose worker died); `resumed` gives the result of a
    unit an earlier run completed, passed to fold_done without being sent.

    At most IN_FLIGHT_PER_THREAD units per worker thread are submitted and not yet settled, as
    the local engine keeps its pool fed: the driver never lists every unit (memory flat in the
    number of inputs) and the scheduler holds a few tasks, not the whole batch. A LocalCluster
    starts with the first units that have work, with no more workers than there are such units
    (up to `workers`); a batch that --resume finds done starts none.
    """
    stream = ((unit, resumed(unit)) for unit in units)
    head = _first_with_work(stream, workers)
    with_work = sum(done is None for _, done in head)
    if not with_work:
        for _, done in head:
            fold_done(done)
        return
    client, cluster = _connect(scheduler, min(workers, with_work))
    inflight: deque[tuple[Unit, "Future | None", Any]] = deque()  # (unit, its task, or an earlier run's result)
    try:
        shared = client.scatter((*context, os.getcwd()), broadcast=True, hash=False)
        run = uuid.uuid4().hex[:12]  # two runs on one cluster never share task keys
        window = _Window(client)
        for unit, done in chain(head, stream):
            if done is None:
                key = f"cleaner-unit-{run}-{unit.index}"
                inflight.append((unit, client.submit(_task, work, _pack(unit), shared, key=key, pure=False), None))
            else:
                inflight.append((unit, None, done))
            while len(inflight) > window.size() or (inflight and _ready(inflight[0][1])):
                _settle(*inflight.popleft(), settled, failed, fold_done)
        while inflight:
            _settle(*inflight.popleft(), settled, failed, fold_done)
    finally:
        pending = [task for _, task, _ in inflight if task is not None]
        if pending:
            try:
                client.cancel(pending)  # Ctrl-C or an error: queued units never start
            except Exception:  # noqa: BLE001 - closing anyway
                pass
        client.close()
        if cluster is not None:
            cluster.close()  # type: ignore[attr-defined]


def _first_with_work(stream: Iterator[tuple[Unit, Any | None]], wanted: int) -> list[tuple[Unit, Any | None]]:
    """The stream's items up to the `wanted`-th unit that has work (all of it if fewer), read
    before a LocalCluster is started so that it gets no more workers than there are units."""
    head: list[tuple[Unit, Any | None]] = []
    for item in stream:
        head.append(item)
        if sum(done is None for _, done in head) >= wanted:
            break
    return head


class _Window:
    """How many units may be in flight: IN_FLIGHT_PER_THREAD per worker thread the scheduler
    knows, asked again every few seconds (the workers of a real cluster may still be arriving)."""

    REFRESH_S = 5.0

    def __init__(self, client: "Client") -> None:
        self._client = client
        self._size = 0
        self._asked = -self.REFRESH_S

    def size(self) -> int:
        now = time.monotonic()
        if now - self._asked >= self.REFRESH_S:
            self._asked = now
            threads = self._client.scheduler_info(n_workers=0).get("total_threads", 0)
            self._size = IN_FLIGHT_PER_THREAD * max(1, int(threads))
        return self._size


def _ready(task: "Future | None") -> bool:
    return task is None or task.done()


def _settle(unit: Unit, task: "Future | None", done: Any, settled: Callable[[Unit, Any], None],
            failed: Callable[[Unit, BaseException], Any], fold_done: Callable[[Any], None]) -> None:
    """Pass on one unit's result (waiting for its task): an earlier run's to fold_done as it is,
    a task's (or failed()'s stand-in for it) to settled."""
    if task is None:
        fold_done(done)
        return
    try:
        result = task.result()
    except (DaskError, Stopped):
        raise  # the worker cannot see our files, the disk is full: every unit would fail the same way
    except ImportError as exc:
        # the workers cannot unpickle our task: cleaner (or a dependency) is missing there
        raise DaskError(
            f"the Dask workers cannot run cleaner ({type(exc).__name__}: {exc}); "
            "install the same cleaner version on every worker"
        ) from None
    except Exception as exc:  # noqa: BLE001 - a crash or a dead worker costs this unit only
        result = failed(unit, exc)
    settled(unit, result)
