"""POST /producers/password-reset/confirmation: the new password with the SMS code (P4, P8)."""

from __future__ import annotations

from egov.platform.http import api, entry, language, ok
from egov.producers import recovery

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/producers/password-reset/confirmation",
    summary="Yeni şifrə / Set a new password",
    description="SMS kodu ilə yeni şifrə təyin edilir; bütün köhnə sessiyalar bağlanır, şəxsə "
    "bildiriş gedir (P4, P8, G8)."
    "\n\nThe new password with the SMS code; every earlier session ends and the person is told "
    "(P4, P8, G8).",
)
def password_reset_confirm(body: recovery.ResetFinish) -> Response[recovery.ResetDone]:
    return ok(recovery.finish(body, language(app)))


lambda_handler = entry(app)
