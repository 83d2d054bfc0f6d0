"""POST /agencies/{agency}/maintenance: a participant announces its technical works at least
5 business days ahead (X11; Əsasnamə 7.0.5)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, idempotency, participants, webhooks
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/agencies/<agency>/maintenance",
    summary="Texniki işlərin elanı / Announce maintenance",
    description="İştirakçı texniki işləri ən azı 5 iş günü əvvəl elan edir; daha qısa müddət "
    "ən tez icazə verilən başlama vaxtı ilə rədd edilir. Ərizəçilər kabinetdə hansı addımların "
    "gözləyəcəyini görür (X11, Əsasnamə 7.0.5)."
    "\n\nA participant announces its technical works at least 5 business days ahead; a shorter "
    "notice is refused with the earliest allowed start. Applicants see in their cabinet which "
    "steps will wait (X11).",
    status_code=201,
)
def announce(
    agency: Annotated[str, Path(pattern=webhooks.AGENCY_PATTERN)],
    body: participants.Maintenance,
) -> Response[participants.Window]:
    caller = auth.require(app, "agency", "officer", agency=agency)
    window = idempotency.once(
        app,
        caller.user_id,
        participants.Window,
        lambda: participants.announce(agency, body, caller),
    )
    return created(window)


lambda_handler = entry(app)
