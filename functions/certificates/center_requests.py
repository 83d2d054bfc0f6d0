"""GET /certificates/requests: the Center staff's task list, the holders' applications and
compromise reports not yet acted on, nearest deadline first (E13, seed 001 §3.3–3.5, §5.4)."""

from __future__ import annotations

from egov.certificates import holder_requests
from egov.certificates.models import CenterRequests
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/certificates/requests",
    summary="Mərkəzə daxil olmuş müraciətlər / The Center's open requests",
    description="Sahiblərin dayandırma, bərpa, ləğv müraciətləri və məxfiliyin pozulması "
    "barədə məlumatları, müddəti ilə (E13).\n\nHolders' suspension, restoration and revocation "
    "applications and compromise reports, with their deadlines (E13).",
)
def requests() -> Response[CenterRequests]:
    staff = auth.require(app, "center")
    return ok(holder_requests.for_center(staff))


lambda_handler = entry(app)
