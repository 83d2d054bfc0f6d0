"""The reconciliation ledger (A10, seed 004 §3.2.6): one fact per declared parcel, drawn
declaration and purchase or sale of produce, filed under its district and year as it is written.

A report names districts and a period; it reads the partitions `FACTS#<district>#<year>` it
covers, each between the period's first and last day, and nothing else: its cost grows with the
facts reported on, not with the registry (bench/report_reads.py prints the reads).

A fact is written in the transaction of the record it describes, so the ledger never misses a
committed record nor holds one that was not committed.

Items (EKTIS_TABLE):
    FACTS#<region>#<yyyy> / <yyyy-mm-dd>#<kind>#<id>    the fact (`Fact`)
    FACT-OF#<kind>#<id> / FACT                           where a correctable record's fact is
    SUBJECT#<subjectId> / HOLDING                        the district of the subject's holding:
                                                         that of its first declared parcel
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from egov.ektis import rates, regions
from egov.ektis.models import Declaration, Parcel, Subject, Trade
from egov.ektis.report_models import Fact, FactLine
from egov.ektis.subjects import TABLE, subject_pk
from egov.platform import clock
from egov.platform.problems import Invalid
from egov.platform.repository import Item, Transaction

# Farmers' produce is reconciled in kilograms whatever unit each side entered.
KILOGRAMS = {"kg": 1, "t": 1000}
# The kind a subject is reported under when it has several (a farmer who also supplies inputs).
KIND_ORDER = ("farmer", "procurer", "supplier", "vet", "inseminator", "association", "cooperative")


def partition(region: str, year: int) -> str:
    return f"FACTS#{region}#{year:04d}"


def _day(moment: datetime) -> date:
    return moment.astimezone(clock.BAKU).date()


def party_of(subject: Subject) -> str:
    """The subject's FIN or VÖEN, as the cadastre names a right holder."""
    if subject.legal_entity:
        return subject.legal_entity.voen
    return subject.person.fin if subject.person else ""


def kind_of(subject: Subject) -> str:
    return next(kind for kind in KIND_ORDER if kind in subject.kinds)


def holding_region(subject_id: str) -> str:
    found = TABLE.get(subject_pk(subject_id), "HOLDING")
    return str(found["region"]) if found else regions.unknown()


def _crop(name: str | None, season: int) -> str:
    """The rate table's code for a crop entered in az or en (wheat for buğda), else as entered."""
    if not name:
        return "-"
    try:
        found = rates.find(season, "crop", name)
    except Invalid:  # a season without rates: the crop as entered
        found = None
    return str(found["code"]) if found else " ".join(name.split()).casefold()


def _put(tx: Transaction, fact: Fact) -> tuple[str, str]:
    pk = partition(fact.region, fact.date.year)
    sk = f"{fact.date.isoformat()}#{fact.kind}#{fact.record_id}"
    tx.put(TABLE, {"pk": pk, "sk": sk, **fact.model_dump(mode="json", by_alias=True)}, new=False)
    return pk, sk


def parcel(tx: Transaction, parcel: Parcel, subject: Subject) -> None:
    """A declared parcel: its district (and the holding's, if it is the subject's first)."""
    region = regions.of_box(parcel.bbox)
    if not TABLE.get(subject_pk(subject.subject_id), "HOLDING"):
        tx.put(
            TABLE,
            {"pk": subject_pk(subject.subject_id), "sk": "HOLDING", "region": region},
            new=False,
        )
    day = _day(parcel.declared_at)
    _put(
        tx,
        Fact(
            kind="parcel",
            record_id=parcel.parcel_id,
            subject_id=subject.subject_id,
            subject_kind=kind_of(subject),
            party=party_of(subject),
            region=region,
            date=day,
            crop=_crop(parcel.crop, day.year),
            cadastre_id=parcel.cadastre_id,
            area_ha=parcel.area_ha,
            category=parcel.category,
        ),
    )


def declaration(tx: Transaction, declaration: Declaration, subject: Subject) -> None:
    """A drawn declaration: its animal lines are reconciled with the livestock registry."""
    animals: dict[str, int] = {}
    for line in declaration.lines:
        if line.kind == "animal" and line.item:
            animals[line.item] = animals.get(line.item, 0) + int(line.quantity)
    _put(
        tx,
        Fact(
            kind="declaration",
            record_id=declaration.declaration_id,
            subject_id=subject.subject_id,
            subject_kind=kind_of(subject),
            party=party_of(subject),
            region=holding_region(subject.subject_id),
            date=_day(declaration.drawn_at),
            season=declaration.season,
            animals=animals,
            drawn_at=declaration.drawn_at,
        ),
    )


def _lines(trade: Trade) -> list[FactLine]:
    return [
        FactLine(
            product=line.product,
            name=" ".join(line.name.split()).casefold(),
            crop=_crop(line.name, trade.date.year),
            kilograms=line.quantity * KILOGRAMS[line.unit] if line.unit in KILOGRAMS else None,
            quantity=line.quantity,
            unit=line.unit,
        )
        for line in trade.lines
    ]


def trade_fact(trade: Trade, farmer_id: str, buyer_id: str | None, region: str) -> Fact:
    return Fact(
        kind=trade.kind,
        record_id=trade.transaction_id,
        subject_id=trade.subject_id,
        subject_kind="procurer" if trade.kind == "purchase" else "farmer",
        party=trade.counterparty,
        region=region,
        date=trade.date,
        farmer_subject_id=farmer_id,
        buyer_subject_id=buyer_id,
        lines=_lines(trade),
    )


def trade(tx: Transaction, trade: Trade, subject: Subject, other: Subject | None) -> None:
    """A procurer's purchase from a farmer or a farmer's sale of produce, under the farmer's
    district: the two sides of one sale meet in one partition."""
    if trade.kind not in ("purchase", "sale"):
        return
    farmer, buyer = (other, subject) if trade.kind == "purchase" else (subject, other)
    if farmer is None:
        return
    fact = trade_fact(
        trade,
        farmer.subject_id,
        buyer.subject_id if buyer else None,
        holding_region(farmer.subject_id),
    )
    pk, sk = _put(tx, fact)
    tx.put(
        TABLE,
        {"pk": f"FACT-OF#{trade.kind}#{trade.transaction_id}", "sk": "FACT", "at": [pk, sk]},
        new=False,
    )


def located(kind: str, record_id: str) -> tuple[Item, Item] | None:
    """A correctable record's fact and where it is, or None."""
    pointer = TABLE.get(f"FACT-OF#{kind}#{record_id}", "FACT")
    if not pointer:
        return None
    pk, sk = pointer["at"]
    fact = TABLE.get(pk, sk)
    return (pointer, fact) if fact else None


def replace(tx: Transaction, old: Item, fact: Fact) -> None:
    """Put a corrected record's fact where the old one was (the date may move it)."""
    pk, sk = _put(tx, fact)
    if (pk, sk) != (old["pk"], old["sk"]):
        tx.delete(TABLE, old["pk"], old["sk"])
        tx.put(
            TABLE,
            {"pk": f"FACT-OF#{fact.kind}#{fact.record_id}", "sk": "FACT", "at": [pk, sk]},
            new=False,
        )


def plain_fact(item: dict[str, Any]) -> Fact:
    return Fact.model_validate({k: v for k, v in item.items() if k not in ("pk", "sk")})
