"""GET /ektis/subjects/me: the subject's own cabinet, its data and its parcels (A2, A3)."""

from __future__ import annotations

from egov.ektis import parcels, subjects
from egov.ektis.models import Cabinet
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/ektis/subjects/me",
    summary="EKTİS kabineti / My EKTİS cabinet",
    description="Subyektin öz məlumatları və torpaq sahələri, üst-üstə düşmə qeydləri ilə (A2, "
    "A3, A8).\n\nThe subject's own data and parcels, with overlap flags (A2, A3, A8).",
)
def cabinet() -> Response[Cabinet]:
    caller = auth.require(app, "citizen")
    subject = subjects.of_owner(caller.user_id)
    return ok(Cabinet(subject=subject, parcels=parcels.of_subject(subject.subject_id)))


lambda_handler = entry(app)
