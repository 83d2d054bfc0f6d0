"""GET /ektis/reports/{reportId}/csv: a finished report's rows or mismatches as CSV (A10)."""

from __future__ import annotations

from typing import Annotated, Literal

from egov.ektis import reports
from egov.platform import auth
from egov.platform.http import api, entry, language

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

app = api()


@app.get(
    "/ektis/reports/<reportId>/csv",
    summary="Hesabatın CSV faylı / A report as CSV",
    description="Hazır hesabatın sətirləri (`part=rows`) və ya bütün uyğunsuzluqları "
    "(`part=mismatches`), RFC 4180 CSV (A10).\n\nA finished report's rows (`part=rows`) or "
    "every mismatch (`part=mismatches`) as RFC 4180 CSV (A10).",
)
def report_csv(
    reportId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
    part: Annotated[Literal["rows", "mismatches"], Query()] = "rows",
) -> Response[str]:
    auth.require(app, "officer", "operator")
    body = reports.as_csv(reportId, part, language(app))
    return Response(
        status_code=200,
        content_type="text/csv; charset=utf-8",
        body=body,
        headers={
            "Content-Disposition": f'attachment; filename="ektis-{reportId}-{part}.csv"',
            "Cache-Control": "no-store",
        },
    )


lambda_handler = entry(app)
