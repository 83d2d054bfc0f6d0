"""State fees paid through ASAN ödəniş (G6, X10); never refunded (seed 001 §2.20).

A service asks for a fee with `request_fee(owner, subject, fee_code)`: the provider creates the
payment, the platform records it `pending` (PLATFORM_TABLE `PAYMENT#<id>` / `PAYMENT`, in `gsi1`
under `OWNER#<owner>`) and the person pays at `payUrl`. The provider's signed confirmation
(`settle`, behind POST /payments/callback) makes it `paid` or `declined`; both are final, a
repeated confirmation changes nothing and a contradicting one is a 409.

A workflow that waits for the payment sends `{"taskToken", "paymentId"}` to the
PaymentWaitQueue (a `sqs:sendMessage.waitForTaskToken` task); `await_payment` stores the token,
and the confirmation answers the workflow with task success `{"paymentId", "status": "paid" |
"declined", "settledAt"}` (a Choice state tells them apart): `Settled`, the one model of that
output, which a service's step that receives it validates it with. Whichever of the two comes second
answers, so the order in which they arrive does not matter.

Fees come from the table in `data/fees.json` (amounts in qəpik).
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, NoReturn

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from egov.platform import adapters, audit, aws, clock, i18n, inbound, tasks
from egov.platform.adapters.payment import (
    Confirmation,
    Outcome,
    confirmation_of,
    confirmation_signer,
)
from egov.platform.audit import Actor
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Item, Table, Transaction

PLATFORM = Table("PLATFORM_TABLE")
FEES_FILE = Path(__file__).parent / "data" / "fees.json"
SYSTEM = Actor.system("payments")

Status = Literal["pending", "paid", "declined"]

i18n.register(
    {
        "payment.not-found": {"az": "Ödəniş tapılmadı", "en": "Payment not found"},
        "payment.fee-unknown": {"az": "Naməlum rüsum kodu", "en": "Unknown fee code"},
        "payment.not-refundable": {
            "az": "Ödənilmiş rüsumlar heç bir halda geri qaytarılmır",
            "en": "Fees paid are not refunded in any case",
        },
        "payment.amount-mismatch": {
            "az": "Təsdiqdəki məbləğ tələb olunan rüsumla üst-üstə düşmür",
            "en": "The confirmed amount differs from the fee requested",
        },
        "payment.contradicted": {
            "az": "Ödəniş artıq başqa nəticə ilə təsdiqlənib",
            "en": "The payment was already confirmed with another outcome",
        },
    }
)


class Fee(BaseModel):
    model_config = ConfigDict(defer_build=True)

    code: str
    amount: int | None  # None: the payer names the amount (an e-wallet top-up, X10)
    name: dict[i18n.Lang, str]


class Payment(BaseModel):
    model_config = ConfigDict(defer_build=True)

    paymentId: str
    subject: str
    feeCode: str
    feeName: str
    amount: int
    currency: Literal["AZN"] = "AZN"
    status: Status
    payUrl: str
    createdAt: datetime
    settledAt: datetime | None = None
    reason: str | None = None


class Settled(BaseModel):
    """What the payment wait hands the waiting workflow (its task's output), and what a step
    that receives it validates it with: the payment, paid or declined, and when."""

    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    payment_id: str
    status: Outcome
    settled_at: datetime


@functools.cache
def fees() -> dict[str, Fee]:
    table = json.loads(FEES_FILE.read_text(encoding="utf-8"))
    return {fee["code"]: Fee.model_validate(fee) for fee in table["fees"]}


def fee(code: str) -> Fee:
    try:
        return fees()[code]
    except KeyError as unknown:
        raise Invalid("payment.fee-unknown", field="feeCode") from unknown


def _key(payment_id: str) -> tuple[str, str]:
    return f"PAYMENT#{payment_id}", "PAYMENT"


def _public_url(path: str) -> str:
    return aws.resource_name("PUBLIC_API_URL") + path


def request_fee(
    owner: str,
    subject: str,
    fee_code: str,
    *,
    return_url: str | None = None,
    lang: i18n.Lang = "az",
    payment_id: str | None = None,
    amount: int | None = None,
) -> Payment:
    """Ask the provider for the fee `fee_code` for `subject`; the pending payment to pay.

    Callers that may ask twice for one thing (concurrent requests for a draft's fee) pass the
    same `payment_id`: it is the provider's merchant reference too, so they all get one payment
    at the provider and one here. `amount` is for the fees whose amount the payer names."""
    charged = fee(fee_code)
    due = charged.amount if charged.amount is not None else amount
    if due is None or (charged.amount is not None and amount is not None):
        raise ValueError(f"fee {fee_code}: the amount is the table's or the payer's, not both")
    payment_id = payment_id or uuid.uuid4().hex
    existing = get(payment_id)
    if existing is not None:
        return view(existing, lang)
    order = adapters.payments().create(
        amount=due,
        reference=payment_id,
        description=charged.name[lang],
        return_url=return_url or _public_url(f"/payments/{payment_id}"),
        callback_url=_public_url("/payments/callback"),
    )
    now = clock.now_iso()
    pk, sk = _key(payment_id)
    item: Item = {
        "pk": pk,
        "sk": sk,
        "gsi1pk": f"OWNER#{owner}",
        "gsi1sk": f"PAYMENT#{now}#{payment_id}",
        "paymentId": payment_id,
        "owner": owner,
        "subject": subject,
        "feeCode": fee_code,
        "amount": due,
        "status": "pending",
        "providerId": order.payment_id,
        "payUrl": order.pay_url,
        "createdAt": now,
    }
    tx = Transaction()
    tx.put(PLATFORM, item, conflict=Conflict("payment.contradicted", field="paymentId"))
    audit.record(
        tx,
        subject,
        "fee-requested",
        SYSTEM,
        owner=owner,
        after={"paymentId": payment_id, "feeCode": fee_code, "amount": due},
    )
    try:
        tx.commit()
    except Conflict:
        # A concurrent request for the same payment recorded it first: that one is ours too.
        return view(get(payment_id) or item, lang)
    return view(item, lang)


def get(payment_id: str) -> Item | None:
    return PLATFORM.get(*_key(payment_id))


def of_owner(payment_id: str, owner: str) -> Item:
    item = get(payment_id)
    if not item or item["owner"] != owner:
        raise NotFound("payment.not-found", field="paymentId")
    return item


def view(item: Item, lang: i18n.Lang = "az") -> Payment:
    return Payment(
        paymentId=item["paymentId"],
        subject=item["subject"],
        feeCode=item["feeCode"],
        feeName=fee(item["feeCode"]).name[lang],
        amount=item["amount"],
        status=item["status"],
        payUrl=item["payUrl"],
        createdAt=clock.parse(item["createdAt"]),
        settledAt=clock.parse(item["settledAt"]) if item.get("settledAt") else None,
        reason=item.get("reason"),
    )


def refuse_refund(payment_id: str, owner: str) -> NoReturn:
    """There is no refund: the owner of a payment is told so (409), others learn nothing."""
    of_owner(payment_id, owner)
    raise Conflict("payment.not-refundable", field="paymentId", extra={"basis": "seed 001 §2.20"})


def receive(body: str, headers: Mapping[str, str]) -> None:
    """The provider's signed confirmation, verified and applied once per `webhook-id`."""
    inbound.once(
        "payment",
        confirmation_signer(),
        body,
        headers,
        "payment.signature-invalid",
        lambda payload: settle(confirmation_of(payload)),
    )


def settle(confirmation: Confirmation) -> Status:
    """Apply the provider's verified confirmation; a repeat is harmless (G6, DESIGN rule 7)."""
    item = get(confirmation.reference)
    if not item or item["providerId"] != confirmation.payment_id:
        raise NotFound("payment.not-found", field="reference")
    if confirmation.amount != item["amount"]:
        raise Invalid("payment.amount-mismatch", field="amount")
    if item["status"] != "pending":
        if item["status"] != confirmation.status:
            raise Conflict("payment.contradicted", field="status")
        if tasks.parked(item):
            _answer_workflow(item)  # the first delivery may have stopped before answering
        return confirmation.status
    changes: Item = {"status": confirmation.status, "settledAt": clock.iso(confirmation.at)}
    if confirmation.reason:
        changes["reason"] = confirmation.reason
    tx = Transaction()
    tx.update(
        PLATFORM,
        *_key(item["paymentId"]),
        changes,
        expected={"status": "pending"},
        conflict=Conflict("payment.contradicted", field="status"),
    )
    audit.record(
        tx,
        item["subject"],
        f"fee-{confirmation.status}",
        Actor.system("asan-odenis"),
        owner=item["owner"],
        before={"paymentId": item["paymentId"], "status": "pending"},
        after={"paymentId": item["paymentId"], **changes},
    )
    try:
        tx.commit()
    except Conflict:
        return settle(confirmation)  # a parallel delivery settled it: judge again
    settled = get(item["paymentId"]) or {}
    if tasks.parked(settled):
        _answer_workflow(settled)
    return confirmation.status


def await_payment(task_token: str, payment_id: str) -> None:
    """Let a waiting workflow know when the payment settles (at once if it already has)."""
    if not get(payment_id):
        raise NotFound("payment.not-found", field="paymentId")
    if not tasks.park(PLATFORM, *_key(payment_id), task_token, while_={"status": "pending"}):
        _answer_workflow({**(get(payment_id) or {}), tasks.TOKEN: task_token})


def _answer_workflow(item: dict[str, Any]) -> None:
    output = Settled(
        payment_id=item["paymentId"],
        status=item["status"],
        settled_at=clock.parse(item["settledAt"]),
    ).model_dump(mode="json", by_alias=True)
    # Answered already, or the workflow gave up waiting: either way nothing is owed.
    tasks.answer(item[tasks.TOKEN], output)
