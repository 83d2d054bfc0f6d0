"""POST /esign/dispatches/{batchId}/forwarding: the MFA forwarded a batch (E11, §2.17)."""

from __future__ import annotations

from egov.esign import dispatch
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/esign/dispatches/<batchId>/forwarding",
    summary="Toplunun ötürülməsi / Batch forwarded",
    description="XİN toplunu təhvil aldıqdan sonra 1 iş günü ərzində ötürüb (E11)."
    "\n\nThe MFA forwarded a batch within 1 business day of receiving it (E11).",
)
def dispatch_forwarded(batchId: str) -> Response[dispatch.Batch]:
    officer = auth.require(app, "officer", agency=dispatch.MFA)
    return ok(dispatch.forwarded(batchId, officer))


lambda_handler = entry(app)
