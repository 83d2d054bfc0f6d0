"""GET /renewal/applications/{applicationId}: the applicant's renewal application (R4–R9)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.renewal import filing

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/renewal/applications/<applicationId>",
    summary="Yenilənmə müraciəti / Renewal application",
    description="Müraciət, imzalı sənədlər, müddətlər və vəziyyət.\n\nThe application, its "
    "signed documents, deadlines and status.",
)
def application(applicationId: str) -> Response[filing.Application]:
    caller = auth.require(app, "citizen")
    return ok(filing.view(filing.owned(applicationId, caller)))


lambda_handler = entry(app)
