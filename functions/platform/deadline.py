"""GET /calendar/deadline: when does "within N (business) days" from a moment end, and why (G4)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from egov.platform import calendar, clock
from egov.platform.http import api, entry, language, ok
from egov.platform.problems import Invalid

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import AwareDatetime

MAX_DAYS = 3660  # ten years of calendar days: longer periods are not deadlines
MAX_MONTHS = 120  # the same ten years, counted in months

PeriodName = StrEnum("PeriodName", {name: name for name in calendar.PERIODS})  # type: ignore[misc]

app = api()


@app.get(
    "/calendar/deadline",
    summary="Müddətin hesablanması / Deadline calculator",
    description="Azərbaycanın iş və ya təqvim günləri ilə müddət, izahı ilə; `period` platformanın "
    "adlı müddətini (məsələn `esign.review`) izah edir və onun qanunla, yoxsa xidmət səviyyəsi "
    "ilə müəyyən edildiyini göstərir. Hadisə günü heç vaxt sayılmır."
    "\n\nA deadline in Azerbaijani business or calendar days, explained; `period` explains one of "
    "the platform's named periods (e.g. `esign.review`) and says whether law or a service level "
    "sets it. The day of the event never counts.",
)
def get_deadline(
    days: Annotated[int | None, Query(ge=0, le=MAX_DAYS)] = None,
    start: Annotated[AwareDatetime | None, Query()] = None,
    kind: Annotated[calendar.Kind, Query()] = "business",
    period: Annotated[PeriodName | None, Query()] = None,
) -> Response[calendar.Deadline]:
    moment = start or clock.now()
    if period is not None:
        return ok(calendar.explain_period(period.value, moment, language(app)))
    if days is None:
        raise Invalid("field.required", field="days")
    if kind == "month" and days > MAX_MONTHS:
        raise Invalid("field.invalid", field="days")
    return ok(calendar.explain(moment, days, kind, language(app)))


lambda_handler = entry(app)
