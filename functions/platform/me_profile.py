"""GET /me: the caller's profile in their cabinet."""

from __future__ import annotations

from egov.platform import accounts, auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/me",
    summary="Mənim profilim / My profile",
    description="İstifadəçinin profili.\n\nThe caller's profile.",
)
def my_profile() -> Response[accounts.Profile]:
    return ok(accounts.profile_of(auth.caller_account(app)))


lambda_handler = entry(app)
