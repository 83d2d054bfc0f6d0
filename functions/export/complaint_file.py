"""POST /export/applications/{applicationId}/complaints: an administrative complaint against a
permit decision, sent to the agency that decided with the legal period to answer (X9, §5.1)."""

from __future__ import annotations

from egov.export import complaints
from egov.export.complaints import Complaint, ComplaintForm
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/applications/<applicationId>/complaints",
    summary="İcazə üzrə inzibati şikayət / Administrative complaint on a permit",
    description="İcazənin verilməsindən imtina, dayandırılması və ya ləğvi barədə inzibati "
    "aktdan şikayət; qərarı vermiş orqana qanunla müəyyən edilmiş cavab müddəti ilə göndərilir, "
    "müddət keçərsə yuxarı orqana çatdırılır (X9, §5.1, §8.0.5). Idempotency-Key başlığı "
    "təkrarı təhlükəsiz edir.\n\nA complaint against a permit's refusal, suspension or "
    "revocation; sent to the agency that decided with the period the law gives it to answer, "
    "escalated if it passes (X9, §5.1, §8.0.5). An Idempotency-Key header makes a retry safe.",
    status_code=201,
)
def complain(applicationId: str, body: ComplaintForm) -> Response[Complaint]:
    caller = auth.require(app, "citizen")
    filed = idempotency.once(
        app, caller.user_id, Complaint, lambda: complaints.file(applicationId, body, caller)
    )
    return created(filed, f"/export/complaints/{filed.complaint_id}")


lambda_handler = entry(app)
