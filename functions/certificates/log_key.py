"""GET /certificates/log/key: the registry's public key that signs checkpoints and lists (E15)."""

from __future__ import annotations

from egov.certificates import proofs
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/certificates/log/key",
    summary="Jurnalın açıq açarı / Log public key",
    description="Reyestrin açıq açarı (E15).\n\nThe registry's public key (E15).",
)
def log_key() -> Response[proofs.LogKey]:
    return ok(proofs.key())


lambda_handler = entry(app)
