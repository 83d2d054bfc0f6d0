"""POST /producers/assisted: an officer of MKT or ASAN registers a person in person (P6, P7)."""

from __future__ import annotations

from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry, language
from egov.producers import registry
from egov.producers.models import AssistedRegistration, Registered

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/producers/assisted",
    summary="İstehsalçını şəxsən qeydiyyata almaq / Register a producer in person",
    description="Nazirlik və ya ASAN əməkdaşı şəxsən gələn şəxsi qeydiyyata alır; dərhal təsdiqlənir, aktivləşdirmə bildirişi göndərilir (P6, P7)."
    "\n\nAn MKT or ASAN officer registers a person who came in person, approved at once, activation notice sent (P6, P7).",
    status_code=201,
)
def register_assisted(body: AssistedRegistration) -> Response[Registered]:
    officer = auth.require(app, "officer")
    confirmation = idempotency.once(
        app,
        officer.user_id,
        Registered,
        lambda: registry.register_assisted(body, officer, language(app)),
    )
    return created(confirmation)


lambda_handler = entry(app)
