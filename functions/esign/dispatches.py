"""GET /esign/embassies/{embassy}/dispatches: batches with deadlines and overdue flags (E11)."""

from __future__ import annotations

from egov.esign import dispatch
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/esign/embassies/<embassy>/dispatches",
    summary="Göndərişlər / Dispatches",
    description="Müddətləri, gecikmə qeydləri və yarımilin toplusu ilə göndərişlər (E11)."
    "\n\nBatches with deadlines, overdue flags and the half-year's batch (E11).",
)
def dispatches(embassy: str) -> Response[dispatch.Batches]:
    caller = auth.require(app, "officer", "center")
    if not dispatch.may_follow(caller, embassy):
        auth.require(app, "officer", agency=embassy)  # refused, and the refusal audited
    return ok(dispatch.batches(embassy))


lambda_handler = entry(app)
