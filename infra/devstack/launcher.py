"""The local stack launched as its own process, as a developer runs `python -m devstack`: the one
way the end-to-end tests (tests/e2e/conftest.py) and the bench (bench/local_stack.py) start it.

On free ports, with a fresh state of its own in the given directory (never the developer's
`.devstack/state`), waited for until it says "ready" (its demo data loaded) and /health answers;
stopped as `make run` is stopped (SIGTERM), and its whole process group (gateway, workers, moto,
simulators, pump) must be gone after it: a worker that outlives the stack is an error.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
# Ceilings for a stuck stack, not measures: a busy machine may take minutes to start one, and
# saving the stack's state took over 120 s on a loaded machine (the CI run beside two other stacks).
START_CEILING_SECONDS = 600.0
STOP_CEILING_SECONDS = 300.0
# The races (tests/e2e/test_producers.py, bench/local_stack.py) send 50 codes to one number and
# look one FIN up 50 times from one address; the limits themselves are proven in
# tests/functional/producers/test_producer_registration.py.
RACE_PARAMETERS = {
    "SmsCodesPerNumber": "200",
    "RegistryLookupsPerSource": "1000",
    "RegistryLookupsPerFin": "1000",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Launched:
    process: subprocess.Popen[bytes]
    api: str
    simulators: str
    log: Path


@contextmanager
def launched(
    directory: Path,
    *,
    clock_scale: float | None = None,
    env: Mapping[str, str] | None = None,
    parameters: Mapping[str, str] = RACE_PARAMETERS,
    stop_ceiling: float = STOP_CEILING_SECONDS,
    arguments: Sequence[str] = (),
) -> Iterator[Launched]:
    """A local stack keeping its log and state in `directory`, with `env` added to its
    environment (e.g. a clock offset, for a test that must start on a given day) and `parameters`
    overriding the template's, and `arguments` added to `python -m devstack`'s (`--no-demo`,
    `--workers`); `clock_scale` None is the stack's default."""
    api_port, moto_port, sim_port = free_port(), free_port(), free_port()
    log = directory / "stack.log"
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    environment.pop("AWS_ENDPOINT_URL", None)
    command = [
        sys.executable,
        "-m",
        "devstack",
        "--port",
        str(api_port),
        "--moto-port",
        str(moto_port),
        "--simulator-port",
        str(sim_port),
        "--state-dir",
        str(directory / "state"),
    ]
    if clock_scale is not None:
        command += ["--clock-scale", str(clock_scale)]
    for name, value in parameters.items():
        command += ["--parameter", f"{name}={value}"]
    command += arguments
    with log.open("w") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the stop checks it is empty
        )
    try:
        api = f"http://127.0.0.1:{api_port}"
        _wait_until_ready(process, log, api)
        yield Launched(process, api, f"http://127.0.0.1:{sim_port}", log)
    finally:
        _stop(process, log, stop_ceiling)


def _wait_until_ready(process: subprocess.Popen[bytes], log: Path, api: str) -> None:
    deadline = time.monotonic() + START_CEILING_SECONDS
    while "ready" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the local stack did not start:\n" + log.read_text()[-5000:])
        time.sleep(0.2)
    with httpx.Client(base_url=api, timeout=START_CEILING_SECONDS) as http:
        health = http.get("/health")
    if health.status_code != 200:
        raise RuntimeError(f"the local stack is not healthy: {health.status_code} {health.text}")


def _stop(process: subprocess.Popen[bytes], log: Path, ceiling: float) -> None:
    process.terminate()
    try:
        process.wait(timeout=ceiling)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    finally:
        leftover = _group_alive(process.pid, ceiling)
        if leftover:
            os.killpg(process.pid, signal.SIGKILL)
    if leftover:
        raise RuntimeError("workers outlived the stack:\n" + log.read_text()[-3000:])


def _group_alive(group: int, ceiling: float) -> bool:
    # Workers end as soon as they see the stack gone; give them a moment on a busy machine.
    deadline = time.monotonic() + ceiling
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    return True
