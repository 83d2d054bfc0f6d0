"""POST /export/incentives/{decisionId}/assessment: the Ministry of Economy's answer about an
export incentive, granted with the amount or refused with the reason (X6)."""

from __future__ import annotations

from egov.export import incentive
from egov.export.models import Assessment, IncentiveAnswer
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/incentives/<decisionId>/assessment",
    summary="İxrac təşviqi üzrə qərar / Decide on an export incentive",
    description="İqtisadiyyat Nazirliyi təşviqi məbləği ilə verir və ya səbəbini göstərərək "
    "imtina edir; cavab agentlik mübadiləsi ilə gözləyən iş axınına ötürülür, nəticə "
    "ixracatçının kabinetinə, e-poçtuna və mobil nömrəsinə göndərilir (X6, §10.3.3.9).\n\n"
    "The Ministry of Economy grants the incentive with its amount or refuses it with the "
    "reason; the answer goes through the agency exchange to the waiting workflow and the "
    "result to the exporter's cabinet, e-mail and mobile (X6, §10.3.3.9).",
)
def assess(decisionId: str, body: Assessment) -> Response[IncentiveAnswer]:
    caller = auth.require(app, "agency", "officer", agency=incentive.MINISTRY)
    event = app.current_event
    return ok(incentive.assess(decisionId, body, caller, event.headers or {}, event.body))


lambda_handler = entry(app)
