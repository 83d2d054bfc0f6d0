"""POST /esign/embassies/{embassy}/applications/{applicationId}/invitation: invite (E9)."""

from __future__ import annotations

from egov.esign import embassy as embassies
from egov.esign import records
from egov.esign.records import Application
from egov.platform import auth
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/esign/embassies/<embassy>/applications/<applicationId>/invitation",
    summary="Səfirliyə dəvət / Invite to the embassy",
    description="Tarix və yer (E9).\n\nDate and place (E9).",
)
def invite(
    embassy: str, applicationId: str, body: embassies.InvitationBody
) -> Response[Application]:
    officer = auth.require(app, "officer", agency=embassy)
    return ok(records.view(embassies.invite(applicationId, embassy, body, officer), language(app)))


lambda_handler = entry(app)
