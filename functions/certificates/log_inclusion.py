"""GET /certificates/log/proof/inclusion?serial=: the proof that a certificate's latest record
is in the signed log (RFC 9162 §2.1.3), with the checkpoint it is proven against (E15)."""

from __future__ import annotations

from typing import Annotated

from egov.certificates import proofs
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/certificates/log/proof/inclusion",
    summary="Daxiletmə sübutu / Inclusion proof",
    description="Sertifikatın son qeydinin RFC 9162 daxiletmə sübutu (E15)."
    "\n\nRFC 9162 inclusion proof of a certificate's latest record (E15).",
)
def inclusion(serial: Annotated[str, Query(min_length=1)]) -> Response[proofs.InclusionProof]:
    return ok(proofs.inclusion(serial))


lambda_handler = entry(app)
