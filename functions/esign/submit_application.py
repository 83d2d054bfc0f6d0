"""POST /esign/applications/{applicationId}/submit: confirm, register, start the review (E5, E6)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.esign import filing, records
from egov.esign.records import Application
from egov.platform import auth
from egov.platform.http import api, entry, language, ok

app = api()


@app.post(
    "/esign/applications/<applicationId>/submit",
    summary="Ərizəni təqdim etmək / Submit an application",
    description="Tamlıq yoxlanılır, ərizə qeydə alınır və baxış başlayır (E3–E6)."
    "\n\nCompleteness, registration, review started (E3–E6).",
)
def submit_application(applicationId: str) -> Response[Application]:
    caller = auth.require(app, "citizen")
    return ok(records.view(filing.submit(applicationId, caller), language(app)))


lambda_handler = entry(app)
