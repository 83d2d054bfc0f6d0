"""Simulated systems sign their callbacks as Standard Webhooks senders do (G3)."""

from __future__ import annotations

import httpx
import pytest
from standardwebhooks import Webhook

from devstack.simulators import _signing

SECRET = b"simulated-gateway-secret"


def test_a_retried_callback_is_the_same_message_with_the_same_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A retry after a platform failure carries the first attempt's `webhook-id`, so a platform
    that committed the first attempt and then failed to answer handles it once; each attempt
    is signed afresh and verifies."""
    seen: list[httpx.Request] = []

    def platform(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503 if len(seen) < 3 else 204)

    monkeypatch.setattr(_signing, "_http", httpx.Client(transport=httpx.MockTransport(platform)))
    monkeypatch.setattr(_signing, "_secret", lambda env: SECRET)
    attempts: list[dict[str, object]] = []
    _signing.post_signed(
        "http://platform.test/receipts",
        {"status": "delivered"},
        "RECEIPT_SECRET",
        "rcpt",
        record=attempts.append,
        backoff_seconds=0,
    )
    assert [a["status"] for a in attempts] == [503, 503, 204]
    ids = {r.headers["webhook-id"] for r in seen}
    assert len(ids) == 1 and ids.pop().startswith("rcpt_")
    for request in seen:
        Webhook(SECRET).verify(request.content, dict(request.headers))
