"""Function invocations in worker processes, like Lambda's execution environments.

Lambda runs one event at a time per execution environment and scales by adding environments.
Handlers rely on that: Powertools keeps the current request on its resolver *class*
(`BaseRouter.current_event`), so two requests handled by threads of one process would read each
other's events. A pool of spawned worker processes gives the local stack both properties: one
invocation at a time per process, several processes at once, so concurrent requests really reach
DynamoDB concurrently (the 50-registrations test depends on that). Workers talk to the moto
server over HTTP like the main process does.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from devstack.runtime import Functions
from devstack.template import Template

_functions: Functions | None = None


def _start_worker(
    environment: dict[str, str], path: str, stack: str, overrides: dict[str, str], endpoint: str
) -> None:
    global _functions
    os.environ.clear()
    os.environ.update(environment)
    template = Template(Path(path), stack=stack, overrides=overrides)
    template.endpoint = endpoint
    _functions = Functions(template)


def _invoke(function: str, event: dict[str, Any]) -> Any:
    assert _functions is not None, "worker not initialised"
    return _functions.invoke(function, event)


class WorkerPool:
    """`invoke(function, event)` in one of `size` processes; blocks until the result is back."""

    def __init__(self, functions: Functions, size: int) -> None:
        template = functions.template
        self.functions = functions
        self._pool = ProcessPoolExecutor(
            max_workers=size,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(
                dict(os.environ),
                str(template.path),
                template.stack,
                template.parameters,
                template.endpoint,
            ),
        )

    def invoke(self, function: str, event: dict[str, Any]) -> Any:
        return self._pool.submit(_invoke, function, event).result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
