"""GET /ektis/complaints/{complaintId}: one complaint, its status and deadline (A3, A5)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import complaints
from egov.ektis.models import Complaint
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.get(
    "/ektis/complaints/<complaintId>",
    summary="Şikayət / A complaint",
    description="Şikayətin statusu, müddəti və cavabı; hər iki tərəf görür (A3, A5).\n\nThe "
    "complaint's status, deadline and answer, as both parties see it (A3, A5).",
)
def complaint_view(
    complaintId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
) -> Response[Complaint]:
    caller = auth.require(app, "citizen", "officer", "operator")
    return ok(complaints.view(complaintId, caller))


lambda_handler = entry(app)
