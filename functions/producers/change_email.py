"""PUT /producers/me/email: view and change the e-mail in the cabinet (P8)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.producers import cabinet
from egov.producers.models import Producer

from aws_lambda_powertools.event_handler import Response

app = api()


@app.put(
    "/producers/me/email",
    summary="E-poçtu dəyişmək / Change e-mail",
    description="Kabinetin e-poçt ünvanı (P8).\n\nThe cabinet's e-mail (P8).",
)
def change_email(body: cabinet.EmailChange) -> Response[Producer]:
    caller = auth.require(app, "citizen")
    return ok(cabinet.change_email(caller.user_id, body))


lambda_handler = entry(app)
