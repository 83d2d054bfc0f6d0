"""Notifications and simulators over HTTP against the local stack (G2, G7, DESIGN rule 14).

Routes that need a login (the cabinet inbox with its deliveries, the agency view of A9) are
covered in-process by tests/functional/platform/test_notify.py until the login route lands.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from tests.conftest import CEILING
from tests.e2e.conftest import RunningStack


def test_simulated_registry_answers_with_azerbaijani_letters(stack: RunningStack) -> None:
    person = httpx.get(f"{stack.simulators}/population/persons/2HQ4R7T", timeout=CEILING).json()
    assert (person["surname"], person["patronymic"]) == ("Əliyeva", "İlham qızı")
    assert (
        httpx.get(f"{stack.simulators}/population/persons/0000000", timeout=CEILING).status_code
        == 404
    )


def test_g2_forged_delivery_receipt_is_refused(stack: RunningStack) -> None:
    """G2: a receipt without the gateway's signature is 401, as a problem."""
    with stack.client() as http:
        response = http.post(
            "/platform/delivery-receipts/sms",
            content=b'{"id": "x", "reference": "r", "status": "DELIVRD", "at": "2026-01-01T00:00:00Z"}',
            headers={
                "webhook-id": "a",
                "webhook-timestamp": str(int(time.time())),
                "webhook-signature": "v1,Zm9yZ2Vk",
            },
        )
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "receipt.signature-invalid"


def test_g2_gateway_receipts_are_signed_with_the_stacks_secret(stack: RunningStack) -> None:
    """G2: the SMS gateway's receipt passes the platform's signature check (the stack gives both
    the same secret); the reference is not ours, so the platform answers 404, not 401."""
    callback = f"{stack.api}/platform/delivery-receipts/sms"
    sent = httpx.post(
        f"{stack.simulators}/sms/messages",
        json={
            "to": "+994501234567",
            "text": "Sınaq",
            "reference": "e2e-unknown",
            "callbackUrl": callback,
        },
        timeout=CEILING,
    )
    assert sent.status_code == 202

    def delivery() -> dict[str, Any] | None:
        listed = stack.simulator_http.get(
            "/sms/messages", params={"reference": "e2e-unknown"}
        ).json()["messages"]
        return listed[0].get("receiptDelivery") if listed else None

    deadline = time.monotonic() + 20
    while delivery() is None:
        assert time.monotonic() < deadline, "the gateway never posted its receipt"
        time.sleep(0.1)
    assert delivery()["status"] == 404  # type: ignore[index]


def test_g2_inbox_needs_a_login(stack: RunningStack) -> None:
    with stack.client() as http:
        response = http.get("/me/inbox")
    assert response.status_code == 401
