"""POST /export/permit-events: a permit agency's system tells an event of a permit after the
decision (addendum, duplicate, re-issued, suspended, restored, revoked) with a signed message
(Standard Webhooks, v1); a message told again (the same `webhook-id`) changes nothing (X8, G3)."""

from __future__ import annotations

from egov.export import permit_events
from egov.platform.http import NO_CONTENT, api, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/permit-events",
    summary="İcazə hadisəsi / A permit event",
    description="İcazə verən orqanın sistemi icazənin əlavəsini, dublikatını, yenidən "
    "rəsmiləşdirilməsini, dayandırılmasını, bərpasını və ya ləğvini imzalı mesajla bildirir; "
    "ixracatçının kabinetinə, e-poçtuna və mobil nömrəsinə çatdırılır (X8, §6.0.9).\n\n"
    "A permit agency's system tells an addendum, duplicate, re-issue, suspension, restoration "
    "or revocation of a permit with a signed message; it reaches the exporter's cabinet, "
    "e-mail and mobile (X8, §6.0.9).",
    responses=NO_CONTENT,
)
def receive() -> Response[None]:
    event = app.current_event
    permit_events.receive(event.decoded_body or "", event.headers or {})
    return Response(status_code=204)


lambda_handler = entry(app)
