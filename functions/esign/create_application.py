"""POST /esign/applications: save a new draft of the annex form (E2–E5); Idempotency-Key honoured."""

from __future__ import annotations

from egov.esign import filing, records
from egov.esign.records import Application, Draft
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry, language

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/esign/applications",
    summary="Ərizə qaralaması / Draft an application",
    description="Əlavədəki formanın qaralaması (E2–E5); Idempotency-Key nəzərə alınır."
    "\n\nA draft of the annex form (E2–E5), Idempotency-Key honoured.",
    status_code=201,
)
def create_application(body: Draft) -> Response[Application]:
    caller = auth.require(app, "citizen")
    application = idempotency.once(
        app,
        caller.user_id,
        Application,
        lambda: records.view(filing.create(body, caller), language(app)),
    )
    return created(application, f"/esign/applications/{application.application_id}")


lambda_handler = entry(app)
