"""PUT /producers/me/password: a new password for the old one; other sessions end (P8)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import NO_CONTENT, api, entry
from egov.producers import cabinet

from aws_lambda_powertools.event_handler import Response

app = api()


@app.put(
    "/producers/me/password",
    summary="Parolu dəyişmək / Change password",
    description="Köhnə parol tələb olunur; bütün sessiyalar bağlanır (P8)."
    "\n\nOld password required, sessions revoked (P8).",
    responses=NO_CONTENT,
)
def change_password(body: cabinet.PasswordChange) -> Response[None]:
    caller = auth.require(app, "citizen")
    cabinet.change_password(caller.user_id, body)
    return Response(status_code=204)


lambda_handler = entry(app)
