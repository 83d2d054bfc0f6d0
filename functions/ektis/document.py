"""GET /ektis/documents/{documentId}: one document of the caller's cabinet with a short-lived
link to the stored file (A9; seed 004 §7.3, §7.8)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import documents
from egov.ektis.models import DocumentDownload
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.get(
    "/ektis/documents/<documentId>",
    summary="Kabinetdəki sənəd / A document in the cabinet",
    description="Sənədin qeydi, heşi, bildirişləri və faylı endirmək üçün qısa müddətli keçid "
    "(A9).\n\nThe document's record, hash, notices and a short-lived link to the file (A9).",
)
def document(
    documentId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
) -> Response[DocumentDownload]:
    caller = auth.require(app, "citizen")
    return ok(documents.view(documentId, caller))


lambda_handler = entry(app)
