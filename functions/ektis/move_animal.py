"""POST /ektis/animals/{earTag}/movements: the keeper moves an animal to another holding (A7)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.ektis import livestock
from egov.ektis.models import Move, Movement
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

app = api()


@app.post(
    "/ektis/animals/<earTag>/movements",
    summary="Heyvanın hərəkəti / Move an animal",
    description="Heyvan başqa təsərrüfata köçürülür; hər iki təsərrüfat hərəkəti görür, heyvan bir anda bir yerdədir (A7)."
    "\n\nThe animal moves to another holding; both holdings see it, and it is in one place at a time (A7).",
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
