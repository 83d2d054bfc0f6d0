"""POST /ektis/requests/{requestId}/decision: the supplier approves or refuses a farmer's request (A4)."""

from __future__ import annotations

from egov.ektis import requests
from egov.ektis.models import InputRequest, RequestDecision
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/requests/<requestId>/decision",
    summary="Müraciətin təsdiqi və ya imtina / Approve or refuse a request",
    description="Təchizatçı fermerin müraciətini təsdiqləyir və ya əsas göstərərək imtina edir (A4)."
    "\n\nThe supplier approves a farmer's request or refuses it with a reason (A4).",
)
def decide_request(requestId: str, body: RequestDecision) -> Response[InputRequest]:
    caller = auth.require(app, "citizen")
    return ok(requests.decide(requestId, body, caller))


lambda_handler = entry(app)
