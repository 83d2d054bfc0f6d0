"""POST /producers/mobile-confirmations: check who holds a number and text it a code (P3)."""

from __future__ import annotations

from egov.platform import idempotency
from egov.platform.http import api, created, entry, language
from egov.producers import confirmations
from egov.producers.models import MobileConfirmation, MobileConfirmationRequest

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/producers/mobile-confirmations",
    summary="Mobil nömrənin təsdiqi / Confirm a mobile number",
    description="Nömrənin kimə məxsus olduğunu yoxlayır və ona birdəfəlik kod göndərir (P3)."
    "\n\nChecks who holds a number and texts it a one-time code (P3).",
    status_code=201,
)
def request_code(body: MobileConfirmationRequest) -> Response[MobileConfirmation]:
    source_ip = app.current_event.request_context.identity.source_ip
    # Anonymous, as registration: the key, the path and the body's hash bind a replay to the
    # same request, so a retried POST does not text a second code.
    return created(
        idempotency.once(
            app,
            "anonymous",
            MobileConfirmation,
            lambda: confirmations.request(body, language(app), source_ip),
        )
    )


lambda_handler = entry(app)
