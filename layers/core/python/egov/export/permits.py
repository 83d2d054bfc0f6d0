"""Which permits exported goods need (X4; seed 001 part 2, §4.2.1-4.2.5, §10.3.3.5).

The rules are data (`data/permits.json`): a permit applies when an item's HS chapter is one of
its chapters or the item carries one of its flags. One permit covers every item it applies to.
The table also says what an agency's silence past the deadline means (`onSilence`).
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from egov.export.models import GoodsItem, Permit

RULES_FILE = Path(__file__).parent / "data" / "permits.json"


@cache
def rules() -> list[dict[str, Any]]:
    return list(json.loads(RULES_FILE.read_text(encoding="utf-8"))["permits"])


def chapter(hs_code: str) -> str:
    return hs_code[:2]


def required(goods: list[GoodsItem], deadline: datetime) -> list[Permit]:
    """The permits the goods need, in the table's order, each with the items it covers."""
    found = []
    for rule in rules():
        items = [
            index
            for index, item in enumerate(goods)
            if chapter(item.hs_code) in rule["chapters"] or set(item.flags) & set(rule["flags"])
        ]
        if items:
            found.append(
                Permit(
                    code=rule["code"],
                    agency=rule["agency"],
                    clause=rule["clause"],
                    name=rule["name"],
                    why=rule["why"],
                    items=items,
                    on_silence=rule["onSilence"],
                    deadline=deadline,
                )
            )
    return found


def agencies() -> list[str]:
    """Every agency the rules send requests to."""
    return sorted({rule["agency"] for rule in rules()})
