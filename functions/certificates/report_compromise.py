"""POST /certificates/{serial}/compromise-reports: the holder reports a compromise; it reaches
the Center at once, which decides the suspension (E13, seed 001 §3.5, §5.5.1)."""

from __future__ import annotations

from egov.certificates import holder_requests
from egov.certificates.models import CompromiseReport, ReportRecord
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/certificates/<serial>/compromise-reports",
    summary="Açarın oğurlanmasını bildirmək / Report a compromise",
    description="Sahibi açarın ələ keçdiyini bildirir; məlumat dərhal Mərkəzə çatır (E13)."
    "\n\nThe holder reports a compromise; the Center gets it at once (E13).",
    status_code=201,
)
def report(serial: str, body: CompromiseReport) -> Response[ReportRecord]:
    holder = auth.require(app, "citizen")
    return created(
        idempotency.once(
            app,
            holder.user_id,
            ReportRecord,
            lambda: holder_requests.report_compromise(serial, body, holder),
        )
    )


lambda_handler = entry(app)
