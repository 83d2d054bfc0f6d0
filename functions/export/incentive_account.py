"""POST /export/applications/{applicationId}/incentive-account: the exporter gives another bank
account after the financial markets authority could not transfer the export incentive into the
first (a closed account); the waiting workflow asks the authority again (X6)."""

from __future__ import annotations

from egov.export import incentive
from egov.export.models import Application, IncentiveAccount
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/applications/<applicationId>/incentive-account",
    summary="Təşviq üçün başqa hesab / Another account for the incentive",
    description="Maliyyə Bazarlarına Nəzarət Palatası təşviqi hesaba köçürə bilmədikdə (məsələn, "
    "hesab bağlıdır) ixracatçı müddət ərzində Azərbaycandakı başqa bank hesabını göstərir; "
    "köçürmə yeni hesab üzrə yenidən soruşulur (X6, §10.3.3.4, §4.2.11).\n\nWhen the financial "
    "markets authority could not transfer the incentive (e.g. a closed account), the exporter "
    "gives another bank account in Azerbaijan within the period; the transfer is asked again "
    "for the new account (X6, §10.3.3.4, §4.2.11).",
)
def give(applicationId: str, body: IncentiveAccount) -> Response[Application]:
    caller = auth.require(app, "citizen")
    return ok(incentive.give_account(applicationId, body, caller))


lambda_handler = entry(app)
