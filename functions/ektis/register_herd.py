"""POST /ektis/herds: a farmer registers a herd (A7)."""

from __future__ import annotations

from egov.ektis import livestock
from egov.ektis.models import Herd, HerdRegistration
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/herds",
    summary="Sürünün qeydiyyatı / Register a herd",
    description="Fermer heyvan qrupunu (sürünü) qeydiyyata alır (A7)."
    "\n\nA farmer registers a herd (A7).",
    status_code=201,
)
def register_herd(body: HerdRegistration) -> Response[Herd]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, Herd, lambda: livestock.register_herd(body, caller))
    )


lambda_handler = entry(app)
