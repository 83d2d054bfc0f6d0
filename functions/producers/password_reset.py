"""POST /producers/password-reset: "Şifrəni unutdum", a code to the confirmed mobile (P4, P8)."""

from __future__ import annotations

from egov.platform.http import api, entry, language, ok
from egov.producers import recovery

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/producers/password-reset",
    summary="Şifrəni unutdum / Forgot the password",
    description="İstifadəçi adı qeydiyyatdadırsa, təsdiqlənmiş mobil nömrəyə kod göndərilir; "
    "cavab hər halda eynidir; istifadəçi adı üzrə məhdudiyyət var (P4, P8)."
    "\n\nIf the username is registered, a code goes to its confirmed mobile number; the answer "
    "is the same either way; limited per username (P4, P8).",
    status_code=202,
)
def password_reset(body: recovery.ResetRequest) -> Response[recovery.ResetStarted]:
    return ok(recovery.start(body, language(app)), 202)


lambda_handler = entry(app)
