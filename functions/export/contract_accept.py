"""POST /export/contracts/acceptance: the foreign partner accepts, with the code it received by
e-mail, the contract a local taxpayer signed and sent it; the contract enters its cabinet (X2)."""

from __future__ import annotations

from egov.export import contracts
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/contracts/acceptance",
    summary="Elektron müqaviləni kodla qəbul etmək / Accept an e-contract with its code",
    description="Xarici tərəfdaş yerli tərəfin imzalayıb göndərdiyi müqaviləni e-poçtla aldığı "
    "kodla qəbul edir; müqavilə onun kabinetinə düşür və sertifikat imzasını gözləyir. Naməlum "
    "və ya istifadə olunmuş kod: 404 (X2).\n\nThe foreign partner accepts, with the code it "
    "received by e-mail, the contract the local party signed and sent; the contract enters its "
    "cabinet and waits for its certificate signature. An unknown or used code: 404 (X2).",
)
def accept(body: contracts.Invitation) -> Response[contracts.Contract]:
    caller = auth.require(app, "citizen")
    return ok(contracts.accept(body, caller))


lambda_handler = entry(app)
