"""The public list of producers (P5, P9): only approved producers, only keyed queries.

Without filters it is the `APPROVED` partition of `gsi1`; by region the region's partition of
`gsi2`; by product the product's partition of `gsi1`, narrowed by region with a key prefix. A
producer leaves every list when it is not approved any more (its index keys are removed in the
transaction that changes its status), so no filter on status is ever needed.

Each entry says who vouches for it (P5: "Onun Potensial istehsalçı olduğunu Kənd Təsərrüfatı
Nazirliyi təsdiq etməlidir"): `verification` (`records.verification_of`) and its text in the
reader's language, so a seller is never taken for a ministry-verified producer.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from egov.platform import i18n
from egov.producers.catalog import Offer, ProductCode
from egov.producers.models import Model, RegistrantKind
from egov.producers.records import (
    APPROVED,
    PRODUCERS,
    ListedOffer,
    ProducerRecord,
    Verification,
    region_key,
)

PAGE = 20


class PublicProducer(Model):
    id: str
    name: str
    region: str
    kind: RegistrantKind
    verification: Verification = Field(description="P5: who vouches for the entry")
    verification_text: str
    offer: Offer | None = None


class ProducerList(Model):
    items: list[PublicProducer]
    cursor: str | None = None


def public_list(
    *,
    lang: i18n.Lang = i18n.DEFAULT,
    region: str | None = None,
    product: ProductCode | None = None,
    cursor: str | None = None,
    limit: int = PAGE,
) -> ProducerList:
    if product:
        prefix = f"{region_key(region)}#" if region else None
        page = PRODUCERS.query(
            f"PRODUCT#{product}", index="gsi1", sk_prefix=prefix, cursor=cursor, limit=limit
        )
        items = [_from_offer(ListedOffer.model_validate(line), lang) for line in page.items]
    elif region:
        page = PRODUCERS.query(region_key(region), index="gsi2", cursor=cursor, limit=limit)
        items = [_from_record(ProducerRecord.model_validate(r), lang) for r in page.items]
    else:
        page = PRODUCERS.query(APPROVED, index="gsi1", cursor=cursor, limit=limit)
        items = [_from_record(ProducerRecord.model_validate(r), lang) for r in page.items]
    return ProducerList(items=items, cursor=page.cursor)


def _vouched(kind: RegistrantKind, verification: Verification, lang: i18n.Lang) -> dict[str, Any]:
    return {
        "kind": kind,
        "verification": verification,
        "verification_text": i18n.text(f"producers.verification.{verification}", lang),
    }


def _from_record(record: ProducerRecord, lang: i18n.Lang) -> PublicProducer:
    return PublicProducer(
        id=record.id,
        name=record.display_name,
        region=record.region,
        **_vouched(record.kind, record.verification, lang),
    )


def _from_offer(line: ListedOffer, lang: i18n.Lang) -> PublicProducer:
    return PublicProducer(
        id=line.producer_id,
        name=line.display_name,
        region=line.region,
        **_vouched(line.kind, line.verification, lang),
        offer=Offer(code=line.code, quantity=line.quantity, unit=line.unit, season=line.season),
    )
