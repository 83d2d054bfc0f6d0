"""GET /esign/embassies/{embassy}/applications/{applicationId}/documents/{attachmentId} (E10)."""

from __future__ import annotations

from egov.esign import embassy as embassies
from egov.platform import attachments, auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/esign/embassies/<embassy>/applications/<applicationId>/documents/<attachmentId>",
    summary="Portalda təqdim olunmuş sənəd / A document filed online",
    description="Səfirlik əməkdaşı sənədin əslini portalda təqdim olunmuşla müqayisə etmək üçün "
    "bir neçə dəqiqəlik yükləmə keçidi alır; hər keçid audit jurnalına yazılır (E10, G8)."
    "\n\nThe embassy officer gets a download link valid a few minutes to compare the original "
    "with the document filed online; every link is audited.",
)
def embassy_document(
    embassy: str, applicationId: str, attachmentId: str
) -> Response[attachments.ReviewerDownload]:
    officer = auth.require(app, "officer", agency=embassy)
    return ok(embassies.document(applicationId, embassy, attachmentId, officer))


lambda_handler = entry(app)
