"""POST /payments/callback: ASAN ödəniş confirms a payment paid or declined (G6).

The confirmation must carry the provider's Standard Webhooks signature (401 otherwise); a
repeated confirmation (the same `webhook-id`) changes nothing.
"""

from __future__ import annotations

from egov.platform import payments
from egov.platform.http import NO_CONTENT, api, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/payments/callback",
    summary="Ödənişin təsdiqi / Payment confirmation",
    description="ASAN ödənişin imzalı təsdiqləri (G6).\n\nSigned confirmations of ASAN ödəniş.",
    responses=NO_CONTENT,
)
def confirm() -> Response[None]:
    event = app.current_event
    payments.receive(event.decoded_body or "", event.headers or {})
    return Response(status_code=204)


lambda_handler = entry(app)
