"""POST /export/free-sale/{applicationId}/signature: the Center's executive director signs the
issued certificate (X7, §10.3.5.4)."""

from __future__ import annotations

from egov.export import free_sale
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/free-sale/<applicationId>/signature",
    summary="Sərbəst satış sertifikatının imzalanması / Sign a free-sale certificate",
    description="Mərkəzin icraçı direktoru elektron imza ilə təsdiqləyir; sertifikat kabinetə "
    "göndərilir (X7).\n\nThe Center's executive director signs; the certificate goes to the "
    "cabinet (X7).",
)
def sign(applicationId: str) -> Response[free_sale.FreeSaleApplication]:
    director = auth.require(app, "officer", agency=free_sale.CENTER)
    return ok(free_sale.sign(applicationId, director))


lambda_handler = entry(app)
