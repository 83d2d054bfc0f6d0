"""GET /export/eservices: the cross-border e-services, transactional or informational (X3)."""

from __future__ import annotations

from typing import Annotated

from egov.export import eservices
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/export/eservices",
    summary="Transsərhəd e-xidmətlər / Cross-border e-services",
    description="Əməliyyat xarakterli xidmətlər giriş və elektron imza tələb edir; məlumat və "
    "sorğu xarakterli xidmətlər tələb etmir (X3).\n\nTransactional services need a login and "
    "an electronic signature; informational and query services need neither (X3).",
)
def listed(
    kind: Annotated[eservices.Kind | None, Query()] = None,
) -> Response[eservices.EServices]:
    return ok(eservices.listed(kind, language(app)))


lambda_handler = entry(app)
