"""Function invocations in worker processes, like Lambda's execution environments.

Lambda runs one event at a time per execution environment and scales by adding environments.
Handlers rely on that: Powertools keeps the current request on its resolver *class*
(`BaseRouter.current_event`), so two requests handled by threads of one process would read each
other's events. A pool of spawned worker processes gives the local stack both properties: one
invocation at a time per process, several processes at once, so concurrent requests really reach
DynamoDB concurrently (the 50-registrations test depends on that). Workers talk to the moto
server over HTTP like the main process does.

Faults are Lambda's too. A worker that dies (killed, out of memory) fails only the invocation it
held, with `WorkerDied` (API Gateway's 502 for a crashed function), and a fresh worker takes its
place. Workers die with the main process however it ends: each watches its parent's sentinel.
Callers beyond the workers wait in a bounded queue; past it `invoke(..., bounded=True)` refuses
at once with `Busy` (the gateway's 429, as Lambda throttles at its concurrency limit), while the
event pump waits its turn as an event source mapping does.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import traceback
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from devstack.runtime import Functions
from devstack.template import Template

log = logging.getLogger("devstack.workers")
_spawn = multiprocessing.get_context("spawn")


class WorkerDied(RuntimeError):
    """The process running the invocation ended before answering."""


class Busy(RuntimeError):
    """Every worker is busy and the queue of waiting requests is full."""


class FunctionError(RuntimeError):
    """The handler raised; the worker's formatted traceback is the message (a traceback object
    cannot cross processes)."""


def _watch_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()  # returns when the main process is gone, however it ended
        os._exit(1)


def _serve(
    connection: Connection,
    environment: dict[str, str],
    path: str,
    stack: str,
    overrides: dict[str, str],
    endpoint: str,
) -> None:
    threading.Thread(target=_watch_parent, daemon=True, name="parent-watch").start()
    os.environ.clear()
    os.environ.update(environment)
    template = Template(Path(path), stack=stack, overrides=overrides)
    template.endpoint = endpoint
    functions = Functions(template)
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        function, event = request
        try:
            answer: tuple[str, Any] = ("ok", functions.invoke(function, event))
        except Exception:
            answer = ("error", traceback.format_exc())
        connection.send(answer)


class _Worker:
    def __init__(self, initargs: tuple[Any, ...]) -> None:
        self.connection, child = _spawn.Pipe()
        self.process: BaseProcess = _spawn.Process(
            target=_serve, args=(child, *initargs), daemon=True, name="lambda-worker"
        )
        self.process.start()
        child.close()

    def call(self, function: str, event: dict[str, Any]) -> Any:
        try:
            self.connection.send((function, event))
            status, value = self.connection.recv()
        except (EOFError, OSError) as lost:
            raise WorkerDied(f"the worker running {function} ended") from lost
        if status == "error":
            raise FunctionError(value)
        return value


class WorkerPool:
    """`invoke(function, event)` in one of `size` processes; blocks until the result is back."""

    def __init__(self, functions: Functions, size: int, queue_limit: int = 64) -> None:
        template = functions.template
        self.functions = functions
        self.size = size
        self._initargs = (
            dict(os.environ),
            str(template.path),
            template.stack,
            template.parameters,
            template.endpoint,
        )
        # Last in, first out: the warmest worker takes the next call, as Lambda reuses a warm
        # environment, so that a quiet stack does not cold-import every handler in every worker.
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._workers = [_Worker(self._initargs) for _ in range(size)]
        for worker in self._workers:
            self._idle.put(worker)
        self._queue_room = threading.Semaphore(queue_limit)
        self._lock = threading.Lock()
        self._closed = False

    def invoke(self, function: str, event: dict[str, Any], *, bounded: bool = False) -> Any:
        """Run the handler in an idle worker. `bounded`: refuse with `Busy` when every worker
        is busy and `queue_limit` callers already wait (the gateway); else wait (the pump)."""
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            worker = self._wait_for_worker(bounded)
        if self._closed:
            raise WorkerDied("the local stack is stopping")
        if not worker.process.is_alive():  # died while idle: it held nobody's request
            log.error("an idle worker died; starting another")
            worker = self._replace(worker)
        try:
            return worker.call(function, event)
        except WorkerDied:
            if not self._closed:
                log.error("a worker running %s died; starting another", function)
                worker = self._replace(worker)
            raise
        finally:
            self._idle.put(worker)

    def _wait_for_worker(self, bounded: bool) -> _Worker:
        if bounded and not self._queue_room.acquire(blocking=False):
            raise Busy(f"{self.size} workers busy and the queue full")
        try:
            return self._idle.get()
        finally:
            if bounded:
                self._queue_room.release()

    def _replace(self, dead: _Worker) -> _Worker:
        dead.connection.close()
        dead.process.join(timeout=5)
        fresh = _Worker(self._initargs)
        with self._lock:
            self._workers[self._workers.index(dead)] = fresh
        return fresh

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid is not None]

    def shutdown(self) -> None:
        """End every worker at once, as Lambda drops its environments: they keep no state, and
        a request still running fails as it would on a crash."""
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            worker.process.terminate()
        for worker in workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=5)
            worker.connection.close()
