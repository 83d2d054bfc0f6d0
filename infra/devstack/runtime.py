"""Calling a function's handler in-process, as Lambda would.

Handlers are imported from their files (`CodeUri` + `Handler`) under a module name of their
own, so two services may both have a `register.py`. The process environment holds the union of
the functions' environment variables (tests call the layer directly); the template gives them the
same values, and a conflicting definition is an error rather than a silent override.

A handler sees only what Lambda would give it: while it runs, the variables the template sets for
*other* functions are hidden from `os.environ` (in its thread), so one whose template entry lacks
a variable fails here as it would on AWS. Variables the template does not declare (the AWS
credentials, a test's clock) pass through.
"""

from __future__ import annotations

import contextvars
import importlib.util
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from devstack.template import ACCOUNT, REGION, Function, Template

Handler = Callable[[dict[str, Any], Any], Any]


@dataclass
class LambdaContext:
    function_name: str
    timeout_seconds: int
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started: float = field(default_factory=time.monotonic)
    function_version: str = "$LATEST"
    log_group_name: str = "/aws/lambda/local"
    log_stream_name: str = "local"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.timeout_seconds - (time.monotonic() - self.started)) * 1000))


# The template's variables the running handler may not see; empty outside a handler.
_hidden: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar(
    "hidden_environment", default=frozenset()
)


class _FunctionEnviron(os._Environ):
    """`os.environ` as the running handler's own: reads skip the hidden variables."""

    def __getitem__(self, key: str) -> str:
        if key in _hidden.get():
            raise KeyError(key)
        return str(super().__getitem__(key))

    def __iter__(self) -> Iterator[str]:
        hidden = _hidden.get()
        return (key for key in list(super().__iter__()) if key not in hidden)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _hide_other_functions_variables() -> None:
    """Installed once: `os.environ` keeps its identity (and its writes), its reads look at
    `_hidden`."""
    if not isinstance(os.environ, _FunctionEnviron):
        os.environ.__class__ = _FunctionEnviron


def merged_environment(template: Template) -> dict[str, str]:
    """Every function's variables in one mapping (each handler sees only its own share)."""
    merged: dict[str, str] = {}
    for fn in template.functions.values():
        for key, value in fn.environment.items():
            if key in merged and merged[key] != value:
                raise RuntimeError(
                    f"{key} differs between functions; the local stack shares one process"
                )
            merged[key] = value
    return merged


def apply_environment(template: Template, extra: dict[str, str] | None = None) -> None:
    os.environ.update(merged_environment(template) | (extra or {}))


class Functions:
    """The template's functions, loaded lazily and invoked with a Lambda context."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self._handlers: dict[str, Handler] = {}
        self._lock = threading.Lock()
        declared = {key for fn in template.functions.values() for key in fn.environment}
        self._hidden = {
            logical_id: frozenset(declared - set(fn.environment))
            for logical_id, fn in template.functions.items()
        }
        _hide_other_functions_variables()

    def __getitem__(self, logical_id: str) -> Function:
        return self.template.functions[logical_id]

    def handler(self, logical_id: str) -> Handler:
        with self._lock:
            if logical_id not in self._handlers:
                fn = self.template.functions[logical_id]
                module_name = f"_lambda_{logical_id}"
                spec = importlib.util.spec_from_file_location(module_name, fn.module_path)
                if spec is None or spec.loader is None:
                    raise RuntimeError(f"cannot load {fn.module_path}")
                module = importlib.util.module_from_spec(spec)
                sys.modules[module_name] = module
                spec.loader.exec_module(module)
                self._handlers[logical_id] = getattr(module, fn.attribute)
            return self._handlers[logical_id]

    def invoke(self, logical_id: str, event: dict[str, Any]) -> Any:
        fn = self.template.functions[logical_id]
        context = LambdaContext(
            function_name=f"{self.template.stack}-{logical_id}", timeout_seconds=fn.timeout
        )
        hiding = _hidden.set(self._hidden[logical_id])
        try:
            return self.handler(logical_id)(event, context)
        finally:
            _hidden.reset(hiding)
