"""A land parcel's geometry (A8): a GeoJSON polygon checked with shapely, its area on an
equal-area projection, and the overlap of two parcels.

Area. Degrees are not a plane, so the polygon is projected before shapely measures it: onto the
Lambert azimuthal equal-area projection centred on the parcel, taken on the authalic sphere of
the WGS84 ellipsoid (Snyder, "Map Projections – A Working Manual", USGS 1395, §3 and §24). The
authalic latitude keeps every area of the ellipsoid, the azimuthal projection keeps every area of
the sphere, so the plane area is the ellipsoidal area, whatever the zone or the district; centred
on the parcel the shape distortion is nil for fields a few kilometres across. Written here in a
dozen lines instead of adding pyproj (the PROJ C library and its database, in every Lambda
of the layer) for one projection.

Tolerance. A parcel traced on an orthophoto or walked with a GPS receiver is off by about a metre
along its whole boundary, so its area error grows with the perimeter, not with the area. The
rule is the EU's IACS technical tolerance for measured agricultural parcels (Delegated
Regulation (EU) No 640/2014, art. 38): a 1.25 m buffer along the perimeter, at most 1 ha.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon

from egov.ektis import texts  # noqa: F401  (registers the problems' texts)
from egov.platform.problems import Invalid

FIELD = "geometry"
# Azerbaijan with the Nakhchivan exclave, a little wider than its extreme points.
AZERBAIJAN = (44.76, 38.38, 50.65, 41.92)
BUFFER_M = 1.25
MAX_TOLERANCE_M2 = 10_000.0
# Intersections smaller than this are rounding, not land: two parcels sharing an edge.
OVERLAP_MIN_M2 = 0.01

_A = 6_378_137.0
_E2 = 0.00669437999014
_E = math.sqrt(_E2)


def _q(phi: Any) -> Any:
    s = np.sin(phi)
    return (1 - _E2) * (s / (1 - _E2 * s * s) - np.log((1 - _E * s) / (1 + _E * s)) / (2 * _E))


_QP = float(_q(math.pi / 2))
AUTHALIC_RADIUS = _A * math.sqrt(_QP / 2)


def authalic(lat: Any) -> Any:
    """The authalic latitude (radians) of geodetic latitudes in degrees."""
    return np.arcsin(np.clip(_q(np.radians(lat)) / _QP, -1.0, 1.0))


@dataclass(frozen=True)
class Parcel:
    """A checked polygon in degrees, with its area and perimeter in metres."""

    shape: Polygon
    area_m2: float
    perimeter_m: float

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        minx, miny, maxx, maxy = self.shape.bounds
        return minx, miny, maxx, maxy


def planar(shape: Any, centre: tuple[float, float]) -> Any:
    """`shape` on the equal-area plane (metres) centred on `centre` (lon, lat)."""
    b0 = authalic(centre[1])
    sin_b0, cos_b0 = np.sin(b0), np.cos(b0)
    lam0 = math.radians(centre[0])

    def project(lonlat: Any) -> Any:
        b = authalic(lonlat[:, 1])
        dl = np.radians(lonlat[:, 0]) - lam0
        cos_dl = np.cos(dl)
        k = np.sqrt(2 / (1 + sin_b0 * np.sin(b) + cos_b0 * np.cos(b) * cos_dl))
        x = AUTHALIC_RADIUS * k * np.cos(b) * np.sin(dl)
        y = AUTHALIC_RADIUS * k * (cos_b0 * np.sin(b) - sin_b0 * np.cos(b) * cos_dl)
        return np.column_stack([x, y])

    return shapely.transform(shape, project)


def _positions(ring: Any) -> list[tuple[float, float]]:
    if not isinstance(ring, list) or len(ring) < 4:
        raise Invalid("ektis.geometry.ring-short", field=FIELD)
    points = []
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) not in (2, 3)
            or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in position)
            or not all(math.isfinite(c) for c in position)
        ):
            raise Invalid("ektis.geometry.position", field=FIELD)
        points.append((float(position[0]), float(position[1])))
    if points[0] != points[-1]:
        raise Invalid("ektis.geometry.not-closed", field=FIELD)
    return points


def parse(geometry: Any) -> Parcel:
    """The parcel of a GeoJSON Polygon, or a 422 naming `geometry` (G7): closed rings of
    [lon, lat] positions, a valid polygon (no self-intersection), inside Azerbaijan."""
    if (
        not isinstance(geometry, dict)
        or geometry.get("type") != "Polygon"
        or not isinstance(geometry.get("coordinates"), list)
        or not geometry["coordinates"]
    ):
        raise Invalid("ektis.geometry.type", field=FIELD)
    rings = [_positions(ring) for ring in geometry["coordinates"]]
    shape = Polygon(rings[0], rings[1:])
    minx, miny, maxx, maxy = shape.bounds
    west, south, east, north = AZERBAIJAN
    if minx < west or miny < south or maxx > east or maxy > north:
        raise Invalid("ektis.geometry.outside", field=FIELD)
    if not shape.is_valid:
        reason = shapely.is_valid_reason(shape)
        if reason.startswith(("Self-intersection", "Ring Self-intersection")):
            where = reason.partition("[")[2].rstrip("]")
            raise Invalid("ektis.geometry.self-intersecting", field=FIELD, params={"where": where})
        raise Invalid("ektis.geometry.invalid", field=FIELD, params={"reason": reason})
    centre = shape.centroid
    flat = planar(shape, (centre.x, centre.y))
    return Parcel(shape, float(flat.area), float(flat.length))


def tolerance_m2(parcel: Parcel) -> float:
    return min(parcel.perimeter_m * BUFFER_M, MAX_TOLERANCE_M2)


def check_area(parcel: Parcel, declared_ha: float, field: str = "areaHa") -> None:
    """Refuse (422 naming `field`) a declared area further from the mapped one than the
    perimeter tolerance."""
    declared_m2 = declared_ha * 10_000
    allowed = tolerance_m2(parcel)
    if abs(parcel.area_m2 - declared_m2) > allowed:
        raise Invalid(
            "ektis.geometry.area-mismatch",
            field=field,
            params={
                "computedHa": round(parcel.area_m2 / 10_000, 4),
                "declaredHa": declared_ha,
                "toleranceHa": round(allowed / 10_000, 4),
            },
        )


def overlap_m2(one: Polygon, other: Polygon) -> float:
    """The area two parcels share, in m²; 0 when they only touch along an edge or a corner."""
    if not one.intersects(other):
        return 0.0
    common = one.intersection(other)
    if common.is_empty or common.area == 0:
        return 0.0
    centre = common.centroid
    area = float(planar(common, (centre.x, centre.y)).area)
    return area if area >= OVERLAP_MIN_M2 else 0.0
