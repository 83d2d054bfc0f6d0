"""POST /operator/agencies/{agency}/warning: the operator warns a participant that harms the
portal (X11; Əsasnamə 6.0.10)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, governance, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/operator/agencies/<agency>/warning",
    summary="İştirakçıya xəbərdarlıq / Warn a participant",
    description="Operator portalın fəaliyyətinə zərər vuran iştirakçıya səbəbi və nöqsanların "
    "aradan qaldırılma müddəti ilə xəbərdarlıq edir; qurum imzalı webhook ilə məlumatlandırılır "
    "(X11, Əsasnamə 6.0.10)."
    "\n\nThe operator warns a participant that harms the portal, with the reason and the date by "
    "which the defects are to be removed; the agency is told by a signed webhook (X11).",
)
def warn(
    agency: Annotated[str, Path(pattern=webhooks.AGENCY_PATTERN)],
    body: governance.WarningRequest,
) -> Response[governance.Standing]:
    operator = auth.require(app, "operator")
    return ok(governance.warn(agency, body, operator))


lambda_handler = entry(app)
