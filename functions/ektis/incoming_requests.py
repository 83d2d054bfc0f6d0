"""GET /ektis/requests: the requests a supplier, vet or insemination specialist received (A4)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import requests
from egov.ektis.models import Requests
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/ektis/requests",
    summary="Daxil olan müraciətlər / Requests received",
    description="Subyektə (və ya səlahiyyət verilmiş işçiyə) daxil olan müraciətlər (A4)."
    "\n\nThe requests a subject received, for it or an employee with the right (A4).",
)
def incoming_requests(
    subjectId: Annotated[str | None, Query(max_length=32)] = None,
) -> Response[Requests]:
    caller = auth.require(app, "citizen")
    return ok(requests.incoming(subjectId, caller))


lambda_handler = entry(app)
