"""GET /export/contracts/{contractId}: the contract, its canonical document and its signatures,
checked as it is read; only to its two parties (X2, G8)."""

from __future__ import annotations

from egov.export import contracts
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/export/contracts/<contractId>",
    summary="Elektron müqavilə / An e-contract",
    description="Müqavilənin sənədi və imzaları, yoxlanılmış (X2).\n\nThe contract's document "
    "and signatures, each checked now (X2).",
)
def show(contractId: str) -> Response[contracts.Contract]:
    caller = auth.require(app, "citizen")
    return ok(contracts.contract(contractId, caller))


lambda_handler = entry(app)
