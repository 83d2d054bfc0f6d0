"""The SMS and e-mail gateways: accept a message, report its fate later in a signed receipt.

`POST /messages` accepts `{to, text[, subject], reference, callbackUrl}` with 202 and the
gateway's id, except for recipients listed as unavailable (503, nothing accepted). A moment later
the gateway POSTs a receipt `{id, reference, status, at, reason}` to the callback URL, signed
with Standard Webhooks `v1` under the secret named by `GATEWAY_RECEIPT_SECRET`, read from
Secrets Manager (moto locally) when signing, as the real gateway would be configured with it.
Statuses are the gateway's own: SMPP `stat` values for SMS, delivered/deferred/bounced for e-mail.
Recipients listed as permanent always fail; those listed as temporary fail on the first attempt
of a reference and are delivered when the same reference is submitted again.

`GET /messages?to=…&reference=…` lists what was sent, with each receipt and how its delivery
went: demo users read the one-time codes of a registration there, tests assert on it.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

from flask import Flask, abort, jsonify, request

from devstack.simulators._data import failures
from devstack.simulators._signing import post_signed
from egov.platform import clock

RECEIPT_DELAY_SECONDS = 0.3
RECEIPT_ATTEMPTS = 3

_OUTCOMES = {
    "sms": {"delivered": "DELIVRD", "temporary": "EXPIRED", "permanent": "UNDELIV"},
    "email": {"delivered": "delivered", "temporary": "deferred", "permanent": "bounced"},
}
_REASONS = {
    "sms": {"temporary": "handset unreachable", "permanent": "number not in service"},
    "email": {"temporary": "451 4.7.1 greylisted", "permanent": "550 5.1.1 no such mailbox"},
}


def _gateway(channel: str) -> Flask:
    listed = failures(channel)
    sent: list[dict[str, Any]] = []
    attempts: dict[str, int] = {}
    lock = threading.Lock()
    app = Flask(f"simulator-{channel}")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    def listed_as(kind: str, to: str) -> bool:
        key = to.rsplit("@", 1)[-1] if channel == "email" else to
        return key in listed[kind]

    def outcome(to: str, reference: str) -> str:
        if listed_as("permanent", to):
            return "permanent"
        if listed_as("temporary", to) and attempts[reference] == 1:
            return "temporary"
        return "delivered"

    def deliver_receipt(message: dict[str, Any]) -> None:
        post_signed(
            message["callbackUrl"],
            message["receipt"],
            "GATEWAY_RECEIPT_SECRET",
            "rcpt",
            record=lambda state: message.__setitem__("receiptDelivery", state),
            attempts=RECEIPT_ATTEMPTS,
            backoff_seconds=RECEIPT_DELAY_SECONDS,
        )

    @app.post("/messages")
    def submit() -> Any:
        body = request.get_json(force=True)
        if not all(body.get(k) for k in ("to", "text", "reference", "callbackUrl")):
            abort(400)
        if listed_as("unavailable", body["to"]):
            abort(503)
        with lock:
            attempts[body["reference"]] = attempts.get(body["reference"], 0) + 1
            fate = outcome(body["to"], body["reference"])
            message = {
                "id": f"{channel}-{uuid.uuid4().hex[:16]}",
                **body,
                "acceptedAt": clock.now().isoformat(timespec="seconds"),
            }
            message["receipt"] = {
                "id": message["id"],
                "reference": body["reference"],
                "status": _OUTCOMES[channel][fate],
                "at": clock.now().isoformat(timespec="seconds"),
                "reason": _REASONS[channel].get(fate),
            }
            sent.append(message)
        threading.Timer(RECEIPT_DELAY_SECONDS, deliver_receipt, args=(message,)).start()
        return jsonify({"id": message["id"]}), 202

    @app.get("/messages")
    def inspect() -> Any:
        to, reference = request.args.get("to"), request.args.get("reference")
        with lock:
            found = [
                m
                for m in sent
                if (to is None or m["to"] == to)
                and (reference is None or m["reference"] == reference)
            ]
        return jsonify({"messages": found})

    return app


def sms(api_url: str) -> Flask:
    return _gateway("sms")


def email(api_url: str) -> Flask:
    return _gateway("email")
