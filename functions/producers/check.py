"""POST /producers/check: who is registering, from the population or tax registry (P2)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from egov.platform.http import api, entry, ok
from egov.producers import check
from egov.producers.models import Identity, Subject

app = api()


@app.post(
    "/producers/check",
    summary="FİN və ya VÖEN üzrə yoxlama / Check a FIN or VÖEN",
    description="Şəxsi FİN-ə görə, hüquqi şəxsi VÖEN-ə görə reyestrlərdən tapır (P2)."
    "\n\nA person by FIN or a legal entity by VÖEN from the registries (P2).",
)
def check_subject(body: Subject) -> Response[Identity]:
    return ok(check.identify(body))


lambda_handler = entry(app)
