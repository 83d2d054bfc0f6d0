"""POST /ektis/animals/{earTag}/health: a vet enters a health document (A6, A7)."""

from __future__ import annotations

from egov.ektis import veterinary
from egov.ektis.models import HealthDocument, HealthEntry
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/animals/<earTag>/health",
    summary="Sağlamlıq sənədi / Health document",
    description="Baytar həkimi yenidoğulmuş heyvanın sağlamlıq sənədini, peyvəndi, xəstəliyi və ya müalicəni daxil edir (A6, A7)."
    "\n\nA vet enters a newborn's health document, a vaccination, a disease or a treatment (A6, A7).",
    status_code=201,
)
def health_record(earTag: str, body: HealthEntry) -> Response[HealthDocument]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(
            app,
            caller.user_id,
            HealthDocument,
            lambda: veterinary.health(earTag.upper(), body, caller),
        )
    )


lambda_handler = entry(app)
