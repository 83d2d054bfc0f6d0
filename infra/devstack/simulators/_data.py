"""The simulators' demo data (documented in docs/simulators.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def load(name: str) -> Any:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def failures(system: str) -> dict[str, list[str]]:
    return dict(load("failures")[system])
