"""Reconciliation (A10, seed 004 §3.2.6: "bir neçə mənbədən əldə edilmiş məlumatların ...
üzləşdirilməsi, üzləşdirmə zamanı aşkar edilən uyğunsuzluqların hesabatlarda öz əksini
tapması"): the ledger's facts against a second source.

- a declared parcel against the State Land Cadastre's record of its number: missing, larger
  than registered (beyond `AREA_TOLERANCE`), another land category, another right holder;
- a declaration's animal lines against the livestock registry: the head the keeper held when
  the declaration was drawn, counted from the animals kept now and the movements since;
- a procurer's purchases from a farmer against the farmer's sales to that procurer, per
  product, in kilograms, over the report's period.

The functions take the facts of one page and the other source as callables, so the rules are
tested without AWS; `egov.ektis.reports` feeds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from egov.ektis.report_models import Fact, Mismatch
from egov.platform.adapters.cadastre import CadastreParcel

# A declared area within 2 % of the registered one is a measuring difference, not a mismatch.
AREA_TOLERANCE = 0.02


def _mismatch(fact: Fact, kind: str, **fields: Any) -> Mismatch:
    return Mismatch.model_validate(
        {
            "kind": kind,
            "region": fact.region,
            "date": fact.date,
            "subjectId": fact.subject_id,
            "record": f"{fact.kind}#{fact.record_id}",
            "crop": fact.crop,
            "subjectKind": fact.subject_kind,
            **fields,
        }
    )


def parcel(fact: Fact, found: CadastreParcel | None) -> list[Mismatch]:
    """A declared parcel against the cadastre's record of its number (None: no such record)."""
    if found is None:
        return [_mismatch(fact, "parcel-not-in-cadastre", other=f"cadastre#{fact.cadastre_id}")]
    other = f"cadastre#{found.cadastre_id}"
    problems: list[Mismatch] = []
    declared = fact.area_ha or 0
    if declared > found.area_ha * (1 + AREA_TOLERANCE):
        problems.append(
            _mismatch(
                fact,
                "parcel-area-exceeds-cadastre",
                other=other,
                expected=f"{found.area_ha} ha",
                found=f"{declared} ha",
            )
        )
    if fact.category and fact.category != found.category:
        problems.append(
            _mismatch(
                fact,
                "parcel-category-differs",
                other=other,
                expected=found.category,
                found=fact.category,
            )
        )
    if found.holder != fact.party:
        problems.append(
            _mismatch(
                fact,
                "parcel-holder-differs",
                other=other,
                expected=found.holder,
                found=fact.party,
            )
        )
    return problems


def animals(fact: Fact, held: Callable[[str, datetime], dict[str, int]]) -> list[Mismatch]:
    """A declaration's head per species against what the keeper held when it was drawn."""
    if not fact.animals or fact.drawn_at is None:
        return []
    holding = held(fact.subject_id, fact.drawn_at)
    return [
        _mismatch(
            fact,
            "animals-declared-not-held",
            other=f"livestock#{fact.subject_id}",
            expected=f"{holding.get(species, 0)} {species}",
            found=f"{heads} {species}",
        )
        for species, heads in sorted(fact.animals.items())
        if heads > holding.get(species, 0)
    ]


def held_at(
    kept: Iterable[dict[str, Any]],
    moves: Iterable[dict[str, Any]],
    species_of: Callable[[str], str | None],
    keeper: str,
    moment: datetime,
) -> dict[str, int]:
    """The keeper's head per species at `moment`: the animals kept now, registered by then,
    with the movements recorded since rewound (an animal moved out counts, one moved in not)."""
    cutoff = moment.isoformat()
    counts: dict[str, int] = {}
    for animal in kept:
        if animal["registeredAt"] <= cutoff:
            counts[animal["species"]] = counts.get(animal["species"], 0) + 1
    for move in moves:
        if move["recordedAt"] <= cutoff:
            continue
        species = species_of(move["earTag"])
        if species is None:
            continue
        step = 1 if move["fromSubjectId"] == keeper else -1
        counts[species] = max(0, counts.get(species, 0) + step)
    return counts


# ---------------------------------------------------------------- purchases against sales
def _unit(line: Any) -> tuple[str, float]:
    return ("kg", line.kilograms) if line.kilograms is not None else (line.unit, line.quantity)


def tally(facts: Iterable[Fact], into: dict[str, dict[str, Any]]) -> None:
    """Add the page's purchases and sales to the report's tallies, keyed by farmer, buyer,
    crop and unit: each side of one sale lands on the same key."""
    for fact in facts:
        if fact.kind not in ("purchase", "sale") or not fact.buyer_subject_id:
            continue
        for line in fact.lines:
            unit, amount = _unit(line)
            key = "|".join((fact.farmer_subject_id or "", fact.buyer_subject_id, line.crop, unit))
            entry = into.setdefault(
                key,
                {
                    "purchase": 0.0,
                    "sale": 0.0,
                    "records": [],
                    "region": fact.region,
                    "date": fact.date.isoformat(),
                },
            )
            entry[fact.kind] = round(entry[fact.kind] + amount, 6)
            entry["records"] = sorted({*entry["records"], f"{fact.kind}#{fact.record_id}"})
            entry["date"] = min(entry["date"], fact.date.isoformat())


def trades(tallies: dict[str, dict[str, Any]]) -> list[Mismatch]:
    """The keys where the procurer's purchases and the farmer's sales do not agree."""
    found: list[Mismatch] = []
    for key, entry in sorted(tallies.items()):
        farmer, buyer, crop, unit = key.split("|")
        bought, sold = entry["purchase"], entry["sale"]
        if abs(bought - sold) < 1e-6:
            continue
        kind = (
            "sale-without-purchase"
            if not bought
            else "purchase-without-sale"
            if not sold
            else "purchase-sale-quantity-differs"
        )
        purchases = [r for r in entry["records"] if r.startswith("purchase#")]
        sales = [r for r in entry["records"] if r.startswith("sale#")]
        found.append(
            Mismatch.model_validate(
                {
                    "kind": kind,
                    "region": entry["region"],
                    "date": entry["date"],
                    "subjectId": buyer if purchases else farmer,
                    "record": ",".join(purchases or sales),
                    "other": ",".join(sales) or f"sales#{farmer}",
                    "expected": f"{sold:g} {unit} {crop} sold",
                    "found": f"{bought:g} {unit} {crop} bought",
                    "crop": crop,
                    "subjectKind": "procurer" if purchases else "farmer",
                }
            )
        )
    return found
