"""Subsidy rates held as data (A4; seed 004 §5.1.12–5.1.13) and the arithmetic of one line.

The rates of each season are in `data/subsidy_rates.json`: per crop (per hectare) or per animal
(per head), the amount paid to the subject (`rate`) and the part spent on inputs bought from a
supplier (`inputRate`). A season without rates is a 422 naming `season`.

Rounding, as told to the subject: each line is quantity × rate, rounded half-up to the qəpik
(0.01 AZN); the declaration's total is the sum of the rounded lines (so the lines shown add up
to the total shown). Quantities: hectares to 4 decimals (1 m²), heads as whole numbers.
"""

from __future__ import annotations

import functools
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from egov.ektis import texts  # noqa: F401  (registers the problems' texts)
from egov.ektis.models import DeclarationLine, LineKind, Source, Unit
from egov.platform.problems import Invalid

RATES = Path(__file__).parent / "data" / "subsidy_rates.json"
QEPIK = Decimal("0.01")
HECTARE = Decimal("0.0001")
ROUNDING = "half-up to 0.01 AZN per line; total = sum of the rounded lines"
ZERO = Decimal("0.00")


@functools.cache
def _seasons() -> dict[str, list[dict[str, Any]]]:
    return dict(json.loads(RATES.read_text(encoding="utf-8"))["seasons"])


def money(value: Decimal) -> Decimal:
    return value.quantize(QEPIK, rounding=ROUND_HALF_UP)


def season_rates(season: int) -> list[dict[str, Any]]:
    """The rates of `season`, or a 422 naming `season`."""
    rates = _seasons().get(str(season))
    if not rates:
        raise Invalid("ektis.subsidy.no-rates", field="season", params={"season": season})
    return rates


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def find(season: int, kind: LineKind, name: str | None) -> dict[str, Any] | None:
    """The rate for what the subject entered (its code, or its name in az or en), if any."""
    if not name:
        return None
    wanted = _key(name)
    for rate in season_rates(season):
        if rate["kind"] == kind and wanted in {
            _key(rate["code"]),
            _key(rate["az"]),
            _key(rate["en"]),
        }:
            return rate
    return None


def quantity_of(unit: Unit, value: float | int | Decimal) -> Decimal:
    number = Decimal(str(value))
    return number.quantize(HECTARE, rounding=ROUND_HALF_UP) if unit == "ha" else number


def line(
    number: int,
    season: int,
    kind: LineKind,
    unit: Unit,
    name: str | None,
    quantity: float | int | Decimal,
    source: Source,
) -> DeclarationLine:
    """One declaration line: the rate found for `name` × `quantity`, with its computation.

    An animal line is `line(n, season, "animal", "head", "cattle", 12, Source(kind="herd",
    id=...))`: the same arithmetic, per head."""
    amount_of = quantity_of(unit, quantity)
    rate = find(season, kind, name)
    if rate is None or rate["unit"] != unit:
        return DeclarationLine(
            line=number,
            kind=kind,
            item="",
            name=name or "",
            unit=unit,
            quantity=amount_of,
            rate=None,
            input_rate=None,
            amount=ZERO,
            input_allowance=ZERO,
            source=source,
            computation=f"{amount_of} {unit}: no {season} rate for “{name or '-'}” = 0.00 AZN",
        )
    per_unit = Decimal(rate["rate"])
    per_unit_inputs = Decimal(rate["inputRate"])
    amount = money(amount_of * per_unit)
    inputs = money(amount_of * per_unit_inputs)
    return DeclarationLine(
        line=number,
        kind=kind,
        item=rate["code"],
        name=name or rate["az"],
        unit=unit,
        quantity=amount_of,
        rate=per_unit,
        input_rate=per_unit_inputs,
        amount=amount,
        input_allowance=inputs,
        source=source,
        computation=(
            f"{amount_of} {unit} × {per_unit:.2f} AZN/{unit} = {amount:.2f} AZN"
            f" (+ inputs {amount_of} {unit} × {per_unit_inputs:.2f} AZN/{unit} = {inputs:.2f} AZN)"
        ),
    )


def totals(lines: list[DeclarationLine]) -> tuple[Decimal, Decimal]:
    """The sums of the rounded amounts and input allowances."""
    return (
        sum((line_.amount for line_ in lines), ZERO),
        sum((line_.input_allowance for line_ in lines), ZERO),
    )
