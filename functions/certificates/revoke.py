"""POST /certificates/{serial}/revoke: Center staff revokes a certificate for good, with an RFC 5280 reason (E13, E15)."""

from __future__ import annotations

from egov.certificates import decisions
from egov.certificates.models import CenterAction, Certificate
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/certificates/<serial>/revoke",
    summary="Sertifikatı ləğv etmək / Revoke a certificate",
    description="Mərkəz əməkdaşı RFC 5280 səbəbi ilə, qeydə alınmış əsasla ləğv edir (E13, E15)."
    "\n\nCenter staff revoke, with an RFC 5280 reason on a recorded basis (E13, E15).",
)
def revoke(serial: str, body: CenterAction) -> Response[Certificate]:
    staff = auth.require(app, "center")
    return ok(decisions.act(serial, "revoke", body, staff))


lambda_handler = entry(app)
