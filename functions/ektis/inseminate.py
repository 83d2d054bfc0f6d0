"""POST /ektis/inseminations: an insemination specialist enters an insemination (A6, A7)."""

from __future__ import annotations

from egov.ektis import veterinary
from egov.ektis.models import Insemination, InseminationEntry
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/inseminations",
    summary="Süni mayalanma / Insemination",
    description="Süni mayalanma mütəxəssisi mayalandırılan heyvan haqqında məlumatı daxil edir (A6, A7)."
    "\n\nAn insemination specialist enters the data of an inseminated animal (A6, A7).",
    status_code=201,
)
def inseminate(body: InseminationEntry) -> Response[Insemination]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(
            app, caller.user_id, Insemination, lambda: veterinary.inseminate(body, caller)
        )
    )


lambda_handler = entry(app)
