"""POST /ektis/reports: the ministry's staff ask for a reconciliation report, run in the
background (A10)."""

from __future__ import annotations

from egov.ektis import reports
from egov.ektis.report_models import Report, ReportRequest
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/reports",
    summary="Üzləşdirmə hesabatı sifarişi / Ask for a reconciliation report",
    description="Rayonlar, dövr (aylar) və qruplaşdırma (rayon, bitki, dövr, subyekt növü) üzrə "
    "hesabat arxa planda hazırlanır; gedişatı GET ilə görünür (A10)."
    "\n\nA report by districts, period (months) and grouping (district, crop, month, subject "
    "kind), prepared in the background; its progress is read with a GET (A10).",
    status_code=201,
)
def report_request(body: ReportRequest) -> Response[Report]:
    caller = auth.require(app, "officer", "operator")
    report = idempotency.once(app, caller.user_id, Report, lambda: reports.request(body, caller))
    return created(report, location=f"/ektis/reports/{report.report_id}")


lambda_handler = entry(app)
