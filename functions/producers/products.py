"""PUT /producers/me/products: the products the producer intends to sell (P9)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.producers import catalog

from aws_lambda_powertools.event_handler import Response

app = api()


@app.put(
    "/producers/me/products",
    summary="Satılacaq məhsullar / Products to sell",
    description="İstehsalçının satmaq istədiyi məhsullar (P9)."
    "\n\nThe products the producer intends to sell (P9).",
)
def replace_products(body: catalog.Offers) -> Response[catalog.Offers]:
    caller = auth.require(app, "citizen")
    return ok(catalog.replace(caller.user_id, body))


lambda_handler = entry(app)
