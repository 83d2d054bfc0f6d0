"""POST /ektis/complaints: a subject complains about a declaration or an entered record (A3, A5)."""

from __future__ import annotations

from egov.ektis import complaints
from egov.ektis.models import Complaint, ComplaintRequest
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/complaints",
    summary="Şikayət / File a complaint",
    description="Bəyannamə və ya hər hansı daxil edilmiş qeyd barədə şikayət; cavab müddəti "
    "iş günləri ilə izlənilir (A3, A5).\n\nA complaint about a declaration or any entered "
    "record; its answer period is tracked in business days (A3, A5).",
    status_code=201,
)
def file_complaint(body: ComplaintRequest) -> Response[Complaint]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, Complaint, lambda: complaints.file(body, caller))
    )


lambda_handler = entry(app)
