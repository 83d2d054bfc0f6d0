"""POST /export/contracts/verification: anyone checks a signed contract's signatures against its
document, recomputed from what they send; nothing stored is read (X2, X3)."""

from __future__ import annotations

from egov.export import contract_documents
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/contracts/verification",
    summary="Müqavilənin imzalarını yoxlamaq / Verify a contract's signatures",
    description="Sənədin SHA-256-sı yenidən hesablanır və hər imza öz açarı ilə yoxlanılır; "
    "giriş tələb olunmur (X2, X3).\n\nThe document's SHA-256 is recomputed and each signature "
    "checked with its key; no login needed (X2, X3).",
)
def verify(body: contract_documents.Signed) -> Response[contract_documents.Verification]:
    return ok(contract_documents.verify(body.document, body.signatures))


lambda_handler = entry(app)
