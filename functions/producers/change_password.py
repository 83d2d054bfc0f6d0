"""PUT /producers/me/password: a new password for the old one; other sessions end (P8)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.platform import auth
from egov.platform.http import NO_CONTENT, api, entry
from egov.producers import cabinet

app = api()


@app.put("/producers/me/password", responses=NO_CONTENT)
def change_password(body: cabinet.PasswordChange) -> Response[None]:
    caller = auth.require(app, "citizen")
    cabinet.change_password(caller.user_id, body)
    return Response(status_code=204)


lambda_handler = entry(app)
