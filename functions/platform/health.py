"""GET /health: is every component of the platform answering?"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.types import (
    OpenAPIResponseContentModel,
    OpenAPIResponseContentSchema,
)

from egov.platform import health
from egov.platform.http import api, entry, ok

app = api()


REPORT: dict[str, OpenAPIResponseContentSchema | OpenAPIResponseContentModel] = {
    "application/json": {"model": health.Health}
}


# Degraded is an answer too: the same report with 503, not a problem document.
@app.get(
    "/health",
    summary="Platformanın vəziyyəti / Platform health",
    description="Hər komponentin (cədvəllər, növbələr, xarici sistemlər) vəziyyəti."
    "\n\nThe state of every component.",
    responses={
        200: {"description": "Every component answers", "content": REPORT},
        503: {"description": "Some component does not answer", "content": REPORT},
    },
)
def get_health() -> Response[health.Health]:
    report = health.check()
    return ok(report, status=200 if report.status == "ok" else 503)


lambda_handler = entry(app)
