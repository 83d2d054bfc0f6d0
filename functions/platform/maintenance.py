"""GET /maintenance: the participants' announced technical works not yet over (X11)."""

from __future__ import annotations

from egov.platform import participants
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/maintenance",
    summary="Elan edilmiş texniki işlər / Announced maintenance",
    description="İştirakçı qurumların hələ bitməmiş texniki işləri; bu müddətdə onların "
    "qərarları gözləyir (X11, Əsasnamə 7.0.5)."
    "\n\nThe participant agencies' announced technical works not yet over; their decisions "
    "wait during them (X11).",
)
def announced() -> Response[participants.Windows]:
    return ok(participants.windows())


lambda_handler = entry(app)
