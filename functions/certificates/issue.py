"""POST /certificates: Center staff register a certificate on an application (E8–E10, E12, E15).

Only the application id and the carrier's key come from the request; the holder data come from
the application, which must be the Center's and have passed the review and the embassy check.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.certificates.models import CenterIssue, Certificate
from egov.esign import embassy
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

app = api()


@app.post(
    "/certificates",
    summary="Sertifikatın qeydə alınması / Register a certificate",
    description="Mərkəz əməkdaşı yoxlamadan keçmiş öz müraciəti üzrə sertifikatı qeydə alır; "
    "sahibin məlumatları müraciətdən götürülür; 3 il etibarlıdır (E8–E10, E12, E15)."
    "\n\nCenter staff register a certificate on their own application that passed the review "
    "and the embassy check; the holder data come from the application; valid 3 years "
    "(E8–E10, E12, E15).",
    status_code=201,
)
def issue(body: CenterIssue) -> Response[Certificate]:
    staff = auth.require(app, "center")
    cert = idempotency.once(
        app, staff.user_id, Certificate, lambda: embassy.issue_for_center(body, staff)
    )
    return created(cert, f"/certificates/{cert.serial}")


lambda_handler = entry(app)
