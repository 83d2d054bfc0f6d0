"""POST /renewal/applications/{applicationId}/signature/{sessionId}: the signature given on the
phone, the application is sent (R6, R7)."""

from __future__ import annotations

from egov.platform import auth, mobile_id
from egov.platform.http import api, entry, on_the_phone, polled
from egov.renewal import filing

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/renewal/applications/<applicationId>/signature/<sessionId>",
    summary="İmzala və göndər / Sign and send",
    description="Telefonda imza gözlənilərkən 202; imzadan sonra ərizə göndərilir (R6).\n\n"
    "202 while the phone has not signed; once signed, the application is sent.",
    responses=on_the_phone("Signed and sent: the application"),
)
def sign(applicationId: str, sessionId: str) -> Response[filing.Application | mobile_id.Pending]:
    caller = auth.require(app, "citizen")
    return polled(filing.complete(applicationId, sessionId, caller), mobile_id.Pending)


lambda_handler = entry(app)
