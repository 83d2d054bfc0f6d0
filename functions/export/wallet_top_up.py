"""POST /export/wallet/top-ups: top the e-wallet up through ASAN ödəniş (X10)."""

from __future__ import annotations

from egov.export import wallet
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry, language

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/wallet/top-ups",
    summary="Pul kisəsinin artırılması / Top the e-wallet up",
    description="ASAN ödənişdə ödəniş səhifəsi; təsdiq balansı artırır (X10).\n\nA payment "
    "page at ASAN ödəniş; its confirmation credits the balance (X10).",
    status_code=201,
)
def top_up(body: wallet.TopUpRequest) -> Response[wallet.TopUp]:
    caller = auth.require(app, "citizen")
    ticket = idempotency.once(
        app,
        caller.user_id,
        wallet.TopUp,
        lambda: wallet.top_up(body, caller.user_id, language(app)),
    )
    return created(ticket)


lambda_handler = entry(app)
