"""The districts EKTİS reports by (A10): ISO 3166-2:AZ codes with their names in az and en.

A parcel belongs to the district whose area holds the centre of its bounding box; the areas in
data/regions.json are demo rectangles (stated there). A point in none of them is `AZ-XX`, a
district not determined, reported as such rather than dropped.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

REGIONS = Path(__file__).parent / "data" / "regions.json"


@functools.cache
def _data() -> dict[str, Any]:
    return dict(json.loads(REGIONS.read_text(encoding="utf-8")))


def unknown() -> str:
    return str(_data()["unknown"]["code"])


def codes() -> list[str]:
    """Every district a report may name, the undetermined one last."""
    return [region["code"] for region in _data()["regions"]] + [unknown()]


def name(code: str, lang: str = "az") -> str:
    for region in [*_data()["regions"], _data()["unknown"]]:
        if region["code"] == code:
            return str(region[lang])
    return code


def at(lon: float, lat: float) -> str:
    for region in _data()["regions"]:
        west, south, east, north = region["box"]
        if west <= lon <= east and south <= lat <= north:
            return str(region["code"])
    return unknown()


def of_box(bbox: list[float]) -> str:
    west, south, east, north = bbox
    return at((west + east) / 2, (south + north) / 2)
