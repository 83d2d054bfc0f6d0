"""POST /certificates/{serial}/restore: Center staff restores a suspended certificate (removeFromCRL) (E13, E15)."""

from __future__ import annotations

from egov.certificates import decisions
from egov.certificates.models import CenterAction, Certificate
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/certificates/<serial>/restore",
    summary="Sertifikatı bərpa etmək / Restore a certificate",
    description="Mərkəz əməkdaşı dayandırılmış sertifikatı qeydə alınmış əsasla bərpa edir (E13, E15)."
    "\n\nCenter staff restore a suspended certificate on a recorded basis (E13, E15).",
)
def restore(serial: str, body: CenterAction) -> Response[Certificate]:
    staff = auth.require(app, "center")
    return ok(decisions.act(serial, "restore", body, staff))


lambda_handler = entry(app)
