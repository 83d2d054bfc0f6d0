"""GET /agencies/{agency}/standing: a participant's standing (good, warned, suspended), with the
warning's reason and date or the suspension, for the operator and the agency itself (X11;
Əsasnamə 6.0.10)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, governance, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.get(
    "/agencies/<agency>/standing",
    summary="İştirakçının vəziyyəti / A participant's standing",
    description="Qurumun portaldakı vəziyyəti: yaxşı, xəbərdarlıq edilib (səbəbi və "
    "nöqsanların aradan qaldırılma müddəti ilə) və ya fəaliyyəti dayandırılıb; operator və "
    "qurumun özü oxuyur (X11, Əsasnamə 6.0.10)."
    "\n\nThe agency's standing on the portal: good, warned (with the reason and the date by "
    "which to remove the defects) or suspended; read by the operator and the agency itself (X11).",
)
def standing(
    agency: Annotated[str, Path(pattern=webhooks.AGENCY_PATTERN)],
) -> Response[governance.Standing]:
    if auth.principal(app).role != "operator":
        auth.require(app, "agency", "officer", agency=agency)
    return ok(governance.standing(agency))


lambda_handler = entry(app)
