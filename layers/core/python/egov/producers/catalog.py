"""The products a producer offers (P9), from a classifier shipped as data (products.json).

The classifier lists each product's code (the ISIC/NACE class of the activity and a number),
its name in Azerbaijani and English, and the units it is counted in. A producer's list is
replaced as a whole (`PUT /producers/me/products`); each line is its own item under the
producer, and while the producer is approved it is in `gsi1` under `PRODUCT#<code>`, sorted by
region, so "who offers hazelnuts (in Qəbələ)?" is one keyed query.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from egov.platform import audit
from egov.platform.repository import Item, Transaction
from egov.producers.models import Model
from egov.producers.records import (
    PRODUCERS,
    OfferLine,
    ProducerRecord,
    load,
    producer_pk,
    region_key,
    save,
)

Unit = Literal["ton", "kg", "litre", "piece", "head"]
Season = Literal["spring", "summer", "autumn", "winter", "all-year"]
MAX_PRODUCTS = 40  # one transaction holds them with the record and the audit entry


class ProductInfo(Model):
    code: str
    az: str
    en: str
    units: list[Unit]


@functools.cache
def classifier() -> dict[str, ProductInfo]:
    raw = json.loads((Path(__file__).parent / "products.json").read_text(encoding="utf-8"))
    return {p["code"]: ProductInfo.model_validate(p) for p in raw}


def _known(code: str) -> str:
    if code not in classifier():
        raise PydanticCustomError("producers.product.unknown", "Not in the classifier")
    return code


ProductCode = Annotated[str, AfterValidator(_known)]


class Offer(Model):
    """One product the producer intends to sell (P9)."""

    code: ProductCode
    quantity: float = Field(gt=0, le=1e9)
    unit: Unit
    season: Season

    @model_validator(mode="after")
    def _unit_fits(self) -> Offer:
        if self.unit not in classifier()[self.code].units:
            raise PydanticCustomError("producers.product.unit", "Not a unit of this product")
        return self


class Offers(Model):
    products: list[Offer] = Field(max_length=MAX_PRODUCTS)

    @model_validator(mode="after")
    def _once_each(self) -> Offers:
        codes = [p.code for p in self.products]
        if len(codes) != len(set(codes)):
            raise PydanticCustomError("producers.product.repeated", "A product is repeated")
        return self


class Classifier(Model):
    products: list[ProductInfo]


def _sk(code: str) -> str:
    return f"PRODUCT#{code}"


def _index_keys(record: ProducerRecord, code: str) -> Item:
    """The keys that list an approved producer's offer, with who vouches for it (P5)."""
    return {
        "gsi1pk": _sk(code),
        "gsi1sk": f"{region_key(record.region)}#{record.id}",
        "kind": record.kind,
        "verification": record.verification,
    }


def offers_of(producer_id: str) -> list[OfferLine]:
    items = PRODUCERS.query_all(producer_pk(producer_id), sk_prefix="PRODUCT#")
    return [OfferLine.model_validate(item) for item in items]


def show_products(tx: Transaction, record: ProducerRecord) -> None:
    """Put the producer's products into the public search (in the approval's transaction)."""
    for offer in offers_of(record.id):
        tx.update(
            PRODUCERS, producer_pk(record.id), _sk(offer.code), _index_keys(record, offer.code)
        )


def hide_products(tx: Transaction, producer_id: str) -> None:
    for offer in offers_of(producer_id):
        tx.update(
            PRODUCERS, producer_pk(producer_id), _sk(offer.code), {}, remove=("gsi1pk", "gsi1sk")
        )


def replace(producer_id: str, offers: Offers) -> Offers:
    """The producer's new list; lines no longer offered are deleted, in one transaction."""
    record = load(producer_id)
    current = {o.code for o in offers_of(producer_id)}
    tx = Transaction()
    # The record's version makes a concurrent change of status or list fail instead of mixing.
    save(tx, record)
    for offer in offers.products:
        line = OfferLine(
            **offer.model_dump(),
            producer_id=producer_id,
            display_name=record.display_name,
            region=record.region,
        )
        item: Item = {
            "pk": producer_pk(producer_id),
            "sk": _sk(offer.code),
            **line.model_dump(mode="json", by_alias=True, exclude_none=True),
        }
        if record.status == "approved":
            item.update(_index_keys(record, offer.code))
        tx.put(PRODUCERS, item, new=False)
    for code in current - {o.code for o in offers.products}:
        tx.delete(PRODUCERS, producer_pk(producer_id), _sk(code))
    audit.record(
        tx,
        producer_pk(producer_id),
        "producer-products-changed",
        audit.Actor(producer_id, "citizen"),
        owner=producer_id,
        before={"products": sorted(current)},
        after={"products": [o.code for o in offers.products]},
    )
    tx.commit()
    return offers


def listed(producer_id: str) -> Offers:
    fields = {"code", "quantity", "unit", "season"}
    return Offers(products=[Offer(**o.model_dump(include=fields)) for o in offers_of(producer_id)])
