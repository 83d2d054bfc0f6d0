"""GET /certificates/mine: the holder's own certificates with their full history (E13, E15)."""

from __future__ import annotations

from egov.certificates import holder_requests
from egov.certificates.models import HolderCertificates
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/certificates/mine",
    summary="Mənim sertifikatlarım / My certificates",
    description="Sahibinin öz sertifikatları və onların tarixçəsi (E13)."
    "\n\nThe holder's own certificates and their history (E13).",
)
def mine() -> Response[HolderCertificates]:
    holder = auth.require(app, "citizen")
    return ok(HolderCertificates(certificates=holder_requests.of_holder(holder.user_id)))


lambda_handler = entry(app)
