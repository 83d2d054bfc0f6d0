"""POST /export/contracts: a local taxpayer or its foreign partner draws up an e-contract; the
parties' data come from the registries (X2)."""

from __future__ import annotations

from egov.export import contracts
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/contracts",
    summary="Elektron müqavilə tərtib etmək / Draw up an e-contract",
    description="Yerli vergi ödəyicisi (VÖEN-in rəhbəri, ASAN İmza ilə daxil olmuş) və ya xarici "
    "tərəfdaş müqavilə layihəsini tərtib edir; yerli tərəfin məlumatları reyestrlərdən "
    "götürülür (X2).\n\nThe local taxpayer (the VÖEN's head, logged in with ASAN İmza) or the "
    "foreign partner drafts a contract; the local party's data come from the registries (X2).",
    status_code=201,
)
def draw_up(body: contracts.NewContract) -> Response[contracts.Contract]:
    caller = auth.require(app, "citizen")
    contract = idempotency.once(
        app, caller.user_id, contracts.Contract, lambda: contracts.draw_up(body, caller)
    )
    return created(contract, f"/export/contracts/{contract.id}")


lambda_handler = entry(app)
