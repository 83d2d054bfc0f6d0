"""The cabinet's changes (P8): e-mail, phone, password, deregistration, on moto."""

from __future__ import annotations

import re

import httpx

from egov.platform import auth, aws, exchange
from egov.platform.auth import Principal
from egov.producers import verification
from egov.producers.records import PRODUCERS, mobile_guard, producer_pk
from tests.conftest import LocalAws
from tests.functional.producers.test_producer_registration import (
    GOYGOL,
    confirm,
    register,
    registration,
)
from tests.helpers import call, settle, wait_for

PASSWORD = "Taxıl-2024-bol"


def producer(local_aws: LocalAws, simulators: str) -> tuple[str, str]:
    """Göygöl Aqro MMC registered by its head Elşən Məmmədov (+994501234567)."""
    code = confirm(local_aws, simulators, GOYGOL, "+994501234567")
    status, body = register(local_aws, registration(GOYGOL, "+994501234567", **code))
    assert status == 201, body
    stored = auth.account(body["id"])
    assert stored is not None
    return body["id"], auth.issue_token(Principal.of(stored))


def test_change_email(local_aws: LocalAws, simulators: str) -> None:
    """P8: view and change the e-mail; a bad address is a 422 naming `email`."""
    producer_id, token = producer(local_aws, simulators)
    path = "/producers/me/email"
    assert call(local_aws, "PUT", path, body={"email": "x@"}, token=token)[1]["errors"][0][
        "field"
    ] == ("email")
    status, body = call(local_aws, "PUT", path, body={"email": "aqro@goygol.az"}, token=token)[:2]
    assert (status, body["email"]) == (200, "aqro@goygol.az")
    stored = auth.account(producer_id)
    assert stored is not None and stored["email"] == "aqro@goygol.az"


def test_removing_the_email_clears_it_everywhere(local_aws: LocalAws, simulators: str) -> None:
    """P8, G7: `{"email": null}` removes the address (found by the contract fuzzer: the record
    update set and removed `email` at once, which DynamoDB refuses, and the server failed)."""
    producer_id, token = producer(local_aws, simulators)
    path = "/producers/me/email"
    assert call(local_aws, "PUT", path, body={"email": "aqro@goygol.az"}, token=token)[0] == 200
    status, body = call(local_aws, "PUT", path, body={"email": None}, token=token)[:2]
    assert (status, body.get("email")) == (200, None), body
    stored = auth.account(producer_id)
    assert stored is not None and "email" not in stored


def test_an_empty_body_is_a_422_and_keeps_the_email(local_aws: LocalAws, simulators: str) -> None:
    """P8, G7, issue 10 item 12: `{}` names the missing field and removes nothing; removal is
    only the explicit `{"email": null}`."""
    producer_id, token = producer(local_aws, simulators)
    path = "/producers/me/email"
    assert call(local_aws, "PUT", path, body={"email": "aqro@goygol.az"}, token=token)[0] == 200
    status, problem = call(local_aws, "PUT", path, body={}, token=token)[:2]
    assert (status, problem["errors"][0]) == (
        422,
        {"field": "email", "code": "field.required", "detail": "Bu sahə mütləqdir"},
    )
    stored = auth.account(producer_id)
    assert stored is not None and stored["email"] == "aqro@goygol.az"


def test_change_phone_keeps_ownership_and_uniqueness(local_aws: LocalAws, simulators: str) -> None:
    """P8: a number the registry gives someone else, or one already held, is refused."""
    _, token = producer(local_aws, simulators)
    path = "/producers/me/mobile-confirmations"
    status, problem = call(local_aws, "POST", path, body={"mobile": "+994552345678"}, token=token)[
        :2
    ]
    assert (status, problem["code"]) == (422, "producers.mobile.not-owner")
    status, problem = call(local_aws, "POST", path, body={"mobile": "+994501234567"}, token=token)[
        :2
    ]
    assert (status, problem["code"]) == (409, "producers.mobile-taken")


def test_change_phone_to_a_second_line(local_aws: LocalAws, simulators: str) -> None:
    """P8: Kamran Rzayev (50 lines) moves to another of his numbers; old one freed."""
    subject = {"personKind": "natural", "fin": "9KF3T7A"}
    code = confirm(local_aws, simulators, subject, "+994507000000")
    status, body = register(local_aws, registration(subject, "+994507000000", **code))
    assert status == 201
    stored = auth.account(body["id"])
    assert stored is not None
    token = auth.issue_token(Principal.of(stored))
    status, sent = call(
        local_aws,
        "POST",
        "/producers/me/mobile-confirmations",
        body={"mobile": "+994507000001"},
        token=token,
    )[:2]
    assert status == 201, sent
    settle(local_aws.pump)
    text = httpx.get(
        f"{simulators}/sms/messages", params={"reference": sent["smsMessageId"]}
    ).json()["messages"][0]["text"]
    found = re.search(r"\b(\d{6})\b", text)
    assert found
    change = {"mobile": "+994507000001", "confirmationId": sent["confirmationId"]}
    status, record = call(
        local_aws,
        "PUT",
        "/producers/me/mobile",
        body={**change, "code": found.group(1)},
        token=token,
    )[:2]
    assert (status, record["mobile"]) == (200, "+994507000001")
    assert PRODUCERS.get(mobile_guard("+994507000000"), "GUARD") is None
    assert PRODUCERS.get(mobile_guard("+994507000001"), "GUARD")


def test_change_password_needs_the_old_one_and_ends_sessions(
    local_aws: LocalAws, simulators: str
) -> None:
    """P8: wrong old password 422 `oldPassword`; policy on the new one; old tokens die."""
    producer_id, token = producer(local_aws, simulators)
    path = "/producers/me/password"
    status, problem = call(
        local_aws,
        "PUT",
        path,
        body={"oldPassword": "wrong-1234", "newPassword": "Yeni-2026-bol"},
        token=token,
    )[:2]
    assert (status, problem["errors"][0]["field"]) == (422, "oldPassword")
    status, problem = call(
        local_aws, "PUT", path, body={"oldPassword": PASSWORD, "newPassword": "short"}, token=token
    )[:2]
    assert (status, problem["errors"][0]["field"]) == (422, "newPassword")
    status, _ = call(
        local_aws,
        "PUT",
        path,
        body={"oldPassword": PASSWORD, "newPassword": "Yeni-2026-bol"},
        token=token,
    )[:2]
    assert status == 204
    stored = auth.account(producer_id)
    assert stored is not None and auth.password_matches(stored["passwordHash"], "Yeni-2026-bol")
    status, _ = call(local_aws, "GET", "/producers/me", token=token)[:2]
    assert status == 401


def test_deregistration_closes_and_frees_username_and_mobile(
    local_aws: LocalAws, simulators: str
) -> None:
    """P8: account closed, record kept (closed), username and mobile free, VÖEN still held."""
    producer_id, token = producer(local_aws, simulators)
    path = "/producers/me/deregistration"
    status, problem = call(local_aws, "POST", path, body={"password": "wrong-12345"}, token=token)[
        :2
    ]
    assert (status, problem["errors"][0]["field"]) == (422, "password")
    status, _ = call(local_aws, "POST", path, body={"password": PASSWORD}, token=token)[:2]
    assert status == 204
    record = PRODUCERS.get(f"PRODUCER#{producer_id}", "PROFILE")
    assert record is not None and record["status"] == "closed"
    stored = auth.account(producer_id)
    assert stored is not None and stored["status"] == "closed"
    assert auth.user_id_of_username("zefer1970") is None
    assert PRODUCERS.get(mobile_guard("+994501234567"), "GUARD") is None
    assert PRODUCERS.get("VOEN#1400500071", "GUARD")
    # The freed number and username can be registered by its owner as a natural person.
    subject = {"personKind": "natural", "fin": "5ZK8M2P"}
    code = confirm(local_aws, simulators, subject, "+994501234567")
    assert register(local_aws, registration(subject, "+994501234567", **code))[0] == 201


def test_deregistration_withdraws_the_ministrys_pending_verification(
    local_aws: LocalAws, simulators: str
) -> None:
    """P5, P8 (issue 9): "Qeydiyyatdan çıx" before the ministry has decided withdraws its
    verification request (the ministry is told, the request leaves its task list) and the
    workflow ends as withdrawn, not as a failure reported to the operator."""
    producer_id, token = producer(local_aws, simulators)
    subject = producer_pk(producer_id)
    pump = local_aws.pump

    def ministry_request() -> exchange.Decision | None:
        pending = exchange.decisions(verification.MINISTRY, "pending").items
        return next((d for d in pending if d.subject == subject), None)

    request = wait_for(ministry_request, pump=pump, what="the ministry's verification request")
    path = "/producers/me/deregistration"
    assert call(local_aws, "POST", path, body={"password": PASSWORD}, token=token)[0] == 204

    def withdrawn() -> bool:
        decision = exchange.decision_of(verification.MINISTRY, request.decision_id)
        return decision["status"] == "withdrawn"

    wait_for(withdrawn, pump=pump, what="the request withdrawn")
    assert ministry_request() is None
    arn = aws.resource_name("PRODUCER_VERIFICATION_ARN").replace(":stateMachine:", ":execution:")
    sfn = aws.client("stepfunctions")
    wait_for(
        lambda: (
            sfn.describe_execution(executionArn=f"{arn}:{producer_id}")["status"] == "SUCCEEDED"
        ),
        pump=pump,
        what="the verification workflow ended as withdrawn",
    )
