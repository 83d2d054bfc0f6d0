"""GET /producers/me: the producer's own record, status and decision (P8)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.producers import records
from egov.producers.models import Producer

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/producers/me",
    summary="Mənim istehsalçı qeydim / My producer record",
    description="İstehsalçının öz qeydi (P8).\n\nThe producer's own record (P8).",
)
def my_record() -> Response[Producer]:
    caller = auth.require(app, "citizen")
    return ok(records.view(records.load(caller.user_id)))


lambda_handler = entry(app)
