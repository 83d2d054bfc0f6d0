"""GET /audit/{subject}: the audit trail of one subject (`USER%23<id>`, ...), newest first, for
its owner, the staff of the agencies that handle it and the operator (G1, G8). Nothing edits or
deletes an entry."""

from __future__ import annotations

from typing import Annotated

# Imported for the agencies they declare as handling their subjects (audit_read.handled_by).
import egov.certificates.registry
import egov.esign.filing
import egov.platform.exchange
import egov.producers.records  # noqa: F401
from egov.platform import audit_read, auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

app = api()


@app.get(
    "/audit/<subject>",
    summary="Subyekt üzrə audit izi / Audit trail",
    description="Əməkdaşlar və operatorlar üçün subyektin audit izi (G1)."
    "\n\nA subject's audit trail for officers and operators (G1).",
)
def trail(
    subject: Annotated[str, Path(max_length=300)],
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    limit: Annotated[int, Query(ge=1, le=audit_read.MAX_PAGE)] = 50,
) -> Response[audit_read.AuditPage]:
    caller = auth.principal(app)
    checked = audit_read.subject_from_path(subject)
    if not audit_read.may_read(caller, checked):
        auth.refuse(app, caller, ("operator",), None)
    return ok(audit_read.of_subject(checked, cursor, limit))


lambda_handler = entry(app)
