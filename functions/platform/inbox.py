"""GET /me/inbox: the caller's notices, newest first, with unread count and delivery results (G2)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, notify
from egov.platform.http import api, entry, language, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/me/inbox",
    summary="Gələn qutusu / Inbox",
    description="Oxunmamışların sayı və çatdırılma nəticələri ilə istifadəçinin bildirişləri."
    "\n\nThe caller's notices with unread count and delivery results.",
)
def get_inbox(
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response[notify.Inbox]:
    caller = auth.principal(app)
    return ok(notify.inbox(caller.user_id, language(app), cursor=cursor, limit=limit))


lambda_handler = entry(app)
