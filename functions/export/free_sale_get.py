"""GET /export/free-sale/{applicationId}: one application, for its applicant or the Center (X7)."""

from __future__ import annotations

from egov.export import free_sale
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/export/free-sale/<applicationId>",
    summary="Sərbəst satış sertifikatı üzrə ərizə / A free-sale certificate application",
    description="Vəziyyəti, qərar müddəti, qərar və imzalı sertifikat (X7).\n\nIts status, "
    "decision deadline, decision and the signed certificate (X7).",
)
def get_application(applicationId: str) -> Response[free_sale.FreeSaleApplication]:
    caller = auth.principal(app)
    return ok(free_sale.of_owner(applicationId, caller))


lambda_handler = entry(app)
