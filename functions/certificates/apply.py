"""POST /certificates/{serial}/applications: the holder applies to suspend, restore or revoke,
to the embassy (forwarded at once) or to the Center (E13)."""

from __future__ import annotations

from egov.certificates import holder_requests
from egov.certificates.models import ApplicationRecord, HolderApplication
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/certificates/<serial>/applications",
    summary="Sertifikat üzrə müraciət / Apply about a certificate",
    description="Sahibi dayandırma, bərpa və ya ləğv üçün müraciət edir (E13)."
    "\n\nThe holder applies to suspend/restore/revoke (E13).",
    status_code=201,
)
def apply(serial: str, body: HolderApplication) -> Response[ApplicationRecord]:
    holder = auth.require(app, "citizen")
    return created(
        idempotency.once(
            app,
            holder.user_id,
            ApplicationRecord,
            lambda: holder_requests.apply(serial, body, holder),
        )
    )


lambda_handler = entry(app)
