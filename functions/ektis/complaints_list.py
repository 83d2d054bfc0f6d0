"""GET /ektis/complaints: the complaints the caller filed or must answer (A3, A5)."""

from __future__ import annotations

from egov.ektis import complaints
from egov.ektis.models import ComplaintList
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/ektis/complaints",
    summary="Şikayətlər / Complaints",
    description="Subyekt: verdiyi və cavablandırmalı olduğu şikayətlər; nazirlik: ona ünvanlanan "
    "və müddəti keçmiş şikayətlər (A3, A5).\n\nA subject: the complaints filed and to answer; "
    "the ministry: those addressed to it and the escalated ones (A3, A5).",
)
def complaints_list() -> Response[ComplaintList]:
    caller = auth.require(app, "citizen", "officer")
    return ok(complaints.of_caller(caller))


lambda_handler = entry(app)
