"""The platform's self-check: every registry, queue and external system it depends on.

The components are read from the environment the template gives the function (every
`*_TABLE` and `*_QUEUE_URL`) and from the adapters' endpoint map, so a new table, queue or
external system is checked without editing this module. Probes run concurrently and each is one
cheap call (DescribeTable, GetQueueAttributes, one HTTP GET).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import httpx
from pydantic import BaseModel

from egov.platform import aws
from egov.platform.adapters import base as adapters


class Component(BaseModel):
    name: str
    status: Literal["ok", "failing"]
    latencyMs: float
    detail: str | None = None


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    components: list[Component]


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


def check() -> Health:
    checks = probes()
    with ThreadPoolExecutor(max_workers=8) as pool:
        components = list(pool.map(lambda pair: _probe(*pair), checks))
    healthy = all(c.status == "ok" for c in components)
    return Health(status="ok" if healthy else "degraded", components=components)
