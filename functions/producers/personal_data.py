"""PUT /producers/me/personal-data: education, job and the language of notices (P8, P3, G2)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.producers import cabinet
from egov.producers.models import Producer

from aws_lambda_powertools.event_handler import Response

app = api()


@app.put(
    "/producers/me/personal-data",
    summary="Şəxsi məlumatlar / Personal data",
    description="Təhsil, iş və bildirişlərin dili kabinetdə dəyişdirilir; şəxsiyyət məlumatları "
    "əhali reyestrindəndir (P8, P3, G2)."
    "\n\nEducation, job and the language of notices, changed in the cabinet; the identity comes "
    "from the population registry (P8, P3, G2).",
)
def personal_data(body: cabinet.PersonalData) -> Response[Producer]:
    caller = auth.require(app, "citizen")
    return ok(cabinet.change_personal_data(caller.user_id, body))


lambda_handler = entry(app)
