"""GET /operator/health: is every component of the platform answering? (the operator only)"""

from __future__ import annotations

from egov.platform import auth, health
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.types import (
    OpenAPIResponseContentModel,
    OpenAPIResponseContentSchema,
)

app = api()


REPORT: dict[str, OpenAPIResponseContentSchema | OpenAPIResponseContentModel] = {
    "application/json": {"model": health.Health}
}


# Degraded is an answer too: the same report with 503, not a problem document.
@app.get(
    "/operator/health",
    summary="Komponentlərin vəziyyəti / The components' health",
    description="Hər komponentin (cədvəllər, növbələr, xarici sistemlər) vəziyyəti; hesabat "
    f"{health.CACHE_SECONDS} saniyə saxlanılır, yaşı `ageSeconds`-dadır."
    "\n\nThe state of every component (tables, queues, external systems); the report is kept "
    f"for {health.CACHE_SECONDS} seconds and `ageSeconds` says how old it is.",
    responses={
        200: {"description": "Every component answers", "content": REPORT},
        503: {"description": "Some component does not answer", "content": REPORT},
    },
)
def get_health() -> Response[health.Health]:
    auth.require(app, "operator")
    report = health.check()
    return ok(report, status=200 if report.status == "ok" else 503)


lambda_handler = entry(app)
