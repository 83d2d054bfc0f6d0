"""The conditional rules of the annex form (E1–E4) and the completeness check of submission (E5).

`problems(form, today)` lists every rule the form breaks, each naming its field by the wire path
(`carrier.mobile`, `applicant.fin`, ...), so a wizard can show all messages at once. A draft is
checked with `complete=False`: the rules hold between the sections that are present. Submission
uses `complete=True`, which also requires every section the chosen service needs.
"""

from __future__ import annotations

from datetime import date

from egov.esign.form import Applicant, ApplicationForm, Carrier, Declarations, Other
from egov.platform.problems import FieldError, Invalid

AZERBAIJAN = "AZ"

_REQUIRED_SECTIONS = ("service", "carrier", "use", "applicant", "declarations")
_SERVICE_DATE = {"suspend": "suspendFrom", "restore": "restoreFrom", "revoke": "revokeFrom"}


def _carrier(carrier: Carrier) -> list[FieldError]:
    if carrier.kind == "token":
        if carrier.operator or carrier.mobile:
            field = "carrier.operator" if carrier.operator else "carrier.mobile"
            return [FieldError(field, "esign.carrier.sim-fields-for-token")]
        return []
    errors = []
    if not carrier.operator:
        errors.append(FieldError("carrier.operator", "esign.carrier.operator-required"))
    if not carrier.mobile:
        errors.append(FieldError("carrier.mobile", "esign.carrier.mobile-required"))
    return errors


def _applicant(applicant: Applicant, today: date) -> list[FieldError]:
    """E1: who counts as a non-resident, and what each category must give."""
    errors = []
    if applicant.country_of_residence == AZERBAIJAN:
        errors.append(FieldError("applicant.countryOfResidence", "esign.applicant.resident"))
    category, citizenship = applicant.category, applicant.citizenship
    if category == "citizen-abroad":
        if citizenship != AZERBAIJAN:
            errors.append(FieldError("applicant.citizenship", "esign.applicant.citizenship-az"))
        if not applicant.fin:
            errors.append(FieldError("applicant.fin", "esign.applicant.fin-required"))
    elif applicant.fin and citizenship != AZERBAIJAN:
        errors.append(FieldError("applicant.fin", "esign.applicant.fin-only-citizens"))
    if category == "foreigner" and citizenship in (None, AZERBAIJAN):
        errors.append(FieldError("applicant.citizenship", "esign.applicant.citizenship-foreign"))
    if category == "stateless" and citizenship is not None:
        errors.append(FieldError("applicant.citizenship", "esign.applicant.citizenship-stateless"))
    if applicant.seal_authority and not applicant.company_seal:
        errors.append(FieldError("applicant.companySeal", "esign.applicant.seal-required"))
    if applicant.id_document.valid_until < today:
        errors.append(FieldError("applicant.idDocument.validUntil", "esign.document.expired"))
    return errors


def _declarations(declarations: Declarations) -> list[FieldError]:
    """Annex 6: all three declarations are accepted, or the form cannot be confirmed."""
    return [
        FieldError(f"declarations.{alias}", "esign.declaration.required")
        for name, alias in (
            ("rules_and_contract_accepted", "rulesAndContractAccepted"),
            ("data_true_and_checkable", "dataTrueAndCheckable"),
            ("personal_data_in_certificate", "personalDataInCertificate"),
        )
        if not getattr(declarations, name)
    ]


def _business(form: ApplicationForm, complete: bool) -> list[FieldError]:
    """E4, §1.2.10–1.2.11: Business is for legal entities abroad and needs the employer's data.

    In a draft the rules hold between the sections present; on submission section 5 must be
    there too when the choices need it.
    """
    errors = []
    applicant = form.applicant
    other = form.other or Other() if (form.other or complete) else None
    if (
        form.use
        and applicant
        and (form.use == "business") != (applicant.category == "legal-entity")
    ):
        errors.append(FieldError("use", "esign.use.category-mismatch"))
    if form.use == "business":
        if applicant and applicant.employment is None:
            errors.append(FieldError("applicant.employment", "esign.business.employment-required"))
        if other and other.company is None:
            errors.append(FieldError("other.company", "esign.business.company-required"))
        if other and other.signing_scope is None:
            errors.append(FieldError("other.signingScope", "esign.business.signing-scope-required"))
    if applicant and applicant.seal_authority and other and other.seal_scope is None:
        errors.append(FieldError("other.sealScope", "esign.business.seal-scope-required"))
    return errors


def _service(form: ApplicationForm, complete: bool) -> list[FieldError]:
    """Services 2–5 concern an issued certificate: its serial (5.1) and, for 3–5, a date (5.5)."""
    if form.service in (None, "issue") or not (complete or form.other is not None):
        return []
    other = form.other or Other()
    errors = []
    if not other.certificate_serial:
        errors.append(FieldError("other.certificateSerial", "esign.service.serial-required"))
    date_field = _SERVICE_DATE.get(form.service)
    validity = other.validity
    if date_field and (validity is None or getattr(validity, _snake(date_field)) is None):
        errors.append(FieldError(f"other.validity.{date_field}", "esign.service.date-required"))
    if (
        form.service == "suspend"
        and validity
        and validity.suspend_from
        and validity.suspend_until
        and validity.suspend_until < validity.suspend_from
    ):
        errors.append(FieldError("other.validity.suspendUntil", "esign.service.period-order"))
    return errors


def _snake(alias: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in alias)


def problems(form: ApplicationForm, today: date, *, complete: bool) -> list[FieldError]:
    """Every rule `form` breaks; with `complete`, also every section still missing (E5)."""
    errors: list[FieldError] = []
    if complete:
        errors += [
            FieldError(name, "field.required")
            for name in _REQUIRED_SECTIONS
            if getattr(form, name) is None
        ]
    if form.carrier:
        errors += _carrier(form.carrier)
    if form.applicant:
        errors += _applicant(form.applicant, today)
    if form.declarations and complete:
        errors += _declarations(form.declarations)
    errors += _business(form, complete)
    errors += _service(form, complete)
    return errors


def check(form: ApplicationForm, today: date, *, complete: bool) -> None:
    """Raise one 422 listing every broken rule (G7), or return if there is none."""
    errors = problems(form, today, complete=complete)
    if errors:
        raise Invalid(errors[0].key, params=errors[0].params, errors=errors)
