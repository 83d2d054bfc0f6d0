"""GET /certificates/{serial}/status: OCSP-like real-time status, good / revoked / unknown (E14)."""

from __future__ import annotations

from egov.certificates import queries
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/certificates/<serial>/status",
    summary="Sertifikatın vəziyyəti / Certificate status",
    description="Açıq, OCSP-yə bənzər vəziyyət: good, revoked, unknown (E14)."
    "\n\nPublic OCSP-like status (E14).",
)
def status(serial: str) -> Response[queries.CertificateStatus]:
    queries.throttle(app.current_event.request_context.identity.source_ip)
    return ok(queries.status(serial))


lambda_handler = entry(app)
