"""Every day: alert each embassy that let a half-year end without sending its signed contracts
to the MFA (E11, §2.16 "ildə iki dəfədən az olmayaraq")."""

from __future__ import annotations

from typing import Any

from egov.esign import dispatch
from egov.platform.observability import lambda_entry, logger

from aws_lambda_powertools.utilities.typing import LambdaContext


@lambda_entry
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, list[str]]:
    alerted = dispatch.alert_missing_batches()
    logger.info("half-year dispatches checked", extra={"alerted": alerted})
    return {"alerted": alerted}
