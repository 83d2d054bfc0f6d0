"""GET /export/free-sale-queue?step=decision|signature: the Center's free-sale applications
awaiting the operator's decision or the director's signature, soonest due first (X7)."""

from __future__ import annotations

from typing import Annotated

from egov.export import free_sale
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/export/free-sale-queue",
    summary="Sərbəst satış ərizələri növbəsi / The free-sale work queue",
    description="Qərar (1 iş günü) və ya imza gözləyən ərizələr, müddəti ən yaxın olan birinci; "
    "vaxtı keçənlər işarələnir (X7).\n\nApplications awaiting the decision (1 business day) or "
    "the signature, soonest due first; overdue ones flagged (X7).",
)
def waiting(
    step: Annotated[free_sale.Step, Query()] = "decision",
) -> Response[free_sale.Queue]:
    auth.require(app, "operator", "officer")  # officers of the Center only: access.RULES
    return ok(free_sale.queue(step))


lambda_handler = entry(app)
