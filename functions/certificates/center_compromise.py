"""POST /certificates/center-compromise: the staff's Center reports its own key compromised;
every certificate it issued is revoked (cACompromise) and replaced free (E13, seed 001 §3.6)."""

from __future__ import annotations

from egov.certificates import center_compromise
from egov.certificates.models import CenterCompromise, CenterCompromiseAccepted
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/certificates/center-compromise",
    summary="Mərkəzin açarı ələ keçib / Center key compromised",
    description="Mərkəzin açarı ələ keçib; onun sertifikatları ləğv edilir (E13)."
    "\n\nA Center's key compromised, its certificates revoked (E13).",
    status_code=202,
)
def report(body: CenterCompromise) -> Response[CenterCompromiseAccepted]:
    staff = auth.require(app, "center")
    return ok(center_compromise.center_compromised(body, staff), status=202)


lambda_handler = entry(app)
