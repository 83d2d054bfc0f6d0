"""POST /export/contracts/{contractId}/asan-signature: the local party's head is asked to sign
the contract with ASAN İmza (PIN2) (X2)."""

from __future__ import annotations

from egov.export import contracts
from egov.platform import auth, idempotency, mobile_id
from egov.platform.http import api, created, entry, language

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/contracts/<contractId>/asan-signature",
    summary="ASAN İmza ilə imzalamaq / Sign with ASAN İmza",
    description="Müqavilə tam doldurulubsa, telefonda PIN2 ilə imza istənilir; yoxlama kodu "
    "göstərilir (X2).\n\nIf the contract is complete, the phone asks for PIN2; the verification "
    "code is shown (X2).",
    status_code=201,
)
def start(contractId: str) -> Response[mobile_id.Challenge]:
    caller = auth.require(app, "citizen")
    challenge = idempotency.once(
        app,
        caller.user_id,
        mobile_id.Challenge,
        lambda: contracts.start_asan_signature(contractId, caller, language(app)),
    )
    return created(challenge)


lambda_handler = entry(app)
