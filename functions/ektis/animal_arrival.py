"""POST /ektis/animals/{earTag}/arrival: the receiving keeper confirms a movement (A7, G8)."""

from __future__ import annotations

from egov.ektis import livestock
from egov.ektis.models import Movement
from egov.platform import auth, idempotency
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/animals/<earTag>/arrival",
    summary="Heyvanın gəlişinin təsdiqi / Confirm an animal's arrival",
    description="FİN və ya VÖEN-inə köçürmə göndərilmiş təsərrüfat sahibi heyvanın gəlişini "
    "təsdiqləyir; heyvan onun təsərrüfatına keçir, hər iki təsərrüfat hərəkəti görür (A7)."
    "\n\nThe keeper whose FIN or VÖEN a movement was sent to confirms the animal's arrival; it "
    "moves to that holding and both holdings see the movement (A7).",
)
def confirm_arrival(earTag: str) -> Response[Movement]:
    caller = auth.require(app, "citizen")
    return ok(
        idempotency.once(
            app, caller.user_id, Movement, lambda: livestock.arrive(earTag.upper(), caller)
        )
    )


lambda_handler = entry(app)
