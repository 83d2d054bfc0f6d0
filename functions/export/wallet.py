"""GET /export/wallet: the e-wallet's balance and statement, newest first, a page at a time
(X10, §8.0.4)."""

from __future__ import annotations

from typing import Annotated

from egov.export import wallet
from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/export/wallet",
    summary="Elektron pul kisəsi / E-wallet statement",
    description="Qalıq və hər hərəkət ikitərəfli yazılışla (X10).\n\nThe balance and every "
    "movement as a double entry (X10).",
)
def statement(
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response[wallet.Statement]:
    caller = auth.require(app, "citizen")
    return ok(wallet.statement(caller.user_id, cursor=cursor, limit=limit))


lambda_handler = entry(app)
