"""POST /ektis/parcels: a subject declares a land parcel with its polygon (A3, A8)."""

from __future__ import annotations

from egov.ektis import parcels
from egov.ektis.models import Parcel, ParcelDeclaration
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/parcels",
    summary="Torpaq sahəsinin bəyanı / Declare a land parcel",
    description="Kadastr nömrəsi, sahə, kateqoriya, istifadə və GeoJSON çoxbucaqlı; sahə "
    "bərabərsahəli proyeksiyada yoxlanılır, başqa subyektlərin sahələri ilə üst-üstə düşmə "
    "qeyd olunur (A8).\n\nCadastre id, area, category, use and a GeoJSON polygon; the area is "
    "checked on an equal-area projection, overlaps with other subjects' parcels are flagged (A8).",
    status_code=201,
)
def declare(body: ParcelDeclaration) -> Response[Parcel]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, Parcel, lambda: parcels.declare(body, caller))
    )


lambda_handler = entry(app)
