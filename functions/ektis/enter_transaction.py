"""POST /ektis/transactions: a supplier's input transaction or a procurer's purchase (A4, A5)."""

from __future__ import annotations

from egov.ektis import transactions
from egov.ektis.models import Trade, TransactionEntry
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/transactions",
    summary="Əməliyyatın daxil edilməsi / Enter a transaction",
    description="Təchizatçının istehsal vasitələri üzrə əməliyyatı və ya tədarükçünün fermerdən alışı (A4, A5)."
    "\n\nA supplier's input transaction or a procurer's purchase from a farmer (A4, A5).",
    status_code=201,
)
def enter_transaction(body: TransactionEntry) -> Response[Trade]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, Trade, lambda: transactions.enter(body, caller))
    )


lambda_handler = entry(app)
