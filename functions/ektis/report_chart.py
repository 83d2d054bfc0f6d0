"""GET /ektis/reports/{reportId}/chart: a finished report as an SVG bar chart (A10)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import reports
from egov.ektis.report_models import Dimension, Measure
from egov.platform import auth
from egov.platform.http import api, entry, language

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

app = api()


@app.get(
    "/ektis/reports/<reportId>/chart",
    summary="Hesabatın qrafiki / A report's chart",
    description="Bir göstəricinin (sahə, alış, uyğunsuzluq …) hesabatın bir ölçüsü üzrə SVG "
    "sütun qrafiki (A10).\n\nAn SVG bar chart of one measure (area, purchases, mismatches …) "
    "by one of the report's dimensions (A10).",
)
def report_chart(
    reportId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
    measure: Annotated[Measure, Query()] = "mismatches",
    dimension: Annotated[Dimension, Query()] = "region",
) -> Response[str]:
    auth.require(app, "officer", "operator")
    return Response(
        status_code=200,
        content_type="image/svg+xml; charset=utf-8",
        body=reports.chart(reportId, measure, dimension, language(app)),
        headers={"Cache-Control": "no-store"},
    )


lambda_handler = entry(app)
