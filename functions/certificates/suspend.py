"""POST /certificates/{serial}/suspend: Center staff suspends a certificate (certificateHold) (E13, E15)."""

from __future__ import annotations

from egov.certificates import decisions
from egov.certificates.models import CenterAction, Certificate
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/certificates/<serial>/suspend",
    summary="Sertifikatı dayandırmaq / Suspend a certificate",
    description="Mərkəz əməkdaşı qeydə alınmış əsasla dayandırır (certificateHold) (E13, E15)."
    "\n\nCenter staff suspend (certificateHold) on a recorded basis (E13, E15).",
)
def suspend(serial: str, body: CenterAction) -> Response[Certificate]:
    staff = auth.require(app, "center")
    return ok(decisions.act(serial, "suspend", body, staff))


lambda_handler = entry(app)
