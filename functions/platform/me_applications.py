"""GET /me/applications: the caller's applications of every service, newest first, with their
history."""

from __future__ import annotations

from typing import Annotated

from egov.platform import applications, auth, governance
from egov.platform.http import api, entry, language, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

MAX_PAGE = 100

app = api()


@app.get(
    "/me/applications",
    summary="Mənim müraciətlərim / My applications",
    description="Bütün xidmətlər üzrə istifadəçinin müraciətləri, tarixçəsi ilə, və qurumun "
    "elan etdiyi texniki işlər zamanı gözləyəcək addımları (X11)."
    "\n\nThe caller's applications of every service with history, and the steps that will "
    "wait during an agency's announced maintenance (X11).",
)
def my_applications(
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
) -> Response[applications.ApplicationPage]:
    caller = auth.principal(app)
    return ok(governance.my_applications(caller.user_id, language(app), cursor, limit))


lambda_handler = entry(app)
