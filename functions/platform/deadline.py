"""GET /calendar/deadline: when does "within N (business) days" from a moment end, and why (G4)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import AwareDatetime

from egov.platform import calendar, clock
from egov.platform.http import api, entry, language, ok

MAX_DAYS = 3660  # ten years of calendar days: longer periods are not deadlines

app = api()


@app.get(
    "/calendar/deadline",
    summary="Müddətin hesablanması / Deadline calculator",
    description="Azərbaycanın iş və ya təqvim günləri ilə müddət, izahı ilə."
    "\n\nA deadline in Azerbaijani business or calendar days, explained.",
)
def get_deadline(
    days: Annotated[int, Query(ge=0, le=MAX_DAYS)],
    start: Annotated[AwareDatetime | None, Query()] = None,
    kind: Annotated[calendar.Kind, Query()] = "business",
) -> Response[calendar.Deadline]:
    return ok(calendar.explain(start or clock.now(), days, kind, language(app)))


lambda_handler = entry(app)
