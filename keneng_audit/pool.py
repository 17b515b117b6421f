"""Runs one function over many items in worker processes: results in input order, dead workers isolated, stoppable.

Only a bounded window of items is in flight or waiting to be handed on in order (a few per worker), so the caller
holds O(jobs) results however long the batch. A worker that dies (killed, out of memory, crashed interpreter) takes
its pool down with it: the items then in flight are retried one at a time in a fresh process, so that only the
culprit fails, and the rest go on in parallel. Ctrl-C or SIGTERM in the caller cancels the queued items at once
and terminates the workers (they ignore SIGINT themselves, so a Ctrl-C on the terminal reaches only the caller,
which stops them): nothing keeps running once the caller has gone.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

WINDOW_PER_WORKER = 4
STOP_GRACE = 1.0  # seconds a terminated worker gets before it is killed


class WorkerDied(Exception):
    """The process auditing an item died twice, also when it ran alone."""


def ordered(items: Sequence, work: Callable, jobs: int, initializer: Callable, initargs: tuple,
            on_error: Callable[[int, BaseException], object]) -> Iterator[tuple[int, object]]:
    """(index, work(item)) for every item, in input order; `on_error(index, exc)` stands in for a failure that
    `work` did not catch itself (a result that could not be sent back, a worker that died: WorkerDied)."""
    window = max(jobs * WINDOW_PER_WORKER, 1)
    ready: dict[int, object] = {}
    next_out = 0
    pending = deque(range(len(items)))
    while pending:
        lost: list[int] = []
        for i, value in _run(items, pending, work, jobs, window, initializer, initargs, on_error, lost,
                             lambda: len(ready) < window):
            ready[i] = value
            while next_out in ready:
                yield next_out, ready.pop(next_out)
                next_out += 1
        for i in sorted(lost):  # each alone, in a fresh process: only the culprit dies again
            alone: list[int] = []
            for j, value in _run(items, deque([i]), work, 1, 1, initializer, initargs, on_error, alone, lambda: True):
                ready[j] = value
            if alone:
                ready[i] = on_error(i, WorkerDied())
            while next_out in ready:
                yield next_out, ready.pop(next_out)
                next_out += 1
    while next_out in ready:  # pragma: no cover - every index was yielded above
        yield next_out, ready.pop(next_out)
        next_out += 1


def _run(items: Sequence, pending: deque, work: Callable, jobs: int, window: int, initializer: Callable,
         initargs: tuple, on_error: Callable, lost: list[int], room: Callable[[], bool]):
    """Runs pending items in one pool (completion order); on a broken pool, the unfinished ones go to `lost`."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(initializer, initargs))
    inflight: dict[Future, int] = {}
    try:
        while pending or inflight:
            while pending and len(inflight) < window and room():
                i = pending.popleft()
                inflight[pool.submit(work, items[i])] = i
            if not inflight:  # pragma: no cover - nothing in flight means nothing is awaited
                break
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=inflight.__getitem__):
                i = inflight.pop(future)
                try:
                    value = future.result()
                except BrokenProcessPool:
                    lost.append(i)
                    continue
                except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
                    value = on_error(i, exc)
                yield i, value
            if lost:  # the pool is gone: whatever it still held is lost too, the queue goes to a fresh pool
                lost += inflight.values()
                inflight.clear()
                break
        pool.shutdown(wait=True)
    except BaseException:  # Ctrl-C, SIGTERM, the caller gone (GeneratorExit): stop everything now
        stop(pool)
        raise


def _init(initializer: Callable, initargs: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the caller decides; no traceback from every worker
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    initializer(*initargs)


def stop(pool: ProcessPoolExecutor) -> None:
    """Cancels what is queued and ends the workers: terminated, then killed after STOP_GRACE seconds; returns in
    a bounded time and leaves no thread that would keep the interpreter from exiting."""
    manager = getattr(pool, "_executor_manager_thread", None)  # shutdown(wait=False) forgets it
    results = getattr(pool, "_result_queue", None)
    pool.shutdown(wait=False, cancel_futures=True)
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(STOP_GRACE)
        if child.is_alive():
            child.kill()
            child.join(STOP_GRACE)
    if manager is None:
        return
    manager.join(STOP_GRACE)  # with its workers gone it notices at once and ends
    if manager.is_alive():
        # It is reading a result that a worker was killed in the middle of sending (a large rendered report):
        # the pipe never ends while this process holds its other end, and the interpreter would wait for the
        # thread at exit for ever. Closing that end lets the read fail and the thread end.
        writer = getattr(results, "_writer", None)
        if writer is not None:
            writer.close()
        manager.join(STOP_GRACE)
