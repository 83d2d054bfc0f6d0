"""POST /ektis/delegations: a supplier gives an employee rights to act for it (A4)."""

from __future__ import annotations

from egov.ektis import delegation
from egov.ektis.models import Delegated, Delegation
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/delegations",
    summary="İşçiyə səlahiyyət / Delegate rights to an employee",
    description="Təchizatçı işçisinə EKTİS-də əməliyyat aparmaq üçün səlahiyyət verir və ya onu geri alır (A4)."
    "\n\nA supplier gives an employee rights to act for it in EKTİS, or withdraws them (A4).",
)
def delegate(body: Delegation) -> Response[Delegated]:
    caller = auth.require(app, "citizen")
    return ok(delegation.delegate(body, caller))


lambda_handler = entry(app)
