"""POST /export/free-sale: an exporter applies for a free-sale certificate (X7, §10.3.5.1)."""

from __future__ import annotations

from egov.export import free_sale
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/free-sale",
    summary="Sərbəst satış sertifikatı üçün ərizə / Apply for a free-sale certificate",
    description="Kataloqdakı, təsdiqli istehsalçının malları və ixrac sənədləri ilə; qərar 1 iş "
    "günü ərzində (X7).\n\nGoods of the catalogue by approved producers, with the export "
    "documents; decided within 1 business day (X7).",
    status_code=201,
)
def apply(body: free_sale.NewApplication) -> Response[free_sale.FreeSaleApplication]:
    applicant = auth.require(app, "citizen")
    filed = idempotency.once(
        app,
        applicant.user_id,
        free_sale.FreeSaleApplication,
        lambda: free_sale.apply(body, applicant),
    )
    return created(filed, f"/export/free-sale/{filed.application_id}")


lambda_handler = entry(app)
