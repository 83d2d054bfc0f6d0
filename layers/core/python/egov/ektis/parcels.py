"""Land parcels (A3, A8): declared by a subject, mapped as a checked polygon, indexed by
geohash cell, overlaps with other subjects' parcels flagged on both.

Items (EKTIS_TABLE):
    PARCEL#<id> / PARCEL            the parcel; gsi1 PARCELS#<subjectId> / <declaredAt>#<id>
    CADASTRE#<id> / GUARD           one parcel per cadastre number
    CELL#<geohash> / <parcelId>     one per cell its bounding box covers, with that box

An overlap is flagged, not refused (the cadastre, not the map, settles who holds the land): both
parcels carry it and both subjects' audit trails record it; the ministry's officers see it on the
map.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from egov.ektis import cells, ledger
from egov.ektis.models import Overlap, Parcel, ParcelDeclaration, ParcelMap
from egov.ektis.subjects import TABLE, of_owner, record, subject_pk
from egov.platform import audit, clock
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Invalid
from egov.platform.repository import Transaction

MAX_QUERY_CELLS = 64
# A parcel's index entries go into its declaration's one transaction (at most 100 parts); 16
# cells, some 15 × 20 km, is more than any field or farm block needs.
MAX_PARCEL_CELLS = 16


def parcel_pk(parcel_id: str) -> str:
    return f"PARCEL#{parcel_id}"


def _cell_pk(cell: str) -> str:
    return f"CELL#{cell}"


def _ids_in(box: tuple[float, float, float, float]) -> list[str]:
    """The parcels whose bounding box meets `box`: one Query per covering cell."""
    west, south, east, north = box
    found: dict[str, None] = {}
    for cell in cells.covering(box):
        for item in TABLE.query_all(_cell_pk(cell)):
            w, s, e, n = item["bbox"]
            if w <= east and e >= west and s <= north and n >= south:
                found[item["parcelId"]] = None
    return list(found)


def _read(parcel_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Parcel items by id, read together (BatchGetItem)."""
    return TABLE.get_many((parcel_pk(i), "PARCEL") for i in parcel_ids)


def declare(body: ParcelDeclaration, caller: Principal) -> Parcel:
    """Check the polygon and its area (422 naming the field), index it and flag overlaps."""
    # shapely and numpy load only in the function that declares parcels (cold start).
    from shapely.geometry import shape as to_shape

    from egov.ektis import geometry

    subject = of_owner(caller.user_id)
    mapped = geometry.parse(body.geometry)
    if cells.count(mapped.bbox) > MAX_PARCEL_CELLS:
        raise Invalid("ektis.geometry.too-large", field="geometry")
    geometry.check_area(mapped, body.area_ha)
    now = clock.now()
    parcel_id = uuid.uuid4().hex
    box = mapped.bbox
    others = [item for item in _read(_ids_in(box)) if item["subjectId"] != subject.subject_id]
    overlaps: list[tuple[dict[str, Any], float]] = []
    for other in others:
        shared = geometry.overlap_m2(mapped.shape, to_shape(other["geometry"]))
        if shared:
            overlaps.append((other, round(shared, 2)))
    parcel = Parcel(
        parcel_id=parcel_id,
        subject_id=subject.subject_id,
        cadastre_id=body.cadastre_id,
        area_ha=body.area_ha,
        mapped_area_ha=round(mapped.area_m2 / 10_000, 4),
        category=body.category,
        use=body.use,
        crop=body.crop,
        location=body.location,
        geometry=body.geometry,
        bbox=list(box),
        overlaps=[Overlap(parcel_id=o["parcelId"], area_m2=a, flagged_at=now) for o, a in overlaps],
        declared_at=now,
    )
    stored = parcel.model_dump(mode="json", by_alias=True)
    pk = parcel_pk(parcel_id)
    tx = Transaction()
    tx.guard(
        TABLE,
        f"CADASTRE#{body.cadastre_id}",
        parcel_id,
        Conflict("ektis.parcel.cadastre-taken", field="cadastreId"),
    )
    tx.put(
        TABLE,
        {
            "pk": pk,
            "sk": "PARCEL",
            "gsi1pk": f"PARCELS#{subject.subject_id}",
            "gsi1sk": f"{stored['declaredAt']}#{parcel_id}",
            "version": 1,
            **stored,
        },
    )
    for cell in cells.covering(box):
        tx.put(
            TABLE, {"pk": _cell_pk(cell), "sk": parcel_id, "parcelId": parcel_id, "bbox": list(box)}
        )
    audit.record(
        tx,
        subject_pk(subject.subject_id),
        "ektis-parcel-declared",
        caller.actor,
        owner=caller.user_id,
        after={k: v for k, v in stored.items() if k != "geometry"},
    )
    for other, shared in overlaps:
        flag = Overlap(parcel_id=parcel_id, area_m2=shared, flagged_at=now)
        tx.update(
            TABLE,
            parcel_pk(other["parcelId"]),
            "PARCEL",
            {
                "overlaps": [
                    *other.get("overlaps", []),
                    flag.model_dump(mode="json", by_alias=True),
                ],
                "version": other["version"] + 1,
            },
            expected={"version": other["version"]},
            conflict=Conflict("ektis.parcel.changed", field="geometry"),
        )
        audit.record(
            tx,
            subject_pk(other["subjectId"]),
            "ektis-parcel-overlap-flagged",
            audit.Actor.system("ektis"),
            after={"parcelId": other["parcelId"], "overlapsParcelId": parcel_id, "areaM2": shared},
        )
    ledger.parcel(tx, parcel, subject)  # A10: the report's fact of this parcel
    tx.commit()
    return parcel


def of_subject(subject_id: str) -> list[Parcel]:
    return [
        Parcel.model_validate(record(item))
        for item in TABLE.query_all(f"PARCELS#{subject_id}", index="gsi1")
    ]


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """`minLon,minLat,maxLon,maxLat` as numbers, ordered; a 422 naming `bbox` otherwise."""
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError as bad:
        raise Invalid("ektis.bbox.invalid", field="bbox") from bad
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise Invalid("ektis.bbox.invalid", field="bbox")
    return west, south, east, north


def in_box(box: tuple[float, float, float, float]) -> ParcelMap:
    """The parcels whose bounding box meets `box`, read through the cell index only."""
    needed = cells.count(box)
    if needed > MAX_QUERY_CELLS:
        raise Invalid(
            "ektis.bbox.too-large", field="bbox", params={"cells": needed, "limit": MAX_QUERY_CELLS}
        )
    items = _read(_ids_in(box))
    parcels = sorted(
        (Parcel.model_validate(record(item)) for item in items), key=lambda p: p.parcel_id
    )
    return ParcelMap(bbox=list(box), cells=needed, parcels=parcels)
