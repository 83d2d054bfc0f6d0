"""POST /ektis/subsidies/{subsidyId}/withdrawal: the applicant withdraws a subsidy application
still being decided; the ministry's request is withdrawn and the parcels are free again (A3)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import subsidy
from egov.ektis.models import Subsidy, SubsidyWithdrawal
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/ektis/subsidies/<subsidyId>/withdrawal",
    summary="Subsidiya müraciətini geri götürmək / Withdraw a subsidy application",
    description="Müraciətçi baxılmaqda olan müraciəti geri götürür: nazirliyə sorğu geri "
    "alınır, sahələr yenidən müraciət üçün sərbəstdir (A3).\n\nThe applicant withdraws an "
    "application still being decided: the ministry's request is withdrawn and the parcels may "
    "be applied for again (A3).",
)
def withdraw(
    subsidyId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
    body: SubsidyWithdrawal,
) -> Response[Subsidy]:
    caller = auth.require(app, "citizen")
    return ok(subsidy.withdraw(subsidyId, body, caller))


lambda_handler = entry(app)
