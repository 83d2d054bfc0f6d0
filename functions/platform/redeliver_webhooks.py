"""POST /operator/webhooks/dead-letters/redeliver: move dead letters back to the WebhookQueue."""

from __future__ import annotations

from egov.platform import auth, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/operator/webhooks/dead-letters/redeliver",
    summary="Vebhukları yenidən göndərmək / Redeliver webhooks",
    description="Ölü məktubları yenidən vebhuk növbəsinə qaytarır."
    "\n\nMoves dead letters back to the WebhookQueue.",
)
def redeliver(body: webhooks.Redelivery) -> Response[webhooks.Redelivered]:
    operator = auth.require(app, "operator")
    return ok(webhooks.redeliver(body, operator.actor))


lambda_handler = entry(app)
