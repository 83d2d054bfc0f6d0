"""POST /renewal/operator-activations: the mobile operator reports an ASAN İmza SIM activated
for the next 3 years (R8). Signed by the operator (Standard Webhooks); a repeat changes nothing.
"""

from __future__ import annotations

from egov.platform.http import NO_CONTENT, api, entry
from egov.renewal import activation

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/renewal/operator-activations",
    summary="Operatorda aktivləşdirmə / Activation at the operator",
    description="Mobil operatorun imzalı bildirişi: xidmət növbəti 3 il üçün aktivləşdirildi "
    "(R8).\n\nThe operator's signed report: the service activated for the next 3 years.",
    responses=NO_CONTENT,
)
def report() -> Response[None]:
    event = app.current_event
    activation.receive(event.decoded_body or "", event.headers or {})
    return Response(status_code=204)


lambda_handler = entry(app)
