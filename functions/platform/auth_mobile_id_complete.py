"""POST /auth/mobile-id/{sessionId}: the token once the person confirmed with PIN1 (R1)."""

from __future__ import annotations

from egov.platform import login, mobile_id
from egov.platform.http import api, entry, on_the_phone, polled

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/auth/mobile-id/<sessionId>",
    summary="ASAN İmza girişinin nəticəsi / The ASAN İmza login's result",
    description="Təsdiq gözlənilərkən 202, təsdiqdən sonra giriş tokeni; imtina, vaxtın "
    "bitməsi, aktiv olmayan SIM və ya səhv ID problem kimi qaytarılır.\n\n202 while the phone has not "
    "answered, then the access token; a refusal, a timeout, an inactive SIM or a wrong user ID "
    "is a problem.",
    responses=on_the_phone("Confirmed on the phone: the access token"),
)
def complete(sessionId: str) -> Response[login.AccessToken | mobile_id.Pending]:
    return polled(mobile_id.complete_login(sessionId), mobile_id.Pending)


lambda_handler = entry(app)
