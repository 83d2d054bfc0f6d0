"""Subsidy rates held as data and the arithmetic of a declaration line (issue 17 item 1; A4).

"the amount is computed from rates held as data, per crop/animal and per hectare/head, with the
computation shown to the subject" (issue 17); money is Decimal, rounded half-up to the qəpik per
line, the total the sum of the rounded lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from egov.ektis import rates
from egov.ektis.models import Source
from egov.platform.problems import Invalid

PARCEL = Source(kind="parcel", id="p1")


def test_a4_a_line_is_quantity_times_the_rate_with_its_computation_shown() -> None:
    line = rates.line(1, 2026, "crop", "ha", "Buğda", 2.5, PARCEL)
    assert (line.item, line.unit, line.rate, line.amount) == (
        "wheat",
        "ha",
        Decimal("120.00"),
        Decimal("300.00"),
    )
    assert line.input_allowance == Decimal("200.00")
    assert line.computation.startswith("2.5000 ha × 120.00 AZN/ha = 300.00 AZN")
    dumped = line.model_dump(mode="json", by_alias=True)
    assert (dumped["amount"], dumped["rate"], dumped["quantity"]) == ("300.00", "120.00", "2.5000")


def test_a4_rounding_is_half_up_to_the_qepik_per_line_and_the_total_adds_the_lines() -> None:
    # 0.0002 ha × 125.00 AZN = 0.025 AZN: half-up gives 0.03 (banker's rounding would give 0.02).
    tiny = rates.line(1, 2027, "crop", "ha", "wheat", Decimal("0.0002"), PARCEL)
    assert tiny.amount == Decimal("0.03")
    other = rates.line(2, 2027, "crop", "ha", "wheat", Decimal("0.0002"), PARCEL)
    total, _ = rates.totals([tiny, other])
    assert total == Decimal("0.06")  # the sum of the rounded lines, not round(0.05)
    # Hectares are kept to 1 m² (4 decimals), half-up too.
    assert rates.line(1, 2026, "crop", "ha", "wheat", 1.00005, PARCEL).quantity == Decimal("1.0001")


def test_a4_an_animal_line_is_per_head_with_the_same_arithmetic() -> None:
    herd = Source(kind="herd", id="h1")
    line = rates.line(3, 2026, "animal", "head", "qoyun", 7, herd)
    assert (line.kind, line.unit, line.quantity, line.amount) == (
        "animal",
        "head",
        Decimal(7),
        Decimal("87.50"),
    )
    assert line.source == herd


def test_a4_no_rate_is_a_shown_line_of_zero_and_no_season_is_a_422_naming_season() -> None:
    line = rates.line(1, 2026, "crop", "ha", "zəfəran", 1, PARCEL)
    assert (line.rate, line.amount, line.item) == (None, Decimal("0.00"), "")
    assert "no 2026 rate" in line.computation
    # A crop's name never matches an animal's rate, nor a per-head rate a hectare.
    assert rates.line(1, 2026, "crop", "ha", "cattle", 1, PARCEL).rate is None
    with pytest.raises(Invalid) as refused:
        rates.season_rates(2019)
    assert refused.value.field == "season"
