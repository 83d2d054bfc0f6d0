"""The annex form of seed 001 and its conditional rules (E1–E5): one test per rule."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from egov.esign import rules
from egov.esign.form import ApplicationForm
from egov.platform import i18n
from egov.platform.problems import Invalid
from tests.conftest import EVENTS

TODAY = date(2026, 3, 10)
BUSINESS_OTHER = {
    "company": {"name": "Müller Export GmbH"},
    "signingScope": "both",
}


def sample(**changes: Any) -> dict[str, Any]:
    """The sample application with sections replaced or merged (a dict merges into a section)."""
    data: dict[str, Any] = json.loads((EVENTS / "esign_application.json").read_text())
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = copy.deepcopy(value)
    return data


def errors_of(data: dict[str, Any], *, complete: bool = True) -> dict[str, str]:
    form = ApplicationForm.model_validate(data)
    return {e.field: e.key for e in rules.problems(form, TODAY, complete=complete)}


def field_errors(data: dict[str, Any]) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        ApplicationForm.model_validate(data)
    return {".".join(str(p) for p in e["loc"]) for e in caught.value.errors()}


def test_the_sample_application_breaks_no_rule() -> None:
    """E2: a complete personal application of a foreigner with a token passes every rule."""
    assert errors_of(sample()) == {}


@pytest.mark.parametrize("service", ["issue", "change-data", "suspend", "restore", "revoke"])
def test_the_five_services_of_the_annex_are_accepted(service: str) -> None:
    """E2: the annex offers five services; anything else is refused naming `service`."""
    assert ApplicationForm.model_validate(sample(service=service)).service == service
    assert field_errors(sample(service="renew")) == {"service"}


def test_asan_imza_needs_operator_and_mobile() -> None:
    """E4: an ASAN İmza SIM needs its mobile operator and its +994 number (annex 1.2, 1.2.0)."""
    assert errors_of(sample(carrier={"kind": "asan-sim"})) == {
        "carrier.operator": "esign.carrier.operator-required",
        "carrier.mobile": "esign.carrier.mobile-required",
    }
    complete = {"kind": "asan-sim", "operator": "Azercell", "mobile": "+994501234567"}
    assert errors_of(sample(carrier=complete)) == {}


def test_the_sim_number_must_be_an_azerbaijani_mobile() -> None:
    """E4: the SIM's number is +994 (phonenumbers); a German number is refused by field."""
    data = sample(carrier={"kind": "asan-sim", "operator": "Nar", "mobile": "+4915112345678"})
    assert field_errors(data) == {"carrier.mobile"}


def test_a_token_has_no_sim_data() -> None:
    """E4: operator and number belong to ASAN İmza only."""
    data = sample(carrier={"kind": "token", "operator": "Bakcell"})
    assert errors_of(data) == {"carrier.operator": "esign.carrier.sim-fields-for-token"}


def test_business_use_needs_employer_company_and_signing_scope() -> None:
    """E4, annex 2.2/3.14/5.2/5.4: business use needs the employer data of the applicant."""
    data = sample(use="business", applicant={"category": "legal-entity"})
    assert errors_of(data) == {
        "applicant.employment": "esign.business.employment-required",
        "other.company": "esign.business.company-required",
        "other.signingScope": "esign.business.signing-scope-required",
    }
    data["applicant"]["employment"] = {"unit": "Sales", "position": "Director"}
    data["other"] = BUSINESS_OTHER
    assert errors_of(data) == {}


def test_business_use_is_for_legal_entities_and_personal_for_people() -> None:
    """E1, §1.2.10–1.2.11: Business certificates go to legal entities abroad, Personal to people."""
    assert errors_of(sample(use="business", other=BUSINESS_OTHER))["use"] == (
        "esign.use.category-mismatch"
    )
    assert errors_of(sample(applicant={"category": "legal-entity"})) == {
        "use": "esign.use.category-mismatch"
    }


def test_seal_authority_needs_seal_data_and_scope() -> None:
    """Annex 3.15–3.16, 5.3: with seal authority the seal data and its scope are required."""
    data = sample(
        use="business",
        applicant={
            "category": "legal-entity",
            "employment": {"unit": "Board", "position": "CEO"},
            "sealAuthority": True,
        },
        other=BUSINESS_OTHER,
    )
    assert errors_of(data) == {
        "applicant.companySeal": "esign.applicant.seal-required",
        "other.sealScope": "esign.business.seal-scope-required",
    }


def test_a_representative_needs_a_power_of_attorney() -> None:
    """E2, annex 4.14: a representative's number and date of the power of attorney."""
    person = {
        k: v
        for k, v in sample()["applicant"].items()
        if k not in ("category", "secretQuestion", "secretAnswer")
    }
    assert "representative.powerOfAttorney" in field_errors(sample(representative=person))
    person["powerOfAttorney"] = {"number": "UR 1234/2026", "issuedOn": "2026-01-15"}
    assert errors_of(sample(representative=person)) == {}


def test_a_citizen_abroad_gives_his_fin_and_azerbaijani_citizenship() -> None:
    """E1: an Azerbaijani citizen living abroad needs his FIN (it becomes the virtual FIN, E6)."""
    data = sample(applicant={"category": "citizen-abroad"})
    assert errors_of(data) == {
        "applicant.citizenship": "esign.applicant.citizenship-az",
        "applicant.fin": "esign.applicant.fin-required",
    }
    data["applicant"] |= {"citizenship": "AZ", "fin": "5zk8m2p"}
    assert errors_of(data) == {}
    assert ApplicationForm.model_validate(data).applicant.fin == "5ZK8M2P"  # type: ignore[union-attr]


def test_a_fin_is_only_for_citizens() -> None:
    """E1: a foreigner has no FIN; the virtual FIN is issued to him (E7)."""
    assert errors_of(sample(applicant={"fin": "5ZK8M2P"})) == {
        "applicant.fin": "esign.applicant.fin-only-citizens"
    }


def test_foreigner_and_stateless_citizenship() -> None:
    """E1: a foreigner has a foreign citizenship; a stateless person has none."""
    assert errors_of(sample(applicant={"citizenship": "AZ"})) == {
        "applicant.citizenship": "esign.applicant.citizenship-foreign"
    }
    assert errors_of(sample(applicant={"category": "stateless"})) == {
        "applicant.citizenship": "esign.applicant.citizenship-stateless"
    }
    assert errors_of(sample(applicant={"category": "stateless", "citizenship": None})) == {}


def test_a_non_resident_lives_abroad() -> None:
    """E1: the country of residence of a non-resident is not Azerbaijan."""
    assert errors_of(sample(applicant={"countryOfResidence": "AZ"})) == {
        "applicant.countryOfResidence": "esign.applicant.resident"
    }


def test_an_expired_identity_document_is_refused() -> None:
    """E3: the passport or ID card must still be valid."""
    document = sample()["applicant"]["idDocument"] | {"validUntil": "2026-03-09"}
    assert errors_of(sample(applicant={"idDocument": document})) == {
        "applicant.idDocument.validUntil": "esign.document.expired"
    }


def test_declarations_must_all_be_accepted_on_submission() -> None:
    """Annex 6.1–6.3: each declaration refused is named; a draft may still leave them open."""
    data = sample(declarations={"dataTrueAndCheckable": False, "personalDataInCertificate": False})
    assert errors_of(data) == {
        "declarations.dataTrueAndCheckable": "esign.declaration.required",
        "declarations.personalDataInCertificate": "esign.declaration.required",
    }
    assert errors_of(data, complete=False) == {}


def test_submission_needs_every_section_a_draft_does_not() -> None:
    """E5: completeness is checked on confirmation; a draft may be saved half-filled."""
    assert errors_of({"carrier": {"kind": "token"}}, complete=False) == {}
    assert errors_of({"carrier": {"kind": "token"}}) == {
        "service": "field.required",
        "use": "field.required",
        "applicant": "field.required",
        "declarations": "field.required",
    }


def test_services_on_an_issued_certificate_need_its_serial_and_date() -> None:
    """E2, annex 5.1/5.5: suspend needs the serial and the date it starts, in order."""
    assert errors_of(sample(service="suspend")) == {
        "other.certificateSerial": "esign.service.serial-required",
        "other.validity.suspendFrom": "esign.service.date-required",
    }
    other = {
        "certificateSerial": "7F3A",
        "validity": {"suspendFrom": "2026-04-10", "suspendUntil": "2026-04-01"},
    }
    assert errors_of(sample(service="suspend", other=other)) == {
        "other.validity.suspendUntil": "esign.service.period-order"
    }


@pytest.mark.parametrize(
    ("section", "value", "field"),
    [
        ("applicant", {"email": "not-an-address"}, "applicant.email"),
        ("applicant", {"countryOfResidence": "XX"}, "applicant.countryOfResidence"),
        ("applicant", {"phones": {"mobile": "12345"}}, "applicant.phones.mobile"),
        ("applicant", {"voen": "1234567890"}, "applicant.voen"),
        ("applicant", {"nickname": "Jo"}, "applicant.nickname"),
    ],
)
def test_fields_are_checked_by_their_libraries(
    section: str, value: dict[str, Any], field: str
) -> None:
    """G7, DESIGN rule 9: e-mail, country, phone, VÖEN each refused by name; unknown fields too."""
    assert field in field_errors(sample(**{section: value}))


def test_bank_account_codes_are_swift_bic() -> None:
    """Annex 3.17: SWIFT/BIC checked by python-stdnum."""
    account = {"beneficiary": "J. Müller", "bank": "Deutsche Bank", "country": "DE"}
    assert ApplicationForm.model_validate(
        sample(applicant={"bankAccount": account | {"swift": "deutdeff"}})
    )
    assert field_errors(sample(applicant={"bankAccount": account | {"swift": "DEUT"}})) == {
        "applicant.bankAccount.swift"
    }


def test_check_raises_one_problem_listing_every_field() -> None:
    """G7: one 422 names every field at once."""
    form = ApplicationForm.model_validate(sample(carrier={"kind": "asan-sim"}))
    with pytest.raises(Invalid) as caught:
        rules.check(form, TODAY, complete=True)
    assert caught.value.status == 422
    assert [e.field for e in caught.value.errors] == ["carrier.operator", "carrier.mobile"]


def test_every_rule_text_exists_in_both_languages() -> None:
    """DESIGN rule 12: each esign text in Azerbaijani and English."""
    keys = [k for k in i18n.TEXTS if k.startswith("esign.")]
    assert len(keys) > 20
    for key in keys:
        assert i18n.TEXTS[key]["az"] and i18n.TEXTS[key]["en"]
