"""POST /ektis/requests: a farmer asks a supplier for inputs, or a vet or an insemination
specialist for a service (A3)."""

from __future__ import annotations

from egov.ektis import requests
from egov.ektis.models import InputRequest, RequestFiling
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/requests",
    summary="Təchizatçıya, baytara müraciət / Request to a supplier or vet",
    description="Fermer istehsal vasitələri üçün təchizatçıya, xidmət üçün baytar həkiminə və ya süni mayalanma mütəxəssisinə müraciət edir; icrası kabinetdə izlənilir (A3)."
    "\n\nA farmer asks a supplier for inputs, or a vet or insemination specialist for a service; tracked in the cabinet (A3).",
    status_code=201,
)
def send_request(body: RequestFiling) -> Response[InputRequest]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, InputRequest, lambda: requests.send(body, caller))
    )


lambda_handler = entry(app)
