"""POST /operator/agencies/{agency}/suspension: the operator suspends a warned participant whose
defects were not removed in time (X11; Əsasnamə 6.0.10)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, governance, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/operator/agencies/<agency>/suspension",
    summary="İştirakçının fəaliyyətinin dayandırılması / Suspend a participant",
    description="Yalnız xəbərdarlıq edilmiş və verilən müddətdə tələbləri yerinə yetirməmiş "
    "iştirakçı: webhook-ları saxlanılır (itmir), cavabları qəbul edilmir, gözləyən qərarları "
    "operatora göndərilir (X11, Əsasnamə 6.0.10)."
    "\n\nOnly a warned participant whose time to remove the defects has passed: its webhooks are "
    "held (not lost), its answers refused, its pending decisions routed to the operator (X11).",
)
def suspend(
    agency: Annotated[str, Path(pattern=webhooks.AGENCY_PATTERN)],
    body: governance.Reason,
) -> Response[governance.Standing]:
    operator = auth.require(app, "operator")
    return ok(governance.suspend(agency, body, operator))


lambda_handler = entry(app)
