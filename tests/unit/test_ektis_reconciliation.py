"""The reconciliation rules and the report's chart, without AWS (issue 17 item 4; A10).

Seed 004 §3.2.6: "bir neçə mənbədən əldə edilmiş məlumatların ... üzləşdirilməsi, üzləşdirmə
zamanı aşkar edilən uyğunsuzluqların hesabatlarda öz əksini tapması".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from typing import Any

from egov.ektis import charts, reconciliation, regions
from egov.ektis.report_models import Fact
from egov.platform.adapters.cadastre import CadastreParcel

SVG = "{http://www.w3.org/2000/svg}"


def parcel(**overrides: Any) -> Fact:
    return Fact.model_validate(
        {
            "kind": "parcel",
            "recordId": "p1",
            "subjectId": "s1",
            "subjectKind": "farmer",
            "party": "4JW6S1L",
            "region": "AZ-SAK",
            "date": date(2026, 5, 4),
            "crop": "wheat",
            "cadastreId": "AZ-SEKI-0101",
            "areaHa": 4.0,
            "category": "agricultural",
            **overrides,
        }
    )


def registered(**overrides: Any) -> CadastreParcel:
    return CadastreParcel.model_validate(
        {
            "cadastreId": "AZ-SEKI-0101",
            "region": "AZ-SAK",
            "areaHa": 4.0,
            "category": "agricultural",
            "holder": "4JW6S1L",
            "right": "ownership",
            **overrides,
        }
    )


def test_a10_a_parcel_that_agrees_with_the_cadastre_is_no_mismatch_within_two_percent() -> None:
    assert reconciliation.parcel(parcel(areaHa=4.08), registered()) == []
    (over,) = reconciliation.parcel(parcel(areaHa=4.09), registered())
    assert (over.kind, over.expected, over.found) == (
        "parcel-area-exceeds-cadastre",
        "4.0 ha",
        "4.09 ha",
    )


def test_a10_each_disagreement_with_the_cadastre_is_its_own_mismatch() -> None:
    found = reconciliation.parcel(
        parcel(category="agricultural", party="2HQ4R7T"),
        registered(category="pasture"),
    )
    assert [m.kind for m in found] == ["parcel-category-differs", "parcel-holder-differs"]
    (missing,) = reconciliation.parcel(parcel(), None)
    assert (missing.kind, missing.other, missing.record) == (
        "parcel-not-in-cadastre",
        "cadastre#AZ-SEKI-0101",
        "parcel#p1",
    )


def test_a10_declared_animals_against_the_registry_rewound_by_movements() -> None:
    drawn = datetime(2026, 5, 1, tzinfo=UTC)
    kept = [
        {"species": "cattle", "registeredAt": "2026-04-01T00:00:00+00:00"},
        {"species": "cattle", "registeredAt": "2026-04-02T00:00:00+00:00"},
        # registered after the declaration: not held when it was drawn
        {"species": "cattle", "registeredAt": "2026-06-01T00:00:00+00:00"},
    ]
    moves = [
        # moved out after the declaration: it was held then
        {"earTag": "T1", "fromSubjectId": "s1", "recordedAt": "2026-05-10T00:00:00+00:00"},
        # moved in after the declaration (one of the kept): not held then
        {"earTag": "T2", "fromSubjectId": "s9", "recordedAt": "2026-05-11T00:00:00+00:00"},
    ]
    held = reconciliation.held_at(kept, moves, lambda tag: "cattle", "s1", drawn)
    assert held == {"cattle": 2}
    fact = Fact.model_validate(
        {
            "kind": "declaration",
            "recordId": "d1",
            "subjectId": "s1",
            "subjectKind": "farmer",
            "party": "4JW6S1L",
            "region": "AZ-SAK",
            "date": date(2026, 5, 1),
            "animals": {"cattle": 3, "sheep": 0},
            "drawnAt": drawn,
        }
    )
    (more,) = reconciliation.animals(fact, lambda keeper, moment: held)
    assert (more.kind, more.expected, more.found) == (
        "animals-declared-not-held",
        "2 cattle",
        "3 cattle",
    )
    assert reconciliation.animals(fact, lambda keeper, moment: {"cattle": 3}) == []


def trade(kind: str, record: str, amount: float, unit: str = "t", buyer: str = "b1") -> Fact:
    return Fact.model_validate(
        {
            "kind": kind,
            "recordId": record,
            "subjectId": "b1" if kind == "purchase" else "f1",
            "subjectKind": "procurer" if kind == "purchase" else "farmer",
            "party": "X",
            "region": "AZ-SAK",
            "date": date(2026, 7, 1),
            "farmerSubjectId": "f1",
            "buyerSubjectId": buyer,
            "lines": [
                {
                    "product": "produce",
                    "name": "buğda",
                    "crop": "wheat",
                    "kilograms": amount * (1000 if unit == "t" else 1),
                    "quantity": amount,
                    "unit": unit,
                }
            ],
        }
    )


def test_a10_purchases_meet_sales_in_kilograms_whatever_unit_each_side_entered() -> None:
    tallies: dict[str, dict[str, Any]] = {}
    reconciliation.tally([trade("purchase", "p1", 10), trade("sale", "s1", 10_000, "kg")], tallies)
    assert reconciliation.trades(tallies) == []
    # the tallies of two pages add up (a report's steps)
    reconciliation.tally([trade("purchase", "p2", 2)], tallies)
    (differs,) = reconciliation.trades(tallies)
    assert (differs.kind, differs.record, differs.other) == (
        "purchase-sale-quantity-differs",
        "purchase#p1,purchase#p2",
        "sale#s1",
    )
    lonely: dict[str, dict[str, Any]] = {}
    reconciliation.tally([trade("purchase", "p3", 1, buyer="b2"), trade("sale", "s3", 1)], lonely)
    assert sorted(m.kind for m in reconciliation.trades(lonely)) == [
        "purchase-without-sale",
        "sale-without-purchase",
    ]


def test_a10_the_chart_is_well_formed_svg_with_escaped_labels_and_values() -> None:
    svg = charts.bars("Sahə <ha>", "demo", [("Şəki & Qax", 12.5), ("Quba", 0)])
    drawn = ET.fromstring(svg)
    assert drawn.find(f"{SVG}title").text == "Sahə <ha>"  # type: ignore[union-attr]
    titles = [t.text for t in drawn.iter(f"{SVG}title")][1:]
    assert titles == ["Şəki & Qax: 12.5", "Quba: 0"]
    assert ET.fromstring(charts.bars("t", "d", [])).tag == f"{SVG}svg"


def test_a10_districts_are_iso_3166_2_az_codes_and_a_point_outside_is_undetermined() -> None:
    assert regions.at(47.17, 41.10) == "AZ-SAK"
    assert regions.at(30.0, 10.0) == "AZ-XX" == regions.codes()[-1]
    assert regions.name("AZ-SAK", "en") == "Shaki"
