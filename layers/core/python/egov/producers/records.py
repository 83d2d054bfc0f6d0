"""How producers are kept in ProducersTable (`PRODUCERS_TABLE`), keyed for every read (rule 4).

- `PRODUCER#<id>` / `PROFILE`: the record; the producer's id is also its login account's user id.
  Only while approved it is in `gsi1` under `APPROVED` and in `gsi2` under `REGION#<region>`
  (sort key: registration time and id), so the public lists are keyed queries (P5).
- `PRODUCER#<id>` / `PRODUCT#<code>`: a product the producer offers (P9); while the producer is
  approved it is in `gsi1` under `PRODUCT#<code>`.
- `PRODUCER#<id>` / `ESCALATION#<at>`: a ministry deadline that passed without an answer (P5).
- `MOBILE#<+994…>`, `FIN#<fin>`, `VOEN#<voen>` / `GUARD`: uniqueness guards (P3, P4); the
  username guard is the login account's, in PLATFORM_TABLE.
- `MOBILECONF#<id>` / `CONFIRMATION`: an SMS one-time code (P3), removed by TTL (`expiresAt`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from egov.platform import audit_read
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Item, Table
from egov.producers.models import Producer

PRODUCERS = Table("PRODUCERS_TABLE")
PROFILE = "PROFILE"
APPROVED = "APPROVED"


def producer_pk(producer_id: str) -> str:
    return f"PRODUCER#{producer_id}"


# The ministry verifies producers (P5); its offices and the ASAN centres register them (P6).
HANDLING_AGENCIES = ("MKT", "ASAN")
audit_read.handled_by("PRODUCER", lambda _producer_id: HANDLING_AGENCIES)


def mobile_guard(mobile: str) -> str:
    return f"MOBILE#{mobile}"


def fin_guard(fin: str) -> str:
    return f"FIN#{fin}"


def voen_guard(voen: str) -> str:
    return f"VOEN#{voen}"


def region_of(address: str) -> str:
    """The city or district: the first part of a registry address ("Sumqayıt şəhəri, …")."""
    return address.split(",", 1)[0].strip()


def region_key(region: str) -> str:
    return f"REGION#{region.strip().casefold()}"


def listing_keys(record: Mapping[str, Any]) -> dict[str, str]:
    """The index keys that put an approved producer in the public lists."""
    order = f"{record['registeredAt']}#{record['id']}"
    return {
        "gsi1pk": APPROVED,
        "gsi1sk": order,
        "gsi2pk": region_key(record["region"]),
        "gsi2sk": order,
    }


Verification = Literal["ministry", "in-person", "not-required"]
"""P5 on the public list: `ministry` - a potential producer the Ministry of Agriculture approved
(its verification, or its own office's registration in person); `in-person` - registered at an
ASAN service centre on an identity document (P6), not verified by the ministry; `not-required` -
a seller, whom the seed does not have the ministry verify."""


def verification_of(record: Mapping[str, Any]) -> Verification:
    if record["kind"] == "seller":
        return "not-required"
    if record.get("registeredBy") and record.get("agency") != "MKT":
        return "in-person"
    return "ministry"


def load(producer_id: str) -> Item:
    record = PRODUCERS.get(producer_pk(producer_id), PROFILE)
    if record is None:
        raise NotFound("producers.unknown", field="producerId")
    return record


def changed() -> Conflict:
    return Conflict("producers.changed", field="version")


_FIELDS = [f.alias or name for name, f in Producer.model_fields.items()]


def view(record: Mapping[str, Any]) -> Producer:
    """The producer as its owner sees it (storage keeps more: index keys, version)."""
    return Producer.model_validate({k: record[k] for k in _FIELDS if k in record})
