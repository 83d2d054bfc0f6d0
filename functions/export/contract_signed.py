"""POST /export/contracts/{contractId}/asan-signature/{sessionId}: the head's PIN2 signature
applied once given on the phone (X2)."""

from __future__ import annotations

from egov.export import contracts
from egov.platform import auth, mobile_id
from egov.platform.http import api, entry, on_the_phone, polled

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/contracts/<contractId>/asan-signature/<sessionId>",
    summary="ASAN İmza imzası / The ASAN İmza signature",
    description="Telefonda imza gözlənilərkən 202; imzadan sonra müqavilə (X2).\n\n"
    "202 while the phone has not signed; once signed, the contract (X2).",
    responses=on_the_phone("Signed: the contract"),
)
def complete(contractId: str, sessionId: str) -> Response[contracts.Contract | mobile_id.Pending]:
    caller = auth.require(app, "citizen")
    return polled(
        contracts.complete_asan_signature(contractId, sessionId, caller), mobile_id.Pending
    )


lambda_handler = entry(app)
