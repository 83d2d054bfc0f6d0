"""GET /esign/embassies/{embassy}/tasks: the embassy's own invitations and checks due (E9, E10)."""

from __future__ import annotations

from typing import Annotated

from egov.esign import worklist
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/esign/embassies/<embassy>/tasks",
    summary="Səfirliyin tapşırıqları / Embassy tasks",
    description="Səfirliyin öz dəvətləri və yoxlamaları, müddətləri ilə (E9, E10)."
    "\n\nThe embassy's own invitations and checks with deadlines (E9, E10).",
)
def embassy_tasks(
    embassy: str,
    cursor: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> Response[worklist.Tasks]:
    auth.require(app, "officer", agency=embassy)
    return ok(worklist.tasks(embassy, cursor=cursor, limit=limit))


lambda_handler = entry(app)
