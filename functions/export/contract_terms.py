"""PUT /export/contracts/{contractId}/terms: the author completes the draft's terms (X2)."""

from __future__ import annotations

from egov.export import contracts
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.put(
    "/export/contracts/<contractId>/terms",
    summary="Müqavilənin şərtləri / The contract's terms",
    description="Müqaviləni tərtib edən tərəf layihənin şərtlərini doldurur (X2).\n\n"
    "The party that drew up the contract fills in the draft's terms (X2).",
)
def complete(contractId: str, body: contracts.Terms) -> Response[contracts.Contract]:
    caller = auth.require(app, "citizen")
    return ok(contracts.complete_terms(contractId, body, caller))


lambda_handler = entry(app)
