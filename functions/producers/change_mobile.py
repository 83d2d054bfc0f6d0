"""PUT /producers/me/mobile: the new number, confirmed by its code; the old one is freed (P8)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.producers import cabinet
from egov.producers.models import Producer

from aws_lambda_powertools.event_handler import Response

app = api()


@app.put(
    "/producers/me/mobile",
    summary="Mobil nömrəni dəyişmək / Change mobile number",
    description="Yeni nömrə götürülür, köhnəsi bir əməliyyatda azad edilir (P8)."
    "\n\nThe new number claimed and the old one freed in one transaction (P8).",
)
def change_mobile(body: cabinet.MobileChange) -> Response[Producer]:
    caller = auth.require(app, "citizen")
    return ok(cabinet.change_mobile(caller.user_id, body))


lambda_handler = entry(app)
