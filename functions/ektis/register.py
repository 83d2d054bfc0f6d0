"""POST /ektis/subjects: a signed-in person registers as an EKTİS subject (A1, A2)."""

from __future__ import annotations

from egov.ektis import subjects
from egov.ektis.models import Registration, Subject
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/subjects",
    summary="EKTİS subyektinin qeydiyyatı / Register an EKTİS subject",
    description="Fermer, təchizatçı, tədarükçü, baytar, süni mayalanma mütəxəssisi və s.; ad və "
    "ünvan əhali və ya vergi reyestrindən (A1, A2).\n\nFarmer, supplier, procurer, vet, "
    "insemination specialist…; names and addresses from the population or tax registry (A1, A2).",
    status_code=201,
)
def register(body: Registration) -> Response[Subject]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, Subject, lambda: subjects.register(body, caller))
    )


lambda_handler = entry(app)
