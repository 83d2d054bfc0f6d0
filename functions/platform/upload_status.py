"""GET /uploads/{attachmentId}: the owner sees an upload's status and, once stored, a link (G5)."""

from __future__ import annotations

from egov.platform import attachments, auth
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/uploads/<attachmentId>",
    summary="Yükləmənin vəziyyəti / Upload status",
    description="Yükləmənin vəziyyəti və qısamüddətli endirmə linki (G5)."
    "\n\nStatus of an upload and a short-lived download link.",
)
def get_upload(attachmentId: str) -> Response[attachments.Attachment]:
    caller = auth.principal(app)
    item = attachments.of_owner(attachmentId, caller.user_id)
    return ok(attachments.view(item, language(app)))


lambda_handler = entry(app)
