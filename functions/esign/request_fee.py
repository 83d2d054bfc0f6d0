"""POST /esign/applications/{applicationId}/fee: the draft's state fee to pay (E4, G6)."""

from __future__ import annotations

from egov.esign import fee
from egov.platform import auth, idempotency, payments
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/esign/applications/<applicationId>/fee",
    summary="Dövlət rüsumu / State fee",
    description="Qaralamanın dövlət rüsumu ASAN ödəniş vasitəsilə (E4)."
    "\n\nThe draft's state fee through ASAN ödəniş (E4).",
)
def request_fee(applicationId: str) -> Response[payments.Payment]:
    caller = auth.require(app, "citizen")
    return ok(
        idempotency.once(
            app,
            caller.user_id,
            payments.Payment,
            lambda: fee.request(applicationId, caller, language(app)),
        )
    )


lambda_handler = entry(app)
