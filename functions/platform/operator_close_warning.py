"""POST /operator/agencies/{agency}/warning/closing: the operator closes a participant's warning
before its time, with a reason (X11; Əsasnamə 6.0.10)."""

from __future__ import annotations

from typing import Annotated

from egov.platform import auth, governance, webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/operator/agencies/<agency>/warning/closing",
    summary="Xəbərdarlığın bağlanması / Close a warning",
    description="Nöqsanlar vaxtından əvvəl aradan qaldırıldıqda (və ya xəbərdarlıq səhvən "
    "edildikdə) operator səbəb göstərməklə xəbərdarlığı bağlayır; qurum imzalı webhook ilə "
    "məlumatlandırılır (X11, Əsasnamə 6.0.10)."
    "\n\nWhen the defects were removed before the warning's date (or it was given in error) the "
    "operator closes the warning with a reason; the agency is told by a signed webhook (X11).",
)
def close(
    agency: Annotated[str, Path(pattern=webhooks.AGENCY_PATTERN)],
    body: governance.Reason,
) -> Response[governance.Standing]:
    operator = auth.require(app, "operator")
    return ok(governance.close_warning(agency, body, operator))


lambda_handler = entry(app)
