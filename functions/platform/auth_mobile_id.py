"""POST /auth/mobile-id: an ASAN İmza login starts; the phone asks for PIN1 (R1)."""

from __future__ import annotations

from egov.platform import mobile_id
from egov.platform.http import api, created, entry, language

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/auth/mobile-id",
    summary="ASAN İmza ilə giriş / Log in with ASAN İmza",
    description="ASAN İmza mobil nömrəsi və istifadəçi ID-si ilə giriş başlayır; telefonda "
    "və səhifədə eyni yoxlama kodu göstərilir.\n\nStarts a login with the ASAN İmza number "
    "and the user ID; the phone and the page show the same verification code.",
    status_code=201,
)
def start(body: mobile_id.Start) -> Response[mobile_id.Challenge]:
    challenge = mobile_id.start_login(body, language(app))
    return created(challenge, f"/auth/mobile-id/{challenge.session_id}")


lambda_handler = entry(app)
