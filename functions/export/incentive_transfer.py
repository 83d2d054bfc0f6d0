"""POST /export/incentives/{decisionId}/transfer: the financial markets authority confirms the
export incentive's transfer to the exporter's bank account, or says why it was not made (X6)."""

from __future__ import annotations

from egov.export import incentive
from egov.export.models import IncentiveAnswer, TransferReport
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/incentives/<decisionId>/transfer",
    summary="Təşviqin köçürülməsinin təsdiqi / Confirm an incentive's transfer",
    description="Maliyyə Bazarlarına Nəzarət Palatası təşviqin ixracatçının Azərbaycandakı "
    "bank hesabına köçürülməsini (məbləğ, tarix, IBAN, ödəniş tapşırığı) təsdiq edir və ya "
    "səbəbini göstərir; ixracatçı məbləği və tarixi ərizənin səhifəsində görür (X6, §4.2.11)."
    "\n\nThe financial markets authority confirms the incentive's transfer to the exporter's "
    "bank account in Azerbaijan (amount, date, IBAN, payment order) or gives the reason it "
    "was not made; the exporter sees the amount and the date on the application's page "
    "(X6, §4.2.11).",
)
def transfer(decisionId: str, body: TransferReport) -> Response[IncentiveAnswer]:
    caller = auth.require(app, "agency", "officer", agency=incentive.AUTHORITY)
    event = app.current_event
    return ok(incentive.report_transfer(decisionId, body, caller, event.headers or {}, event.body))


lambda_handler = entry(app)
