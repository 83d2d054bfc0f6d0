"""POST /export/requests/{requestId}/answer: the operator answers a request or suggestion; the
answer is kept, e-mailed to the address given and placed in the cabinet (X9, §5.2)."""

from __future__ import annotations

from egov.export import requests
from egov.export.requests import AnswerForm, Request
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/requests/<requestId>/answer",
    summary="Sorğuya cavab / Answer a request",
    description="Operatorun cavabı saxlanılır, sorğuda göstərilən e-poçt ünvanına göndərilir və "
    "kabinetdə görünür; ikinci cavab 409 (X9, §5.2).\n\nThe operator's answer is kept, sent "
    "to the e-mail address the request gave and shown in the cabinet; a second answer is a "
    "409 (X9, §5.2).",
)
def answer(requestId: str, body: AnswerForm) -> Response[Request]:
    caller = auth.require(app, "operator")
    return ok(requests.answer(requestId, body, caller))


lambda_handler = entry(app)
