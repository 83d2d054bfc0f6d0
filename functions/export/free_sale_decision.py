"""POST /export/free-sale/{applicationId}/decision: the operator issues or refuses (X7,
§10.3.5.3, within 1 business day)."""

from __future__ import annotations

from egov.export import free_sale
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/free-sale/<applicationId>/decision",
    summary="Sərbəst satış sertifikatı üzrə qərar / Decide a free-sale certificate",
    description="Operator verir (`issue`) və ya səbəbi ilə imtina edir (`refuse`) (X7).\n\n"
    "The operator issues or refuses with a reason (X7).",
)
def decide(applicationId: str, body: free_sale.Decision) -> Response[free_sale.FreeSaleApplication]:
    operator = auth.require(app, "operator")
    return ok(free_sale.decide(applicationId, body, operator))


lambda_handler = entry(app)
