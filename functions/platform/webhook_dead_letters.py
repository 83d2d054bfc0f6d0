"""GET /operator/webhooks/dead-letters: webhooks no agency accepted, waiting for an operator."""

from __future__ import annotations

from egov.platform import auth, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/operator/webhooks/dead-letters",
    summary="Çatdırılmamış vebhuklar / Webhook dead letters",
    description="Ölü məktublar növbəsində gözləyən vebhuklar."
    "\n\nWebhooks waiting in the dead-letter queue.",
)
def dead_letters() -> Response[webhooks.DeadLetters]:
    auth.require(app, "operator")
    return ok(webhooks.dead_letters())


lambda_handler = entry(app)
