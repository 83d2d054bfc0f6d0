"""The public list says who vouches for each producer (issue 12 item 4; P5, P6, P9), on moto."""

from __future__ import annotations

from typing import Any

from egov.producers.records import verification_of
from tests.conftest import LocalAws
from tests.functional.producers.test_producer_cabinet import PERSON, staff
from tests.functional.producers.test_producer_registration import (
    ELSHAN,
    confirm,
    register,
    registration,
)
from tests.helpers import call


def listed(local_aws: LocalAws, lang: str = "az", **query: str) -> dict[str, dict[str, Any]]:
    status, body, _ = call(local_aws, "GET", "/producers", query=query or None, language=lang)
    assert status == 200, body
    return {p["id"]: p for p in body["items"]}


def test_p5_sellers_and_in_person_entries_are_not_shown_as_ministry_verified(
    local_aws: LocalAws, simulators: str
) -> None:
    """P5 (seed 000): "Onun Potensial istehsalçı olduğunu Kənd Təsərrüfatı Nazirliyi təsdiq
    etməlidir": a seller (no verification), a potential producer registered at an ASAN centre
    (P6, identity checked, no ministry verification) and one registered at a ministry office
    are listed side by side, each with who vouches for it, in the reader's language."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    status, seller = register(
        local_aws, registration(ELSHAN, "+994501234567", kind="seller", **code)
    )
    assert status == 201, seller
    asan = staff("officer", "ASAN", "Bakı ASAN xidmət mərkəzi 1")
    status, in_person = call(local_aws, "POST", "/producers/assisted", token=asan, body=PERSON)[:2]
    assert status == 201, in_person
    mkt = staff("officer", "MKT", "Şəki rayon idarəsi")
    gunay = {
        "kind": "potential-producer",
        "personKind": "natural",
        "fin": "2HQ4R7T",
        "username": "gunay92",
        "mobile": "+994552345678",
    }
    status, ministry = call(local_aws, "POST", "/producers/assisted", token=mkt, body=gunay)[:2]
    assert status == 201, ministry

    everyone = listed(local_aws)
    assert {i: (p["kind"], p["verification"]) for i, p in everyone.items()} == {
        seller["id"]: ("seller", "not-required"),
        in_person["id"]: ("potential-producer", "in-person"),
        ministry["id"]: ("potential-producer", "ministry"),
    }
    assert (
        "Kənd Təsərrüfatı Nazirliyi tərəfindən təsdiqlənib"
        in (everyone[ministry["id"]]["verificationText"])
    )
    in_english = listed(local_aws, "en")
    assert in_english[seller["id"]]["verificationText"] == "Seller - not verified by the ministry"
    assert "not a ministry verification" in in_english[in_person["id"]]["verificationText"]


def test_p5_a_producer_the_ministry_approved_is_ministry_verified() -> None:
    """P5: a self-registered potential producer is listed only once the ministry approved it,
    and then as verified by it."""
    assert verification_of("potential-producer") == "ministry"
    assert verification_of("seller") == "not-required"
    assert verification_of("potential-producer", registered_by="u", agency="ASAN") == ("in-person")
