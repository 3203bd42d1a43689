"""Worker processes that never leave the caller waiting: items in, results folded in order.

Why not multiprocessing.Pool (used before): when one of its workers dies (kill -9, the
out-of-memory killer) the Pool starts another, but the task the dead one held is never
answered and the caller waits forever. concurrent.futures' ProcessPoolExecutor does notice,
but then fails every pending task without saying which one the dead worker held, and cannot
stop its workers (SIGTERM, so that they remove their temporary files) before Python 3.14.

Here each worker has a pipe of its own and holds one item at a time, so the parent knows what
every worker is doing. It waits on the pipes and on the processes' sentinels together; a worker
that ends without answering costs exactly the item it held, which `lost` turns into a result
(in the batch: its unit counted as failed, reported, its temporary files removed), and a fresh
worker is started when there is work for it. Workers that keep dying without finishing
anything stop the run (WorkersFailing) instead of being restarted forever.

As with the Pool: workers start (forked where possible) only once an item needs one, at most
`workers` of them; `init(*initargs)` runs once in each; at most `window` items are taken from
the stream and not yet folded (memory stays flat over any number of items); an item that comes
with its result (a unit --resume finds done) is folded in its turn without being sent; results
are folded in item order; an exception raised by `work` is raised here when its item's turn
comes. On any exception here (Ctrl-C, SIGTERM turned into Terminated, a disk-full error) the
workers get SIGTERM, whose handler (io.exit_on_signal) removes their temporary files.

A worker whose parent is gone (killed by SIGKILL) gets end-of-file on its pipe once it has
finished its item, and exits quietly.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Generic, Iterable, TypeVar

from .io import Stopped, exit_on_signal, signals_deferred

T = TypeVar("T")
R = TypeVar("R")

TERMINATE_WAIT_S = 10.0  # after SIGTERM, how long a worker may take to go before it is killed


class WorkersFailing(Stopped):
    """Worker processes keep dying before they finish anything; str is the one-line message."""


@dataclass
class _Entry(Generic[T, R]):
    item: T
    result: R | None = None
    error: BaseException | None = None
    ready: bool = False
    fresh: bool = True  # done by a worker here (not given with its result)


@dataclass
class _Worker:
    process: Any  # a multiprocessing process
    conn: Connection
    entry: _Entry | None = None  # the item it holds
    gone: bool = False


@dataclass
class _Pool:
    size: int
    init: Callable[..., None]
    initargs: tuple
    work: Callable[[Any], Any]
    lost: Callable[[Any, int, str], Any]
    workers: list[_Worker] = field(default_factory=list)
    deaths_in_a_row: int = 0

    def __post_init__(self) -> None:
        self.method = "fork" if "fork" in mp.get_all_start_methods() else None
        self.ctx = mp.get_context(self.method)

    def _start(self) -> _Worker:
        mine, theirs = self.ctx.Pipe(duplex=True)
        # a forked worker holds copies of the parent's ends of every pipe: it closes them, so
        # that each worker's pipe reaches end-of-file when the parent is gone
        others = [w.conn for w in self.workers] + [mine] if self.method == "fork" else []
        process = self.ctx.Process(target=_serve, args=(theirs, others, self.init, self.initargs, self.work), daemon=True)
        with signals_deferred():  # the worker starts with Ctrl-C and SIGTERM held until its handlers are set
            process.start()
        theirs.close()
        worker = _Worker(process, mine)
        self.workers.append(worker)
        return worker

    def dispatch(self, todo: deque[_Entry]) -> None:
        """Give every idle worker an item; start workers (up to size) for the rest."""
        for worker in list(self.workers):
            if not todo:
                return
            if worker.entry is None and not worker.gone:
                self._send(worker, todo)
        while todo and len(self.workers) < self.size:
            self._send(self._start(), todo)

    def _send(self, worker: _Worker, todo: deque[_Entry]) -> None:
        entry = todo.popleft()
        try:
            worker.conn.send(entry.item)
        except OSError:  # it died while idle: the item was never started
            todo.appendleft(entry)
            self._died(worker)
            return
        worker.entry = entry

    def wait(self) -> None:
        """Wait until a worker answers or dies, and take what is ready."""
        by_object: dict[object, _Worker] = {}
        for worker in self.workers:
            by_object[worker.conn] = worker
            by_object[worker.process.sentinel] = worker
        for obj in wait(list(by_object)):
            worker = by_object[obj]
            if worker.gone:
                continue
            if worker.conn.poll():  # an answer (even from a worker that ended since), or end-of-file
                self._answer(worker)
            else:  # its sentinel: it ended
                self._died(worker)

    def _answer(self, worker: _Worker) -> None:
        try:
            ok, value = worker.conn.recv()
        except (EOFError, OSError):
            self._died(worker)
            return
        entry, worker.entry = worker.entry, None
        if entry is None:
            return
        entry.ready = True
        if ok:
            entry.result = value
            self.deaths_in_a_row = 0
        else:
            entry.error = value

    def _died(self, worker: _Worker) -> None:
        """A worker ended without answering: its item is lost (see `lost`), it is replaced on demand."""
        worker.gone = True
        pid = worker.process.pid
        why = _how_it_ended(pid)
        entry, worker.entry = worker.entry, None
        if entry is not None:  # before the process is reaped, while its pid cannot be reused
            entry.result, entry.ready = self.lost(entry.item, pid, why), True
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        self.deaths_in_a_row += 1
        if self.deaths_in_a_row > 2 * self.size + 2:
            raise WorkersFailing(f"worker processes keep dying ({why}) before they finish anything; stopped")

    def close(self) -> None:
        """The work is done: let the workers exit."""
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(TERMINATE_WAIT_S)
        self.terminate()

    def terminate(self) -> None:
        """Stop the workers now: SIGTERM (their handler removes temporary files), then SIGKILL."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join(TERMINATE_WAIT_S)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers.clear()


def worker_signals() -> None:
    """The signal policy of a worker process, for its initializer: Ctrl-C is the parent's to
    handle (it terminates the workers), and the SIGTERM it sends then removes the temporary files
    of atomic writes in progress and ends the worker at once (io.exit_on_signal)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, exit_on_signal)


def _how_it_ended(pid: int) -> str:
    """'killed by SIGKILL' or 'exited with status 3', read without reaping the process."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    except (AttributeError, OSError):
        return "ended"
    if info is None:
        return "ended"
    if info.si_code in (os.CLD_KILLED, os.CLD_DUMPED):
        try:
            name = signal.Signals(info.si_status).name
        except ValueError:
            name = f"signal {info.si_status}"
        hint = ", perhaps by the out-of-memory killer" if info.si_status == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exited with status {info.si_status}"


def _serve(conn: Connection, others: list[Connection], init: Callable[..., None], initargs: tuple,
           work: Callable[[Any], Any]) -> None:
    """A worker: items in, (True, result) or (False, exception) out, until None or end-of-file."""
    for other in others:
        other.close()
    init(*initargs)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if item is None:
            return
        try:
            reply = (True, work(item))
        except BaseException as exc:  # noqa: BLE001 - raised in the parent, in the item's turn
            exc.add_note("(in a worker process)\n" + "".join(traceback.format_exception(exc)).rstrip())
            reply = (False, exc)
        try:
            conn.send(reply)
        except OSError:
            return  # broken pipe: the parent is gone
        except Exception as exc:  # noqa: BLE001 - the exception cannot be pickled
            conn.send((False, RuntimeError(f"{type(reply[1]).__name__}: {reply[1]} ({exc})")))


_END = object()


def run_ordered(
    items: Iterable[tuple[T, R | None]],
    *,
    workers: int,
    window: int,
    init: Callable[..., None],
    initargs: tuple,
    work: Callable[[T], R],
    lost: Callable[[T, int, str], R],
    fold: Callable[[T, R, bool], None],
    before_start: Callable[[], None] = lambda: None,
) -> None:
    """Run `work` on every item without a result in up to `workers` processes and call
    fold(item, result, fresh) in item order (fresh: computed here, not given).

    `init(*initargs)` runs in each worker first; `work` and `init` must be module-level
    functions (pickled where processes are spawned). `lost(item, pid, why)` makes the result of
    an item whose worker died (called here, before the process is reaped). `before_start` runs
    once, before the first worker is started (to build what the workers should inherit).
    """
    stream = iter(items)
    entries: deque[_Entry] = deque()  # taken from the stream, not yet folded, in order
    todo: deque[_Entry] = deque()  # not yet given to a worker
    exhausted = False
    pool: _Pool | None = None
    try:
        while True:
            while not exhausted and len(entries) < window:
                nxt = next(stream, _END)
                if nxt is _END:
                    exhausted = True
                    break
                item, result = nxt  # type: ignore[misc]
                entry = _Entry(item, result, ready=result is not None, fresh=result is None)
                entries.append(entry)
                if not entry.ready:
                    todo.append(entry)
            folded = False
            while entries and entries[0].ready:
                entry = entries.popleft()
                if entry.error is not None:
                    raise entry.error
                fold(entry.item, entry.result, entry.fresh)  # type: ignore[arg-type]
                folded = True
            if folded:
                continue  # room in the window: take more items first
            if not entries:
                break
            if pool is None:
                before_start()
                pool = _Pool(max(1, workers), init, initargs, work, lost)
            pool.dispatch(todo)
            pool.wait()
    except BaseException:
        if pool is not None:
            pool.terminate()
            pool = None
        raise
    finally:
        if pool is not None:
            pool.close()
