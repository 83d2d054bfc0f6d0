"""GET /ektis/livestock: the caller's holding: herds, animals and movements in and out (A7)."""

from __future__ import annotations

from egov.ektis import livestock
from egov.ektis.models import Livestock
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/ektis/livestock",
    summary="Təsərrüfatın heyvanları / My livestock",
    description="Subyektin sürüləri, heyvanları və təsərrüfata daxil olan və çıxan hərəkətlər (A7)."
    "\n\nThe subject's herds, animals and the movements into and out of the holding (A7).",
)
def my_livestock() -> Response[Livestock]:
    caller = auth.require(app, "citizen")
    return ok(livestock.of_keeper(caller))


lambda_handler = entry(app)
