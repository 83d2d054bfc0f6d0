"""POST /renewal/applications/{applicationId}/signature/{sessionId}: the signature given on the
phone, the application is sent (R6, R7)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.platform import auth, mobile_id
from egov.platform.http import api, entry, ok
from egov.renewal import filing

app = api()


@app.post(
    "/renewal/applications/<applicationId>/signature/<sessionId>",
    summary="İmzala və göndər / Sign and send",
    description="Telefonda imza gözlənilərkən 202; imzadan sonra ərizə göndərilir (R6).\n\n"
    "202 while the phone has not signed; once signed, the application is sent.",
    responses={
        200: {"description": "Signed and sent: the application"},
        202: {"description": "Not signed on the phone yet: poll again"},
    },
)
def sign(applicationId: str, sessionId: str) -> Response[filing.Application | mobile_id.Pending]:
    caller = auth.require(app, "citizen")
    result = filing.complete(applicationId, sessionId, caller)
    if isinstance(result, mobile_id.Pending):
        return ok(result, status=202)
    return ok(result)


lambda_handler = entry(app)
