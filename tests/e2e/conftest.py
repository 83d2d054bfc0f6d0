"""The local stack, started once per test session on its own ports, driven over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
CLOCK_SCALE = 1440.0  # a day passes in a minute


@dataclass
class RunningStack:
    api: str
    simulators: str
    clock_scale: float

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.api, headers=headers, timeout=30)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    api_port, moto_port, sim_port = free_port(), free_port(), free_port()
    log = tmp_path_factory.mktemp("stack") / "stack.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
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
                str(CLOCK_SCALE),
                # The races of test_producers send 50 codes to one number; the limit itself
                # is proven in tests/unit/test_producer_registration.py.
                "--parameter",
                "SmsCodesPerNumber=200",
                # The same races look one FIN up 50 times from one address (the limits:
                # tests/unit/test_producer_registration.py).
                "--parameter",
                "RegistryLookupsPerSource=1000",
                "--parameter",
                "RegistryLookupsPerFin=1000",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 90
    while "ready" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the local stack did not start:\n" + log.read_text()[-5000:])
        time.sleep(0.2)
    yield RunningStack(f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{sim_port}", CLOCK_SCALE)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
