"""POST /producers/me/mobile-confirmations: a code to the producer's new number (P8, P3)."""

from __future__ import annotations

from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry, language
from egov.producers import cabinet
from egov.producers.models import MobileConfirmation

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/producers/me/mobile-confirmations",
    summary="Yeni nömrəyə kod / Code to a new number",
    description="Mülkiyyət yoxlandıqdan sonra istehsalçının yeni nömrəsinə kod göndərir (P8, P3)."
    "\n\nA code to the producer's new number after the ownership check (P8, P3).",
    status_code=201,
)
def request_code(body: cabinet.MobileRequest) -> Response[MobileConfirmation]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(
            app,
            caller.user_id,
            MobileConfirmation,
            lambda: cabinet.request_mobile_code(caller.user_id, body, language(app)),
        )
    )


lambda_handler = entry(app)
