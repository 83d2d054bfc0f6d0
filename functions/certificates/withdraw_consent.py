"""POST /certificates/{serial}/consent-withdrawal: the holder withdraws consent to disclosure
(declaration 6.3); public lookups then say only that the serial exists (E14)."""

from __future__ import annotations

from egov.certificates import consent
from egov.certificates.models import Certificate
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/certificates/<serial>/consent-withdrawal",
    summary="Razılığın geri götürülməsi / Withdraw consent",
    description="Sahibi məlumatlarının açıqlanmasına razılığını geri götürür (E14, bəyanat 6.3)."
    "\n\nThe holder withdraws consent to disclosure (E14, declaration 6.3).",
)
def withdraw(serial: str) -> Response[Certificate]:
    holder = auth.require(app, "citizen")
    return ok(consent.withdraw(serial, holder))


lambda_handler = entry(app)
