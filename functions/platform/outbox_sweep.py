"""Every minute: perform again the effects of committed changes that did not happen right after
their commit (a notice's messages, a workflow start), so nothing acknowledged is lost (G2, G5),
and finish the releases of held webhooks that stopped partway after a suspension was lifted
(X11)."""

from __future__ import annotations

from typing import Any

from egov.platform import outbox, webhooks
from egov.platform.observability import lambda_entry, logger

from aws_lambda_powertools.utilities.typing import LambdaContext


@lambda_entry
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, int]:
    result = outbox.sweep() | webhooks.finish_releases(older_than=outbox.STALE_SECONDS)
    logger.info("outbox swept", extra=result)
    return result
