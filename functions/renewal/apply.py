"""POST /renewal/certificates/{serial}/applications: the form filled, the application and the
contract drawn up, the phone asked to sign both (R3–R6)."""

from __future__ import annotations

from egov.platform import auth, idempotency, mobile_id
from egov.platform.http import api, created, entry, language
from egov.renewal import filing
from egov.renewal.form import RenewalForm

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/renewal/certificates/<serial>/applications",
    summary="Yenilənmə ərizəsi / Renewal application",
    description="Pəncərə açıqdırsa, ərizə və müqavilə tərtib olunur və telefonda PIN2 ilə "
    "imza istənilir; səhifə yoxlama kodunu göstərir (R3–R6); Idempotency-Key başlığı "
    "təkrarı təhlükəsiz edir.\n\nIn the window, the "
    "application and the contract are drawn up and the phone asks for PIN2; the page shows "
    "the verification code. An Idempotency-Key header makes a retry safe.",
    status_code=201,
)
def apply(serial: str, body: RenewalForm) -> Response[filing.Started]:
    caller = auth.require(app, "citizen")
    # A repeated request (same Idempotency-Key) does not ring the phone a second time.
    started = idempotency.once(
        app,
        caller.user_id,
        filing.Started,
        lambda: filing.file(serial, body, caller, language(app)),
        remember_seconds=mobile_id.SESSION_SECONDS,
    )
    return created(started, f"/renewal/applications/{started.application_id}")


lambda_handler = entry(app)
