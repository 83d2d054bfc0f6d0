"""Signed callbacks from simulated systems to the platform (Standard Webhooks `v1` HMAC), as
the SMS/e-mail gateways' receipts and the payment provider's confirmations are signed."""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import boto3
import httpx
from standardwebhooks import Webhook

# One client for every callback: building one (its TLS context) costs ~50 ms of CPU.
_http = httpx.Client(timeout=10)


def sign(body: str, key: str | bytes, message_id: str) -> dict[str, str]:
    """The Standard Webhooks `v1` headers of `body` under `key` (a `whsec_` key or raw bytes)."""
    now = datetime.now(UTC)  # signatures carry real time, whatever the demo clock says
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(key).sign(message_id, now, body),
    }


def _secret(secret_env: str) -> bytes:
    secret_id = os.environ[secret_env]
    secret = boto3.client("secretsmanager").get_secret_value(SecretId=secret_id)["SecretString"]
    return str(secret).encode()


def signed_headers(body: str, secret_env: str, id_prefix: str) -> dict[str, str]:
    """The headers of one callback, signed with the secret named by the `secret_env` variable."""
    return sign(body, _secret(secret_env), f"{id_prefix}_{uuid.uuid4().hex}")


def post_signed(
    url: str,
    payload: object,
    secret_env: str,
    id_prefix: str,
    *,
    record: Callable[[dict[str, object]], None],
    attempts: int = 3,
    backoff_seconds: float = 0.2,
) -> None:
    """POST a signed callback as the real system would: a refusal (< 500) is final, a failure or
    an unreachable platform is retried with exponential backoff. `record` gets the state of the
    delivery after each attempt, for the simulator's inspection routes."""
    body = json.dumps(payload, ensure_ascii=False)
    # A retry is the same message: its id stays, so the platform handles it once (G3).
    message_id = f"{id_prefix}_{uuid.uuid4().hex}"
    for attempt in range(attempts):
        try:
            headers = sign(body, _secret(secret_env), message_id)
            answer = _http.post(url, content=body, headers=headers)
            record({"status": answer.status_code, "attempts": attempt + 1})
            if answer.status_code < 500:
                return
        except Exception as error:  # the platform, or moto holding the secret, may be gone
            record({"error": repr(error), "attempts": attempt + 1})
        time.sleep(backoff_seconds * 2**attempt)
