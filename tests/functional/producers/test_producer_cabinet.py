"""Assisted registration, activation, the cabinet record and products (P6–P9), on moto."""

from __future__ import annotations

import json
import re

import httpx

from egov.platform import accounts, audit, auth
from egov.platform.auth import Principal
from egov.producers import verification
from tests.conftest import LocalAws, rest_event
from tests.functional.producers.test_producer_registration import (
    ELSHAN,
    confirm,
    register,
    registration,
)
from tests.helpers import call, settle

PERSON = {
    "kind": "potential-producer",
    "personKind": "natural",
    "fin": "7CV3N9X",  # Ülvi Hüseynov, +994703456789 (Nar)
    "username": "ulvi78",
    "mobile": "+994703456789",
    "email": "ulvi@example.az",
}


def staff(role: auth.Role, agency: str | None, office: str | None = None) -> str:
    user_id = accounts.create(
        accounts.NewAccount(
            username=f"{role}-{agency or 'x'}".lower(),
            password="Staff-password-2026",
            role=role,
            name="Staff",
            agency=agency,
            office=office,
        ),
        audit.Actor.system("test"),
    )
    stored = auth.account(user_id)
    assert stored is not None
    return auth.issue_token(Principal.of(stored))


def sms_to(local_aws: LocalAws, simulators: str, mobile: str) -> str:
    settle(local_aws.pump)
    sent = httpx.get(f"{simulators}/sms/messages", params={"to": mobile}).json()["messages"]
    return str(sent[-1]["text"])


def test_officer_registers_in_person_and_the_person_activates(
    local_aws: LocalAws, simulators: str
) -> None:
    """P6: approved at once with officer and office; P7: activation notice; password set."""
    officer = staff("officer", "MKT", "Şəki rayon idarəsi")
    status, body = call(local_aws, "POST", "/producers/assisted", body=PERSON, token=officer)[:2]
    assert status == 201, body
    assert body["status"] == "approved"
    producer_id = body["id"]
    stored = auth.account(producer_id)
    assert stored is not None and stored["status"] == "pending-activation"

    text = sms_to(local_aws, simulators, "+994703456789")
    assert "ulvi78" in text
    code = re.search(r"\b(\d{8})\b", text)
    assert code
    wrong = {"username": "ulvi78", "code": "00000000", "password": "Yeni-şifrə-2026"}
    status, problem = call(local_aws, "POST", "/producers/activation", body=wrong)[:2]
    assert (status, problem["errors"][0]["field"]) == (422, "code")
    status, body = call(
        local_aws, "POST", "/producers/activation", body={**wrong, "code": code.group(1)}
    )[:2]
    assert status == 200, body
    stored = auth.account(producer_id)
    assert stored is not None and stored["status"] == "active"
    assert auth.password_matches(stored["passwordHash"], "Yeni-şifrə-2026")

    token = auth.issue_token(Principal.of(stored))
    status, me = call(local_aws, "GET", "/producers/me", token=token)[:2]
    assert status == 200
    assert me["office"] == "Şəki rayon idarəsi" and me["registeredBy"]
    assert me["identity"]["surname"] == "Hüseynov" and me["region"] == "Gəncə şəhəri"
    status, listed = call(local_aws, "GET", "/producers")[:2]
    assert [p["id"] for p in listed["items"]] == [producer_id]


def test_only_ministry_and_asan_officers_register_in_person(local_aws: LocalAws) -> None:
    """P6: an officer of another agency, or a citizen, is refused (403)."""
    customs = staff("officer", "DGK")
    status, problem = call(local_aws, "POST", "/producers/assisted", body=PERSON, token=customs)[:2]
    assert (status, problem["code"]) == (403, "auth.role-required")
    asan = staff("officer", "ASAN", "Bakı ASAN xidmət mərkəzi №1")
    status, body = call(local_aws, "POST", "/producers/assisted", body=PERSON, token=asan)[:2]
    assert status == 201, body


def test_products_from_the_classifier_and_search_by_product(
    local_aws: LocalAws, simulators: str
) -> None:
    """P9: a list from the classifier with quantity, unit, season; approved producers found
    by product code (and region), pending ones not."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    status, body = register(local_aws, registration(ELSHAN, "+994501234567", **code))
    assert status == 201
    producer_id = body["id"]
    stored = auth.account(producer_id)
    assert stored is not None
    token = auth.issue_token(Principal.of(stored))

    status, classifier = call(local_aws, "GET", "/producers/products")[:2]
    hazelnut = next(p for p in classifier["products"] if p["en"] == "Hazelnuts")
    bad = {"products": [{"code": "9999-99", "quantity": 1, "unit": "kg", "season": "autumn"}]}
    status, problem = call(local_aws, "PUT", "/producers/me/products", body=bad, token=token)[:2]
    assert (status, problem["errors"][0]["field"]) == (422, "products.0.code")
    offers = {
        "products": [
            {"code": hazelnut["code"], "quantity": 2.5, "unit": "ton", "season": "autumn"},
            {"code": "0149-01", "quantity": 300, "unit": "kg", "season": "summer"},
        ]
    }
    status, body = call(local_aws, "PUT", "/producers/me/products", body=offers, token=token)[:2]
    assert status == 200, body

    def found(query: dict[str, str]) -> list[str]:
        response = local_aws.invoke(
            "ProducerListFunction", rest_event("GET", "/producers", query=query)
        )
        return [p["id"] for p in json.loads(response["body"])["items"]]

    assert found({"product": hazelnut["code"]}) == []  # still waiting for the ministry
    verification.decide(producer_id, {"outcome": "approve", "decidedBy": "mkt-officer"})
    assert found({"product": hazelnut["code"]}) == [producer_id]
    assert found({"product": hazelnut["code"], "region": "Bakı şəhəri"}) == [producer_id]
    assert found({"product": hazelnut["code"], "region": "Gəncə şəhəri"}) == []
    assert found({"region": "bakı şəhəri"}) == [producer_id]

    fewer = {"products": [offers["products"][1]]}
    assert call(local_aws, "PUT", "/producers/me/products", body=fewer, token=token)[0] == 200
    assert found({"product": hazelnut["code"]}) == []
    assert found({"product": "0149-01"}) == [producer_id]
