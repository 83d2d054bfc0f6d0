"""Logger, tracer and metrics shared by every function (DESIGN rule 11).

The correlation id comes from the caller's `X-Correlation-Id` when given, otherwise from API
Gateway's request id; queue consumers and workflows carry it in their messages, so one id follows
a request through queues, Step Functions and webhooks.
"""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics, Tracer

logger = Logger()
tracer = Tracer()
metrics = Metrics(namespace="EGov")

CORRELATION_HEADER = "x-correlation-id"
API_CORRELATION_PATH = (
    'headers."x-correlation-id" || headers."X-Correlation-Id" || requestContext.requestId'
)


def correlation_id() -> str:
    return logger.get_correlation_id() or "-"
