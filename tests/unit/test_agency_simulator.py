"""The agency simulator (G3, DESIGN rule 14) against a stub of the platform's three routes it uses."""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from flask.testing import FlaskClient

from devstack.simulators import agency
from tests.helpers import wait_for

KEY = Ed25519PrivateKey.generate()


class Platform:
    def __init__(self) -> None:
        self.logins: list[dict[str, Any]] = []
        self.answers: list[dict[str, Any]] = []


@pytest.fixture
def platform() -> Iterator[tuple[Platform, str]]:
    state = Platform()
    public = KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    class Handler(BaseHTTPRequestHandler):
        def _reply(self, body: dict[str, Any]) -> None:
            raw = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_GET(self) -> None:
            self._reply({"keys": [{"publicKey": "whpk_" + base64.b64encode(public).decode()}]})

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            if self.path == "/auth/token":
                state.logins.append(body)
                self._reply({"accessToken": f"token-of-{body['clientId']}"})
                return
            state.answers.append(
                {"path": self.path, "body": body, "auth": self.headers["authorization"]}
            )
            self._reply({"status": "answered"})

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def client(platform: tuple[Platform, str]) -> FlaskClient:
    return agency.make(platform[1]).test_client()


def signed(
    decision_id: str,
    key: Ed25519PrivateKey = KEY,
    webhook_id: str | None = None,
    event: str = "decision.requested",
    **data: Any,
) -> tuple[str, dict[str, str]]:
    body = json.dumps({"type": event, "data": {"decisionId": decision_id, **data}})
    webhook_id = webhook_id or f"msg_{uuid.uuid4().hex}"
    timestamp = str(int(time.time()))
    signature = key.sign(f"{webhook_id}.{timestamp}.{body}".encode())
    return body, {
        "webhook-id": webhook_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": "v1a," + base64.b64encode(signature).decode(),
        "content-type": "application/json",
    }


def test_g3_genuine_webhook_is_answered_with_the_agency_systems_credentials(
    client: FlaskClient, platform: tuple[Platform, str]
) -> None:
    """G3: a verified decision request is approved by rule, through /auth/token and the callback."""
    state, _ = platform
    rule = {"outcome": "reject", "delaySeconds": 0, "reason": "Qadağa var"}
    assert client.post("/DTX/rules", json=rule).status_code == 200
    body, headers = signed("dec_1")
    assert client.post("/DTX/webhook", data=body, headers=headers).status_code == 204

    (sent,) = wait_for(lambda: state.answers)
    assert sent["path"] == "/agencies/DTX/decisions/dec_1"
    assert sent["body"] == {"outcome": "reject", "reason": "Qadağa var"}
    assert sent["auth"] == "Bearer token-of-dtx-system"
    assert state.logins == [
        {"clientId": "dtx-system", "clientSecret": "dtx-system-demo-secret-2026"}
    ]
    (seen,) = client.get("/DTX/webhooks").get_json()["webhooks"]
    assert seen["verified"] is True
    assert wait_for(lambda: client.get("/DTX/webhooks").get_json()["webhooks"][0].get("answer"))


def test_g3_forged_or_duplicate_webhooks_are_not_acted_on(
    client: FlaskClient, platform: tuple[Platform, str]
) -> None:
    """G3: a signature by another key is 401; a repeated webhook-id is answered once."""
    state, _ = platform
    client.post("/DIN/rules", json={"outcome": "approve", "delaySeconds": 0})
    body, headers = signed("dec_forged", key=Ed25519PrivateKey.generate())
    assert client.post("/DIN/webhook", data=body, headers=headers).status_code == 401

    body, headers = signed("dec_twice", webhook_id="msg_same")
    assert client.post("/DIN/webhook", data=body, headers=headers).status_code == 204
    assert client.post("/DIN/webhook", data=body, headers=headers).status_code == 204
    wait_for(lambda: state.answers)
    time.sleep(0.2)  # room for a second answer, which must not come
    assert [a["path"] for a in state.answers] == ["/agencies/DIN/decisions/dec_twice"]


def test_g3_told_to_fail_then_recovers(client: FlaskClient) -> None:
    """DESIGN rule 6: the simulator can answer 429 with Retry-After (or 500, 410) to show retries."""
    client.post("/XKX/failures", json={"status": 429, "times": 1, "retryAfter": 7})
    body, headers = signed("dec_busy")
    busy = client.post("/XKX/webhook", data=body, headers=headers)
    assert busy.status_code == 429 and busy.headers["Retry-After"] == "7"
    assert client.post("/XKX/webhook", data=body, headers=headers).status_code == 204
    assert client.post("/XKX/failures", json={"status": 302}).status_code == 422


def test_g3_an_answer_names_the_latest_revision_of_the_request(
    client: FlaskClient, platform: tuple[Platform, str]
) -> None:
    """G3, A5: a request whose data the service revised (`decision.revised`) is answered on that
    revision, so the platform can refuse an answer given on data that no longer stands."""
    state, _ = platform
    client.post("/MKT/rules", json={"outcome": "approve", "delaySeconds": 0})
    body, headers = signed("dec_revised", event="decision.revised", revision=2)
    assert client.post("/MKT/webhook", data=body, headers=headers).status_code == 204
    assert state.answers == []  # a revision is news, not a request to answer
    body, headers = signed("dec_revised")
    assert client.post("/MKT/webhook", data=body, headers=headers).status_code == 204
    (sent,) = wait_for(lambda: state.answers)
    assert sent["body"] == {"outcome": "approve", "reason": "", "revision": 2}
