"""GET /health: the platform is alive (public; nothing behind it is probed)."""

from __future__ import annotations

from egov.platform import health
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/health",
    summary="Platforma işləyir / The platform is alive",
    description="Platformanın özünün cavabı; heç bir komponent yoxlanılmır (komponentlər: "
    "GET /operator/health).\n\nThe platform's own answer; no component is probed (the "
    "components: GET /operator/health).",
)
def get_health() -> Response[health.Liveness]:
    return ok(health.liveness())


lambda_handler = entry(app)
