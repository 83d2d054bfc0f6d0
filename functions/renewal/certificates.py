"""GET /renewal/certificates: the holder's ASAN İmza certificates and whether each can be
renewed now (R2, R3)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, language, ok
from egov.renewal import listing

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/renewal/certificates",
    summary="Sertifikatlarım / My certificates",
    description="Sahibin ASAN İmza sertifikatları: ad, nömrə, verilmə və bitmə tarixi, status "
    "və yenilənmə pəncərəsi (bağlıdırsa, səbəbi).\n\nThe holder's ASAN İmza certificates: "
    "name, number, issue and expiry date, status and the renewal window (why it is closed).",
)
def certificates() -> Response[listing.Certificates]:
    caller = auth.require(app, "citizen")
    return ok(listing.mine(caller.user_id, language(app)))


lambda_handler = entry(app)
