"""POST /ektis/approbations: a supplier asks for a seed field approbation or a seed certificate (A4)."""

from __future__ import annotations

from egov.ektis import approbations
from egov.ektis.models import Approbation, ApprobationFiling
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/approbations",
    summary="Aprobasiya, toxum sertifikatı / Approbation, seed certificate",
    description="Toxum və ting əkinlərinin aprobasiyası və ya toxum sertifikatı üçün müraciət; kabinetdə izlənilir (A4)."
    "\n\nA request for a seed or seedling field approbation or a seed certificate; tracked in the cabinet (A4).",
    status_code=201,
)
def file_approbation(body: ApprobationFiling) -> Response[Approbation]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, Approbation, lambda: approbations.file(body, caller))
    )


lambda_handler = entry(app)
