"""POST /producers/check: who is registering, from the population or tax registry (P2)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.platform.http import api, entry, ok
from egov.producers import check
from egov.producers.models import Identity, Subject

app = api()


@app.post("/producers/check")
def check_subject(body: Subject) -> Response[Identity]:
    return ok(check.identify(body))


lambda_handler = entry(app)
