"""POST /me/inbox/{itemId}/read: mark one of the caller's notices read (G2)."""

from __future__ import annotations

from egov.platform import auth, notify
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/me/inbox/<itemId>/read",
    summary="Bildirişi oxunmuş qeyd et / Mark a notice read",
    description="Gələn qutusundakı bir bildirişi oxunmuş kimi qeyd edir.\n\nMarks a notice read.",
)
def mark_read(itemId: str) -> Response[notify.InboxItem]:
    caller = auth.principal(app)
    return ok(notify.mark_read(caller.user_id, itemId, language(app)))


lambda_handler = entry(app)
