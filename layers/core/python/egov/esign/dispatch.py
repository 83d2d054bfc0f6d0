"""Dispatch of signed contract copies to the Ministry of Foreign Affairs (E11, §2.16–2.18).

An embassy sends the second copies of its signed contracts to the MFA (`XIN`) at least twice a
year, as a batch: every contract signed since its last batch (`create`). The MFA records when it
has the batch in hand (`handed_over`): its 1 business day runs from that receipt (§2.17
"təhvil alınmış müqavilələri 1 (bir) iş günü müddətində"), not from the embassy's sending. It
forwards them (`forwarded`) to the bodies that receive them for the Centers: the Ministry of
Transport, Communications and High Technologies for token (E-imza) contracts, the Centre for
Analysis of Economic Reforms and Communication for ASAN İmza ones; those send them on within 3
business days to their recipients, the Center and, for ASAN İmza, the mobile operator too
(§2.16 "müvafiq Mərkəzə və mobil operatora"; each part names its `mobileOperators`). Each
recipient records the arrival of its copy (`received`): the Center's staff, and each mobile
operator's system (an `agency` account of the operator) for the ASAN İmza part; the leg ends
when every recipient of every part has it.

`alert_missing_batches` (daily): once a half-year has ended, an embassy that held signed
contracts from before its end and sent no batch in it (§2.16 "ildə iki dəfədən az olmayaraq")
is alerted once for that half-year: an alert record `EMBASSY#<embassy>` / `ALERT#dispatch#<half>`,
an audit entry, a signed `esign.dispatch-missing` webhook to the embassy and an e-mail to the
operator. Embassies are found with one keyed query per country of residence, never a scan. A step taken after its deadline is kept, flagged late; a
step still open after its deadline shows as overdue in the list.

Keys (ESIGN_TABLE): `DISPATCH#<id>` / `DISPATCH` (`StoredBatch` under its camelCase names), in
`gsi1` under `DISPATCHES#<embassy>` sorted by sending time. A batch holds at most `MAX_CONTRACTS` contracts (one DynamoDB transaction moves
them all); the rest go in the next batch.
"""

import contextlib
import uuid
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from egov.esign import contracts
from egov.esign.filing import embassy_of
from egov.esign.records import ESIGN
from egov.platform import audit, aws, calendar, clock, notify, webhooks
from egov.platform.auth import Principal
from egov.platform.models import View
from egov.platform.problems import Conflict, Forbidden, NotFound
from egov.platform.repository import Item, Transaction

MFA = "XIN"
MAX_CONTRACTS = 90
RECEIVERS = {
    "EIMZA": "Nəqliyyat, Rabitə və Yüksək Texnologiyalar Nazirliyi",
    "ASXM": "İqtisadi İslahatların Təhlili və Kommunikasiya Mərkəzi",
}
Status = Literal["sent", "handed-over", "forwarded", "delivered"]
DISPATCH_MISSING = "esign.dispatch-missing"


class Receipt(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, defer_build=True)

    received_at: datetime
    received_late: bool


class Part(BaseModel):
    """The contracts of one Center, sent on by their receiving body (§2.17–2.18)."""

    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    center: str
    receiver: str
    mobile_operators: list[str] = Field(
        default_factory=list, description="§2.16: ASAN İmza contracts also go to the operator"
    )
    contracts: list[str]
    received_at: datetime | None = Field(None, description="§2.18: the Center has its part")
    received_late: bool | None = None
    operator_receipts: dict[str, Receipt] = Field(
        default_factory=dict, description="§2.16: each mobile operator's own receipt of the part"
    )
    overdue: bool = Field(False, description="a recipient still lacks it past the 3 days")


class StoredPart(View):
    """A part as stored: what has happened to it, no judgement of it yet."""

    center: str
    receiver: str
    mobile_operators: list[str] = Field(default_factory=list)
    contracts: list[str]
    received_at: datetime | None = None
    received_late: bool | None = None
    operator_receipts: dict[str, Receipt] | None = None

    @property
    def complete(self) -> bool:
        """The leg of §2.18 ends when every recipient has the part: the Center and its
        operators."""
        have = self.operator_receipts or {}
        return bool(self.received_at) and all(op in have for op in self.mobile_operators)


class StoredBatch(View):
    """`DISPATCH#<id>` / `DISPATCH`: a batch, who took each step, and its `version`."""

    batch_id: str
    embassy: str
    period: str
    status: Status
    sent_at: datetime
    sent_by: str
    handed_over_at: datetime | None = None
    handed_over_to: str | None = None
    mfa_deadline: datetime | None = None
    forwarded_at: datetime | None = None
    forwarded_by: str | None = None
    forwarded_late: bool | None = None
    receiver_deadline: datetime | None = None
    parts: list[StoredPart]
    version: int


class Batch(BaseModel):
    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    batch_id: str
    embassy: str
    period: str
    status: Status
    sent_at: datetime
    handed_over_at: datetime | None = None
    mfa_deadline: datetime | None = Field(
        None, description="§2.17: 1 business day from the MFA's receipt of the batch"
    )
    forwarded_at: datetime | None = None
    forwarded_late: bool | None = None
    mfa_overdue: bool = False
    receiver_deadline: datetime | None = None
    parts: list[Part]


class HalfYear(BaseModel):
    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    period: str
    due_by: datetime
    sent: bool


class Batches(BaseModel):
    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    embassy: str
    current: HalfYear
    items: list[Batch]


def key(batch_id: str) -> tuple[str, str]:
    return f"DISPATCH#{batch_id}", "DISPATCH"


def period_of(day: date) -> str:
    """E11: at least one batch per half-year, `2026-H2`."""
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def _period_end(day: date) -> datetime:
    return calendar.end_of_day(date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31))


def view(batch: StoredBatch) -> Batch:
    now = clock.now()
    late = batch.receiver_deadline is not None and now > batch.receiver_deadline
    parts = [
        Part.model_validate(
            {**part.model_dump(exclude_none=True), "overdue": late and not part.complete}
        )
        for part in batch.parts
    ]
    mfa_late = batch.mfa_deadline is not None and now > batch.mfa_deadline
    return Batch.model_validate(
        {
            **batch.model_dump(exclude_none=True),
            "parts": parts,
            "mfa_overdue": batch.status == "handed-over" and mfa_late,
        }
    )


def create(embassy: str, officer: Principal) -> Batch:
    """The embassy sends its signed contracts not yet dispatched to the MFA (E11, §2.16)."""
    signed = contracts.signed_ones(embassy, MAX_CONTRACTS)
    if not signed:
        raise Conflict("esign.dispatch-empty", field="embassy")
    now = clock.now()
    batch_id = uuid.uuid4().hex
    by_center: dict[str, list[str]] = {}
    operators: dict[str, set[str]] = {}
    for contract in signed:
        by_center.setdefault(contract.center, []).append(contract.contract_number)
        operators.setdefault(contract.center, set()).update(
            p.name for p in contract.parties if p.role == "mobile-operator"
        )
    batch = StoredBatch(
        batch_id=batch_id,
        embassy=embassy,
        period=period_of(calendar.baku_day(now)),
        status="sent",
        sent_at=_stamp(now),
        sent_by=officer.user_id,
        parts=[
            StoredPart(
                center=c,
                receiver=RECEIVERS[c],
                mobile_operators=sorted(operators[c]),
                contracts=numbers,
            )
            for c, numbers in sorted(by_center.items())
        ],
        version=1,
    )
    pk, sk = key(batch_id)
    item: Item = {
        "pk": pk,
        "sk": sk,
        **_stored(batch),
        "gsi1pk": f"DISPATCHES#{embassy}",
        "gsi1sk": f"{clock.iso(now)}#{batch_id}",
    }
    tx = Transaction()
    tx.put(ESIGN, item)
    for contract in signed:
        tx.update(
            ESIGN,
            *contracts.key(contract.contract_number),
            {
                "status": "dispatched",
                "batchId": batch_id,
                "gsi1pk": contracts.dispatched_index(embassy),
            },
            expected={"status": "signed"},
            conflict=Conflict("esign.contract-not-open", field="contractNumber"),
        )
    audit.record(
        tx,
        pk,
        "esign-contracts-dispatched",
        officer.actor,
        after={"embassy": embassy, "contracts": len(signed)},
    )
    tx.commit()
    return view(batch)


def _stamp(moment: datetime) -> datetime:
    """A moment as every timestamp is stored: UTC, to the second (`clock.iso`)."""
    return clock.parse(clock.iso(moment))


def _stored(batch: StoredBatch, include: set[str] | None = None) -> Item:
    """The batch's fields (or those of `include`) under their stored names."""
    return batch.model_dump(mode="json", by_alias=True, exclude_none=True, include=include)


def _load(batch_id: str) -> StoredBatch:
    item = ESIGN.get(*key(batch_id))
    if item is None:
        raise NotFound("esign.dispatch-unknown", field="batchId")
    return StoredBatch.model_validate(item)


def _load_in(batch_id: str, status: Status, refused: str) -> StoredBatch:
    batch = _load(batch_id)
    if batch.status != status:
        raise Conflict(refused, field="batchId")
    return batch


def _step(
    batch: StoredBatch,
    update: dict[str, Any],
    *,
    expected: dict[str, Any],
    refused: str,
    action: str,
    actor: audit.Actor,
    audited: dict[str, Any] | None = None,
) -> Batch:
    """Write one step of a batch (the fields of `update`) under its version, with its audit
    entry, and show the batch."""
    after = batch.model_copy(update={**update, "version": batch.version + 1})
    changes = _stored(after, include={*update, "version"})
    tx = Transaction()
    tx.update(
        ESIGN,
        *key(batch.batch_id),
        changes,
        expected={**expected, "version": batch.version},
        conflict=Conflict(refused, field="batchId"),
    )
    audit.record(tx, key(batch.batch_id)[0], action, actor, after=audited or changes)
    tx.commit()
    return view(after)


def handed_over(batch_id: str, officer: Principal) -> Batch:
    """The MFA has the batch in hand (§2.16 "təhvil verilir"): its 1 business day starts."""
    batch = _load_in(batch_id, "sent", "esign.dispatch-not-sent")
    now = clock.now()
    update = {
        "status": "handed-over",
        "handed_over_at": _stamp(now),
        "handed_over_to": officer.user_id,
        "mfa_deadline": _stamp(calendar.due("esign.mfa-forwarding", now)),
    }
    return _step(
        batch,
        update,
        expected={"status": "sent"},
        refused="esign.dispatch-not-sent",
        action="esign-dispatch-handed-over",
        actor=officer.actor,
    )


def forwarded(batch_id: str, officer: Principal) -> Batch:
    """The MFA forwarded the batch to the receiving bodies (§2.17: within 1 business day of
    its receipt)."""
    batch = _load_in(batch_id, "handed-over", "esign.dispatch-not-handed-over")
    now = clock.now()
    update = {
        "status": "forwarded",
        "forwarded_at": _stamp(now),
        "forwarded_by": officer.user_id,
        "forwarded_late": batch.mfa_deadline is not None and now > batch.mfa_deadline,
        "receiver_deadline": _stamp(calendar.due("esign.receiver-forwarding", now)),
    }
    return _step(
        batch,
        update,
        expected={"status": "handed-over"},
        refused="esign.dispatch-not-handed-over",
        action="esign-dispatch-forwarded",
        actor=officer.actor,
    )


def _recipient(part: StoredPart, caller: Principal) -> str | None:
    """Whose copy the caller records: his Center's (staff) or his mobile operator's (its system)."""
    if caller.role == "center" and part.center == caller.agency:
        return "center"
    if caller.role == "agency" and caller.agency in part.mobile_operators:
        return "operator"
    return None


def received(batch_id: str, caller: Principal) -> Batch:
    """A recipient has its copy from the receiving body (§2.18: within 3 business days): the
    Center its part, and a mobile operator the ASAN İmza part naming it (§2.16 "müvafiq Mərkəzə
    və mobil operatora təqdim olunmaq üçün"), each recording its own receipt."""
    batch = _load(batch_id)
    found = next(
        ((i, who) for i, part in enumerate(batch.parts) if (who := _recipient(part, caller))),
        None,
    )
    if found is None:
        raise Forbidden("auth.role-required")
    index, who = found
    part = batch.parts[index]
    operators = part.operator_receipts or {}
    if (
        batch.status in ("sent", "handed-over")
        or (who == "center" and part.received_at)
        or (who == "operator" and caller.agency in operators)
    ):
        raise Conflict("esign.dispatch-not-forwarded", field="batchId")
    now = clock.now()
    late = batch.receiver_deadline is not None and now > batch.receiver_deadline
    receipt = Receipt(received_at=_stamp(now), received_late=late)
    parts = list(batch.parts)
    if who == "center":
        parts[index] = part.model_copy(update=receipt.model_dump())
    else:
        receipts = {**operators, str(caller.agency): receipt}
        parts[index] = part.model_copy(update={"operator_receipts": receipts})
    status = "delivered" if all(p.complete for p in parts) else "forwarded"
    return _step(
        batch,
        {"parts": parts, "status": status},
        expected={},
        refused="esign.dispatch-not-forwarded",
        action="esign-dispatch-received",
        actor=caller.actor,
        audited={
            "center": part.center,
            "recipient": caller.agency,
            **receipt.model_dump(mode="json", by_alias=True),
        },
    )


def may_follow(caller: Principal, embassy: str) -> bool:
    """The embassy's officers, the MFA's and the Centers' staff follow an embassy's batches."""
    return caller.role == "center" or caller.agency in (embassy, MFA)


def batches(embassy: str) -> Batches:
    """An embassy's batches, newest first, and whether this half-year's batch is out (E11)."""
    items = ESIGN.query(f"DISPATCHES#{embassy}", index="gsi1", newest_first=True).items
    stored = [StoredBatch.model_validate(item) for item in items]
    today = calendar.baku_day(clock.now())
    current = period_of(today)
    return Batches(
        embassy=embassy,
        current=HalfYear(
            period=current,
            due_by=_period_end(today),
            sent=any(b.period == current for b in stored),
        ),
        items=[view(b) for b in stored],
    )


def _period_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def alert_missing_batches() -> list[str]:
    """E11: alert, once per half-year, each embassy that let one end without a batch while it
    held signed contracts from before its end; the embassies alerted now."""
    # Loaded here, not with the module: the dispatch handlers' cold start needs no country list.
    import phonenumbers

    today = calendar.baku_day(clock.now())
    current_start = _period_start(today)
    ended = period_of(current_start - timedelta(days=1))
    cutoff = clock.iso(calendar.end_of_day(current_start - timedelta(days=1)))
    alerted = []
    for country in sorted(phonenumbers.SUPPORTED_REGIONS):
        embassy = embassy_of(country)
        oldest = contracts.signed_ones(embassy, 1)
        signed_at = oldest[0].signed_at if oldest else None
        if signed_at is None or clock.iso(signed_at) > cutoff:
            continue
        sent = ESIGN.query(f"DISPATCHES#{embassy}", index="gsi1", newest_first=True).items
        if any(StoredBatch.model_validate(batch).period == ended for batch in sent):
            continue
        if _alert(embassy, ended, oldest[0]):
            alerted.append(embassy)
    return alerted


def _alert(embassy: str, period: str, oldest: contracts.Contract) -> bool:
    facts = {"embassy": embassy, "period": period, "oldest": oldest.contract_number}
    tx = Transaction()
    tx.put(
        ESIGN,
        {
            "pk": f"EMBASSY#{embassy}",
            "sk": f"ALERT#dispatch#{period}",
            **facts,
            "raisedAt": clock.now_iso(),
        },
        conflict=Conflict("esign.alert-raised"),
    )
    audit.record(
        tx,
        f"EMBASSY#{embassy}",
        "esign-dispatch-missing",
        audit.Actor.system("dispatch-check"),
        after=facts,
    )
    webhooks.enqueue(
        webhooks.message(
            embassy, DISPATCH_MISSING, facts, webhook_id=f"msg_dispatch_{embassy}_{period}"
        ),
        tx=tx,
    )
    notify.send_to_address(
        DISPATCH_MISSING,
        facts,
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        agency=embassy,
        tx=tx,
    )
    # A second run in the same half-year finds the alert already out.
    with contextlib.suppress(Conflict):
        tx.commit()
        return True
    return False
