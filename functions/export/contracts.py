"""GET /export/contracts: the caller's e-contracts, newest first (X2, G8)."""

from __future__ import annotations

from typing import Annotated

from egov.export import contracts
from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/export/contracts",
    summary="Elektron müqavilələrim / My e-contracts",
    description="Tərəf olduğunuz müqavilələr (X2).\n\nThe contracts you are a party to (X2).",
)
def mine(
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = contracts.PAGE,
) -> Response[contracts.Contracts]:
    caller = auth.require(app, "citizen")
    return ok(contracts.of_party(caller, cursor=cursor, limit=limit))


lambda_handler = entry(app)
