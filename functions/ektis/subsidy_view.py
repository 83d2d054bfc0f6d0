"""GET /ektis/subsidies/{subsidyId}: the application, its computation and decision (A3, A4)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import subsidy
from egov.ektis.models import Subsidy
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.get(
    "/ektis/subsidies/<subsidyId>",
    summary="Subsidiya müraciəti / A subsidy application",
    description="Sətir-sətir hesablama, status, müddət, qərar və təchizatçıların tələbləri "
    "(A3, A4).\n\nThe line-by-line computation, status, deadline, decision and suppliers' "
    "claims (A3, A4).",
)
def subsidy_view(
    subsidyId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
) -> Response[Subsidy]:
    caller = auth.require(app, "citizen", "officer", "operator")
    return ok(subsidy.view(subsidyId, caller))


lambda_handler = entry(app)
