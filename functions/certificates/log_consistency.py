"""GET /certificates/log/proof/consistency?from=m&to=n: the log of size m is a prefix of the
log of size n (RFC 9162 §2.1.4), with both signed checkpoints (E15)."""

from __future__ import annotations

from typing import Annotated

from egov.certificates import proofs
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/certificates/log/proof/consistency",
    summary="Uyğunluq sübutu / Consistency proof",
    description="İki ağac ölçüsü arasında RFC 9162 uyğunluq sübutu (E15)."
    "\n\nRFC 9162 consistency proof between two tree sizes (E15).",
)
def consistency(
    old: Annotated[int, Query(alias="from", ge=1)],
    new: Annotated[int | None, Query(alias="to", ge=1)] = None,
) -> Response[proofs.ConsistencyProof]:
    return ok(proofs.consistency(old, new))


lambda_handler = entry(app)
