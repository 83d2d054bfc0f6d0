"""GET /agencies/{agency}/decisions/{decisionId}/documents/{attachmentId}: a document to review."""

from __future__ import annotations

from egov.platform import attachments, auth, exchange
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/agencies/<agency>/decisions/<decisionId>/documents/<attachmentId>",
    summary="Qərar sorğusunun sənədi / A document of a decision request",
    description="Cavab gözləyən sorğunun sənədi üçün bir neçə dəqiqəlik yükləmə keçidi; SHA-256 "
    "imzalı sorğudakı ilə eynidir, hər keçid audit jurnalına yazılır (E5, E6, E8, G8)."
    "\n\nA download link valid a few minutes for a document of a request awaiting the agency's "
    "answer; its SHA-256 is the one in the signed request; every link is audited.",
)
def decision_document(
    agency: str, decisionId: str, attachmentId: str
) -> Response[attachments.ReviewerDownload]:
    caller = auth.require(app, "agency", "officer", "center", agency=agency)
    return ok(exchange.document(agency, decisionId, attachmentId, caller))


lambda_handler = entry(app)
