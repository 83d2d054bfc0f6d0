"""POST /customs/border-messages: a border post's system registers goods with a signed message
(Standard Webhooks, v1); a message told again (the same `webhook-id`) changes nothing (C3, G3)."""

from __future__ import annotations

from egov.customs import border
from egov.platform.http import NO_CONTENT, api, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/customs/border-messages",
    summary="Sərhəd məntəqəsinin mesajı / A border post's message",
    description="Sərhəd buraxılış məntəqəsinin sistemi imzalı mesajla malı qeydə alır (C3)."
    "\n\nA border post's system registers goods with a signed message (C3).",
    responses=NO_CONTENT,
)
def receive() -> Response[None]:
    event = app.current_event
    border.receive(event.decoded_body or "", event.headers or {})
    return Response(status_code=204)


lambda_handler = entry(app)
