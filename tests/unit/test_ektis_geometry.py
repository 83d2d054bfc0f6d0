"""EKTİS parcel geometry (A8): GeoJSON checked with shapely, area on an equal-area projection
against the declared area, overlaps that are land and touching edges that are not."""

from __future__ import annotations

import math
from typing import Any

import pytest
from shapely.geometry import shape

from egov.ektis import cells, geometry
from egov.platform.problems import Invalid


def square(west: float, south: float, size: float = 0.01) -> dict[str, Any]:
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def refused(value: Any) -> Invalid:
    with pytest.raises(Invalid) as caught:
        geometry.parse(value)
    return caught.value


def test_a8_bow_tie_is_refused_as_self_intersecting_naming_the_field() -> None:
    bow_tie = {
        "type": "Polygon",
        "coordinates": [[[47.0, 40.0], [47.01, 40.01], [47.01, 40.0], [47.0, 40.01], [47.0, 40.0]]],
    }
    problem = refused(bow_tie)
    assert problem.key == "ektis.geometry.self-intersecting"
    assert problem.field == "geometry"
    assert problem.params["where"] == "47.005 40.005"


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ({"type": "Point", "coordinates": [47.0, 40.0]}, "ektis.geometry.type"),
        ({"type": "Polygon", "coordinates": []}, "ektis.geometry.type"),
        (
            {"type": "Polygon", "coordinates": [[[47, 40], [47.01, 40], [47, 40]]]},
            "ektis.geometry.ring-short",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[47, 40], [47.01, 40], [47.01, 40.01], [47, 40.01]]],
            },
            "ektis.geometry.not-closed",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[47, 40], [47.01, 40], [47.01, 40.01], [47, 40.01], [47, 40.001]]],
            },
            "ektis.geometry.not-closed",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[47, 40], ["47.01", 40], [47.01, 40.01], [47, 40]]],
            },
            "ektis.geometry.position",
        ),
        (square(30.0, 40.0), "ektis.geometry.outside"),  # Türkiye, not Azerbaijan
        (square(50.645, 40.0), "ektis.geometry.outside"),  # crosses the eastern edge into the sea
    ],
)
def test_g7_bad_geojson_is_refused_naming_geometry(value: Any, key: str) -> None:
    problem = refused(value)
    assert (problem.key, problem.field) == (key, "geometry")


def test_a8_nakhchivan_is_inside_azerbaijan() -> None:
    assert geometry.parse(square(45.40, 39.20)).area_m2 > 0


def test_a8_area_is_the_ellipsoidal_area() -> None:
    """The projection keeps area: a 0.01° cell's area equals the closed-form area of the WGS84
    ellipsoid between its parallels (authalic sphere), to a square centimetre."""
    parcel = geometry.parse(square(47.0, 40.0))
    radius = geometry.AUTHALIC_RADIUS
    exact = (
        radius**2
        * math.radians(0.01)
        * (math.sin(geometry.authalic(40.01)) - math.sin(geometry.authalic(40.0)))
    )
    assert parcel.area_m2 == pytest.approx(exact, abs=0.01)
    # About 94.8 ha; a plate carrée "area" in degrees times 111 km² would say 123 ha.
    assert parcel.area_m2 / 10_000 == pytest.approx(94.81, abs=0.01)


def test_a8_area_tolerance_is_the_perimeter_buffer_at_its_edges() -> None:
    parcel = geometry.parse(square(47.0, 40.0, size=0.002))  # about 170 m × 222 m
    allowed = geometry.tolerance_m2(parcel)
    assert allowed == pytest.approx(parcel.perimeter_m * 1.25)
    at_edge = (parcel.area_m2 + allowed * 0.999) / 10_000
    beyond = (parcel.area_m2 + allowed * 1.001) / 10_000
    geometry.check_area(parcel, at_edge)
    geometry.check_area(parcel, (parcel.area_m2 - allowed * 0.999) / 10_000)
    with pytest.raises(Invalid) as caught:
        geometry.check_area(parcel, beyond)
    assert (caught.value.key, caught.value.field) == ("ektis.geometry.area-mismatch", "areaHa")
    with pytest.raises(Invalid):
        geometry.check_area(parcel, (parcel.area_m2 - allowed * 1.001) / 10_000)


def test_a8_area_tolerance_is_capped_at_one_hectare() -> None:
    big = geometry.parse(square(47.0, 40.0, size=0.05))  # about 20 km of boundary
    assert geometry.tolerance_m2(big) == 10_000
    with pytest.raises(Invalid):
        geometry.check_area(big, big.area_m2 / 10_000 + 1.01)


def test_a8_overlap_is_land_touching_edges_and_corners_are_not() -> None:
    one = shape(square(47.0, 40.0))
    overlapping = shape(square(47.005, 40.0))  # half of it over `one`
    along_edge = shape(square(47.01, 40.0))
    at_corner = shape(square(47.01, 40.01))
    apart = shape(square(47.02, 40.0))
    half = geometry.parse(square(47.0, 40.0)).area_m2 / 2
    assert geometry.overlap_m2(one, overlapping) == pytest.approx(half, rel=1e-4)
    assert geometry.overlap_m2(one, along_edge) == 0
    assert geometry.overlap_m2(one, at_corner) == 0
    assert geometry.overlap_m2(one, apart) == 0


def test_a8_geohash_cells_are_the_standard_ones() -> None:
    assert cells.encode(-5.6, 42.6) == "ezs42"  # the geohash reference example
    assert cells.encode(49.8671, 40.4093) == "tp5my"  # Baku
    assert cells.covering((47.0, 40.0, 47.001, 40.001)) == [cells.encode(47.0, 40.0)]
    assert len(cells.covering((47.0, 40.0, 47.05, 40.05))) == 4
