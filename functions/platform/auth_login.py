"""POST /auth/login: username and password give an access token (G8; lockout after failures)."""

from __future__ import annotations

from egov.platform import login
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/auth/login",
    summary="Giriş / Log in",
    description="İstifadəçi adı və parolla giriş tokeni; ardıcıl uğursuz cəhdlərdən sonra bloklanır."
    "\n\nUsername and password for an access token, with lockout.",
)
def log_in(body: login.Credentials) -> Response[login.AccessToken]:
    source_ip = app.current_event.request_context.identity.source_ip
    return ok(login.login(body, source_ip))


lambda_handler = entry(app)
