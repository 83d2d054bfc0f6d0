"""POST /producers/assisted: an officer of MKT or ASAN registers a person in person (P6, P7)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry, language
from egov.producers import registry
from egov.producers.models import AssistedRegistration, Registered

app = api()


@app.post("/producers/assisted", status_code=201)
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
