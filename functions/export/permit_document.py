"""GET /export/applications/{applicationId}/permits/{code}/document: an issued permit as the
agency signed it, for the exporter to download from the cabinet (X4, X5)."""

from __future__ import annotations

from egov.export import filing, permit_document
from egov.export.permit_document import PermitDocument
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/export/applications/<applicationId>/permits/<code>/document",
    summary="İcazənin sənədi / The permit's document",
    description="Verilmiş icazə, orqanın rəhbəri və ya həvalə etdiyi şəxs adından orqanın "
    "açarı ilə imzalanmış sənəd kimi: sənəd, imza və imzanın indi yoxlanışı. Yalnız ərizəçiyə; "
    "hər oxunuş audit jurnalına yazılır (X4, X5).\n\nAn issued permit as the document the agency "
    "signed for its head or delegate: the document, the signature and whether it verifies now. "
    "The applicant only; every reading is audited (X4, X5).",
)
def document(applicationId: str, code: str) -> Response[PermitDocument]:
    caller = auth.require(app, "citizen")
    application = filing.owned(applicationId, caller)
    return ok(permit_document.download(application, code, caller))


lambda_handler = entry(app)
