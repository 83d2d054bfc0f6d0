"""The local stack, started once per test session on its own ports, driven over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from devstack import launcher
from devstack.gateway import CLOCK_HEADER
from tests.conftest import CEILING

ROOT = Path(__file__).resolve().parents[2]
CLOCK_SCALE = 1440.0  # a day passes in a minute


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
    with (
        launcher.launched(directory, clock_scale=clock_scale, env=env, stop_ceiling=CEILING) as up,
        httpx.Client(base_url=up.simulators, timeout=CEILING) as simulators,
    ):
        yield RunningStack(up.api, up.simulators, clock_scale, simulators)
