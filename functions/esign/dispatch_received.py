"""POST /esign/dispatches/{batchId}/receipt: a Center's or a mobile operator's copy arrived
(E11, §2.16, §2.18)."""

from __future__ import annotations

from egov.esign import dispatch
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/esign/dispatches/<batchId>/receipt",
    summary="Toplunun alınması / Batch received",
    description="Mərkəzin və ya mobil operatorun nüsxəsi 3 iş günü ərzində çatıb (E11)."
    "\n\nA Center's or a mobile operator's copy arrived within 3 business days (E11).",
)
def dispatch_received(batchId: str) -> Response[dispatch.Batch]:
    recipient = auth.require(app, "center", "agency")
    return ok(dispatch.received(batchId, recipient))


lambda_handler = entry(app)
