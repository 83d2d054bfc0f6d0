"""The platform's health: a public liveness answer, and the operator's deep probe (issue 10
item 16).

Liveness (`GET /health`) answers from the platform alone: the function runs and says so, with
no call to any table, queue or external system, so that anyone may ask it as often as they like
without it costing the registries or the agencies anything.

The deep probe (`GET /operator/health`, the operator only) checks every registry, queue and
external system. The components are read from the environment the template gives the function
(every `*_TABLE` and `*_QUEUE_URL`) and from the adapters' endpoint map, so a new table, queue
or external system is checked without editing this module. Probes run concurrently, each one
cheap call (DescribeTable, GetQueueAttributes, one HTTP GET over one shared client), and the
report is kept for `CACHE_SECONDS` (real time): an operator's refreshing page does not probe the
seven external systems again, and the report says how old it is.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Literal

import httpx
from pydantic import BaseModel, ConfigDict

from egov.platform import aws, clock
from egov.platform.adapters import base as adapters

CACHE_SECONDS = 30


class Component(BaseModel):
    model_config = ConfigDict(defer_build=True)

    name: str
    status: Literal["ok", "failing"]
    latencyMs: float
    detail: str | None = None


class Liveness(BaseModel):
    model_config = ConfigDict(defer_build=True)

    status: Literal["ok"]
    time: datetime


class Health(BaseModel):
    model_config = ConfigDict(defer_build=True)

    status: Literal["ok", "degraded"]
    components: list[Component]
    checkedAt: datetime
    ageSeconds: float


def liveness() -> Liveness:
    """The platform answers: nothing is probed."""
    return Liveness(status="ok", time=clock.real_now())


def _probe(name: str, check: Callable[[], object]) -> Component:
    started = time.perf_counter()
    try:
        check()
    except Exception as error:
        return Component(
            name=name, status="failing", latencyMs=_ms(started), detail=type(error).__name__
        )
    return Component(name=name, status="ok", latencyMs=_ms(started))


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _table(env: str) -> Callable[[], object]:
    def active() -> None:
        table = aws.client("dynamodb").describe_table(TableName=aws.resource_name(env))["Table"]
        if table["TableStatus"] not in ("ACTIVE", "UPDATING"):
            raise RuntimeError(table["TableStatus"])

    return active


def _queue(env: str) -> Callable[[], object]:
    return lambda: aws.client("sqs").get_queue_attributes(
        QueueUrl=aws.resource_name(env), AttributeNames=["ApproximateNumberOfMessages"]
    )


@functools.cache
def _http() -> httpx.Client:
    """One client for every probe: building one (its TLS context) costs ~50 ms of CPU."""
    return httpx.Client(timeout=2.0)


def _system(url: str) -> Callable[[], object]:
    def reachable() -> None:
        # Any answer below 500 means the system is up; its health route is not ours to know.
        if _http().get(url).status_code >= 500:
            raise ConnectionError(url)

    return reachable


def probes() -> list[tuple[str, Callable[[], object]]]:
    found: list[tuple[str, Callable[[], object]]] = []
    for env in sorted(os.environ):
        if env.endswith("_TABLE"):
            found.append((f"dynamodb:{env}", _table(env)))
        elif env.endswith("_QUEUE_URL"):
            found.append((f"sqs:{env}", _queue(env)))
    found.append(("ssm:ADAPTER_ENDPOINTS_PARAMETER", adapters.endpoints))
    try:
        systems = adapters.endpoints()
    except Exception:
        systems = {}  # reported as failing by the probe above
    found += [(f"external:{name}", _system(url)) for name, url in sorted(systems.items())]
    return found


def _probe_all() -> Health:
    checks = probes()
    with ThreadPoolExecutor(max_workers=8) as pool:
        components = list(pool.map(lambda pair: _probe(*pair), checks))
    healthy = all(c.status == "ok" for c in components)
    return Health(
        status="ok" if healthy else "degraded",
        components=components,
        checkedAt=clock.real_now(),
        ageSeconds=0,
    )


_report: Health | None = None
_probing = threading.Lock()


def check() -> Health:
    """The deep report, probed anew only when the last one is `CACHE_SECONDS` old; concurrent
    callers in one container wait for one probe rather than each starting their own."""
    global _report
    with _probing:
        if _report is None or _age(_report) >= CACHE_SECONDS:
            _report = _probe_all()
        report = _report
    return report.model_copy(update={"ageSeconds": _age(report)})


def _age(report: Health) -> float:
    return round((clock.real_now() - report.checkedAt).total_seconds(), 1)


def forget() -> None:
    """Drop the kept report (a test's new world, as a new container would be)."""
    global _report
    _report = None
