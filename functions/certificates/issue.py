"""POST /certificates: Center staff register a certificate they issued (E8, E12, E15)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.certificates import registry
from egov.certificates.models import Certificate, IssueRequest
from egov.platform import auth
from egov.platform.http import api, created, entry

app = api()


@app.post(
    "/certificates",
    summary="Sertifikatın qeydə alınması / Register a certificate",
    description="Mərkəz əməkdaşı verilmiş sertifikatı qeydə alır; 3 il etibarlıdır (E12, E15)."
    "\n\nCenter staff register an issued certificate, valid 3 years (E12, E15).",
    status_code=201,
)
def issue(body: IssueRequest) -> Response[Certificate]:
    staff = auth.require(app, "center", agency=body.center)
    cert = registry.issue(body, staff.actor)
    return created(cert, f"/certificates/{cert.serial}")


lambda_handler = entry(app)
