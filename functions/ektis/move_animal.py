"""POST /ektis/animals/{earTag}/movements: the keeper sends an animal to another holding (A7)."""

from __future__ import annotations

from egov.ektis import livestock
from egov.ektis.models import Move, Movement
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/animals/<earTag>/movements",
    summary="Heyvanın hərəkəti / Move an animal",
    description="Heyvan qəbul edən təsərrüfatın FİN və ya VÖEN-inə göndərilir; o, gəlişi təsdiqləyəndə "
    "köçürülür. Cavab bu FİN/VÖEN-in EKTİS-də olub-olmamasını bildirmir (A7, G8)."
    "\n\nThe animal is sent to the receiving keeper's FIN or VÖEN and moves when that keeper "
    "confirms its arrival; the answer does not tell whether the FIN or VÖEN is in EKTİS (A7, G8).",
    status_code=201,
)
def move_animal(earTag: str, body: Move) -> Response[Movement]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(
            app, caller.user_id, Movement, lambda: livestock.move(earTag.upper(), body, caller)
        )
    )


lambda_handler = entry(app)
