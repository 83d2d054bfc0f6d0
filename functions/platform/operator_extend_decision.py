"""POST /operator/decisions/{decisionId}/extension: the operator extends a pending decision's
deadline with a reason (issue 10 item 1; G3, E6)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, exchange
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/operator/decisions/<decisionId>/extension",
    summary="Qərar müddətinin uzadılması / Extend a decision's deadline",
    description="Operator cavab gözləyən sorğunun müddətini səbəb göstərməklə uzadır: cavab verə "
    "bilməyən qurum (məs. girişi bağlanıb) susmaqla razılıq vermiş sayılmır. Müddət ərizəçinin "
    "tarixçəsində göstərilir."
    "\n\nThe operator gives a pending decision a later deadline, with a reason: an agency that "
    "cannot answer (e.g. locked out) has not consented by silence. The workflow asks the agency "
    "again until the new deadline; the applicant's timeline shows it.",
)
def extend(
    decisionId: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")],
    body: exchange.Extension,
) -> Response[exchange.Decision]:
    operator = auth.require(app, "operator")
    return ok(exchange.extend(decisionId, body, operator))


lambda_handler = entry(app)
