"""POST /auth/logout: every token of the caller's account stops working at once."""

from __future__ import annotations

from egov.platform import auth, login
from egov.platform.http import NO_CONTENT, api, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/auth/logout",
    summary="Çıxış / Log out",
    description="İstifadəçi hesabının bütün sessiyalarını bağlayır."
    "\n\nEnds every session of the caller's account.",
    responses=NO_CONTENT,
)
def log_out() -> Response[None]:
    login.logout(auth.principal(app))
    return Response(status_code=204)


lambda_handler = entry(app)
