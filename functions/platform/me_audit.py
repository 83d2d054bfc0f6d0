"""GET /me/audit: every audit entry about the caller, newest first (G1, G8: the owner sees what
was done with their data and account)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

from egov.platform import audit_read, auth
from egov.platform.http import api, entry, ok

app = api()


@app.get("/me/audit")
def my_audit(
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    limit: Annotated[int, Query(ge=1, le=audit_read.MAX_PAGE)] = 50,
) -> Response[audit_read.AuditPage]:
    caller = auth.principal(app)
    return ok(audit_read.of_owner(caller.user_id, cursor, limit))


lambda_handler = entry(app)
