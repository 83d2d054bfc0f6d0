"""POST /renewal/attorneys/{applicationId}/approval: the head starts signing the power of
attorney as it is (PIN2; R7)."""

from __future__ import annotations

from egov.platform import auth, idempotency, mobile_id
from egov.platform.http import api, created, entry, language
from egov.renewal import attorney

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/renewal/attorneys/<applicationId>/approval",
    summary="Etibarnaməni imzala / Sign the power of attorney",
    description="Rəhbər etibarnaməni dəyişmədən ASAN İmza ilə imzalayır (R7).\n\nThe head "
    "signs the power of attorney unchanged with ASAN İmza.",
    status_code=201,
)
def approve(applicationId: str) -> Response[mobile_id.Challenge]:
    head = auth.require(app, "citizen")
    # A repeated request (same Idempotency-Key) does not ring the head's phone a second time.
    challenge = idempotency.once(
        app,
        head.user_id,
        mobile_id.Challenge,
        lambda: attorney.start_approval(applicationId, head, language(app)),
        remember_seconds=mobile_id.SESSION_SECONDS,
    )
    return created(challenge)


lambda_handler = entry(app)
