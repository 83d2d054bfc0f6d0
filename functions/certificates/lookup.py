"""GET /certificates/{serial}: anyone, without login: holder, status and validity, or the
status alone where the holder did not consent (E14)."""

from __future__ import annotations

from egov.certificates import queries
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/certificates/<serial>",
    summary="Sertifikat haqqında açıq məlumat / Look up a certificate",
    description="Sahibi, vəziyyəti və etibarlılığı, razılıq verildiyi qədər (E14)."
    "\n\nPublic holder, status and validity, as consented (E14).",
)
def lookup(serial: str) -> Response[queries.PublicCertificate]:
    queries.throttle(app.current_event.request_context.identity.source_ip)
    return ok(queries.by_serial(serial))


lambda_handler = entry(app)
