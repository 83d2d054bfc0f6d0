"""Evidence of tampering is an operator alarm (DESIGN rule 11): a log line with what was found
and the `TamperDetected` metric, which `TamperDetectedAlarm` in the template sends to the
operator. Whoever finds it still answers honestly (e.g. `unknown`), never with the edited data."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from egov.platform.observability import logger, metrics


def tamper_detected(what: str, **details: Any) -> None:
    logger.error("tamper detected", extra={"what": what, **details})
    metrics.add_metric(name="TamperDetected", unit=MetricUnit.Count, value=1)
