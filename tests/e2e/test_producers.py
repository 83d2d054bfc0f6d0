"""The producer portal over HTTP against the local stack (P1–P9), as a producer, an officer of
the Ministry of Agriculture, an ASAN centre officer and anyone browsing would use it."""

from __future__ import annotations

import re
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from tests.conftest import CEILING
from tests.e2e.conftest import RunningStack
from tests.helpers import ID_CARDS, wait_for

PASSWORD = "Bol-məhsul-2026"
STAFF_PASSWORD = "demo-parol-2026"  # docs/demo-accounts.md
STACK_WAIT = 60.0  # seconds: the stack runs in another process, its pump on threads
FLEET_FIN = "9KF3T7A"  # holds +994507000000 … +994507000049 (docs/simulators.md)
FLEET = [f"+9945070000{i:02d}" for i in range(50)]


def sms_code(stack: RunningStack, message_id: str, digits: int = 6) -> str:
    """The code in the SMS the simulator received for this notification message."""

    def sent() -> list[dict[str, Any]]:
        response = stack.simulator_http.get("/sms/messages", params={"reference": message_id})
        return list(response.json()["messages"])

    (message,) = wait_for(sent, STACK_WAIT, what=f"SMS {message_id}")
    found = re.search(rf"\b(\d{{{digits}}})\b", message["text"])
    assert found, message["text"]
    return found.group(1)


def confirmation(http: httpx.Client, stack: RunningStack, fin: str, mobile: str) -> dict[str, str]:
    response = http.post(
        "/producers/mobile-confirmations",
        json={
            "personKind": "natural",
            "fin": fin,
            "documentNumber": ID_CARDS[fin],
            "mobile": mobile,
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    return {
        "confirmationId": body["confirmationId"],
        "code": sms_code(stack, body["smsMessageId"]),
    }


def login(http: httpx.Client, username: str, password: str) -> str:
    response = http.post("/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return str(response.json()["accessToken"])


def race(stack: RunningStack, bodies: list[dict[str, Any]]) -> list[httpx.Response]:
    """Send every registration at the same moment, one thread each."""

    def post(body: dict[str, Any]) -> httpx.Response:
        # The local gateway runs a few worker processes (one invocation each at a time, as
        # Lambda does), so the last of 50 answers comes late: a generous timeout. Its small listen
        # backlog may reset a connection; a client then retries with the same Idempotency-Key,
        # which replays the first answer if the registration had been made.
        headers = {"Accept-Language": "en", "Idempotency-Key": uuid.uuid4().hex}
        with httpx.Client(base_url=stack.api, timeout=CEILING) as http:
            for _ in range(4):
                try:
                    return http.post("/producers", json=body, headers=headers)
                except httpx.TransportError:
                    time.sleep(1)
            return http.post("/producers", json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(post, bodies))


def fifty(stack: RunningStack, fin: str, mobiles: list[str], usernames: list[str]) -> list[dict]:
    """50 registrations, each with its own valid SMS confirmation."""
    with stack.client() as http, ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(lambda m: confirmation(http, stack, fin, m), mobiles))
    return [
        {
            "kind": "potential-producer",
            "personKind": "natural",
            "fin": fin,
            "username": username,
            "password": PASSWORD,
            "mobile": mobile,
            **code,
        }
        for mobile, username, code in zip(mobiles, usernames, codes, strict=True)
    ]


def assert_one_winner(responses: list[httpx.Response], field: str, code: str) -> None:
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 1, 409: 49}, [r.text for r in responses if r.status_code >= 500]
    for response in responses:
        if response.status_code == 409:
            problem = response.json()
            assert (problem["code"], problem["errors"][0]["field"]) == (code, field)
            assert "another" in problem["detail"] or "already" in problem["detail"]


def test_fifty_concurrent_registrations_make_exactly_one_producer(stack: RunningStack) -> None:
    """P4 (and P3): 50 concurrent registrations with the same username, then the same mobile,
    then the same FIN leave exactly one producer each time and 49 clear 409s naming the field."""
    same_username = fifty(stack, "4JW6S1L", ["+994514567890"] * 50, ["sebine"] * 50)
    assert_one_winner(race(stack, same_username), "username", "auth.username-taken")

    distinct = [f"shebnem{i}" for i in range(50)]
    same_mobile = fifty(stack, "3MB7K4Y", ["+994996789012"] * 50, distinct)
    assert_one_winner(race(stack, same_mobile), "mobile", "producers.mobile-taken")

    distinct = [f"kamran{i}" for i in range(50)]
    same_fin = fifty(stack, FLEET_FIN, FLEET, distinct)
    assert_one_winner(race(stack, same_fin), "fin", "producers.fin-taken")


def test_a_producer_registers_is_verified_and_found(stack: RunningStack) -> None:
    """P1–P5, P8, P9 end to end: check, SMS code, register, log in, the ministry's officer
    approves through the agency exchange, the producer is told and appears in the public list,
    lists products and is found by product."""
    with stack.client() as http:
        check = http.post(
            "/producers/check",
            json={"personKind": "natural", "fin": "2hq4r7t", "documentNumber": "aa 1236782"},
        )
        assert check.status_code == 200
        assert check.json()["surname"] == "Əliyeva"
        for fin, number in (("0000000", "AA1236782"), ("2HQ4R7T", "AA0000000")):
            unknown = http.post(
                "/producers/check",
                json={"personKind": "natural", "fin": fin, "documentNumber": number},
                headers={"Accept-Language": "en"},
            )
            assert unknown.status_code == 404 and "check both" in unknown.json()["detail"]

        code = confirmation(http, stack, "2HQ4R7T", "+994552345678")
        registration = {
            "kind": "potential-producer",
            "personKind": "natural",
            "fin": "2HQ4R7T",
            "username": "günay92",
            "password": PASSWORD,
            "email": "gunay@example.az",
            "mobile": "+994552345678",
            "education": "Ali aqrar təhsil",
            "job": "Fermer",
            **code,
        }
        key = {"Idempotency-Key": "registration-günay".encode().hex()}
        created = http.post("/producers", json=registration, headers=key)
        assert created.status_code == 201, created.text
        again = http.post("/producers", json=registration, headers=key)
        assert again.json() == created.json()  # a retried POST replays, registers nothing new
        producer_id = created.json()["id"]

        token = login(http, "günay92", PASSWORD)
        me = http.get("/producers/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json()["status"] == "pending-verification"
        assert producer_id not in {p["id"] for p in http.get("/producers").json()["items"]}

        officer = {"Authorization": f"Bearer {login(http, 'mkt.officer', STAFF_PASSWORD)}"}

        def request_for_producer() -> dict[str, Any] | None:
            pending = http.get("/agencies/MKT/decisions", headers=officer).json()["items"]
            return next((d for d in pending if d["subject"] == f"PRODUCER#{producer_id}"), None)

        request = wait_for(request_for_producer, STACK_WAIT, what="the ministry's decision request")
        assert request["payload"]["fin"] == "2HQ4R7T"
        answer = http.post(
            f"/agencies/MKT/decisions/{request['decisionId']}",
            json={"outcome": "approve"},
            headers=officer,
        )
        assert answer.status_code == 200, answer.text

        def approved() -> bool:
            mine = http.get("/producers/me", headers={"Authorization": f"Bearer {token}"})
            return bool(mine.json()["status"] == "approved")

        wait_for(approved, STACK_WAIT, what="the approval")
        listed = http.get("/producers", params={"region": "Sumqayıt şəhəri"}).json()["items"]
        assert producer_id in {p["id"] for p in listed}

        offers = {
            "products": [{"code": "0124-01", "quantity": 12, "unit": "ton", "season": "autumn"}]
        }
        put = http.put(
            "/producers/me/products", json=offers, headers={"Authorization": f"Bearer {token}"}
        )
        assert put.status_code == 200, put.text
        found = http.get("/producers", params={"product": "0124-01"}).json()["items"]
        assert [p["id"] for p in found] == [producer_id]
        assert found[0]["offer"]["quantity"] == 12

        inbox = http.get("/me/inbox", headers={"Authorization": f"Bearer {token}"}).json()
        titles = [item["title"] for item in inbox["items"]]
        assert any("təsdiq edildi" in t for t in titles)


def test_asan_officer_registers_a_person_who_then_activates(stack: RunningStack) -> None:
    """P6, P7: an ASAN officer registers a person in person; the record is approved at once
    with the officer's office; the activation SMS lets the person set a password and log in."""
    with stack.client() as http:
        officer = {"Authorization": f"Bearer {login(http, 'asan.officer', STAFF_PASSWORD)}"}
        person = {
            "kind": "seller",
            "personKind": "natural",
            "fin": "1NX5V8H",
            "username": "aygun2001",
            "mobile": "+994508901234",
        }
        created = http.post("/producers/assisted", json=person, headers=officer)
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "approved"
        refused = http.post("/auth/login", json={"username": "aygun2001", "password": PASSWORD})
        assert refused.status_code in (401, 403)

        def activation_sms() -> str | None:
            sent = stack.simulator_http.get("/sms/messages", params={"to": "+994508901234"}).json()[
                "messages"
            ]
            texts = [m["text"] for m in sent if "aygun2001" in m["text"]]
            return texts[-1] if texts else None

        text = wait_for(activation_sms, STACK_WAIT, what="the activation SMS")
        code = re.search(r"\b(\d{8})\b", text)
        assert code
        activated = http.post(
            "/producers/activation",
            json={"username": "aygun2001", "code": code.group(1), "password": PASSWORD},
        )
        assert activated.status_code == 200, activated.text
        token = login(http, "aygun2001", PASSWORD)
        me = http.get("/producers/me", headers={"Authorization": f"Bearer {token}"}).json()
        assert me["office"] == "ASAN-BAKI-1" and me["status"] == "approved"
