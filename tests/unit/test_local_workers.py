"""The local stack's gateway and worker pool under faults and load (issue 9): a killed worker
fails only its own request, a full queue is a 429 problem, a burst of 200 is answered."""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from devstack import gateway
from devstack.runtime import Functions
from devstack.template import Template
from devstack.workers import WorkerPool
from tests.conftest import free_port

TEMPLATE = Path(__file__).parent / "local_stack" / "template.yaml"


@dataclass
class Gateway:
    url: str
    pool: WorkerPool


def serve(size: int, queue_limit: int) -> Iterator[Gateway]:
    functions = Functions(Template(TEMPLATE))
    pool = WorkerPool(functions, size, queue_limit=queue_limit)
    port = free_port()
    server = gateway.server(functions, "127.0.0.1", port, workers=pool)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Gateway(f"http://127.0.0.1:{port}", pool)
    server.shutdown()
    pool.shutdown()


@pytest.fixture
def two_workers() -> Iterator[Gateway]:
    """Two workers and no room to wait: a third request while both are held is refused."""
    yield from serve(size=2, queue_limit=0)


@pytest.fixture
def roomy() -> Iterator[Gateway]:
    yield from serve(size=2, queue_limit=64)


class Holder:
    """A request the function holds until `release()`; `pid` is the worker holding it."""

    def __init__(self, url: str) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        port = self._listener.getsockname()[1]
        self._answer: list[httpx.Response] = []
        self._thread = threading.Thread(
            target=lambda: self._answer.append(
                httpx.post(f"{url}/hold", json={"port": port}, timeout=120)
            )
        )
        self._thread.start()
        self._listener.settimeout(120)
        self._connection, _ = self._listener.accept()
        self.pid = int(self._connection.makefile().readline())

    def release(self) -> None:
        self._connection.sendall(b"x")

    def answer(self) -> httpx.Response:
        self._thread.join(timeout=120)
        self._connection.close()
        self._listener.close()
        return self._answer[0]


def test_a_killed_worker_fails_only_its_request_and_is_replaced(two_workers: Gateway) -> None:
    doomed, other = Holder(two_workers.url), Holder(two_workers.url)
    os.kill(doomed.pid, signal.SIGKILL)
    failed = doomed.answer()
    assert failed.status_code == 502
    assert failed.headers["content-type"] == "application/problem+json"
    assert failed.json()["code"] == "gateway.function-failed"
    other.release()
    assert other.answer().status_code == 200
    assert doomed.pid not in two_workers.pool.pids and len(two_workers.pool.pids) == 2
    again = httpx.post(f"{two_workers.url}/hold", json={}, timeout=120)
    assert again.status_code == 200


def test_all_workers_busy_and_no_room_to_wait_is_a_429_problem(two_workers: Gateway) -> None:
    holders = [Holder(two_workers.url), Holder(two_workers.url)]
    refused = httpx.post(f"{two_workers.url}/hold", json={}, timeout=120)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) >= 1
    for holder in holders:
        holder.release()
        assert holder.answer().status_code == 200


def test_a_burst_of_200_concurrent_requests_is_answered_without_a_reset(roomy: Gateway) -> None:
    """Every connection gets an HTTP answer (200, or 429 past the queue), none a reset: the
    listen backlog was 5."""

    def post(_: int) -> int:
        with httpx.Client(timeout=300) as http:
            return http.post(f"{roomy.url}/hold", json={}).status_code

    with ThreadPoolExecutor(max_workers=200) as threads:
        statuses = Counter(threads.map(post, range(200)))
    assert set(statuses) <= {200, 429}, statuses
    assert statuses[200] >= 2
