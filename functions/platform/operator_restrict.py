"""POST /operator/accounts/{userId}/restriction: the operator restricts a user's access (A12)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, restriction
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/operator/accounts/<userId>/restriction",
    summary="Girişi məhdudlaşdırmaq / Restrict access",
    description="Operator hesaba girişi məhdudlaşdırır (A12)."
    "\n\nThe operator restricts access (A12).",
)
def restrict(
    userId: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")],
    body: restriction.RestrictionRequest,
) -> Response[restriction.AccountAccess]:
    operator = auth.require(app, "operator")
    return ok(restriction.restrict(userId, body, operator))


lambda_handler = entry(app)
