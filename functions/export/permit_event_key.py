"""POST /operator/export/permit-agencies/{agency}/event-key: the operator hands a permit agency
its own key for signing permit events (X8, G3)."""

from __future__ import annotations

from typing import Annotated

from egov.export import permit_events
from egov.platform import auth, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/operator/export/permit-agencies/<agency>/event-key",
    summary="İcazə hadisələrinin açarı / A permit agency's event key",
    description="Operator icazə verən orqana icazə hadisələrini imzalamaq üçün onun öz açarını "
    "təqdim edir; hər orqanın açarı ayrıdır, başqa orqanın adından imzalamağa imkan vermir "
    "(X8). Açar yalnız bu cavabda göstərilir; təqdimetmə audit jurnalına yazılır."
    "\n\nThe operator hands a permit agency its own key for signing permit events; each "
    "agency's key is its own and signs in no other agency's name (X8). The key is shown only in "
    "this answer; the hand-over is audited.",
)
def hand_over(
    agency: Annotated[str, Path(pattern=webhooks.AGENCY_PATTERN)],
) -> Response[permit_events.EventKey]:
    operator = auth.require(app, "operator")
    return ok(permit_events.hand_over_key(agency, operator))


lambda_handler = entry(app)
