"""GET /certificates/{serial}/verify: recompute the record's leaf and prove it against the signed
checkpoint, so a change made behind the registry's back shows (E15)."""

from __future__ import annotations

from egov.certificates import registry
from egov.certificates.models import Verification
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/certificates/<serial>/verify",
    summary="Sertifikatı yoxlamaq / Verify a certificate",
    description="Saxlanılan qeyd yenidən hesablanır və imzalı jurnalda sübut edilir (E15)."
    "\n\nThe stored record recomputed and proven in the signed log (E15).",
)
def verify(serial: str) -> Response[Verification]:
    return ok(registry.verify(serial))


lambda_handler = entry(app)
