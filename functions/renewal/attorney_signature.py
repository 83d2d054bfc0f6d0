"""POST /renewal/attorneys/{applicationId}/approval/{sessionId}: the head's signature given, the
power of attorney approved (R7)."""

from __future__ import annotations

from egov.platform import auth, mobile_id
from egov.platform.http import api, entry, on_the_phone, polled
from egov.renewal import attorney

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/renewal/attorneys/<applicationId>/approval/<sessionId>",
    summary="Etibarnamənin imzası / The power of attorney's signature",
    description="Telefonda imza gözlənilərkən 202; imzadan sonra etibarnamə təsdiqlənir (R7)."
    "\n\n202 while the phone has not signed; once signed, the power of attorney is approved.",
    responses=on_the_phone("Signed: the power of attorney, approved"),
)
def signature(
    applicationId: str, sessionId: str
) -> Response[attorney.PowerOfAttorney | mobile_id.Pending]:
    head = auth.require(app, "citizen")
    return polled(attorney.approved(applicationId, sessionId, head), mobile_id.Pending)


lambda_handler = entry(app)
