"""POST /ektis/complaints/{complaintId}/answer: the respondent corrects the data or refuses
with a reason (A5; seed 004 §7.1.3.7)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import complaints
from egov.ektis.models import Complaint, ComplaintAnswer
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/ektis/complaints/<complaintId>/answer",
    summary="Şikayətə cavab / Answer a complaint",
    description="Məlumatı daxil edən tərəf düzəliş edir (dəyişikliklərlə) və ya səbəb "
    "göstərərək imtina edir; bir dəfə (A5).\n\nThe party that entered the data corrects it "
    "(listing the changes) or refuses with a reason; once (A5).",
)
def answer_complaint(
    complaintId: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
    body: ComplaintAnswer,
) -> Response[Complaint]:
    caller = auth.require(app, "citizen", "officer")
    return ok(complaints.answer(complaintId, body, caller))


lambda_handler = entry(app)
