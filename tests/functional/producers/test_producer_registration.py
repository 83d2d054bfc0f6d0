"""Check, mobile confirmation and registration through the handlers (P1–P4), on moto."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from egov.platform import auth, clock
from tests.conftest import LocalAws, rest_event
from tests.helpers import ID_CARDS, call, settle

ELSHAN = {"personKind": "natural", "fin": "5ZK8M2P"}  # holds +994501234567 (Azercell)
GUNAY = {"personKind": "natural", "fin": "2HQ4R7T"}  # holds +994552345678
GOYGOL = {"personKind": "legal", "voen": "1400500071"}  # head: Elşən Məmmədov


def card(subject: dict[str, str]) -> dict[str, str]:
    """The subject as the person asks "Yoxla": with the ID card's number (P2); a legal
    entity's is its head's (Göygöl's head is Elşən)."""
    return {**subject, "documentNumber": ID_CARDS[subject.get("fin", ELSHAN["fin"])]}


def confirm(local_aws: LocalAws, simulators: str, subject: dict[str, str], mobile: str) -> dict:
    """Ask for a code and read it from the SMS simulator, as the person reads the phone."""
    status, body = call(
        local_aws,
        "POST",
        "/producers/mobile-confirmations",
        body={**card(subject), "mobile": mobile},
    )[:2]
    assert status == 201, body
    settle(local_aws.pump)
    sent = httpx.get(
        f"{simulators}/sms/messages", params={"reference": body["smsMessageId"]}
    ).json()["messages"]
    code = re.search(r"\b(\d{6})\b", sent[0]["text"])
    assert code and sent[0]["to"] == mobile
    return {"confirmationId": body["confirmationId"], "code": code.group(1)}


def registration(subject: dict[str, str], mobile: str, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "potential-producer",
        **subject,
        "username": "zefer1970",
        "password": "Taxıl-2024-bol",
        "mobile": mobile,
        **changes,
    }


def register(local_aws: LocalAws, body: dict[str, Any], lang: str = "az") -> tuple[int, Any]:
    return call(local_aws, "POST", "/producers", body=body, headers={"Accept-Language": lang})[:2]


def test_check_fills_the_person_from_the_population_registry(local_aws: LocalAws) -> None:
    """P2: a FIN gives name, surname, patronymic, gender, birth date and address."""
    status, body = call(local_aws, "POST", "/producers/check", body=card(ELSHAN))[:2]
    assert status == 200
    assert (body["surname"], body["name"], body["patronymic"]) == (
        "Məmmədov",
        "Elşən",
        "Rəşid oğlu",
    )
    assert body["gender"] == "male" and body["birthDate"] == "1985-03-14"
    assert body["address"].startswith("Bakı şəhəri")


@pytest.mark.parametrize(
    "asked",
    [
        {"personKind": "natural", "fin": "9ZZ9ZZ9", "documentNumber": "AA1235671"},
        {"personKind": "natural", "fin": "5ZK8M2P", "documentNumber": "AA7654321"},
        {"personKind": "legal", "voen": "1400500071", "documentNumber": "AA7654321"},
    ],
)
def test_an_unknown_fin_and_a_wrong_card_number_are_the_same_problem(
    local_aws: LocalAws, asked: dict[str, str]
) -> None:
    """Issue 10 item 2 (P2, G8): only the card's holder is answered; whether the FIN exists
    is not told apart from a wrong number, for a person or a legal entity's head."""
    event = rest_event("POST", "/producers/check", body=asked, headers={"Accept-Language": "en"})
    response = local_aws.invoke("ProducerCheckFunction", event)
    body = json.loads(response["body"])
    assert response["statusCode"] == 404
    assert (body["code"], body["errors"][0]["field"]) == (
        "producers.identity.no-match",
        "documentNumber",
    )
    assert "check both" in body["detail"] and "surname" not in body


def test_the_check_needs_the_card_number(local_aws: LocalAws) -> None:
    """Issue 10 item 2 (P2, G7): a FIN alone is a 422 naming `documentNumber`."""
    status, body = call(local_aws, "POST", "/producers/check", body=ELSHAN)[:2]
    assert status == 422 and [e["field"] for e in body["errors"]] == ["documentNumber"]
    status, body = call(
        local_aws, "POST", "/producers/check", body={**ELSHAN, "documentNumber": "12"}
    )[:2]
    assert (status, body["code"]) == (422, "document-number.invalid")


def test_lookups_are_limited_per_source_and_per_fin(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10 item 2 (P2, G8): past the limits a 429 with Retry-After, before the registry
    is asked; the limit of one FIN holds from every address, that of one address for every FIN."""
    monkeypatch.setenv("LOOKUPS_PER_FIN", "2")
    monkeypatch.setenv("LOOKUPS_PER_SOURCE", "2")

    def check(subject: dict[str, str], source: str) -> tuple[int, dict[str, str]]:
        event = rest_event("POST", "/producers/check", body=card(subject))
        event["requestContext"]["identity"]["sourceIp"] = source
        response = local_aws.invoke("ProducerCheckFunction", event)
        headers = {k: v[0] for k, v in (response.get("multiValueHeaders") or {}).items()}
        return response["statusCode"], headers

    assert check(ELSHAN, "192.0.2.1")[0] == 200
    assert check(ELSHAN, "192.0.2.2")[0] == 200
    status, headers = check(ELSHAN, "192.0.2.3")
    assert status == 429 and 0 < int(headers["Retry-After"]) <= 600
    assert check(GUNAY, "192.0.2.1")[0] == 200
    assert check({**GUNAY, "fin": "8PD2F5G"}, "192.0.2.1")[0] == 429


def test_malformed_fin_is_422_in_azerbaijani(local_aws: LocalAws) -> None:
    """P2: a malformed FIN is a 422 naming `fin`, Azerbaijani by default."""
    status, body = call(
        local_aws,
        "POST",
        "/producers/check",
        body={"personKind": "natural", "fin": "12", "documentNumber": "AA1235671"},
    )[:2]
    assert status == 422
    assert body["errors"] == [{"field": "fin", "code": "fin.invalid", "detail": body["detail"]}]
    assert "FİN" in body["detail"]


def test_legal_entity_is_checked_by_voen(local_aws: LocalAws) -> None:
    """P1, P2: a legal entity by VÖEN, with its head's civil record; liquidated ones refused."""
    status, body = call(local_aws, "POST", "/producers/check", body=card(GOYGOL))[:2]
    assert status == 200
    assert body["companyName"] == '"Göygöl Aqro" MMC' and body["fin"] == "5ZK8M2P"
    status, body = call(
        local_aws,
        "POST",
        "/producers/check",
        body=card({"personKind": "legal", "voen": "9901000071"}),
    )[:2]
    assert status == 422 and body["errors"][0]["field"] == "voen"
    status, body = call(local_aws, "POST", "/producers/check", body=card({"personKind": "legal"}))[
        :2
    ]
    assert status == 422 and body["errors"][0] == {
        "field": "voen",
        "code": "field.required",
        "detail": body["detail"],
    }


def test_code_only_goes_to_the_registrants_own_active_number(local_aws: LocalAws) -> None:
    """P3: the operators' registry must name the registrant (a legal entity: its head). Issue
    10 item 2: someone else's number and an inactive one get one neutral answer."""
    url = "/producers/mobile-confirmations"
    status, body = call(local_aws, "POST", url, body={**card(ELSHAN), "mobile": "+994552345678"})[
        :2
    ]
    assert (status, body["code"]) == (422, "producers.mobile.not-accepted")
    inactive = {"personKind": "natural", "fin": "8PD2F5G", "mobile": "+994775678901"}
    status, body = call(local_aws, "POST", url, body=card(inactive))[:2]
    assert (status, body["code"]) == (422, "producers.mobile.not-accepted")
    status, body = call(local_aws, "POST", url, body={**card(GOYGOL), "mobile": "+994501234567"})[
        :2
    ]
    assert status == 201 and body["attemptsLeft"] == 5


def test_a_number_gets_at_most_five_codes_in_ten_minutes(
    local_aws: LocalAws, simulators: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """P3: the sixth code in any ten minutes is a 429 naming `mobile`, with Retry-After; it
    texts nothing and stores no confirmation. Another number is not affected. The five are
    sent one second before a ten-minute boundary and the sixth two seconds later (the clock
    driven, issue 18): a fixed window would have let it through, and the Retry-After is when
    the first of the five leaves the window."""
    monkeypatch.setenv("LOOKUPS_PER_FIN", "10")  # this limit, not the registry lookups'
    boundary = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    moment = [boundary - timedelta(seconds=1)]
    monkeypatch.setattr(clock, "real_now", lambda: moment[0])
    url = "/producers/mobile-confirmations"
    for _ in range(5):
        assert (
            call(local_aws, "POST", url, body={**card(ELSHAN), "mobile": "+994501234567"})[0] == 201
        )
    settle(local_aws.pump)
    moment[0] = boundary + timedelta(seconds=1)

    def texted() -> int:
        sent = httpx.get(f"{simulators}/sms/messages", params={"to": "+994501234567"})
        return len(sent.json()["messages"])

    before = texted()
    response = local_aws.invoke(
        "ProducerMobileConfirmationFunction",
        rest_event(
            "POST",
            url,
            body={**card(ELSHAN), "mobile": "+994501234567"},
            headers={"Accept-Language": "en"},
        ),
    )
    body = json.loads(response["body"])
    assert response["statusCode"] == 429
    assert body["errors"][0]["field"] == "mobile"
    assert body["code"] == "producers.sms-code.rate-limited"
    (retry_after,) = response["multiValueHeaders"]["Retry-After"]
    assert retry_after == "598" and "598 seconds" in body["detail"]
    settle(local_aws.pump)
    assert texted() == before
    assert call(local_aws, "POST", url, body={**card(GUNAY), "mobile": "+994552345678"})[0] == 201
    moment[0] = boundary + timedelta(seconds=599)
    assert call(local_aws, "POST", url, body={**card(ELSHAN), "mobile": "+994501234567"})[0] == 201


def test_registration_creates_a_producer_who_can_log_in(
    local_aws: LocalAws, simulators: str
) -> None:
    """P1, P3, P4: success is a 201 confirmation; the account accepts username + password."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    status, body = register(local_aws, registration(ELSHAN, "+994501234567", **code), "en")
    assert status == 201, body
    assert body["status"] == "pending-verification"
    assert "log in" in body["message"]
    account = auth.account(body["id"])
    assert account is not None and account["status"] == "active"
    assert auth.password_matches(account["passwordHash"], "Taxıl-2024-bol")
    assert account["username"] == "zefer1970"


def test_a_confirmation_is_used_once_and_wrong_codes_run_out(
    local_aws: LocalAws, simulators: str
) -> None:
    """P3: a wrong code counts; five wrong codes end the confirmation; a used one is refused."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    wrong = f"{(int(code['code']) + 1) % 10**6:06d}"
    body = registration(ELSHAN, "+994501234567", confirmationId=code["confirmationId"])
    for left in (4, 3, 2, 1):
        status, problem = register(local_aws, {**body, "code": wrong})
        assert (status, problem["code"], problem["errors"][0]["field"]) == (
            422,
            "producers.code.wrong",
            "code",
        )
        assert str(left) in problem["detail"]
    status, problem = register(local_aws, {**body, "code": wrong})
    assert problem["code"] == "producers.confirmation.exhausted"
    status, problem = register(local_aws, {**body, "code": code["code"]})
    assert (status, problem["code"]) == (422, "producers.confirmation.exhausted")

    fresh = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    assert register(local_aws, {**body, **fresh})[0] == 201
    status, problem = register(local_aws, {**body, **fresh, "username": "other-name"})
    assert (status, problem["code"]) == (422, "producers.confirmation.used")


def test_confirmation_is_bound_to_its_number_and_owner(
    local_aws: LocalAws, simulators: str
) -> None:
    """P3: a code texted to one person's phone cannot register another person."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    status, problem = register(local_aws, registration(GUNAY, "+994552345678", **code))
    assert (status, problem["errors"][0]["field"]) == (422, "confirmationId")


@pytest.mark.parametrize(
    ("second", "field", "key"),
    [
        ({"username": "ZEFER1970"}, "username", "auth.username-taken"),
        ({"username": "zefer-2"}, "mobile", "producers.mobile.not-accepted"),
    ],
)
def test_taken_username_or_mobile_is_a_409_naming_it(
    local_aws: LocalAws, simulators: str, second: dict[str, str], field: str, key: str
) -> None:
    """P3, P4: a taken username (any case) or mobile is a 409 asking for another one."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    assert register(local_aws, registration(ELSHAN, "+994501234567", **code))[0] == 201
    if field == "mobile":
        status, problem = call(
            local_aws,
            "POST",
            "/producers/mobile-confirmations",
            body={**card(ELSHAN), "mobile": "+994501234567"},
            headers={"Accept-Language": "en"},
        )[:2]
        assert (status, problem["code"]) == (422, key)  # as neutral as for a stranger's number
        return
    other = confirm(local_aws, simulators, GUNAY, "+994552345678")
    status, problem = register(
        local_aws, registration(GUNAY, "+994552345678", **other, **second), "en"
    )
    assert (status, problem["code"], problem["errors"][0]["field"]) == (409, key, field)
    assert "another" in problem["detail"]


def test_a_taken_username_is_refused_before_the_password_is_hashed(
    local_aws: LocalAws, simulators: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """P4 (issue 18): argon2 is most of a registration's cost; a refused one does not pay it."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    assert register(local_aws, registration(ELSHAN, "+994501234567", **code))[0] == 201
    other = confirm(local_aws, simulators, GUNAY, "+994552345678")
    hashed: list[str] = []
    monkeypatch.setattr(auth, "hash_password", lambda password: hashed.append(password) or "")
    status, problem = register(local_aws, registration(GUNAY, "+994552345678", **other))
    assert (status, problem["errors"][0]["field"]) == (409, "username")
    assert hashed == []


def test_failed_registration_changes_nothing(local_aws: LocalAws, simulators: str) -> None:
    """P4: a refused registration leaves no producer, account, guard or used confirmation."""
    code = confirm(local_aws, simulators, GUNAY, "+994552345678")
    taken = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    assert register(local_aws, registration(ELSHAN, "+994501234567", **taken))[0] == 201
    status, _ = register(local_aws, registration(GUNAY, "+994552345678", **code))
    assert status == 409
    status, body = register(
        local_aws, registration(GUNAY, "+994552345678", **code, username="gunay92")
    )
    assert status == 201, body
