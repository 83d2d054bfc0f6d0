"""GET /renewal/attorneys: the powers of attorney awaiting the head (R7)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.renewal import attorney

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/renewal/attorneys",
    summary="Etibarnamələr / Powers of attorney",
    description="Rəhbərin təsdiqini gözləyən etibarnamələr (R7).\n\nThe powers of attorney "
    "awaiting the head.",
)
def attorneys() -> Response[attorney.PowersOfAttorney]:
    head = auth.require(app, "citizen")
    return ok(attorney.pending(head))


lambda_handler = entry(app)
