"""GET /ektis/transactions: a subject's transactions, as either party (A4, A5)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import transactions
from egov.ektis.models import Trades
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/ektis/transactions",
    summary="Əməliyyatlar / Transactions",
    description="Subyektin tərəf olduğu əməliyyatlar (A4, A5)."
    "\n\nThe transactions a subject is a party to (A4, A5).",
)
def list_transactions(
    subjectId: Annotated[str | None, Query(max_length=32)] = None,
) -> Response[Trades]:
    caller = auth.require(app, "citizen")
    return ok(transactions.of_subject(subjectId, caller))


lambda_handler = entry(app)
