"""POST /renewal/certificates/{serial}/applications: the form filled, the application and the
contract drawn up, the phone asked to sign both (R3–R6)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.platform import auth
from egov.platform.http import api, created, entry, language
from egov.renewal import filing
from egov.renewal.form import RenewalForm

app = api()


@app.post(
    "/renewal/certificates/<serial>/applications",
    summary="Yenilənmə ərizəsi / Renewal application",
    description="Pəncərə açıqdırsa, ərizə və müqavilə tərtib olunur və telefonda PIN2 ilə "
    "imza istənilir; səhifə yoxlama kodunu göstərir (R3–R6).\n\nIn the window, the "
    "application and the contract are drawn up and the phone asks for PIN2; the page shows "
    "the verification code.",
    status_code=201,
)
def apply(serial: str, body: RenewalForm) -> Response[filing.Started]:
    caller = auth.require(app, "citizen")
    started = filing.file(serial, body, caller, language(app))
    return created(started, f"/renewal/applications/{started.application_id}")


lambda_handler = entry(app)
