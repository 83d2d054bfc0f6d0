"""GET /renewal/documents: the cabinet's "Incoming documents" of the renewal, sealed by ASXM
(R9)."""

from __future__ import annotations

from egov.platform import auth
from egov.platform.http import api, entry, ok
from egov.renewal import incoming

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/renewal/documents",
    summary="Gələn sənədlər / Incoming documents",
    description="ASXM-in möhürlədiyi sertifikat, müqavilə və aktivləşdirmə bildirişi (R9).\n\n"
    "The certificate, contract and activation notice sealed by ASXM.",
)
def incoming_documents() -> Response[incoming.Documents]:
    caller = auth.require(app, "citizen")
    return ok(incoming.of(caller.user_id))


lambda_handler = entry(app)
