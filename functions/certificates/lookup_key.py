"""GET /certificates/keys/{fingerprint}: does this verification key belong to a holder, and
whose certificate is it (E14)? No login; consent rules as for a serial lookup."""

from __future__ import annotations

from typing import Annotated

from egov.certificates import queries
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.get(
    "/certificates/keys/<fingerprint>",
    summary="Yoxlama açarının sahibi / Whose key is this",
    description="Açıq: bu yoxlama açarı kimindir (E14)."
    "\n\nPublic, whose is this verification key (E14).",
)
def lookup_key(
    fingerprint: Annotated[str, Path(pattern=r"^[0-9a-fA-F]{64}$")],
) -> Response[queries.KeyLookup]:
    queries.throttle(app.current_event.request_context.identity.source_ip)
    return ok(queries.by_key(fingerprint))


lambda_handler = entry(app)
