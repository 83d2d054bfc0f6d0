"""POST /export/contracts/{contractId}/certificate-signature: the non-resident signs with its
e-signature certificate's key, checked against the certificate registry (X2, E14)."""

from __future__ import annotations

from egov.export import contracts
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/contracts/<contractId>/certificate-signature",
    summary="Qeyri-rezidentin sertifikatı ilə imza / A non-resident's certificate signature",
    description="Xarici tərəfdaş müqavilənin SHA-256-sı üzrə Ed25519 imzasını və açarını "
    "göndərir; açarın sertifikatı reyestrdə onun özünə verilmiş və imza anında etibarlı "
    "olmalıdır, imza dərhal yoxlanılır (X2, E14).\n\nThe foreign partner sends its Ed25519 "
    "signature over the contract's SHA-256 and its key; the key's certificate must be in the "
    "registry, its own and good at the moment of signing; the signature is checked at once "
    "(X2, E14).",
)
def sign(contractId: str, body: contracts.CertificateSignature) -> Response[contracts.Contract]:
    caller = auth.require(app, "citizen")
    return ok(contracts.certificate_signature(contractId, body, caller))


lambda_handler = entry(app)
