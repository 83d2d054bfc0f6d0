"""The renewal form refuses what it must, naming the field, and changes nothing (R3–R5, R7, G7)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from devstack import demo
from egov.platform import auth
from egov.platform.clock import BAKU
from egov.renewal.records import RENEWAL
from tests.conftest import LocalAws, rest_event
from tests.helpers import jump_clock
from tests.workflow.test_renewal import (
    EXPIRES,
    GUNAY,
    SHABNAM,
    TODAY,
    apply,
    business_form,
    mobile_login,
    personal_form,
)


@pytest.fixture
def gunay(local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Günay logged in with ASAN İmza, with a personal certificate in its window."""
    jump_clock(monkeypatch, TODAY)
    cert = demo.asan_certificate(
        GUNAY["phoneNumber"], "2HQ4R7T", "Əliyeva Günay İlham qızı", "personal", EXPIRES
    )
    assert cert
    return mobile_login(local_aws, GUNAY), cert.serial


def _refused(
    local_aws: LocalAws, token: str, serial: str, form: dict[str, Any]
) -> tuple[int, str, str]:
    status, problem = apply(local_aws, token, serial, form)
    assert not list(RENEWAL.scan_prefix("APP#")), "a refused application changed nothing"
    return status, problem["code"], problem["errors"][0]["field"]


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"numberOwner": "corporate"}, "renewal.corporate-voen-required", "corporateVoen"),
        ({"channel": "sms"}, "renewal.mobile-required", "contactMobile"),
        ({"channel": "email", "email": None}, "renewal.email-required", "email"),
        ({"confirmed": False}, "renewal.confirm-required", "confirmed"),
        ({"centre": "ASXM-MARS"}, "validation.literal_error", "centre"),
        (
            {"numberOwner": "corporate", "corporateVoen": "1400500081"},
            "voen.invalid",
            "corporateVoen",
        ),
    ],
)
def test_bad_form_is_a_422_naming_the_field(
    local_aws: LocalAws, gunay: tuple[str, str], change: dict[str, Any], code: str, field: str
) -> None:
    """R4, R6, G7: corporate needs a VÖEN; the chosen channel needs its address; the
    confirmation is ticked."""
    token, serial = gunay
    status, got_code, got_field = _refused(local_aws, token, serial, personal_form(**change))
    assert status == 422 and got_field == field
    assert got_code == code or code.startswith("validation.")


def test_corporate_voen_must_be_in_the_tax_registry(
    local_aws: LocalAws, gunay: tuple[str, str]
) -> None:
    """R4: "corporate requires a VÖEN, checked against the tax registry"."""
    token, serial = gunay
    form = personal_form(numberOwner="corporate", corporateVoen="3000100031")
    assert _refused(local_aws, token, serial, form) == (404, "voen.unknown", "corporateVoen")


def test_personal_certificate_takes_no_organisation(
    local_aws: LocalAws, gunay: tuple[str, str]
) -> None:
    token, serial = gunay
    form = personal_form(business=business_form()["business"])
    assert _refused(local_aws, token, serial, form)[1:] == (
        "renewal.business-not-applicable",
        "business",
    )


def test_window_closed_is_a_409_with_the_reason(
    local_aws: LocalAws, gunay: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """R3: on 19 November a certificate expiring on 20 December cannot be renewed yet."""
    token, serial = gunay
    jump_clock(monkeypatch, datetime(2026, 11, 19, 12, tzinfo=BAKU))
    status, problem = apply(local_aws, token, serial, personal_form())
    assert (status, problem["code"]) == (409, "renewal.window.not-yet")
    assert "2026-11-20" in problem["detail"]


def test_someone_elses_certificate_is_refused(local_aws: LocalAws, gunay: tuple[str, str]) -> None:
    """G8: only the holder applies."""
    _, serial = gunay
    other = mobile_login(local_aws, SHABNAM)
    assert _refused(local_aws, other, serial, personal_form())[:2] == (403, "renewal.not-yours")


def test_signing_needs_an_asan_imza_login(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R1, R6: the holder signed in otherwise has no ASAN İmza to sign with: refused."""
    jump_clock(monkeypatch, TODAY)
    cert = demo.asan_certificate(
        "+994501234567", "5ZK8M2P", "Məmmədov Elşən Rəşid oğlu", "personal", EXPIRES
    )
    assert cert
    stored = auth.account(cert.holder.user_id)
    assert stored
    token = auth.issue_token(auth.Principal.of(stored))
    status, problem = apply(local_aws, token, cert.serial, personal_form())
    assert (status, problem["code"]) == (403, "renewal.asan-login-required")


@pytest.fixture
def shabnam(local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    jump_clock(monkeypatch, TODAY)
    cert = demo.asan_certificate(
        SHABNAM["phoneNumber"],
        "3MB7K4Y",
        "Bağırova Şəbnəm Rövşən qızı",
        "business",
        EXPIRES,
        info=demo.business("1700400081", '"Şəki İpək" ASC', "Layihə meneceri", "PMO"),
    )
    assert cert
    return mobile_login(local_aws, SHABNAM), cert.serial


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        ({"business": None}, 422, "renewal.business-required", "business"),
        ({"attorney": None}, 422, "renewal.attorney-required", "attorney"),
        ({"business.voen": "3000100031"}, 404, "voen.unknown", "business.voen"),
        ({"business.voen": "9901000071"}, 422, "renewal.taxpayer-inactive", "business.voen"),
        ({"attorney.fin": "2HQ4R7T"}, 422, "renewal.attorney-fin-mismatch", "attorney.fin"),
        ({"attorney.voen": "1400500071"}, 422, "renewal.attorney-voen-mismatch", "attorney.voen"),
    ],
)
def test_business_form_checks_organisation_and_attorney(
    local_aws: LocalAws,
    shabnam: tuple[str, str],
    change: dict[str, Any],
    status: int,
    code: str,
    field: str,
) -> None:
    """R5: the organisation's VÖEN in the tax registry; R7: a non-head gives the power of
    attorney, to themselves, for the same VÖEN."""
    token, serial = shabnam
    form = business_form()
    for path, value in change.items():
        part, _, name = path.partition(".")
        if name:
            form[part][name] = value
        else:
            form[part] = value
    assert _refused(local_aws, token, serial, form) == (status, code, field)


def test_the_head_needs_no_power_of_attorney(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R7: the tax registry names Elşən the head of "Göygöl Aqro": a power of attorney from
    him is refused, and without one his application goes straight to signing."""
    jump_clock(monkeypatch, TODAY)
    cert = demo.asan_certificate(
        "+994501234567",
        "5ZK8M2P",
        "Məmmədov Elşən Rəşid oğlu",
        "business",
        EXPIRES,
        info=demo.business("1400500071", '"Göygöl Aqro" MMC', "Direktor", "Rəhbərlik"),
    )
    assert cert
    token = mobile_login(local_aws, {"phoneNumber": "+994501234567", "userId": "315402"})
    form = business_form()
    form["business"] |= {"voen": "1400500071", "name": '"Göygöl Aqro" MMC'}
    form["attorney"] |= {"voen": "1400500071", "fin": "5ZK8M2P"}
    assert _refused(local_aws, token, cert.serial, form)[1:] == (
        "renewal.attorney-not-needed",
        "attorney",
    )
    form["attorney"] = None
    status, started = apply(local_aws, token, cert.serial, form)
    assert status == 201, started


def test_a_repeated_request_rings_the_phone_once(
    local_aws: LocalAws, gunay: tuple[str, str]
) -> None:
    """DESIGN rule 7: the same Idempotency-Key gives the first answer; one application."""
    token, serial = gunay
    event = rest_event(
        "POST",
        f"/renewal/certificates/{serial}/applications",
        resource="/renewal/certificates/{serial}/applications",
        path_parameters={"serial": serial},
        body=personal_form(),
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "renew-once-1"},
    )
    first = local_aws.invoke("RenewalApplyFunction", event)
    again = local_aws.invoke("RenewalApplyFunction", event)
    assert first["statusCode"] == again["statusCode"] == 201
    assert json.loads(first["body"]) == json.loads(again["body"])
    assert len(list(RENEWAL.scan_prefix("APP#"))) == 1
