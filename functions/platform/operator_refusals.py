"""GET /operator/accounts/{userId}/refusals: a user's refused access attempts, newest first
(G8), the evidence behind a restriction (A12)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, restriction
from egov.platform.audit_read import MAX_PAGE, AuditPage
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

app = api()


@app.get(
    "/operator/accounts/<userId>/refusals",
    summary="Rədd edilmiş giriş cəhdləri / Refused access attempts",
    description="İstifadəçinin rədd edilmiş giriş cəhdləri (G8)."
    "\n\nA user's refused access attempts (G8).",
)
def refusals(
    userId: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")],
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> Response[AuditPage]:
    auth.require(app, "operator")
    return ok(restriction.refusals(userId, cursor, limit))


lambda_handler = entry(app)
