"""POST /esign/applications/{applicationId}/submit: confirm, register, start the review (E5, E6)."""

from __future__ import annotations

from egov.esign import filing, records
from egov.esign.records import Application
from egov.platform import auth
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/esign/applications/<applicationId>/submit",
    summary="Ərizəni təqdim etmək / Submit an application",
    description="Tamlıq yoxlanılır, ərizə qeydə alınır və baxış başlayır (E3–E6); formada dil "
    "seçilməyibsə, bildirişlər Accept-Language dilindədir (G2)."
    "\n\nCompleteness, registration, review started (E3–E6); without a language chosen on the "
    "form, the notices are in the Accept-Language of this request (G2).",
)
def submit_application(applicationId: str) -> Response[Application]:
    caller = auth.require(app, "citizen")
    lang = language(app)
    return ok(records.view(filing.submit(applicationId, caller, lang), lang))


lambda_handler = entry(app)
