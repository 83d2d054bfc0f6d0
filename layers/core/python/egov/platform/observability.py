"""Logger, tracer and metrics shared by every function (DESIGN rule 11).

The correlation id comes from the caller's `X-Correlation-Id` when given, otherwise from API
Gateway's request id; queue consumers and workflows carry it in their messages, so one id follows
a request through queues, Step Functions and webhooks.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools import Logger, Metrics

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer
    from aws_lambda_powertools.utilities.typing import LambdaContext

    Handler = Callable[[dict[str, Any], LambdaContext], Any]

logger = Logger()
metrics = Metrics(namespace="EGov")

CORRELATION_HEADER = "x-correlation-id"
API_CORRELATION_PATH = (
    'headers."x-correlation-id" || headers."X-Correlation-Id" || requestContext.requestId'
)


def correlation_id() -> str:
    return logger.get_correlation_id() or "-"


@functools.cache
def tracer() -> Tracer:
    """The X-Ray tracer, made on the first invocation: building the recorder and patching the
    libraries it traces is ~150 ms that a module import would add to every cold start's init
    (issue 18, DESIGN rule 10), also where a request never reaches it."""
    from aws_lambda_powertools import Tracer

    return Tracer()


def traced[**P, R](handler: Callable[P, R]) -> Callable[P, R]:
    """`Tracer.capture_lambda_handler` for an entry point, with the tracer made on first use."""

    @functools.wraps(handler)
    def lambda_handler(*args: P.args, **kwargs: P.kwargs) -> R:
        return _captured(handler)(*args, **kwargs)

    return lambda_handler


@functools.cache
def _captured(handler: Callable[..., Any]) -> Callable[..., Any]:
    return tracer().capture_lambda_handler(handler, capture_response=False)


def lambda_entry(handler: Handler, correlation_id_path: str | None = None) -> Handler:
    """A function's Lambda entry point: logs (with the correlation id found at
    `correlation_id_path`, if any), traces and metrics. Made as the handler module's import
    ends, so it also ends the cold start's pause of the garbage collector (see `egov`)."""
    entry = logger.inject_lambda_context(correlation_id_path=correlation_id_path, clear_state=True)(
        traced(metrics.log_metrics(handler))
    )
    _loaded()
    return entry


def _loaded() -> None:
    """The objects made so far live as long as the runtime: frozen out of the collector's
    generations (`gc.freeze`), later collections do not walk them; then collection resumes."""
    if os.environ.get("AWS_LAMBDA_RUNTIME_API") and not gc.isenabled():
        gc.freeze()
        gc.enable()
