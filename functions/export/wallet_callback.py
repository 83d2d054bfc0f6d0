"""POST /export/wallet/callback: ASAN ödəniş confirms an e-wallet top-up (X10).

The confirmation must carry the provider's Standard Webhooks signature (401 otherwise); a
repeated confirmation (the same `webhook-id`) changes nothing.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.export import wallet
from egov.platform.http import NO_CONTENT, api, entry

app = api()


@app.post(
    "/export/wallet/callback",
    summary="Artırmanın təsdiqi / Top-up confirmation",
    description="ASAN ödənişin imzalı təsdiqləri (X10).\n\nSigned confirmations of ASAN ödəniş.",
    responses=NO_CONTENT,
)
def confirm() -> Response[None]:
    event = app.current_event
    wallet.receive(event.decoded_body or "", event.headers or {})
    return Response(status_code=204)


lambda_handler = entry(app)
