"""POST /uploads: declare a file and get the presigned form that uploads exactly it (G5, G7).

Accepts an `Idempotency-Key` (DESIGN rule 7): a retry gets the same attachment and form.
"""

from __future__ import annotations

from egov.platform import attachments, auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/uploads",
    summary="Faylın yüklənməsinə sorğu / Request an upload",
    description="Gözləyən qoşma və onu yükləyən imzalı forma (G5)."
    "\n\nA pending attachment and the presigned form that uploads it.",
    status_code=201,
)
def request_upload(body: attachments.UploadRequest) -> Response[attachments.UploadTicket]:
    caller = auth.principal(app)
    ticket = idempotency.once(
        app,
        caller.user_id,
        attachments.UploadTicket,
        lambda: attachments.request_upload(body, caller.actor),
        remember_seconds=attachments.UPLOAD_SECONDS,
    )
    return created(ticket, f"/uploads/{ticket.attachmentId}")


lambda_handler = entry(app)
