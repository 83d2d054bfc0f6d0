"""POST /esign/dispatches/{batchId}/receipt: a Center's contracts arrived (E11, §2.18)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.esign import dispatch
from egov.platform import auth
from egov.platform.http import api, entry, ok

app = api()


@app.post(
    "/esign/dispatches/<batchId>/receipt",
    summary="Toplunun alınması / Batch received",
    description="Mərkəzin hissəsi 3 iş günü ərzində çatıb (E11)."
    "\n\nA Center's part arrived within 3 business days (E11).",
)
def dispatch_received(batchId: str) -> Response[dispatch.Batch]:
    staff = auth.require(app, "center")
    return ok(dispatch.received(batchId, staff))


lambda_handler = entry(app)
