"""GET /export/applications/{applicationId}: the status page of an export application, every
permit with its agency, deadline and why, and the customs declaration (X4, X5)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.export import filing
from egov.export.models import Application
from egov.platform import auth
from egov.platform.http import api, entry, ok

app = api()


@app.get(
    "/export/applications/<applicationId>",
    summary="İxrac ərizəsinin vəziyyəti / Export application status",
    description="Hər icazə, onu verən orqan, müddəti, nə üçün tələb olunduğu və vəziyyəti; "
    "gömrük bəyannaməsi və nəticəsi (X4, X5).\n\nEvery permit with its agency, deadline, why "
    "it is needed and where it stands; the customs declaration and its result (X4, X5).",
)
def application(applicationId: str) -> Response[Application]:
    caller = auth.require(app, "citizen")
    return ok(filing.owned(applicationId, caller))


lambda_handler = entry(app)
