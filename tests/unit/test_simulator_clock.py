"""The simulators of customs, the SMS and e-mail gateways and the payment provider date what they
do by the platform's clock, as the ASAN İmza, MBNP and exchange simulators do (G4): a demo runs
its clock days ahead (1440×), and a customs decision, a delivery receipt or a payment dated by the
machine's clock would fall before the request that caused it (the §7.9 e-mail would give the
person a delivery time days before the SMS was sent)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from devstack.simulators import customs, gateways, payment
from egov.platform import clock
from tests.helpers import jump_clock

FUTURE = datetime(2031, 3, 20, 8, 0, tzinfo=UTC)  # the wall clock says otherwise


@pytest.fixture(autouse=True)
def demo_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    jump_clock(monkeypatch, FUTURE)
    for simulator in (gateways, payment):
        monkeypatch.setattr(simulator, "post_signed", lambda *args, **kw: None)


def dated(value: str) -> datetime:
    return clock.parse(value)


def test_g4_x5_customs_decides_and_numbers_by_the_platform_clock() -> None:
    office = customs.make("http://platform.invalid").test_client()
    answer = office.post("/declarations", json={"declarationId": "d-1", "goods": []})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    decision: dict[str, Any] = answer.get_json()
    assert dated(decision["decidedAt"]).year == 2031
    if decision.get("number"):
        assert "-20310320-" in decision["number"]


def test_g4_a9_a_gateway_accepts_and_receipts_by_the_platform_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Never:  # the receipt is not sent: only its date is looked at
        def __init__(self, *args: object, **kwargs: object) -> None: ...

        def start(self) -> None: ...

    monkeypatch.setattr(gateways.threading, "Timer", Never)
    sms = gateways.sms("http://platform.invalid").test_client()
    sent = sms.post(
        "/messages",
        json={
            "to": "+994501234567",
            "text": "Kod 123456",
            "reference": "r-1",
            "callbackUrl": "http://platform.invalid/r",
        },
    )
    assert sent.status_code == 202
    (message,) = sms.get("/messages", query_string={"reference": "r-1"}).get_json()["messages"]
    assert dated(message["acceptedAt"]).year == 2031
    assert dated(message["receipt"]["at"]).year == 2031


def test_g4_the_payment_provider_dates_a_payment_by_the_platform_clock() -> None:
    provider = payment.make("http://platform.invalid").test_client()
    created = provider.post(
        "/payments",
        json={
            "amount": 2000,
            "currency": "AZN",
            "reference": "p-1",
            "description": "Rüsum",
            "returnUrl": "http://platform.invalid/back",
            "callbackUrl": "http://platform.invalid/payments/callback",
        },
    )
    assert created.status_code == 201
    payment_id = created.get_json()["id"]
    confirmed = provider.post(f"/pay/{payment_id}/confirm", json={"cardNumber": "4169738812345678"})
    assert confirmed.status_code == 200, confirmed.get_data(as_text=True)
    shown = provider.get(f"/payments/{payment_id}").get_json()
    assert dated(shown["createdAt"]).year == 2031
    assert dated(shown["confirmation"]["at"]).year == 2031
