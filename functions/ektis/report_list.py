"""GET /ektis/reports: the ministry's reports, newest first, with their progress (A10)."""

from __future__ import annotations

from egov.ektis import reports
from egov.ektis.report_models import Reports
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/ektis/reports",
    summary="Nazirliyin hesabatları / Reports",
    description="Nazirliyin hesabatları, ən yenisi əvvəl, gedişatı ilə (A10)."
    "\n\nThe ministry's reports, newest first, with their progress (A10).",
)
def report_list() -> Response[Reports]:
    auth.require(app, "officer", "operator")
    return ok(Reports(reports=reports.listed()))


lambda_handler = entry(app)
