"""GET /ektis/animals/{earTag}: an animal's record (A7), for its keeper and the ministry (G8)."""

from __future__ import annotations

from egov.ektis import livestock
from egov.ektis.models import AnimalRecord
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/ektis/animals/<earTag>",
    summary="Heyvanın kartı / An animal's record",
    description="Heyvan, sağlamlıq sənədləri, peyvəndlər, hərəkətlər və mayalanmalar; yalnız saxlayana, nazirliyə və operatora (A7, G8)."
    "\n\nThe animal, its health documents, vaccinations, movements and inseminations; its keeper, the ministry and the operator only (A7, G8).",
)
def animal(earTag: str) -> Response[AnimalRecord]:
    caller = auth.require(app, "citizen", "officer", "operator")
    return ok(livestock.record_of(earTag.upper(), caller))


lambda_handler = entry(app)
