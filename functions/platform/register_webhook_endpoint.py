"""PUT /operator/webhooks/endpoints/{agency}: register or replace where an agency gets webhooks."""

from __future__ import annotations

from egov.platform import auth, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.put(
    "/operator/webhooks/endpoints/<agency>",
    summary="Vebhuk ünvanının qeydiyyatı / Register a webhook endpoint",
    description="Qurumun vebhukları qəbul etdiyi ünvanı qeydə alır."
    "\n\nRegisters where an agency receives webhooks.",
)
def register(agency: str, body: webhooks.Registration) -> Response[webhooks.Registered]:
    operator = auth.require(app, "operator")
    return ok(webhooks.register(agency, body, operator.actor))


lambda_handler = entry(app)
