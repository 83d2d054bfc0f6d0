"""POST /esign/embassies/{embassy}/dispatches: signed contract copies sent to the MFA (E11)."""

from __future__ import annotations

from egov.esign import dispatch
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/esign/embassies/<embassy>/dispatches",
    summary="Müqavilələrin göndərilməsi / Dispatch contracts",
    description="İmzalanmış müqavilə nüsxələri toplu halda XİN-ə göndərilir (E11)."
    "\n\nSigned contract copies sent to the MFA as a batch (E11).",
    status_code=201,
)
def dispatch_contracts(embassy: str) -> Response[dispatch.Batch]:
    officer = auth.require(app, "officer", agency=embassy)
    batch = idempotency.once(
        app, officer.user_id, dispatch.Batch, lambda: dispatch.create(embassy, officer)
    )
    return created(batch, f"/esign/embassies/{embassy}/dispatches")


lambda_handler = entry(app)
