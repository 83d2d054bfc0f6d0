"""GET /agencies/{agency}/notifications: delivery results of an agency's messages (A9)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, notify
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/agencies/<agency>/notifications",
    summary="Qurumun bildirişləri / Agency notifications",
    description="Qurumun göndərdiyi mesajların çatdırılma nəticələri (A9)."
    "\n\nDelivery results of an agency's messages (A9).",
)
def list_notifications(
    agency: str,
    cursor: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> Response[notify.AgencyMessages]:
    auth.require(app, "agency", "officer", agency=agency)
    return ok(notify.agency_messages(agency, cursor=cursor, limit=limit))


lambda_handler = entry(app)
