"""GET /producers/products: the product classifier, codes with az/en names and units (P9)."""

from __future__ import annotations

from egov.platform.http import api, entry, ok
from egov.producers import catalog

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/producers/products",
    summary="Məhsul təsnifatı / Product classifier",
    description="Məhsulların təsnifatı (P9).\n\nThe product classifier (P9).",
)
def product_classifier() -> Response[catalog.Classifier]:
    return ok(catalog.Classifier(products=list(catalog.classifier().values())))


lambda_handler = entry(app)
