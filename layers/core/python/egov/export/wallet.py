"""The portal's e-wallet and its state fees (X10; seed 001 part 2, §3.5, §4.1.6, §6.0.6, §8.0.4).

The e-wallet is the azexport portal's payment module (§3.5: it keeps the money persons
transfer and pays on their instruction), so it lives in the export service, not the platform;
the state fees themselves are the platform's (`egov.platform.payments`, ASAN ödəniş, §4.2.8).

- A **top-up** is a platform payment at ASAN ödəniş of the amount the person names (fee code
  `e-wallet-top-up`). Its signed confirmation reaches the platform's POST /payments/callback,
  like every payment's; `statemachines/export_wallet_top_up.asl.json` waits for it there and
  asks this service to book it (`book_top_up`, once, whatever the deliveries).
- A **fee** is paid either from the balance (`method: wallet`) or straight at ASAN ödəniş
  (`method: asan-odenis`, the platform's payment with its pay page).
- Every movement is a **double entry**: two legs, the wallet's and its counterpart's (the
  provider's clearing account for a top-up, the treasury's fee account for a fee), whose
  amounts sum to zero. The statement lists them newest first, a page per Query.
- **No negative balance**, whatever arrives at once: a movement is one DynamoDB transaction
  that writes the wallet on the condition that its sequence number is still the one the
  balance was read at, and puts the movement under the next number. Of two fees paid at once
  from a balance that covers one, one commits; the other's condition fails, it reads the new
  balance and is refused (409 `export.wallet.insufficient`).

Items in ExportTable: `WALLET#<owner>` / `WALLET` (balance in qəpik, `seq`), `WALLET#<owner>` /
`MOVE#<seq>` (a movement with its legs), `TOPUP#<id>` / `TOPUP` (a top-up; its id is its
payment's).
"""

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from egov.export import texts  # noqa: F401  (texts registered)
from egov.export.catalogue import EXPORT
from egov.platform import audit, aws, clock, i18n, outbox, payments, tasks
from egov.platform.models import Form as Model
from egov.platform.observability import correlation_id
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import CURSOR_PATTERN, Item, Transaction
from egov.platform.text import Text

WALLET = "WALLET"
MOVE = "MOVE#"
PROVIDER_ACCOUNT = "clearing:asan-odenis"
PROVIDER = audit.Actor.system("asan-odenis")
TOP_UP_FEE = "e-wallet-top-up"
TOP_UP_STATE_MACHINE = "EXPORT_WALLET_TOP_UP_STATE_MACHINE"
ATTEMPTS = 8  # concurrent movements of one wallet retry against the new balance
MAX_TOP_UP = 1_000_000  # 10 000 AZN in qəpik: a top-up above it is a typing error, not money

Kind = Literal["top-up", "fee"]


class TopUpRequest(Model):
    amount: Annotated[int, Field(gt=0, le=MAX_TOP_UP, description="qəpik (100 = 1 AZN)")]


class TopUp(Model):
    top_up_id: str
    amount: int
    status: Literal["pending", "paid", "declined"]
    pay_url: str


class FeeRequest(Model):
    fee_code: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
    subject: Text = Field(max_length=120, description="what the fee is for (an application)")
    method: Literal["wallet", "asan-odenis"] = "wallet"


class Leg(Model):
    account: str
    amount: int


class Movement(Model):
    movement_id: str
    seq: int
    kind: Kind
    amount: int
    balance_after: int
    at: datetime
    reference: str
    description: str | None = None
    legs: list[Leg]


class FeePaid(Model):
    method: Literal["wallet", "asan-odenis"]
    fee_code: str
    amount: int
    movement: Movement | None = None
    payment: payments.Payment | None = None


class Statement(Model):
    balance: int
    currency: Literal["AZN"] = "AZN"
    items: list[Movement]
    cursor: Annotated[str | None, Field(pattern=CURSOR_PATTERN)] = None


def wallet_pk(owner: str) -> str:
    return f"{WALLET}#{owner}"


def account(owner: str) -> str:
    return f"wallet:{owner}"


def _topup_key(top_up_id: str) -> tuple[str, str]:
    return f"TOPUP#{top_up_id}", "TOPUP"


def balance(owner: str) -> int:
    wallet = EXPORT.get(wallet_pk(owner), WALLET)
    return int(wallet["balance"]) if wallet else 0


def _move(
    owner: str,
    kind: Kind,
    amount: int,
    counterpart: str,
    reference: str,
    actor: audit.Actor,
    *,
    description: str | None = None,
    also: Callable[[Transaction], None] | None = None,
) -> Movement:
    """Book `amount` (signed, from the wallet's side) against `counterpart`, in one transaction
    conditional on the wallet's sequence number; refused if the balance would go below zero."""
    for _ in range(ATTEMPTS):
        wallet = EXPORT.get(wallet_pk(owner), WALLET)
        seq = int(wallet["seq"]) if wallet else 0
        after = (int(wallet["balance"]) if wallet else 0) + amount
        if after < 0:
            raise Conflict("export.wallet.insufficient", field="feeCode")
        movement = Movement(
            movement_id=uuid.uuid4().hex,
            seq=seq + 1,
            kind=kind,
            amount=amount,
            balance_after=after,
            at=clock.now(),
            reference=reference,
            description=description,
            legs=[
                Leg(account=account(owner), amount=amount),
                Leg(account=counterpart, amount=-amount),
            ],
        )
        busy = Conflict("export.wallet.busy")
        tx = Transaction()
        state = {"balance": after, "seq": seq + 1, "owner": owner}
        if wallet:
            tx.update(EXPORT, wallet_pk(owner), WALLET, state, expected={"seq": seq}, conflict=busy)
        else:
            tx.put(EXPORT, {"pk": wallet_pk(owner), "sk": WALLET, **state}, conflict=busy)
        tx.put(
            EXPORT,
            {
                "pk": wallet_pk(owner),
                "sk": f"{MOVE}{seq + 1:012d}",
                **movement.model_dump(mode="json", by_alias=True, exclude_none=True),
            },
            conflict=busy,
        )
        if also:
            also(tx)
        audit.record(
            tx,
            wallet_pk(owner),
            f"wallet-{kind}",
            actor,
            owner=owner,
            after={"seq": seq + 1, "amount": amount, "balance": after, "reference": reference},
        )
        try:
            tx.commit()
        except Conflict as conflict:
            if conflict.key != busy.key:
                raise
            continue
        return movement
    raise Conflict("export.wallet.busy")


# ---------------------------------------------------------------- fees


def pay_fee(request: FeeRequest, owner: str, actor: audit.Actor, lang: i18n.Lang) -> FeePaid:
    """A state fee from the balance, or straight at ASAN ödəniş (the platform's payment)."""
    fee = payments.fee(request.fee_code)
    if fee.amount is None:  # a payment of the payer's amount (a top-up), not a state fee
        raise Invalid("payment.fee-unknown", field="feeCode")
    if request.method == "asan-odenis":
        payment = payments.request_fee(owner, request.subject, fee.code, lang=lang)
        return FeePaid(method="asan-odenis", fee_code=fee.code, amount=fee.amount, payment=payment)
    movement = _move(
        owner,
        "fee",
        -fee.amount,
        f"treasury:fee:{fee.code}",
        request.subject,
        actor,
        description=fee.name[lang],
    )
    return FeePaid(method="wallet", fee_code=fee.code, amount=fee.amount, movement=movement)


# ---------------------------------------------------------------- top-ups


def top_up(request: TopUpRequest, owner: str, lang: i18n.Lang) -> TopUp:
    """Ask ASAN ödəniş for a payment of the amount (the platform's payment, its signed
    confirmation verified by the platform's callback); the top-up workflow waits for it and
    credits the wallet once it is paid.

    The payment is recorded before the top-up, and its pay page is shown only once both are:
    a failure in between leaves a payment nobody was sent to pay, never money without a credit."""
    top_up_id = uuid.uuid4().hex
    payment = payments.request_fee(
        owner,
        wallet_pk(owner),
        TOP_UP_FEE,
        amount=request.amount,
        return_url=f"{aws.resource_name('PUBLIC_API_URL')}/export/wallet",
        lang=lang,
        payment_id=top_up_id,
    )
    tx = Transaction()
    tx.put(
        EXPORT,
        {
            "pk": _topup_key(top_up_id)[0],
            "sk": "TOPUP",
            "topUpId": top_up_id,
            "owner": owner,
            "amount": request.amount,
            "status": "pending",
            "paymentId": payment.paymentId,
            "createdAt": clock.now_iso(),
        },
    )
    outbox.start(
        tx,
        TOP_UP_STATE_MACHINE,
        top_up_id,
        {"topUpId": top_up_id, "paymentId": payment.paymentId, "correlationId": correlation_id()},
    )
    tx.commit()
    return TopUp(
        top_up_id=top_up_id, amount=request.amount, status="pending", pay_url=payment.payUrl
    )


class TopUpSettled(tasks.Event):
    top_up_id: str
    payment: payments.Settled


def book_top_up(event: TopUpSettled) -> dict[str, str]:
    """The top-up's payment settled: a paid one is credited once, a declined one closed."""
    item = EXPORT.get(*_topup_key(event.top_up_id))
    if not item:
        raise NotFound("export.wallet.top-up-not-found", field="topUpId")
    if item["status"] != "pending":
        return {"status": str(item["status"])}  # booked by an earlier delivery of this step
    settled = {"status": event.payment.status, "settledAt": clock.iso(event.payment.settled_at)}

    def mark(tx: Transaction) -> None:
        tx.update(
            EXPORT,
            *_topup_key(item["topUpId"]),
            settled,
            expected={"status": "pending"},
            conflict=Conflict("export.wallet.top-up-contradicted", field="status"),
        )

    try:
        _book(item, event.payment.status, mark, PROVIDER, settled)
    except Conflict as conflict:
        if conflict.key != "export.wallet.top-up-contradicted":
            raise
        # A parallel delivery of this step booked it first.
    return {"status": event.payment.status}


def _book(
    item: Item,
    status: str,
    mark: Callable[[Transaction], None],
    provider: audit.Actor,
    settled: Item,
) -> None:
    if status == "paid":
        _move(
            item["owner"],
            "top-up",
            item["amount"],
            PROVIDER_ACCOUNT,
            item["topUpId"],
            provider,
            also=mark,
        )
    else:
        tx = Transaction()
        mark(tx)
        audit.record(
            tx,
            wallet_pk(item["owner"]),
            "wallet-top-up-declined",
            provider,
            owner=item["owner"],
            after=settled,
        )
        tx.commit()


# ---------------------------------------------------------------- the statement


def statement(owner: str, *, cursor: str | None = None, limit: int = 20) -> Statement:
    page = EXPORT.query(
        wallet_pk(owner), sk_prefix=MOVE, newest_first=True, cursor=cursor, limit=limit
    )
    return Statement(
        balance=balance(owner),
        items=[
            Movement.model_validate({k: v for k, v in row.items() if k not in ("pk", "sk")})
            for row in page.items
        ],
        cursor=page.cursor,
    )
