"""POST /producers/activation: the person sets a password with the activation code (P6, P7)."""

from __future__ import annotations

from egov.platform.http import api, entry, language, ok
from egov.producers import activation

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/producers/activation",
    summary="Kabinetin aktivləşdirilməsi / Activate the cabinet",
    description="Şəxs aktivləşdirmə kodu ilə parolunu təyin edir (P6, P7)."
    "\n\nThe person sets a password with the activation code (P6, P7).",
)
def activate(body: activation.Activation) -> Response[activation.Activated]:
    return ok(activation.activate(body, language(app)))


lambda_handler = entry(app)
