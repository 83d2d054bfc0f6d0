"""POST /renewal/attorneys/{applicationId}/refusal: the head refuses the power of attorney; the
application is cancelled (R7)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.renewal import attorney

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/renewal/attorneys/<applicationId>/refusal",
    summary="Etibarnamədən imtina / Refuse the power of attorney",
    description="Rəhbər etibarnaməni rədd edir; müraciət ləğv olunur (R7).\n\nThe head "
    "refuses the power of attorney; the application is cancelled.",
)
def refuse(applicationId: str, body: attorney.Refusal) -> Response[attorney.PowerOfAttorney]:
    head = auth.require(app, "citizen")
    return ok(attorney.refuse(applicationId, body, head))


lambda_handler = entry(app)
