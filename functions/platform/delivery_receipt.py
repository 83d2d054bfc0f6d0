"""POST /platform/delivery-receipts/{channel}: a gateway reports a message's fate (G2).

The receipt must carry the gateway's Standard Webhooks signature (401 otherwise); a repeated
receipt (the same `webhook-id`) changes nothing, and a final status stays final.
"""

from __future__ import annotations

from egov.platform import notify
from egov.platform.adapters.gateways import Channel
from egov.platform.http import NO_CONTENT, api, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/platform/delivery-receipts/<channel>",
    summary="Çatdırılma qəbzi / Delivery receipt",
    description="SMS və e-poçt şlüzlərinin imzalı çatdırılma qəbzləri."
    "\n\nSigned delivery receipts of the gateways.",
    responses=NO_CONTENT,
)
def receive(channel: Channel) -> Response[None]:
    event = app.current_event
    notify.receive_receipt(channel, event.decoded_body or "", event.headers or {})
    return Response(status_code=204)


lambda_handler = entry(app)
