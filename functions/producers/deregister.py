"""POST /producers/me/deregistration: withdraw the registration and close the account (P8)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import NO_CONTENT, api, entry
from egov.producers import cabinet

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/producers/me/deregistration",
    summary="Qeydiyyatdan imtina, hesabın bağlanması / Deregister",
    description="Hesab bağlanır, qeyd saxlanılır, istifadəçi adı və nömrə azad edilir (P8)."
    "\n\nAccount closed, record kept, username and mobile freed (P8).",
    responses=NO_CONTENT,
)
def deregister(body: cabinet.Deregistration) -> Response[None]:
    caller = auth.require(app, "citizen")
    cabinet.deregister(caller.user_id, body)
    return Response(status_code=204)


lambda_handler = entry(app)
