"""GET /operator/webhooks/endpoints: every registered agency endpoint, disabled ones included."""

from __future__ import annotations

from egov.platform import auth, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/operator/webhooks/endpoints",
    summary="Vebhuk ünvanları / Webhook endpoints",
    description="Qeydə alınmış qurum ünvanları; söndürülənlər qeyd olunub."
    "\n\nRegistered agency endpoints with disabled ones marked.",
)
def endpoints() -> Response[webhooks.Endpoints]:
    auth.require(app, "operator")
    return ok(webhooks.registry())


lambda_handler = entry(app)
