"""The producer portal's fields, one rule at a time (P1, P3): bad input names its field."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from egov.platform import i18n
from egov.producers.models import (
    AssistedRegistration,
    MobileConfirmationRequest,
    Registration,
    Subject,
    check_password,
)

VALID: dict[str, Any] = {
    "kind": "potential-producer",
    "personKind": "natural",
    "fin": "5zk8m2p",
    "username": "zəfər1970",
    "password": "Taxıl-2024-bol",
    "email": "Zefer1970@Mail.ru",
    "mobile": "050 123 45 67",
    "education": "Orta iktisad təhsil",
    "job": "Sahibkar",
    "confirmationId": "0" * 32,
    "code": "123456",
}


def errors_of(**changes: Any) -> dict[str, str]:
    """field → error type of an invalid registration."""
    body = {k: v for k, v in {**VALID, **changes}.items() if v is not None}
    with pytest.raises(ValidationError) as caught:
        Registration.model_validate(body)
    return {".".join(map(str, e["loc"])): e["type"] for e in caught.value.errors()}


def test_valid_registration_is_normalised() -> None:
    """P1, P3: FIN upper-cased, mobile in E.164, e-mail normalised, Azerbaijani letters kept."""
    registration = Registration.model_validate(VALID)
    assert registration.fin == "5ZK8M2P"
    assert registration.mobile == "+994501234567"
    assert registration.email == "Zefer1970@mail.ru"
    assert registration.username == "zəfər1970"
    assert registration.education == "Orta iktisad təhsil"


@pytest.mark.parametrize("fin", ["5ZK8M2", "5ZK8M2PP", "5ZK-M2P", "ŞZK8M2P"])
def test_fin_has_seven_latin_letters_or_digits(fin: str) -> None:
    """P2: a malformed FIN is refused naming `fin`."""
    assert errors_of(fin=fin) == {"fin": "fin.invalid"}


@pytest.mark.parametrize("voen", ["140050007", "1400500073", "abcdefghij"])
def test_voen_is_checked_by_stdnum(voen: str) -> None:
    """P1: a legal entity's VÖEN must pass python-stdnum's check."""
    assert errors_of(personKind="legal", fin=None, voen=voen) == {"voen": "voen.invalid"}


@pytest.mark.parametrize("mobile", ["+994124987654", "+7 912 345 67 89", "12345", "+99450123"])
def test_mobile_must_be_an_azerbaijani_mobile_number(mobile: str) -> None:
    """P3: a landline (Baku 012), a foreign number or garbage is not a +994 mobile."""
    assert errors_of(mobile=mobile) == {"mobile": "mobile.invalid"}


def test_email_is_optional_but_validated() -> None:
    """P3: e-mail may be left out; if given it must be an address."""
    assert Registration.model_validate({**VALID, "email": None}).email is None
    assert errors_of(email="zefer@") == {"email": "email.invalid"}


@pytest.mark.parametrize("username", ["ab", "1zefer", "_zefer", "zəfər 1970", "a" * 31, "z@f"])
def test_username_rules(username: str) -> None:
    """P3: 3–30 characters, a letter first, letters/digits/._- only."""
    assert errors_of(username=username) == {"username": "producers.username.invalid"}


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("Qısa-1", "producers.password.length"),
        ("x" * 129 + "1", "producers.password.length"),
        ("yalnizherfler", "producers.password.weak"),
        ("12345678901", "producers.password.weak"),
        ("ZƏFƏR1970-gizli", "producers.password.contains-username"),
    ],
)
def test_password_policy(password: str, key: str) -> None:
    """P3: length 10–128, two kinds of characters, not containing the username."""
    assert errors_of(password=password) == {"password": key}


def test_password_policy_without_a_username() -> None:
    """The policy still applies when the username itself was invalid."""
    assert check_password("bol-məhsul-2025", None) == "bol-məhsul-2025"
    with pytest.raises(PydanticCustomError):
        check_password("short", None)


def test_education_and_job_are_optional_and_bounded() -> None:
    """P3: optional fields, at most 200 characters."""
    registration = Registration.model_validate({**VALID, "education": None, "job": None})
    assert registration.education is None and registration.job is None
    assert errors_of(job="x" * 201) == {"job": "producers.text.too-long"}


@pytest.mark.parametrize(
    ("changes", "field", "key"),
    [
        ({"kind": "farmer"}, "kind", "literal_error"),
        ({"personKind": "robot"}, "personKind", "literal_error"),
        ({"code": "12345"}, "code", "producers.code.invalid"),
        ({"confirmationId": "not-an-id"}, "confirmationId", "string_pattern_mismatch"),
        ({"username": None}, "username", "missing"),
        ({"mobile": None}, "mobile", "missing"),
        ({"password": None}, "password", "missing"),
    ],
)
def test_registration_fields(changes: dict[str, Any], field: str, key: str) -> None:
    """P1, P3: the registrant kind, person kind and required fields."""
    assert errors_of(**changes) == {field: key}


def test_unknown_fields_are_refused() -> None:
    """Bad input never passes silently: a misspelt field is an error, not dropped."""
    assert errors_of(mobil="+994501234567") == {"mobil": "extra_forbidden"}


def test_other_models_share_the_rules() -> None:
    """P2, P3, P6: the check, the code request and the assisted form validate the same way."""
    assert Subject.model_validate({"personKind": "legal", "voen": "1400500071"}).voen
    with pytest.raises(ValidationError):
        MobileConfirmationRequest.model_validate(
            {"personKind": "natural", "fin": "5ZK8M2P", "mobile": "+994124987654"}
        )
    assisted = {k: v for k, v in VALID.items() if k not in ("password", "confirmationId", "code")}
    assert AssistedRegistration.model_validate(assisted).username == "zəfər1970"


def test_every_producer_text_is_in_azerbaijani_and_english() -> None:
    """DESIGN rule 12: each key registered by the service has both languages."""
    import egov.producers.check
    import egov.producers.confirmations
    import egov.producers.registry  # noqa: F401

    keys = [k for k in i18n.TEXTS if k.startswith("producers.")]
    assert len(keys) > 20
    for key in keys:
        assert set(i18n.TEXTS[key]) == {"az", "en"}, key
        assert all(i18n.TEXTS[key].values()), key
