"""Helpers shared by the tests (fixtures live in tests/conftest.py): accounts and tokens,
calling a handler, waiting (with the queues delivered) and moving the platform clock, an
agency's webhook endpoint.

Accounts are few and made without a password where the test only needs a token: argon2 is
slow on purpose.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from standardwebhooks import Webhook

from devstack.gateway import find_route
from devstack.pump import Pump
from egov.platform import accounts, audit, auth, aws, clock, mobile_id, webhooks
from egov.platform.repository import Table, Transaction
from tests.conftest import CEILING, LocalAws, rest_event

SETUP = audit.Actor.system("tests")
PASSWORD = "correct horse battery"
# FIN → the number of the ID card the person gives with it (P2): the population simulator's
# demo people, docs/simulators.md.
ID_CARDS = {
    person["fin"]: person["documentNumber"]
    for person in json.loads(
        (Path(__file__).parents[1] / "infra/devstack/simulators/data/persons.json").read_text(
            encoding="utf-8"
        )
    )
}


# ---------------------------------------------------------------- accounts and tokens
def account(
    role: auth.Role = "citizen",
    agency: str | None = None,
    *,
    name: str = "Leyla Məmmədova",
    password: str | None = None,
) -> tuple[str, str]:
    """A login account made straight in the registry, and an access token for it."""
    user_id = auth.new_user_id()
    tx = Transaction()
    stored = auth.add_account(
        tx,
        user_id=user_id,
        username=f"u{user_id[:10]}",
        password=password,
        role=role,
        name=name,
        agency=agency,
    )
    tx.commit()
    return user_id, auth.issue_token(auth.Principal.of(stored))


def identified(fin: str, name: str = "Leyla Məmmədova") -> tuple[str, str]:
    """A citizen account as an ASAN İmza login of `fin` makes it (the FIN linked), and a token."""
    user_id = mobile_id.account_of(fin, name)
    stored = auth.account(user_id)
    assert stored is not None
    return user_id, auth.issue_token(auth.Principal.of(stored))


def person(username: str, role: str = "officer", agency: str | None = "MKT", **extra: Any) -> str:
    """A person's account made as the platform makes staff accounts, with `PASSWORD`."""
    return accounts.create(
        accounts.NewAccount(
            username=username,
            password=PASSWORD,
            role=role,
            name=extra.pop("name", "Əli Məmmədov"),
            agency=agency,
            **extra,
        ),
        SETUP,
    )


def client(client_id: str, agency: str, secret: str = "s3cret-of-the-agency-system") -> str:
    return accounts.create_client(
        accounts.NewClient(clientId=client_id, clientSecret=secret, agency=agency, name=agency),
        SETUP,
    )


# ---------------------------------------------------------------- calling handlers
@dataclass(frozen=True)
class Answer:
    """A handler's answer: status, body (parsed JSON; the text where it is not JSON; {} where
    empty), headers (multi-valued ones joined with commas) and the body's text as sent. Unpacks
    as (status, body, headers)."""

    status: int
    body: Any
    headers: dict[str, str]
    text: str

    def __iter__(self) -> Iterator[Any]:
        return iter((self.status, self.body, self.headers))

    def __getitem__(self, index: Any) -> Any:
        return (self.status, self.body, self.headers)[index]


def call(
    local_aws: LocalAws,
    method: str,
    path: str,
    *,
    token: str | None = None,
    body: object = None,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    language: str | None = None,
    ip: str | None = None,
) -> Answer:
    """Invoke the handler API Gateway would pick for `method path` (found in the template as
    the gateway finds it), with the event it would send."""
    function, resource, parameters = find_route(local_aws.template, method, path)
    request_headers = dict(headers or {})
    if token:
        request_headers["Authorization"] = f"Bearer {token}"
    if language:
        request_headers["Accept-Language"] = language
    event = rest_event(
        method,
        path,
        resource=resource,
        body=body,
        headers=request_headers,
        path_parameters=parameters or None,
        query=query,
    )
    if ip:
        event["requestContext"]["identity"]["sourceIp"] = ip
    response = local_aws.invoke(function, event)
    text = response.get("body") or ""
    try:
        payload = json.loads(text) if text else {}
    except ValueError:
        payload = text
    answer_headers = dict(response.get("headers") or {})
    for name, values in (response.get("multiValueHeaders") or {}).items():
        answer_headers[name] = ",".join(values)
    return Answer(response["statusCode"], payload, answer_headers, text)


def log_in(local_aws: LocalAws, username: str, password: str = PASSWORD) -> str:
    status, body, _ = call(
        local_aws, "POST", "/auth/login", body={"username": username, "password": password}
    )
    assert status == 200, body
    return str(body["accessToken"])


# ---------------------------------------------------------------- waiting and the clock


def wait_for(
    check: Callable[[], Any],
    timeout: float = CEILING,
    what: str = "condition",
    every: float = 0.05,
    *,
    pump: Pump | None = None,
) -> Any:
    """Poll `check` until it returns something truthy (returned), failing after `timeout`.

    With `pump`, each round first delivers one batch from every queue to its consumer, as
    Lambda's event source mappings would, so the workflow moves on while the test waits. Not
    "until the queues are empty": with a scaled clock the webhook retries and overdue alerts
    never stop, so a quiet moment may never come on a busy machine.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivered = sum(pump.poll(s) for s in pump.subscriptions) if pump else 0
        value = check()
        if value:
            return value
        if not delivered:
            time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def settle(pump: Pump, timeout: float = CEILING) -> None:
    """Deliver until every queue stays empty, for a test that then asserts what did *not*
    happen (or the exact count of what did). Only where the clock runs at real speed: a scaled
    clock keeps retries and alerts coming, and there `wait_for(..., pump=...)` is the way."""
    pump.drain(timeout=timeout)


def scale_clock(monkeypatch: pytest.MonkeyPatch, real_seconds_per_day: float) -> None:
    """From now on a business day passes in `real_seconds_per_day` real seconds (G4), so a
    Step Functions wait computed from now on is short. The clock goes on from where it is (no
    jump), so whatever the test did before keeps its moment. 86400 is real speed again: after
    the timeout the test wanted has fired, the test then acts without a deadline racing it."""
    here = clock.now()
    monkeypatch.setenv("EGOV_CLOCK_SCALE", str(86400 / real_seconds_per_day))
    monkeypatch.setenv("EGOV_CLOCK_EPOCH", str(time.time()))
    monkeypatch.setenv("EGOV_CLOCK_OFFSET", "0")
    jump_clock(monkeypatch, here)


def jump_clock(monkeypatch: pytest.MonkeyPatch, to: datetime) -> None:
    """Move the platform clock to `to` (G4): the test acts at an exact moment of the calendar,
    however long the machine took to get there."""
    offset = float(os.environ.get("EGOV_CLOCK_OFFSET", "0"))
    monkeypatch.setenv("EGOV_CLOCK_OFFSET", str(offset + (to - clock.now()).total_seconds()))


# ---------------------------------------------------------------- an agency's endpoint


class Agency:
    """An agency's webhook endpoint: records what arrives and answers each POST with the next
    scripted (status, headers), else `always`, else 200."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.script: list[tuple[int, dict[str, str]]] = []
        self.always: int | None = None
        self.lock = threading.Lock()

    def answer(self) -> tuple[int, dict[str, str]]:
        with self.lock:
            if self.script:
                return self.script.pop(0)
        return (self.always or 200), {}

    def bodies(
        self, event_type: str | None = None, path: str | None = None
    ) -> list[dict[str, Any]]:
        """The parsed bodies received (of one event type, at one path), in order."""
        with self.lock:
            received = list(self.received)
        bodies = [(r["path"], json.loads(r["body"])) for r in received]
        return [
            b
            for p, b in bodies
            if (event_type is None or b["type"] == event_type) and (path is None or p == path)
        ]


@contextmanager
def serve_agency() -> Iterator[tuple[Agency, str]]:
    """An `Agency` listening on an ephemeral local port, and its base URL."""
    agency = Agency()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"])).decode()
            with agency.lock:
                agency.received.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
            status, headers = agency.answer()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield agency, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def verified_body(received: dict[str, Any]) -> dict[str, Any]:
    """The body of a webhook an `Agency` received, once its `v1a` signature has been checked
    against the platform's published key (raises InvalidSignature otherwise)."""
    headers = {k.lower(): v for k, v in received["headers"].items()}
    version, signature = headers["webhook-signature"].split(",", 1)
    assert version == "v1a"
    raw = base64.b64decode(webhooks.published_keys().keys[0].public_key.removeprefix("whpk_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.{received['body']}"
    Ed25519PublicKey.from_public_bytes(raw).verify(base64.b64decode(signature), signed.encode())
    return dict(json.loads(received["body"]))


def tell(
    local_aws: LocalAws, path: str, body: dict[str, Any], message_id: str, secret: str | bytes
) -> Answer:
    """Another system's event POSTed to `path` as a Standard Webhooks v1 message signed with
    `secret` (its `whsec_` form, or the raw key as bytes)."""
    moment = clock.now()
    headers = {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, moment, json.dumps(body)),
    }
    return call(local_aws, "POST", path, body=body, headers=headers)


def secret_value(local_aws: LocalAws, logical_id: str) -> str:
    """The value of the template's secret `logical_id`."""
    return str(
        boto3.client("secretsmanager").get_secret_value(
            SecretId=local_aws.template.physical_name(logical_id)
        )["SecretString"]
    )


# ---------------------------------------------------------------- agency decisions (DESIGN rule 6)


def decide(
    local_aws: LocalAws, token: str, agency: str, decision_id: str, body: dict[str, Any]
) -> Answer:
    """An agency's answer to a decision, on its callback route."""
    return call(
        local_aws, "POST", f"/agencies/{agency}/decisions/{decision_id}", token=token, body=body
    )


def decision(decision_id: str) -> dict[str, Any]:
    """The exchange's stored decision."""
    item = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION")
    assert item is not None, decision_id
    return item


def taken(local_aws: LocalAws, queue: str, what: str) -> dict[str, Any]:
    """The next message of the template's `queue`, taken off it (the test plays its consumer)."""
    url = local_aws.template.ref(queue)
    sqs = boto3.client("sqs")

    def received() -> dict[str, Any] | None:
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1).get("Messages", []):
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            return dict(json.loads(message["Body"]))
        return None

    return dict(wait_for(received, what=what))


def decision_request(local_aws: LocalAws) -> dict[str, Any]:
    """The next message a workflow put on the DecisionRequestQueue (the test plays the exchange)."""
    return taken(local_aws, "DecisionRequestQueue", "a decision request")


def answer_request(request: dict[str, Any], outcome: str, reason: str = "") -> None:
    """The ministry's (MKT) decision handed straight to the waiting task, as the exchange would."""
    aws.client("stepfunctions").send_task_success(
        taskToken=request["taskToken"],
        output=json.dumps(
            {
                "decisionId": "d-1",
                "agency": "MKT",
                "outcome": outcome,
                "reason": reason,
                "decidedAt": clock.now_iso(),
                "decidedBy": "mkt-officer",
            }
        ),
    )


class Calls:
    """AWS requests counted at botocore's `before-send`, by service.operation."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        aws.reset_clients()
        aws.session().register("before-send", self)

    def __call__(self, **kwargs: Any) -> None:
        self.seen[kwargs["event_name"].split(".", 1)[-1]] += 1
