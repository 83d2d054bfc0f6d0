"""Agencies (DIN, XIN, DTX, XKX, ...): receive the platform's decision webhooks, answer them (G3).

`POST /<agency>/webhook` is where the local stack delivers an agency's webhooks (the platform's
default endpoint when the agency has none registered). Like a real agency system it verifies the
Standard Webhooks `v1a` signature with the key published at `<api>/.well-known/webhook-keys`,
refuses stale or forged ones (401), drops duplicates by `webhook-id`, and records everything.

On a `decision.requested` webhook it applies the agency's rule (naming, in its answer, the
latest revision of the request's data a `decision.revised` webhook brought): `approve` or `reject` after
`delaySeconds` (logging in with the agency system's client credentials at `POST <api>/auth/token`
and calling the decision's callback), or `silent` (never answers, so the workflow's deadline
applies). `POST /<agency>/rules` sets the rule; defaults are in data/agencies.json.

`POST /<agency>/failures` with `{"status": 500|503|410|429, "times": n, "retryAfter": s}` makes
the next n webhooks fail that way, to watch the platform's retries, dead letters and disabling.
`GET /<agency>/webhooks` lists what arrived, how it was verified and answered.

A permit agency also tells the platform what happens to a permit after its decision (X8):
`PUT /<agency>/event-key` keeps the key the operator handed it (`{"key": "whsec_..."}`), and
`POST /<agency>/permit-events` with `{"applicationId", "permit", "kind", "reason"?}` signs the
event with it and sends it to `<api>/export/permit-events`, answering with the platform's answer
and the message id; `"webhookId"` in the body sends that message again, as a retry would.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from typing import Any, Literal

import httpx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from flask import Flask, jsonify, request
from pydantic import BaseModel, Field, ValidationError

from devstack.simulators import incentive
from devstack.simulators._data import load
from devstack.simulators._signing import sign

TOLERANCE_SECONDS = 5 * 60  # the spec's suggested window against replays


class Rule(BaseModel):
    outcome: Literal["approve", "reject", "silent"] = "silent"
    delay_seconds: float = Field(default=0, ge=0, le=3600, alias="delaySeconds")
    reason: str = ""
    client_id: str | None = Field(default=None, alias="clientId")
    client_secret: str | None = Field(default=None, alias="clientSecret")

    model_config = {"populate_by_name": True}


class Failure(BaseModel):
    status: Literal[410, 429, 500, 503]
    times: int = Field(default=1, ge=1, le=100)
    retry_after: int | None = Field(default=None, ge=0, le=86400, alias="retryAfter")

    model_config = {"populate_by_name": True}


class PermitEvent(BaseModel):
    application_id: str = Field(alias="applicationId")
    permit: str
    kind: Literal["addendum", "duplicate", "reissued", "suspended", "restored", "revoked"]
    reason: str | None = None
    webhook_id: str | None = Field(default=None, alias="webhookId")

    model_config = {"populate_by_name": True}


class _Keys:
    """The platform's published v1a keys, fetched when first needed and again on a miss."""

    def __init__(self, api_url: str) -> None:
        self.api_url = api_url
        self.keys: list[Ed25519PublicKey] = []

    def fetch(self) -> None:
        published = httpx.get(f"{self.api_url}/.well-known/webhook-keys", timeout=10).json()
        self.keys = [
            Ed25519PublicKey.from_public_bytes(
                base64.b64decode(k["publicKey"].removeprefix("whpk_"))
            )
            for k in published["keys"]
        ]

    def verify(self, signed: bytes, signatures: str) -> bool:
        for attempt in range(2):
            if attempt or not self.keys:
                self.fetch()
            for candidate in signatures.split():
                version, _, value = candidate.partition(",")
                if version != "v1a":
                    continue
                for key in self.keys:
                    try:
                        key.verify(base64.b64decode(value), signed)
                    except (InvalidSignature, ValueError):
                        continue
                    return True
        return False


def make(api_url: str) -> Flask:
    app = Flask("simulator-agency")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    keys = _Keys(api_url)
    defaults = load("agencies")
    rules: dict[str, Rule] = {code: Rule.model_validate(rule) for code, rule in defaults.items()}
    failures: dict[str, Failure] = {}
    received: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    event_keys: dict[str, str] = {}
    # The latest revision of each request's data (`decision.revised`): an answer decides on it.
    revisions: dict[str, int] = {}
    lock = threading.Lock()

    def verified(headers: dict[str, str], body: str) -> str | None:
        """None if the webhook is genuine and fresh, else why not."""
        webhook_id = headers.get("webhook-id")
        timestamp = headers.get("webhook-timestamp", "")
        signature = headers.get("webhook-signature")
        if not (webhook_id and timestamp.isdigit() and signature):
            return "missing headers"
        if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
            return "timestamp outside the tolerance"
        if not keys.verify(f"{webhook_id}.{timestamp}.{body}".encode(), signature):
            return "no valid v1a signature"
        return None

    def answer(agency: str, rule: Rule, data: dict[str, Any], entry: dict[str, Any]) -> None:
        credentials = {
            "clientId": rule.client_id or f"{agency.lower()}-system",
            "clientSecret": rule.client_secret or f"{agency.lower()}-system-demo-secret-2026",
        }
        try:
            login = httpx.post(f"{api_url}/auth/token", json=credentials, timeout=10)
            token = login.json().get("accessToken")
            body: dict[str, Any] = {"outcome": rule.outcome, "reason": rule.reason}
            if rule.outcome == "reject" and not body["reason"]:
                body["reason"] = f"{agency}: mənfi rəy (simulyator)"
            with lock:
                revision = revisions.get(data["decisionId"])
            if revision is not None:
                body["revision"] = revision
            path = f"/agencies/{agency}/decisions/{data['decisionId']}"
            # X6: an incentive's answer (amount, transfer) goes to the export service's route.
            path, body = incentive.reply(rule.outcome, rule.reason, data) or (path, body)
            reply = httpx.post(
                f"{api_url}{path}",
                json=body,
                headers={"Authorization": f"Bearer {token}"},
                timeout=10,
            )
            entry["answer"] = {"sent": body, "status": reply.status_code, "body": reply.json()}
        except (httpx.HTTPError, ValueError) as error:
            entry["answer"] = {"error": repr(error)}

    @app.post("/<agency>/webhook")
    def webhook(agency: str) -> Any:
        body = request.get_data(as_text=True)
        headers = {k.lower(): v for k, v in request.headers.items()}
        entry: dict[str, Any] = {
            "webhookId": headers.get("webhook-id"),
            "receivedAt": time.time(),
            "headers": {
                k: v
                for k, v in headers.items()
                if k.startswith("webhook-") or k == "x-correlation-id"
            },
            "body": body,
        }
        with lock:
            received.setdefault(agency, []).append(entry)
            failure = failures.get(agency)
            if failure:
                failure.times -= 1
                if failure.times == 0:
                    del failures[agency]
        if failure:
            entry["answeredWith"] = failure.status
            extra = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            return jsonify({"error": "told to fail"}), failure.status, extra
        problem = verified(headers, body)
        entry["verified"] = problem is None
        if problem:
            entry["answeredWith"] = 401
            return jsonify({"error": problem}), 401
        entry["answeredWith"] = 204
        with lock:
            duplicate = entry["webhookId"] in seen
            seen.add(entry["webhookId"])
        event = json.loads(body)
        if not duplicate and event.get("type") == "decision.revised":
            with lock:
                revisions[event["data"]["decisionId"]] = int(event["data"]["revision"])
        rule = rules.get(agency, Rule())
        if not duplicate and event.get("type") == "decision.requested" and rule.outcome != "silent":
            timer = threading.Timer(
                rule.delay_seconds, answer, (agency, rule, event["data"], entry)
            )
            timer.daemon = True
            timer.start()
        return "", 204

    @app.errorhandler(ValidationError)
    def refused(bad: ValidationError) -> Any:
        return jsonify({"errors": bad.errors(include_input=False)}), 422

    @app.post("/<agency>/rules")
    def set_rule(agency: str) -> Any:
        rule = Rule.model_validate(request.get_json(force=True))
        with lock:
            rules[agency] = rule
        return jsonify(rule.model_dump(by_alias=True, exclude={"client_secret"}))

    @app.post("/<agency>/failures")
    def set_failure(agency: str) -> Any:
        failure = Failure.model_validate(request.get_json(force=True))
        with lock:
            failures[agency] = failure
        return jsonify(failure.model_dump(by_alias=True))

    @app.put("/<agency>/event-key")
    def keep_event_key(agency: str) -> Any:
        key = (request.get_json(force=True) or {}).get("key")
        if not isinstance(key, str) or not key.startswith("whsec_"):
            return jsonify({"errors": [{"loc": ["key"], "msg": "a whsec_ key"}]}), 422
        with lock:
            event_keys[agency] = key
        return "", 204

    @app.post("/<agency>/permit-events")
    def tell_permit_event(agency: str) -> Any:
        event = PermitEvent.model_validate(request.get_json(force=True))
        with lock:
            key = event_keys.get(agency)
        if key is None:
            return jsonify({"error": "no key handed over by the operator yet"}), 409
        data = {"applicationId": event.application_id, "permit": event.permit, "agency": agency}
        if event.reason:
            data["reason"] = event.reason
        body = json.dumps({"type": f"permit.{event.kind}", "data": data}, ensure_ascii=False)
        webhook_id = event.webhook_id or f"pev_{uuid.uuid4().hex}"
        headers = sign(body, key, webhook_id)
        try:
            answer = httpx.post(
                f"{api_url}/export/permit-events", content=body, headers=headers, timeout=10
            )
        except httpx.HTTPError as error:
            return jsonify({"webhookId": webhook_id, "error": repr(error)}), 502
        told = {
            "webhookId": webhook_id,
            "status": answer.status_code,
            "body": answer.json() if answer.content else None,
        }
        return jsonify(told)

    @app.get("/<agency>/webhooks")
    def inspect(agency: str) -> Any:
        with lock:
            return jsonify({"webhooks": list(received.get(agency, []))})

    return app
