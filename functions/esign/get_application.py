"""GET /esign/applications/{applicationId}: the applicant's application, status and deadlines."""

from __future__ import annotations

from egov.esign import records
from egov.esign.records import Application
from egov.platform import auth
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/esign/applications/<applicationId>",
    summary="Ərizəyə baxış / View an application",
    description="Ərizəçinin görünüşü, müddətləri ilə.\n\nThe applicant's view with deadlines.",
)
def get_application(applicationId: str) -> Response[Application]:
    caller = auth.require(app, "citizen")
    return ok(records.view(records.owned(applicationId, caller.user_id), language(app)))


lambda_handler = entry(app)
