"""The geohash cells of the parcel map index (A8).

Each parcel is indexed under every cell its bounding box covers, at one fixed precision; a
bounding-box query reads only the cells of the box, one DynamoDB Query per cell, never the
registry. Precision 5 (cells of 0.044° × 0.044°, about 3.7 km × 4.9 km at Azerbaijan's latitudes)
puts a farm field in one to four cells and a district map view in a few dozen.
"""

from __future__ import annotations

import math

PRECISION = 5
_BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"
_LON_BITS = (PRECISION * 5 + 1) // 2
_LAT_BITS = PRECISION * 5 // 2
CELL_LON = 360 / 2**_LON_BITS
CELL_LAT = 180 / 2**_LAT_BITS


def _code(lon_index: int, lat_index: int) -> str:
    """Interleave the bits (longitude first, as geohash does) and spell them in base 32."""
    bits = 0
    lon_bit, lat_bit = _LON_BITS, _LAT_BITS
    for position in range(PRECISION * 5):
        bits <<= 1
        if position % 2 == 0:
            lon_bit -= 1
            bits |= (lon_index >> lon_bit) & 1
        else:
            lat_bit -= 1
            bits |= (lat_index >> lat_bit) & 1
    return "".join(_BASE32[(bits >> (5 * i)) & 31] for i in reversed(range(PRECISION)))


def _index(value: float, origin: float, size: float, count: int) -> int:
    return min(count - 1, max(0, math.floor((value - origin) / size)))


def _ranges(
    bbox: tuple[float, float, float, float],
) -> tuple[range, range]:
    west, south, east, north = bbox
    lon = range(
        _index(west, -180, CELL_LON, 2**_LON_BITS), _index(east, -180, CELL_LON, 2**_LON_BITS) + 1
    )
    lat = range(
        _index(south, -90, CELL_LAT, 2**_LAT_BITS), _index(north, -90, CELL_LAT, 2**_LAT_BITS) + 1
    )
    return lon, lat


def count(bbox: tuple[float, float, float, float]) -> int:
    lon, lat = _ranges(bbox)
    return len(lon) * len(lat)


def covering(bbox: tuple[float, float, float, float]) -> list[str]:
    """The geohash cells a (west, south, east, north) box touches."""
    lon, lat = _ranges(bbox)
    return [_code(i, j) for i in lon for j in lat]


def encode(lon: float, lat: float) -> str:
    return covering((lon, lat, lon, lat))[0]
