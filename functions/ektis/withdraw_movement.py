"""POST /ektis/animals/{earTag}/movements/withdrawal: the sender withdraws a movement nobody
confirmed; the animal stays on the holding (A7, G8)."""

from __future__ import annotations

from egov.ektis import livestock
from egov.ektis.models import Movement
from egov.platform import auth, idempotency
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/animals/<earTag>/movements/withdrawal",
    summary="Köçürmənin geri götürülməsi / Withdraw a movement",
    description="Heyvanı göndərən təsərrüfat sahibi hələ təsdiqlənməmiş köçürməni geri götürür; "
    "heyvan onun təsərrüfatında qalır (A7).\n\nThe keeper who sent an animal withdraws the "
    "movement before the receiver confirms it; the animal stays on the holding (A7).",
)
def withdraw_movement(earTag: str) -> Response[Movement]:
    caller = auth.require(app, "citizen")
    return ok(
        idempotency.once(
            app, caller.user_id, Movement, lambda: livestock.withdraw(earTag.upper(), caller)
        )
    )


lambda_handler = entry(app)
