"""GET /ektis/declarations/{declarationId}: the declaration as it stands, with the revisions
complaints' corrections made (A3, A5)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import subsidy
from egov.ektis.models import Declaration
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.get(
    "/ektis/declarations/<declarationId>",
    summary="Bəyannamə / A declaration",
    description="Bəyannamə sətirləri, hesablama və şikayət üzrə düzəlişlərin tarixçəsi ilə "
    "(A3, A5).\n\nThe declaration's lines and computation, with the history of complaints' "
    "corrections (A3, A5).",
)
def declaration(
    declarationId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
) -> Response[Declaration]:
    caller = auth.require(app, "citizen", "officer", "operator")
    return ok(subsidy.declaration_view(declarationId, caller))


lambda_handler = entry(app)
