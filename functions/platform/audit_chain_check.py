"""Every hour: walk every subject's audit chain, so an edited or removed entry is found even
where nobody reads that trail; each broken chain raises the TamperDetected alarm, and each intact
one's head is anchored where only this function writes, so that a chain set back later is found
too (G1, issue 10 item 6)."""

from __future__ import annotations

from typing import Any

from egov.platform import audit
from egov.platform.observability import lambda_entry, logger

from aws_lambda_powertools.utilities.typing import LambdaContext


@lambda_entry
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, int]:
    result = audit.check_all()
    logger.info("audit chains checked", extra=result)
    return result
