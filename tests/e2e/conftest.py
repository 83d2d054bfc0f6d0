"""The local stack, started once per test session on its own ports, driven over HTTP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from devstack.gateway import CLOCK_HEADER
from tests.conftest import CEILING, free_port

ROOT = Path(__file__).resolve().parents[2]
CLOCK_SCALE = 1440.0  # a day passes in a minute
START_CEILING_SECONDS = 600.0
# A ceiling for a stuck stop, not a measure: saving the stack's state took over 120 s on a
# loaded machine (the CI run beside two other stacks), so it is the suite's one ceiling.
STOP_CEILING_SECONDS = CEILING


@dataclass
class RunningStack:
    api: str
    simulators: str
    clock_scale: float
    # One client for every poll of the simulators: building one costs ~50 ms of CPU.
    simulator_http: httpx.Client

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.api, headers=headers, timeout=CEILING)

    def now(self) -> datetime:
        """The stack's clock (scaled for demos): every date a test sends is reckoned from it."""
        with self.client() as http:
            answer = http.get("/.well-known/webhook-keys")
        return datetime.fromisoformat(answer.headers[CLOCK_HEADER])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    with launched(tmp_path_factory.mktemp("stack")) as running:
        yield running


@contextmanager
def launched(
    directory: Path, clock_scale: float = CLOCK_SCALE, env: dict[str, str] | None = None
) -> Iterator[RunningStack]:
    """A local stack in `directory` (its log and state), with `env` added to its environment
    (e.g. a clock offset, for a test that must start on a given day)."""
    api_port, moto_port, sim_port = free_port(), free_port(), free_port()
    log = directory / "stack.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    env.pop("AWS_ENDPOINT_URL", None)
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "devstack",
                "--port",
                str(api_port),
                "--moto-port",
                str(moto_port),
                "--simulator-port",
                str(sim_port),
                "--clock-scale",
                str(clock_scale),
                # Never the developer's kept state (.devstack/state): a fresh one of its own.
                "--state-dir",
                str(log.parent / "state"),
                # The races of test_producers send 50 codes to one number; the limit itself
                # is proven in tests/functional/producers/test_producer_registration.py.
                "--parameter",
                "SmsCodesPerNumber=200",
                # The same races look one FIN up 50 times from one address (the limits:
                # tests/functional/producers/test_producer_registration.py).
                "--parameter",
                "RegistryLookupsPerSource=1000",
                "--parameter",
                "RegistryLookupsPerFin=1000",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the teardown checks it is empty
        )
    try:
        wait_until_ready(process, log, f"http://127.0.0.1:{api_port}")
        with httpx.Client(base_url=f"http://127.0.0.1:{sim_port}", timeout=CEILING) as simulators:
            yield RunningStack(
                f"http://127.0.0.1:{api_port}",
                f"http://127.0.0.1:{sim_port}",
                clock_scale,
                simulators,
            )
    finally:
        stop(process, log)


def wait_until_ready(process: subprocess.Popen[bytes], log: Path, api: str) -> None:
    """Until the stack says "ready" (its demo data loaded) and /health answers 200. A busy
    machine may take minutes: only a stack that exited, or a generous ceiling, fails."""
    deadline = time.monotonic() + START_CEILING_SECONDS
    while "ready" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the local stack did not start:\n" + log.read_text()[-5000:])
        time.sleep(0.2)
    with httpx.Client(base_url=api, timeout=CEILING) as http:
        health = http.get("/health")
    assert health.status_code == 200, health.text


def stop(process: subprocess.Popen[bytes], log: Path) -> None:
    """SIGTERM, as `make run` is stopped; the stack and all its workers (its process group)
    must be gone within a generous time, or the teardown fails after killing what is left."""
    process.terminate()
    try:
        process.wait(timeout=STOP_CEILING_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    finally:
        leftover = _group_alive(process.pid)
        if leftover:
            os.killpg(process.pid, signal.SIGKILL)
    assert not leftover, "workers outlived the stack:\n" + log.read_text()[-3000:]


def _group_alive(group: int) -> bool:
    # Workers end as soon as they see the stack gone; give them a moment on a busy machine.
    deadline = time.monotonic() + STOP_CEILING_SECONDS
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    return True
