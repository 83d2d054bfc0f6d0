"""GET /certificates/revocations: the signed list of suspended and revoked certificates (E14)."""

from __future__ import annotations

from egov.certificates import queries
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/certificates/revocations",
    summary="Ləğv edilmişlərin siyahısı / Revocation list",
    description="İmzalanmış ləğv siyahısı (E14).\n\nThe signed revocation list (E14).",
)
def revocations() -> Response[queries.RevocationList]:
    queries.throttle(app.current_event.request_context.identity.source_ip)
    return ok(queries.revocation_list())


lambda_handler = entry(app)
