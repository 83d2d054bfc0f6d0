"""GET /agencies/{agency}/decisions/{decisionId}/evidence: the message log of a decision (G3).

Readable by the agency for its own decisions and by operators.
"""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, evidence, exchange
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/agencies/<agency>/decisions/<decisionId>/evidence",
    summary="Qərarın sübutları / Decision evidence",
    description="Qərarın mesaj jurnalı (G3).\n\nThe message log of a decision.",
)
def decision_evidence(
    agency: str,
    decisionId: str,
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> Response[evidence.Log]:
    if auth.principal(app).role != "operator":
        auth.require(app, "agency", "officer", agency=agency)
    return ok(exchange.evidence_of(agency, decisionId, cursor=cursor, limit=limit))


lambda_handler = entry(app)
