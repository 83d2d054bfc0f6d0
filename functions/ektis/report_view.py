"""GET /ektis/reports/{reportId}: a report's progress, then its rows and mismatches (A10)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import reports
from egov.ektis.report_models import Report
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.get(
    "/ektis/reports/<reportId>",
    summary="Hesabat və gedişatı / A report",
    description="Hazırlanarkən gedişatı (oxunmuş rayon-illər, faktlar, kadastr sorğuları), "
    "hazır olduqda sətirləri və uyğunsuzluqları (A10)."
    "\n\nWhile it runs, its progress (district-years, facts read, cadastre lookups); once "
    "done, its rows and mismatches (A10).",
)
def report_view(
    reportId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
) -> Response[Report]:
    auth.require(app, "officer", "operator")
    return ok(reports.view(reportId))


lambda_handler = entry(app)
