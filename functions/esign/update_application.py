"""PUT /esign/applications/{applicationId}: save the draft again, completed further (E5)."""

from __future__ import annotations

from egov.esign import filing, records
from egov.esign.records import Application, Draft
from egov.platform import auth
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.put(
    "/esign/applications/<applicationId>",
    summary="Qaralamanı yeniləmək / Update a draft",
    description="Qaralama yenidən saxlanılır (E5).\n\nThe draft saved again (E5).",
)
def update_application(applicationId: str, body: Draft) -> Response[Application]:
    caller = auth.require(app, "citizen")
    return ok(records.view(filing.update(applicationId, body, caller), language(app)))


lambda_handler = entry(app)
