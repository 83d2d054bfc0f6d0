"""GET /payments/{paymentId}: the owner sees a fee payment and its status (G6)."""

from __future__ import annotations

from egov.platform import auth, payments
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/payments/<paymentId>",
    summary="Ödənişin vəziyyəti / Payment status",
    description="Sahibi üçün rüsum ödənişi (G6).\n\nA fee payment for its owner.",
)
def get_payment(paymentId: str) -> Response[payments.Payment]:
    caller = auth.principal(app)
    return ok(payments.view(payments.of_owner(paymentId, caller.user_id), language(app)))


lambda_handler = entry(app)
