"""POST /ektis/subsidies/{subsidyId}/input-claims: a supplier claims the remaining amount for
inputs sold under a subsidy (A4; seed 004 §7.1.2.9)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import subsidy
from egov.ektis.models import InputClaim, InputClaimRequest
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/ektis/subsidies/<subsidyId>/input-claims",
    summary="Qalan məbləğin tələbi / Claim the remaining input amount",
    description="Təchizatçı subsidiya əsasında satdığı gübrə, pestisid və s. üçün qalan "
    "məbləği tələb edir; qalandan çox ola bilməz (A4).\n\nA supplier claims the remaining "
    "amount for inputs sold under a subsidy; never more than remains (A4).",
    status_code=201,
)
def input_claim(
    subsidyId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
    body: InputClaimRequest,
) -> Response[InputClaim]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(
            app, caller.user_id, InputClaim, lambda: subsidy.claim_inputs(subsidyId, body, caller)
        )
    )


lambda_handler = entry(app)
