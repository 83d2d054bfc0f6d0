"""The public list of producers (P5, P9): only approved producers, only keyed queries.

Without filters it is the `APPROVED` partition of `gsi1`; by region the region's partition of
`gsi2`; by product the product's partition of `gsi1`, narrowed by region with a key prefix. A
producer leaves every list when it is not approved any more (its index keys are removed in the
transaction that changes its status), so no filter on status is ever needed.
"""

from __future__ import annotations

from typing import Any

from egov.producers.catalog import Offer, ProductCode
from egov.producers.models import Model
from egov.producers.records import APPROVED, PRODUCERS, region_key

PAGE = 20


class PublicProducer(Model):
    id: str
    name: str
    region: str
    offer: Offer | None = None


class ProducerList(Model):
    items: list[PublicProducer]
    cursor: str | None = None


def public_list(
    *,
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
        items = [_from_offer(line) for line in page.items]
    elif region:
        page = PRODUCERS.query(region_key(region), index="gsi2", cursor=cursor, limit=limit)
        items = [_from_record(r) for r in page.items]
    else:
        page = PRODUCERS.query(APPROVED, index="gsi1", cursor=cursor, limit=limit)
        items = [_from_record(r) for r in page.items]
    return ProducerList(items=items, cursor=page.cursor)


def _from_record(record: dict[str, Any]) -> PublicProducer:
    return PublicProducer(id=record["id"], name=record["displayName"], region=record["region"])


def _from_offer(line: dict[str, Any]) -> PublicProducer:
    return PublicProducer(
        id=line["producerId"],
        name=line["displayName"],
        region=line["region"],
        offer=Offer(
            code=line["code"], quantity=line["quantity"], unit=line["unit"], season=line["season"]
        ),
    )
