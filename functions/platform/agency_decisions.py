"""GET /agencies/{agency}/decisions?status=pending: an agency's (or a Center's, E8) own tasks and deadlines (G3)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

from egov.platform import auth, exchange
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

app = api()


@app.get(
    "/agencies/<agency>/decisions",
    summary="Qurumun qərar sorğuları / Agency decision requests",
    description="Qurumun öz qərar sorğuları, vəziyyət üzrə və müddətləri ilə (G3)."
    "\n\nAn agency's own decision requests by status with deadlines.",
)
def list_decisions(
    agency: str,
    status: Annotated[exchange.Status, Query()] = "pending",
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> Response[exchange.Decisions]:
    auth.require(app, "agency", "officer", "center", agency=agency)
    return ok(exchange.decisions(agency, status, cursor=cursor, limit=limit))


lambda_handler = entry(app)
