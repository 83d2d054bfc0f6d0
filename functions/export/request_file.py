"""POST /export/requests: an informational request or a suggestion to the portal, answered by
e-mail (X9, §5.2, §8.0.6)."""

from __future__ import annotations

from egov.export import requests
from egov.export.requests import Request, RequestForm
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/requests",
    summary="Sorğu və ya təklif / Request or suggestion",
    description="İnformasiya xarakterli sorğu və ya portalın təkmilləşdirilməsinə dair təklif; "
    "cavab göstərilən e-poçt ünvanına göndərilir və kabinetdə saxlanılır (X9, §5.2). "
    "Idempotency-Key başlığı təkrarı təhlükəsiz edir.\n\nAn informational request or a "
    "suggestion on the portal's work; the answer goes to the e-mail address given and is kept "
    "in the cabinet (X9, §5.2). An Idempotency-Key header makes a retry safe.",
    status_code=201,
)
def ask(body: RequestForm) -> Response[Request]:
    caller = auth.require(app, "citizen")
    filed = idempotency.once(app, caller.user_id, Request, lambda: requests.file(body, caller))
    return created(filed, "/export/requests")


lambda_handler = entry(app)
