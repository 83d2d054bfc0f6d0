"""GET /export/free-sale-certificates/{number}: anyone checks a free-sale certificate (X7)."""

from __future__ import annotations

from egov.export import free_sale
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/export/free-sale-certificates/<number>",
    summary="Sərbəst satış sertifikatının yoxlanılması / Verify a free-sale certificate",
    description="Sertifikatda göstərilənlər və imzanın yenidən hesablanmış yoxlanışı (X7).\n\n"
    "What the certificate shows and its signature, checked anew (X7).",
)
def verify(number: str) -> Response[free_sale.FreeSaleVerification]:
    return ok(free_sale.verify(number))


lambda_handler = entry(app)
