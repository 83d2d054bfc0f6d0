"""POST /export/free-sale/{applicationId}/collection: the paper copy is handed over at the
Center, recorded once (X7, §10.3.5.4)."""

from __future__ import annotations

from egov.export import free_sale
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/free-sale/<applicationId>/collection",
    summary="Kağız nüsxənin təhvili / Paper copy collected",
    description="Sertifikatın kağız nüsxəsinin Mərkəzdə təhvil verilməsi qeyd olunur, bir dəfə "
    "(X7).\n\nThe handover of the paper copy at the Center is recorded, once (X7).",
)
def collect(applicationId: str) -> Response[free_sale.FreeSaleApplication]:
    operator = auth.require(app, "operator")
    return ok(free_sale.collect(applicationId, operator))


lambda_handler = entry(app)
