"""POST /producers/check: who is registering, from the population or tax registry, for the
holder of the ID card, within lookup limits (P2)."""

from __future__ import annotations

from egov.platform.http import api, entry, ok
from egov.producers import check
from egov.producers.models import Identity, IdentityCheck

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/producers/check",
    summary="FİN və ya VÖEN üzrə yoxlama / Check a FIN or VÖEN",
    description="Şəxsi FİN və şəxsiyyət vəsiqəsinin nömrəsinə görə, hüquqi şəxsi VÖEN-ə və "
    "rəhbərinin vəsiqə nömrəsinə görə reyestrlərdən tapır; ünvan və FİN üzrə məhdud (P2)."
    "\n\nA person by FIN and ID card number or a legal entity by VÖEN and its head's card "
    "number from the registries; limited per address and per FIN (P2).",
)
def check_subject(body: IdentityCheck) -> Response[Identity]:
    source_ip = app.current_event.request_context.identity.source_ip
    return ok(check.look_up(body, source_ip))


lambda_handler = entry(app)
