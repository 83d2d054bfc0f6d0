"""POST /agencies/{agency}/decisions/{decisionId}: an agency (or a Center's staff, E8) answers a decision request (G3)."""

from __future__ import annotations

from egov.platform import auth, exchange
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/agencies/<agency>/decisions/<decisionId>",
    summary="Qurumun qərarı / Answer a decision",
    description="Qurumun cavabı gözləyən iş axınına ötürülür; rədd üçün səbəb mütləqdir (G3)."
    "\n\nAn agency's answer passed to the waiting workflow.",
)
def answer(agency: str, decisionId: str, body: exchange.Answer) -> Response[exchange.Decision]:
    caller = auth.require(app, "agency", "officer", "center", agency=agency)
    event = app.current_event
    return ok(exchange.answer(agency, decisionId, body, caller, event.headers or {}, event.body))


lambda_handler = entry(app)
