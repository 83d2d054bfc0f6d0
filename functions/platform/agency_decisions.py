"""GET /agencies/{agency}/decisions?status=pending: an agency's (or a Center's, E8) own tasks and
deadlines (G3); with `status=deemed-consent` the requests its silence answered (E6, DESIGN rule 6).

The operator reads any agency's list (the agency in the path), as it reads a decision's evidence.
"""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, exchange
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/agencies/<agency>/decisions",
    summary="Qurumun qərar sorğuları / Agency decision requests",
    description="Qurumun öz qərar sorğuları, vəziyyət üzrə və müddətləri ilə (G3); "
    "`deemed-consent`: susqunluğu razılıq sayılanlar (E6). Operator istənilən qurumun "
    "siyahısını oxuyur."
    "\n\nAn agency's own decision requests by status with deadlines (G3); `deemed-consent`: "
    "those its silence answered as consent (E6). The operator reads any agency's list.",
)
def list_decisions(
    agency: str,
    status: Annotated[exchange.Status, Query()] = "pending",
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> Response[exchange.Decisions]:
    if auth.principal(app).role != "operator":
        auth.require(app, "agency", "officer", "center", agency=agency)
    return ok(exchange.decisions(agency, status, cursor=cursor, limit=limit))


lambda_handler = entry(app)
