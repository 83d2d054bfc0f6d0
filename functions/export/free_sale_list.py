"""GET /export/free-sale: the applicant's free-sale certificate applications (X7)."""

from __future__ import annotations

from egov.export import free_sale
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/export/free-sale",
    summary="Sərbəst satış sertifikatlarım / My free-sale certificates",
    description="Kabinetdə ərizələr və verilmiş sertifikatlar (X7).\n\nThe applications and "
    "issued certificates in the cabinet (X7).",
)
def mine() -> Response[free_sale.Applications]:
    caller = auth.require(app, "citizen")
    return ok(free_sale.cabinet(caller.user_id))


lambda_handler = entry(app)
