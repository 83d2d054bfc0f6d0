"""State fees through ASAN ödəniş: request, pay on the provider's page, signed confirmation (G6)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from egov.platform import audit, payments
from egov.platform.adapters.payment import confirmation_signer
from egov.platform.problems import Invalid
from tests.conftest import LocalAws, rest_event
from tests.helpers import account, call

PAYING_CARD = "4169741234567890"
DECLINED_CARD = "4000000000000002"  # listed in the simulator's data/failures.json


def pay(payment: payments.Payment, card: str) -> dict[str, Any]:
    answer = httpx.post(f"{payment.payUrl}/confirm", json={"cardNumber": card}, timeout=30)
    assert answer.status_code == 200
    return dict(answer.json())


def status_of(platform: LocalAws, payment_id: str, token: str) -> tuple[int, Any]:
    return call(platform, "GET", f"/payments/{payment_id}", token=token)[:2]


def signed_callback(
    platform: LocalAws,
    confirmation: dict[str, Any],
    forged: bool = False,
    message_id: str | None = None,
) -> int:
    body = json.dumps(confirmation)
    message_id = message_id or f"pay_{uuid.uuid4().hex}"
    now = datetime.now(UTC)
    signature = confirmation_signer().sign(message_id, now, body)
    if forged:
        signature = "v1,AAAA" + signature[7:]
    headers = {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    event = rest_event("POST", "/payments/callback", headers=headers)
    event["body"] = body
    return int(platform.invoke("PaymentCallbackFunction", event)["statusCode"])


def fee_actions(subject: str) -> list[str]:
    return sorted(e["action"] for e in audit.trail(subject).items)


def test_g6_a_fee_is_requested_paid_and_confirmed(platform: LocalAws) -> None:
    owner, token = account()
    payment = payments.request_fee(owner, "APP#free-sale-1", "free-sale-certificate")
    assert payment.status == "pending"
    assert payment.amount == payments.fee("free-sale-certificate").amount
    assert "/payment/pay/" in payment.payUrl
    page = httpx.get(payment.payUrl, timeout=10)
    assert "ASAN ödəniş" in page.text and "cardNumber" in page.text
    answer = pay(payment, PAYING_CARD)
    assert answer["status"] == "paid"
    assert answer["callbackDelivery"]["status"] == 204
    code, seen = status_of(platform, payment.paymentId, token)
    assert code == 200
    assert seen["status"] == "paid" and seen["settledAt"]
    assert fee_actions("APP#free-sale-1") == ["fee-paid", "fee-requested"]


def test_g6_a_declined_card_declines_the_payment(platform: LocalAws) -> None:
    owner, token = account()
    payment = payments.request_fee(owner, "APP#decl", "permit-duplicate")
    assert pay(payment, DECLINED_CARD)["status"] == "declined"
    _, seen = status_of(platform, payment.paymentId, token)
    assert seen["status"] == "declined"
    assert seen["reason"]


def _confirmation(payment_id: str, **overrides: Any) -> dict[str, Any]:
    item = payments.get(payment_id)
    assert item is not None
    return {
        "id": item["providerId"],
        "reference": payment_id,
        "status": "paid",
        "amount": item["amount"],
        "currency": "AZN",
        "at": "2026-11-23T10:00:00Z",
        **overrides,
    }


def test_g6_a_forged_confirmation_is_refused_and_changes_nothing(platform: LocalAws) -> None:
    owner, _ = account()
    payment = payments.request_fee(owner, "APP#forged", "free-sale-certificate")
    assert signed_callback(platform, _confirmation(payment.paymentId), forged=True) == 401
    assert (payments.get(payment.paymentId) or {})["status"] == "pending"


def test_g6_confirmations_are_applied_once(platform: LocalAws) -> None:
    owner, _ = account()
    payment = payments.request_fee(owner, "APP#twice", "free-sale-certificate")
    confirmation = _confirmation(payment.paymentId)
    assert signed_callback(platform, confirmation) == 204
    assert signed_callback(platform, confirmation) == 204
    assert fee_actions("APP#twice") == ["fee-paid", "fee-requested"]
    contradiction = _confirmation(payment.paymentId, status="declined")
    assert signed_callback(platform, contradiction) == 409
    assert (payments.get(payment.paymentId) or {})["status"] == "paid"


def test_g6_a_replayed_message_is_dropped_by_its_webhook_id(platform: LocalAws) -> None:
    """Issue 10 item 8: a signed message whose webhook-id was seen is acknowledged and dropped,
    whatever it says; a failed one gives its id back, so the provider's retry is handled."""
    owner, _ = account()
    payment = payments.request_fee(owner, "APP#replay", "free-sale-certificate")
    wrong = _confirmation(payment.paymentId, amount=1)
    assert signed_callback(platform, wrong, message_id="pay_replayed") == 422
    confirmation = _confirmation(payment.paymentId)
    assert signed_callback(platform, confirmation, message_id="pay_replayed") == 204
    contradiction = _confirmation(payment.paymentId, status="declined")
    assert signed_callback(platform, contradiction, message_id="pay_replayed") == 204
    assert (payments.get(payment.paymentId) or {})["status"] == "paid"
    assert fee_actions("APP#replay") == ["fee-paid", "fee-requested"]


def test_g6_a_confirmation_of_another_amount_is_refused(platform: LocalAws) -> None:
    owner, _ = account()
    payment = payments.request_fee(owner, "APP#amount", "free-sale-certificate")
    assert signed_callback(platform, _confirmation(payment.paymentId, amount=1)) == 422
    assert (payments.get(payment.paymentId) or {})["status"] == "pending"


def test_g6_fees_are_not_refundable(platform: LocalAws) -> None:
    owner, token = account()
    _, stranger = account(name="Səbinə Qasımova")
    payment = payments.request_fee(owner, "APP#refund", "free-sale-certificate")
    pay(payment, PAYING_CARD)
    path = f"/payments/{payment.paymentId}/refund"
    code, problem = call(platform, "POST", path, token=token)[:2]
    assert code == 409
    assert problem["code"] == "payment.not-refundable"
    assert problem["basis"] == "seed 001 §2.20"
    assert (payments.get(payment.paymentId) or {})["status"] == "paid"
    code, _ = call(platform, "POST", path, token=stranger)[:2]
    assert code == 404


def test_g8_only_the_owner_sees_a_payment(platform: LocalAws) -> None:
    owner, _ = account()
    _, stranger = account(name="Ülvi Hüseynov")
    payment = payments.request_fee(owner, "APP#private", "free-sale-certificate")
    code, problem = status_of(platform, payment.paymentId, stranger)
    assert code == 404
    assert problem["errors"][0]["field"] == "paymentId"


def test_g7_an_unknown_fee_code_is_named_and_nothing_is_recorded(platform: LocalAws) -> None:
    owner, _ = account()
    with pytest.raises(Invalid) as refused:
        payments.request_fee(owner, "APP#unknown", "no-such-fee")
    assert refused.value.errors[0].field == "feeCode"
    assert audit.trail("APP#unknown").items == []


def test_g6_x10_a_waiting_workflow_gets_the_one_settled_model(
    platform: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """G6, X10 (issue 15 review item 4): what the payment wait hands a workflow is
    `payments.Settled`, the one model of that output (a step that receives it validates it with
    that model: tests/unit/test_export_wallet.py)."""
    from egov.platform import tasks

    handed: list[dict[str, Any]] = []
    monkeypatch.setattr(tasks, "answer", lambda token, output: handed.append(output) or True)
    owner, _ = account()
    payment = payments.request_fee(owner, "APP#free-sale-2", "free-sale-certificate")
    assert pay(payment, PAYING_CARD)["status"] == "paid"
    payments.await_payment("token-of-a-waiting-task", payment.paymentId)
    (output,) = handed
    assert set(output) == {"paymentId", "status", "settledAt"}
    settled = payments.Settled.model_validate(output)
    assert (settled.payment_id, settled.status) == (payment.paymentId, "paid")
