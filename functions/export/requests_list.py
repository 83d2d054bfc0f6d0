"""GET /export/requests: the caller's requests and suggestions with their answers; for the
operator, the open ones by due date (X9, §5.2)."""

from __future__ import annotations

from typing import Annotated

from egov.export import requests
from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/export/requests",
    summary="Sorğular və təkliflər / Requests and suggestions",
    description="Vətəndaş: öz sorğuları və təklifləri cavabları ilə; operator: cavab gözləyənlər, "
    "müddətinə görə (X9, §5.2).\n\nA citizen: their own requests and suggestions with the "
    "answers; the operator: those waiting for an answer, by due date (X9, §5.2).",
)
def listed(
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
) -> Response[requests.Requests]:
    caller = auth.require(app, "citizen", "operator")
    return ok(requests.listed(caller, cursor))


lambda_handler = entry(app)
