"""POST /operator/agencies/{agency}/suspension/lifting: the operator lifts a participant's
suspension with a reason; its held webhooks are sent (X11; Əsasnamə 6.0.10)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, governance, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/operator/agencies/<agency>/suspension/lifting",
    summary="Dayandırmanın götürülməsi / Lift a suspension",
    description="Nöqsanlar aradan qaldırıldıqdan sonra operator səbəb göstərməklə dayandırmanı "
    "götürür; saxlanılan webhook-lar göndərilir (X11, Əsasnamə 6.0.10)."
    "\n\nOnce the defects are removed the operator lifts the suspension with a reason; the held "
    "webhooks are sent (X11).",
)
def lift(
    agency: Annotated[str, Path(pattern=webhooks.AGENCY_PATTERN)],
    body: governance.Reason,
) -> Response[governance.Standing]:
    operator = auth.require(app, "operator")
    return ok(governance.lift(agency, body, operator))


lambda_handler = entry(app)
