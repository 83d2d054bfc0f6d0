"""POST /producers: self-registration of a potential producer or a seller (P1, P3, P4, P5)."""

from __future__ import annotations

from egov.platform import idempotency
from egov.platform.http import api, created, entry, language
from egov.producers import registry
from egov.producers.models import Registered, Registration

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/producers",
    summary="İstehsalçının qeydiyyatı / Register a producer",
    description="Unikal istifadəçi adı, mobil nömrə və FİN/VÖEN ilə bir əməliyyatda özünüqeydiyyat (P1, P3, P4); nazirliyin yoxlamasını başladır (P5)."
    "\n\nSelf-registration with unique username, mobile, FIN/VÖEN in one transaction (P1, P3, P4); starts the ministry's verification (P5).",
    status_code=201,
)
def register(body: Registration) -> Response[Registered]:
    # Anonymous: the key, the route and the body's hash (which holds the one-time code) bind a
    # replay to the same request.
    confirmation = idempotency.once(
        app, "anonymous", Registered, lambda: registry.register(body, language(app))
    )
    return created(confirmation, location="/producers/me")


lambda_handler = entry(app)
