"""GET /operator/decisions/{decisionId}/deliveries: every webhook attempt of a decision (G3)."""

from __future__ import annotations

from egov.platform import auth, evidence
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/operator/decisions/<decisionId>/deliveries",
    summary="Vebhuk cəhdləri / Webhook attempts",
    description="Qərarın hər vebhuk cəhdi.\n\nEvery webhook attempt of a decision.",
)
def deliveries(decisionId: str) -> Response[evidence.Log]:
    auth.require(app, "operator")
    return ok(evidence.deliveries(decisionId))


lambda_handler = entry(app)
