"""One correlation id follows a request through the queue, the workflow and the agency's
webhook, and is written in the audit trail (observability; G1, G3, DESIGN rule 11)."""

from __future__ import annotations

import uuid
from typing import Any

from tests.e2e.conftest import RunningStack
from tests.e2e.test_producers import PASSWORD, STACK_WAIT, confirmation, login, wait_for

FIN, MOBILE = "7CV3N9X", "+994703456789"  # docs/simulators.md: Hüseynov Ülvi, Nar


def test_a_registrations_correlation_id_reaches_the_ministry_and_the_audit_trail(
    stack: RunningStack,
) -> None:
    correlation = f"corr-{uuid.uuid4().hex}"
    with stack.client() as http:
        code = confirmation(http, stack, FIN, MOBILE)
        response = http.post(
            "/producers",
            headers={"X-Correlation-Id": correlation, "Idempotency-Key": uuid.uuid4().hex},
            json={
                "kind": "potential-producer",
                "personKind": "natural",
                "fin": FIN,
                "username": "ulvi.huseynov",
                "password": PASSWORD,
                "mobile": MOBILE,
                **code,
            },
        )
        assert response.status_code == 201, response.text
        assert response.headers["x-correlation-id"] == correlation

        def ministry_webhook() -> list[dict[str, Any]]:
            received = stack.simulator_http.get("/agency/MKT/webhooks").json()
            return [
                w
                for w in received["webhooks"]
                if w["headers"].get("x-correlation-id") == correlation and "verified" in w
            ]

        received = wait_for(ministry_webhook, STACK_WAIT, what="the ministry's decision request")
        # Delivery is at-least-once: a slow answer is retried under the same webhook-id, which
        # the agency drops (G3). One decision request means one id, however often it came.
        assert len({w["webhookId"] for w in received}) == 1, received
        assert all(w["verified"] is True for w in received)
        assert all('"type":"decision.requested"' in w["body"] for w in received)

        token = login(http, "ulvi.huseynov", PASSWORD)
        trail = http.get("/me/audit", headers={"Authorization": f"Bearer {token}"}).json()
        assert correlation in {entry.get("correlationId") for entry in trail["items"]}
