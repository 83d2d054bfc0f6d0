"""DELETE /operator/accounts/{userId}/restriction: the operator lifts a restriction (A12)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, restriction
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.delete(
    "/operator/accounts/<userId>/restriction",
    summary="Məhdudiyyəti götürmək / Lift a restriction",
    description="Operator hesabın məhdudiyyətini götürür (A12)."
    "\n\nThe operator lifts a restriction (A12).",
)
def lift(
    userId: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")],
) -> Response[restriction.AccountAccess]:
    operator = auth.require(app, "operator")
    return ok(restriction.lift(userId, operator))


lambda_handler = entry(app)
