"""POST /auth/token: an agency system's client credentials give a token of role `agency` (G3, G8)."""

from __future__ import annotations

from egov.platform import login
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/auth/token",
    summary="Qurum sistemi üçün token / Agency system token",
    description="Qurum sisteminin müştəri məlumatları ilə giriş tokeni."
    "\n\nAn agency system's client credentials for an access token.",
)
def issue(body: login.ClientCredentials) -> Response[login.AccessToken]:
    source_ip = app.current_event.request_context.identity.source_ip
    return ok(login.client_token(body, source_ip))


lambda_handler = entry(app)
