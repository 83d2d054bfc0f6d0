"""GET /export/complaints/{complaintId}: a complaint, its deadline, escalations and the agency's
answer (X9, §5.1)."""

from __future__ import annotations

from egov.export import complaints
from egov.export.complaints import Complaint
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/export/complaints/<complaintId>",
    summary="Şikayətin vəziyyəti / Complaint status",
    description="Şikayət, cavab müddəti, müddət keçdikdə yuxarı orqana çatdırılmalar və orqanın "
    "cavabı: təmin edildi və ya səbəbi ilə rədd edildi (X9, §5.1).\n\nThe complaint, its "
    "deadline, its escalations and the agency's answer: upheld, or rejected with its reason "
    "(X9, §5.1).",
)
def complaint(complaintId: str) -> Response[Complaint]:
    caller = auth.require(app, "citizen")
    return ok(complaints.shown(complaintId, caller))


lambda_handler = entry(app)
