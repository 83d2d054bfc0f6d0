"""GET /export/complaints: for the operator, the permit complaints awaiting an agency's answer,
soonest deadline first, with their deadlines and escalations (X9)."""

from __future__ import annotations

from typing import Annotated

from egov.export import complaints
from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/export/complaints",
    summary="Açıq şikayətlər / Open complaints",
    description="Operator üçün: dövlət orqanının cavabını gözləyən inzibati şikayətlər (baxılır "
    "və ya gecikir), ən yaxın müddət birinci, müddətləri və eskalasiyaları ilə (X9, §5.1)."
    "\n\nFor the operator: the administrative complaints awaiting an agency's answer (under "
    "review or overdue), soonest deadline first, with their deadlines and escalations "
    "(X9, §5.1).",
)
def listed(
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
) -> Response[complaints.Complaints]:
    auth.require(app, "operator")
    return ok(complaints.open_complaints(cursor))


lambda_handler = entry(app)
