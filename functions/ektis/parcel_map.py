"""GET /ektis/parcels?bbox=: the ministry's map of parcels in a box, through the cell index (A8)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import parcels
from egov.ektis.models import ParcelMap
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/ektis/parcels",
    summary="Torpaq sahələrinin xəritəsi / Map of land parcels",
    description="Sərhəd qutusundakı sahələr, üst-üstə düşmə qeydləri ilə; yalnız qutunun "
    "geohash xanaları oxunur (A8).\n\nThe parcels in a bounding box with their overlap flags; "
    "only the box's geohash cells are read (A8).",
)
def parcel_map(
    bbox: Annotated[str, Query(max_length=100, description="minLon,minLat,maxLon,maxLat")],
) -> Response[ParcelMap]:
    auth.require(app, "officer", "operator")
    return ok(parcels.in_box(parcels.parse_bbox(bbox)))


lambda_handler = entry(app)
