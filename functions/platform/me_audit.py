"""GET /me/audit: every audit entry about the caller, newest first (G1, G8: the owner sees what
was done with their data and account)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import audit_read, auth
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/me/audit",
    summary="Mənim haqqımda audit qeydləri / Audit entries about me",
    description="İstifadəçiyə aid audit qeydləri (G1, G8)."
    "\n\nThe audit entries about the caller (G1, G8).",
)
def my_audit(
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=audit_read.MAX_PAGE)] = 50,
) -> Response[audit_read.AuditPage]:
    caller = auth.principal(app)
    return ok(audit_read.of_owner(caller.user_id, cursor, limit))


lambda_handler = entry(app)
