"""POST /payments/{paymentId}/refund: always refused, fees are not refundable (G6, seed 001 §2.20).

The route exists so that a person (or a client built for other providers) asking for a refund
gets a clear 409 naming the rule, not a 404 that suggests the wrong address.
"""

from __future__ import annotations

from egov.platform import auth, payments
from egov.platform.http import api, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/payments/<paymentId>/refund",
    summary="Ödənişin qaytarılması / Refund a payment",
    description="Həmişə rədd edilir: rüsumlar qaytarılmır (G6, seed 001 §2.20)."
    "\n\nAlways refused (seed 001 §2.20).",
)
def refund(paymentId: str) -> Response[None]:
    caller = auth.principal(app)
    payments.refuse_refund(paymentId, caller.user_id)


lambda_handler = entry(app)
