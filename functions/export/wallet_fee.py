"""POST /export/wallet/fees: a state fee paid from the e-wallet or at ASAN ödəniş (X10)."""

from __future__ import annotations

from egov.export import wallet
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry, language

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/wallet/fees",
    summary="Dövlət rüsumunun ödənilməsi / Pay a state fee",
    description="Pul kisəsindən (qalıq kifayət etmədikdə 409) və ya ASAN ödəniş ilə (X10).\n\n"
    "From the e-wallet (409 when the balance does not cover it) or through ASAN ödəniş (X10).",
    status_code=201,
)
def pay(body: wallet.FeeRequest) -> Response[wallet.FeePaid]:
    caller = auth.require(app, "citizen")
    paid = idempotency.once(
        app,
        caller.user_id,
        wallet.FeePaid,
        lambda: wallet.pay_fee(body, caller.user_id, caller.actor, language(app)),
    )
    return created(paid)


lambda_handler = entry(app)
