"""Every minute: goods whose delivery deadline passed without clearance alert customs, once each
(C2: delivery time limit and deadline; G4)."""

from __future__ import annotations

from typing import Any

from egov.customs import registry
from egov.platform.observability import lambda_entry, logger

from aws_lambda_powertools.utilities.typing import LambdaContext


@lambda_entry
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, int]:
    alerted = registry.alert_overdue()
    logger.info("customs deadlines swept", extra={"alerted": alerted})
    return {"alerted": alerted}
