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
- `PRODUCER#<id>` / `ACTIVATION`: the activation code of an officer's registration (P7).

Each kind of item is read back into its model below (`ProducerRecord`, `OfferLine`,
`Escalation`, `OneTimeCode`, `Confirmation`) and written from it, under the camelCase names the
items have always had: the stored format is the models' aliases (issue 11 item 7).
"""

from typing import Any, Literal

from pydantic import ConfigDict

from egov.platform import audit_read
from egov.platform.models import View
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Item, Table, Transaction
from egov.producers.models import Producer, RegistrantKind

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


Verification = Literal["ministry", "in-person", "not-required"]
"""P5 on the public list: `ministry` - a potential producer the Ministry of Agriculture approved
(its verification, or its own office's registration in person); `in-person` - registered at an
ASAN service centre on an identity document (P6), not verified by the ministry; `not-required` -
a seller, whom the seed does not have the ministry verify."""


def verification_of(
    kind: RegistrantKind, *, registered_by: str | None = None, agency: str | None = None
) -> Verification:
    if kind == "seller":
        return "not-required"
    if registered_by and agency != "MKT":
        return "in-person"
    return "ministry"


class ProducerRecord(Producer):
    """`PRODUCER#<id>` / `PROFILE`: what the owner sees (`Producer`) and what storage keeps
    besides: the name shown in lists, the officer's agency, the times of later steps, and the
    `version` that makes racing changes fail."""

    # Read back whatever else an item carries (index keys), as stored items always have.
    model_config = ConfigDict(extra="ignore")

    display_name: str
    agency: str | None = None
    activated_at: str | None = None
    closed_at: str | None = None
    version: int = 0

    @property
    def verification(self) -> Verification:
        return verification_of(self.kind, registered_by=self.registered_by, agency=self.agency)


def listing_keys(record: ProducerRecord) -> dict[str, str]:
    """The index keys that put an approved producer in the public lists."""
    order = f"{record.registered_at}#{record.id}"
    return {
        "gsi1pk": APPROVED,
        "gsi1sk": order,
        "gsi2pk": region_key(record.region),
        "gsi2sk": order,
    }


def stored_item(record: ProducerRecord) -> Item:
    """The item of a record: its fields under their stored names, and while it is approved
    the keys of the public lists."""
    item: Item = {
        "pk": producer_pk(record.id),
        "sk": PROFILE,
        **record.model_dump(mode="json", by_alias=True, exclude_none=True),
    }
    if record.status == "approved":
        item.update(listing_keys(record))
    return item


def load(producer_id: str) -> ProducerRecord:
    item = PRODUCERS.get(producer_pk(producer_id), PROFILE)
    if item is None:
        raise NotFound("producers.unknown", field="producerId")
    return ProducerRecord.model_validate(item)


def changed() -> Conflict:
    return Conflict("producers.changed", field="version")


def save(
    tx: Transaction, before: ProducerRecord, *, versioned: bool = True, **update: Any
) -> ProducerRecord:
    """Write in `tx` the record `before` with the fields of `update` changed: only what changes
    (list keys included: they follow the status). A `versioned` change takes the next version,
    and only if the record is still at `before`'s. The record as written."""
    if versioned:
        update["version"] = before.version + 1
    after = before.model_copy(update=update)
    tx.rewrite(
        PRODUCERS,
        stored_item(before),
        stored_item(after),
        expected={"version": before.version} if versioned else None,
        conflict=changed(),
    )
    return after


def view(record: ProducerRecord) -> Producer:
    """The producer as its owner sees it (storage keeps more: list name, version)."""
    return Producer.model_validate(record.model_dump(include=set(Producer.model_fields)))


class OfferLine(View):
    """`PRODUCER#<id>` / `PRODUCT#<code>`: a product offered (P9), with what the public list by
    product shows of its producer."""

    code: str
    quantity: float
    unit: str
    season: str
    producer_id: str
    display_name: str
    region: str


class ListedOffer(OfferLine):
    """An offer line while its producer is approved: in the product index (`gsi1`), with who
    vouches for the producer (P5)."""

    kind: RegistrantKind
    verification: Verification


class Escalation(View):
    """`PRODUCER#<id>` / `ESCALATION#<missed deadline>`: the ministry let a deadline pass (P5)."""

    producer_id: str
    missed_deadline: str
    next_deadline: str
    count: int
    at: str


class OneTimeCode(View):
    """A code sent to a person, kept only as a salted hash, with its wrong tries and its end
    (real time, epoch seconds: the table's TTL removes it)."""

    salt: str
    code_hash: str
    attempts: int = 0
    expires_at: int


class Confirmation(OneTimeCode):
    """`MOBILECONF#<id>` / `CONFIRMATION`: an SMS code proving a number is held (P3)."""

    mobile: str
    owner_fin: str
    purpose: str | None = None
    created_at: str | None = None
    used_by: str | None = None
    used_at: str | None = None
