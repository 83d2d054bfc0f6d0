"""POST /esign/dispatches/{batchId}/handover: the MFA has received a batch (E11, §2.16–2.17)."""

from __future__ import annotations

from egov.esign import dispatch
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/esign/dispatches/<batchId>/handover",
    summary="Toplunun təhvil alınması / Batch received by the MFA",
    description="XİN toplunu təhvil aldığını qeyd edir; 1 iş günlük müddət bu andan başlayır "
    "(E11, Qayda 2.17)."
    "\n\nThe MFA records that it has the batch; its 1 business day starts then (E11, §2.17).",
)
def dispatch_handover(batchId: str) -> Response[dispatch.Batch]:
    officer = auth.require(app, "officer", agency=dispatch.MFA)
    return ok(dispatch.handed_over(batchId, officer))


lambda_handler = entry(app)
