"""POST /ektis/declarations: EKTİS draws up the subject's subsidy declaration (A3, A4)."""

from __future__ import annotations

from egov.ektis import subsidy
from egov.ektis.models import Declaration, DeclarationRequest
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/declarations",
    summary="Subsidiya bəyannaməsi / Draw up a subsidy declaration",
    description="Sistem subyektin daxil etdiyi sahələr və əkinlərdən mövsümün dərəcələri ilə "
    "bəyannamə hazırlayır; hər sətrin hesablaması göstərilir (A3, A4).\n\nEKTİS draws up the "
    "declaration from the subject's parcels and crops at the season's rates; each line shows "
    "its computation (A3, A4).",
    status_code=201,
)
def draw_declaration(body: DeclarationRequest) -> Response[Declaration]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, Declaration, lambda: subsidy.draw_up(body, caller))
    )


lambda_handler = entry(app)
