"""What the EKTİS functional tests share: subjects of given kinds, ear tags, animals."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from stdnum import luhn

from egov.platform import clock
from tests.conftest import LocalAws
from tests.helpers import call, identified

ELSHAN = "5ZK8M2P"
GUNAY = "2HQ4R7T"
ULVI = "7CV3N9X"
SABINA = "4JW6S1L"
SHABNAM = "3MB7K4Y"
RUSLAN = "6TR9L2W"


def subject(
    local_aws: LocalAws, fin: str, *kinds: str, activities: tuple[str, ...] = ("livestock",)
) -> tuple[str, str, str]:
    """A citizen identified by an ASAN İmza login of `fin` and registered as an EKTİS subject:
    (token, subject id, user id)."""
    user_id, token = identified(fin)
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/subjects",
        token=token,
        body={
            "personKind": "natural",
            "fin": fin,
            "kinds": list(kinds or ("farmer",)),
            "activities": list(activities),
            "contacts": {"mobile": "+994501234567", "email": "ferma@example.az"},
        },
    )
    assert status == 201, body
    return token, str(body["subjectId"]), user_id


def ear_tag(serial: int) -> str:
    """A valid ear tag: AZ, 11 digits, their Luhn check digit."""
    digits = f"{serial:011d}"
    return f"AZ{digits}{luhn.calc_check_digit(digits)}"


def today() -> date:
    return clock.now().astimezone(clock.BAKU).date()


def days_ago(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


def animal(tag: str, **overrides: Any) -> dict[str, Any]:
    return {
        "earTag": tag,
        "species": "cattle",
        "sex": "female",
        "birthDate": days_ago(900),
        "breed": "Qafqaz qonur",
        "purpose": "dairy",
        "origin": {"kind": "bought", "seller": "Şəki bazarı"},
        **overrides,
    }


def register_animal(local_aws: LocalAws, token: str, **overrides: Any) -> dict[str, Any]:
    status, body, _ = call(
        local_aws, "POST", "/ektis/animals", token=token, body=animal(**overrides)
    )
    assert status == 201, body
    return dict(body)
