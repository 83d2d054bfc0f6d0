"""The e-wallet and state fees (X10; seed 001 part 2, §3.5 "fiziki və hüquqi şəxslər tərəfindən
köçürülmüş pul vəsaitinin saxlanmasını və onların tapşırığı ilə elektron ödənişlərin həyata
keçirilməsini", §4.1.6 "elektron pul kisəsinin olması", §4.2.8 ASAN ödəniş, §8.0.4) through its
handlers with the template provisioned: top-up through the payment provider, fees from the
balance or at ASAN ödəniş, a paginated statement, never a negative balance, double entries.
"""

from __future__ import annotations

import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from egov.export import wallet
from egov.export.catalogue import EXPORT
from egov.platform import audit, payments
from egov.platform.adapters.payment import confirmation_signer
from egov.platform.problems import Conflict
from tests.conftest import CEILING, LocalAws, rest_event
from tests.functional.platform.test_payments import PAYING_CARD
from tests.helpers import account, call, settle, wait_for

FEE = "free-sale-certificate"  # 2000 qəpik in data/fees.json


def top_up(local_aws: LocalAws, token: str, amount: int) -> dict[str, Any]:
    status, ticket = call(
        local_aws, "POST", "/export/wallet/top-ups", token=token, body={"amount": amount}
    )[:2]
    assert status == 201, ticket
    return dict(ticket)


def signed(body: str, message_id: str, signature: str | None = None) -> dict[str, Any]:
    """The provider's confirmation as it POSTs it to the platform's one payment callback."""
    now = datetime.now(UTC)
    event = rest_event(
        "POST",
        "/payments/callback",
        headers={
            "webhook-id": message_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signature or confirmation_signer().sign(message_id, now, body),
        },
    )
    event["body"] = body
    return event


def confirm(local_aws: LocalAws, top_up_id: str, message_id: str | None = None, **over: Any) -> int:
    """The provider's signed confirmation of a top-up's payment (its id is the top-up's)."""
    item = payments.get(top_up_id)
    assert item is not None
    body = json.dumps(
        {
            "id": item["providerId"],
            "reference": top_up_id,
            "status": "paid",
            "amount": item["amount"],
            "currency": "AZN",
            "at": "2026-12-01T10:00:00Z",
            **over,
        }
    )
    event = signed(body, message_id or f"pay_{uuid.uuid4().hex}")
    return int(local_aws.invoke("PaymentCallbackFunction", event)["statusCode"])


def booked(local_aws: LocalAws, top_up_id: str) -> str:
    """The top-up workflow (real ASL) waits for the payment and books it: deliver until it has."""

    def status() -> str | None:
        item = EXPORT.get(f"TOPUP#{top_up_id}", "TOPUP") or {}
        return None if item.get("status", "pending") == "pending" else str(item["status"])

    return str(wait_for(status, what="the top-up booked", pump=local_aws.pump))


def funded(local_aws: LocalAws, amount: int) -> tuple[str, str]:
    owner, token = account()
    ticket = top_up(local_aws, token, amount)
    assert confirm(local_aws, ticket["topUpId"]) == 204
    assert booked(local_aws, ticket["topUpId"]) == "paid"
    return owner, token


def pay(local_aws: LocalAws, token: str, **body: Any) -> tuple[int, Any]:
    body = {"feeCode": FEE, "subject": "FREESALE#1", **body}
    return call(local_aws, "POST", "/export/wallet/fees", token=token, body=body)[:2]


def statement(local_aws: LocalAws, token: str, **query: str) -> dict[str, Any]:
    status, page = call(local_aws, "GET", "/export/wallet", token=token, query=query or None)[:2]
    assert status == 200, page
    return dict(page)


def every_movement(local_aws: LocalAws, token: str, limit: str = "2") -> list[dict[str, Any]]:
    found, cursor = [], None
    while True:
        page = statement(local_aws, token, limit=limit, **({"cursor": cursor} if cursor else {}))
        found += page["items"]
        cursor = page.get("cursor")
        if not cursor:
            return found


def assert_double_entries(movements: list[dict[str, Any]], balance: int) -> None:
    """X10: every movement is two legs summing to zero; the wallet's legs add up to the balance
    and each movement's balance follows from the one before (oldest first)."""
    for movement in movements:
        assert len(movement["legs"]) == 2
        assert sum(leg["amount"] for leg in movement["legs"]) == 0
    oldest_first = sorted(movements, key=lambda m: m["seq"])
    running = 0
    for movement in oldest_first:
        running += movement["amount"]
        assert movement["balanceAfter"] == running >= 0
    assert running == balance


def test_x10_a_top_up_paid_at_the_provider_credits_the_wallet_once(platform: LocalAws) -> None:
    _, token = account()
    ticket = top_up(platform, token, 5000)
    assert ticket["status"] == "pending" and "/pay/" in ticket["payUrl"]
    assert statement(platform, token)["balance"] == 0  # not before the provider confirms

    paid = httpx.post(f"{ticket['payUrl']}/confirm", json={"cardNumber": PAYING_CARD}, timeout=30)
    assert paid.status_code == 200, paid.text
    assert paid.json()["callbackDelivery"]["status"] == 204, paid.json()
    assert booked(platform, ticket["topUpId"]) == "paid"

    page = statement(platform, token)
    assert page["balance"] == 5000
    (movement,) = page["items"]
    assert movement["kind"] == "top-up"
    assert {leg["account"]: leg["amount"] for leg in movement["legs"]}[
        wallet.PROVIDER_ACCOUNT
    ] == -5000

    # The confirmation again (a new message id, as a provider's retry may be): no second credit.
    assert confirm(platform, ticket["topUpId"]) == 204
    assert confirm(platform, ticket["topUpId"], status="declined", reason="x") == 409
    settle(platform.pump)
    assert statement(platform, token)["balance"] == 5000
    # The platform's one payment record: the owner sees the top-up among the payments too.
    assert payments.get(ticket["topUpId"])["feeCode"] == wallet.TOP_UP_FEE


def test_x10_a_forged_confirmation_credits_nothing(local_aws: LocalAws) -> None:
    _, token = account()
    ticket = top_up(local_aws, token, 1000)
    item = payments.get(ticket["topUpId"])
    assert item is not None
    body = json.dumps(
        {
            "id": item["providerId"],
            "reference": ticket["topUpId"],
            "status": "paid",
            "amount": 1000,
            "currency": "AZN",
            "at": "2026-12-01T10:00:00Z",
        }
    )
    event = signed(body, "m1", signature="v1,AAAA")
    assert local_aws.invoke("PaymentCallbackFunction", event)["statusCode"] == 401
    settle(local_aws.pump)
    assert statement(local_aws, token)["balance"] == 0
    assert EXPORT.get(f"TOPUP#{ticket['topUpId']}", "TOPUP")["status"] == "pending"


def test_x10_a_declined_top_up_credits_nothing_and_is_closed(local_aws: LocalAws) -> None:
    _, token = account()
    ticket = top_up(local_aws, token, 1000)
    assert confirm(local_aws, ticket["topUpId"], status="declined", reason="card refused") == 204
    assert booked(local_aws, ticket["topUpId"]) == "declined"
    assert statement(local_aws, token)["balance"] == 0


def test_x10_the_top_up_fee_cannot_be_paid_as_a_state_fee(local_aws: LocalAws) -> None:
    """The payer's-amount code is for top-ups only: asked for as a fee it is an unknown fee."""
    _, token = funded(local_aws, 5000)
    for method in ("wallet", "asan-odenis"):
        status, problem = pay(local_aws, token, feeCode=wallet.TOP_UP_FEE, method=method)
        assert (status, problem["errors"][0]["field"]) == (422, "feeCode"), problem
    assert statement(local_aws, token)["balance"] == 5000


def test_x10_a_fee_is_paid_from_the_balance_never_below_zero(local_aws: LocalAws) -> None:
    _, token = funded(local_aws, 2500)
    status, paid = pay(local_aws, token)
    assert status == 201, paid
    assert paid["movement"]["amount"] == -2000 and paid["movement"]["balanceAfter"] == 500
    status, problem = pay(local_aws, token)
    assert (status, problem["errors"][0]["code"]) == (409, "export.wallet.insufficient")
    assert statement(local_aws, token)["balance"] == 500
    assert pay(local_aws, token, feeCode="no-such-fee")[0] == 422


def test_x10_a_fee_at_asan_odenis_leaves_the_wallet_alone(local_aws: LocalAws) -> None:
    _, token = account()
    status, paid = pay(local_aws, token, method="asan-odenis")
    assert status == 201, paid
    assert paid["payment"]["status"] == "pending" and paid["payment"]["amount"] == 2000
    assert payments.get(paid["payment"]["paymentId"]) is not None
    assert statement(local_aws, token)["balance"] == 0


def test_x10_both_read_the_same_balance_and_only_one_writes(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two fees at once from a balance that covers one, the race made certain: both payments
    read the wallet before either writes; the transaction's condition on the wallet's sequence
    lets one through, the other reads again and is refused, so the balance never goes below
    zero. (Through the route, two at once run in worker processes: tests/e2e/
    test_export_services.py; one process runs one invocation at a time, as Lambda does.)"""
    owner, _ = funded(local_aws, 3000)
    both_read = threading.Barrier(2, timeout=CEILING)
    read = EXPORT.get
    first_reads: set[int] = set()

    def racing_get(pk: str, sk: str, **kwargs: Any) -> Any:
        item = read(pk, sk, **kwargs)
        me = threading.get_ident()
        if sk == wallet.WALLET and me not in first_reads:
            first_reads.add(me)
            both_read.wait()
        return item

    monkeypatch.setattr(EXPORT, "get", racing_get)
    request = wallet.FeeRequest(feeCode=FEE, subject="FREESALE#race")
    actor = audit.Actor(owner, "citizen")

    def attempt(_: int) -> str:
        try:
            wallet.pay_fee(request, owner, actor, "az")
        except Conflict as refused:
            return refused.key
        return "paid"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(attempt, (1, 2)))
    assert outcomes == ["export.wallet.insufficient", "paid"]
    monkeypatch.undo()
    assert wallet.balance(owner) == 1000


def test_x10_the_statement_pages_and_every_movement_sums_to_zero(local_aws: LocalAws) -> None:
    _, token = funded(local_aws, 10000)
    for amount in (700, 300):
        top_up_id = top_up(local_aws, token, amount)["topUpId"]
        assert confirm(local_aws, top_up_id) == 204
        assert booked(local_aws, top_up_id) == "paid"
    for n in range(3):
        assert pay(local_aws, token, subject=f"FREESALE#{n}")[0] == 201
    movements = every_movement(local_aws, token, limit="2")
    assert len(movements) == 6
    assert [m["seq"] for m in movements] == [6, 5, 4, 3, 2, 1]  # newest first
    assert_double_entries(movements, 11000 - 3 * 2000)
    assert statement(local_aws, token)["balance"] == 5000


def test_x10_a_repeated_request_pays_once(local_aws: LocalAws) -> None:
    _, token = funded(local_aws, 5000)
    key = {"Idempotency-Key": uuid.uuid4().hex}
    body = {"feeCode": FEE, "subject": "FREESALE#1"}
    first = call(local_aws, "POST", "/export/wallet/fees", token=token, body=body, headers=key)
    again = call(local_aws, "POST", "/export/wallet/fees", token=token, body=body, headers=key)
    assert first.status == again.status == 201
    assert first.body["movement"]["movementId"] == again.body["movement"]["movementId"]
    assert statement(local_aws, token)["balance"] == 3000
