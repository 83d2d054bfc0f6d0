"""GET /ektis/directory: registered vets, insemination specialists and suppliers (A3)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import directory
from egov.ektis.models import Directory, Listed
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/ektis/directory",
    summary="Baytarlar, mütəxəssislər, təchizatçılar / Directory",
    description="EKTİS-də qeydiyyatdan keçmiş baytar həkimləri, süni mayalanma mütəxəssisləri və təchizatçılar: ad, fəaliyyət və əlaqə (A3)."
    "\n\nRegistered vets, insemination specialists and suppliers: name, activities and contacts only (A3).",
)
def directory_listing(kind: Annotated[Listed, Query()]) -> Response[Directory]:
    caller = auth.require(app, "citizen", "officer", "operator")
    return ok(directory.listing(kind, caller))


lambda_handler = entry(app)
