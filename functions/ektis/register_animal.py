"""POST /ektis/animals: a farmer registers an animal with its ear tag, origin and purpose (A7)."""

from __future__ import annotations

from egov.ektis import livestock
from egov.ektis.models import Animal, AnimalRegistration
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/animals",
    summary="Heyvanın qeydiyyatı / Register an animal",
    description="Sırğa nömrəsi (AZ + 12 rəqəm, sonuncusu yoxlama rəqəmi), növ, mənşə, təyinat; bala ana heyvanın mayalanmasına bağlanır (A7)."
    "\n\nEar tag (AZ + 12 digits, the last a check digit), species, origin, purpose; a calf links to its dam's insemination (A7).",
    status_code=201,
)
def register_animal(body: AnimalRegistration) -> Response[Animal]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, Animal, lambda: livestock.register(body, caller))
    )


lambda_handler = entry(app)
