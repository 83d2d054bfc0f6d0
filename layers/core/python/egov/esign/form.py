"""The application form of the annex to the rule (seed 001 §2.3, annex; E1–E4), as pydantic models.

The form is filled in pages, and a draft is saved page by page (E5: "a draft can be completed
later"), so every *section* is optional in `ApplicationForm` but complete in itself: a section
that is sent is validated field by field (types, identifiers by their libraries, dates). The
rules that span sections or depend on choices (business use needs the employer, ASAN İmza needs
the operator and number, a representative needs a power of attorney, the applicant category of
E1) are in `egov.esign.rules`, so each failure names the exact field.

Wire names are camelCase; the annex's item numbers are in each field's description.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from egov.esign import texts  # noqa: F401  (registers the texts for every module)
from egov.platform.adapters.gateways import EmailAddress
from egov.platform.adapters.mobile import MobileNumber
from egov.platform.adapters.population import Fin
from egov.platform.adapters.tax import Voen
from egov.platform.text import Clean, LongText, Text

STORED = {"stored": True}
"""The validation context of a form read back from the table: it was checked when it was
written, so the checks that need phonenumbers or stdnum (~60 ms of imports at a cold start of
the workflow's steps, which only read stored applications) pass its values as they are."""


def _stored(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("stored"))


def check_country(value: str, info: ValidationInfo) -> str:
    """An ISO 3166-1 alpha-2 code; phonenumbers carries the list of the world's regions."""
    if _stored(info):
        return value
    # phonenumbers and stdnum are imported where a form is checked: most e-sign handlers load
    # these models to read stored applications, never to validate one (cold start).
    import phonenumbers

    code = value.strip().upper()
    if len(code) != 2 or code not in phonenumbers.SUPPORTED_REGIONS:
        raise PydanticCustomError("esign.country.invalid", "Not an ISO 3166 country code")
    return code


def check_phone(value: str, info: ValidationInfo) -> str:
    """Any country's number (applicants live abroad), stored in E.164."""
    if _stored(info):
        return value
    import phonenumbers

    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException as bad:
        raise PydanticCustomError("esign.phone.invalid", "Not an international number") from bad
    if not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("esign.phone.invalid", "Not an international number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_bic(value: str, info: ValidationInfo) -> str:
    if _stored(info):
        return value
    from stdnum import bic as stdnum_bic

    try:
        return str(stdnum_bic.validate(value))
    except ValueError as bad:  # stdnum's ValidationError is a ValueError
        raise PydanticCustomError("esign.bic.invalid", "Not a SWIFT/BIC code") from bad


Country = Annotated[
    str,
    AfterValidator(check_country),
    Field(json_schema_extra={"pattern": "^[A-Z]{2}$", "examples": ["DE"]}),
]
Phone = Annotated[
    str,
    AfterValidator(check_phone),
    Field(json_schema_extra={"pattern": r"^\+[1-9][0-9]{6,14}$", "examples": ["+4930123456"]}),
]
Email = EmailAddress
Bic = Annotated[
    str,
    AfterValidator(check_bic),
    Field(
        json_schema_extra={
            "pattern": "^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$",
            "examples": ["DEUTDEFF"],
        }
    ),
]

Service = Literal["issue", "change-data", "suspend", "restore", "revoke"]
"""Annex head: 1 issue, 2 change of application data, 3 suspend, 4 restore, 5 revoke."""
CarrierKind = Literal["token", "asan-sim"]
"""Annex 1.1 token (E-imza) or 1.2 ASAN İmza SIM card."""
Operator = Literal["Azercell", "Bakcell", "Nar"]
Use = Literal["personal", "business"]
"""Annex 2.1 personal use, 2.2 business (employee or representative of a commercial entity)."""
ApplicantCategory = Literal["foreigner", "stateless", "citizen-abroad", "legal-entity"]
"""E1 (§1.2.1): foreigner or stateless person living abroad, Azerbaijani citizen permanently
living abroad, or (the employee of) a legal entity operating abroad."""
Gender = Literal["male", "female"]
DocumentKind = Literal["passport", "id-card"]
SigningScope = Literal["internal", "external", "both"]
"""Annex 5.4: internal documents only, outgoing (external) only, or both."""


class Section(BaseModel):
    model_config = ConfigDict(
        defer_build=True,
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
    )


class Carrier(Section):
    """Annex 1 (E4): the carrier, and for ASAN İmza the operator and the SIM's +994 number."""

    kind: CarrierKind
    operator: Operator | None = Field(None, description="1.2: mobile operator of the SIM")
    mobile: MobileNumber | None = Field(None, description="1.2.0: +994 number of the SIM")


class IdDocument(Section):
    """3.10 / 4.10: kind, series, number, validity; 3.13 / 4.13: issuing authority and country."""

    kind: DocumentKind
    series: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=10), Clean] | None
    ) = None
    number: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20), Clean
    ]
    valid_until: date
    issued_by: Text
    issuing_country: Country


class Phones(Section):
    """3.11 / 4.11: contact phones (mobile, home, work); the mobile one is required."""

    mobile: Phone
    home: Phone | None = None
    work: Phone | None = None


class Person(Section):
    """The person fields shared by the applicant (3.1–3.13) and a representative (4.1–4.13)."""

    surname: Text = Field(description="3.1 / 4.1")
    name: Text = Field(description="3.2 / 4.2")
    patronymic: Text | None = Field(None, description="3.3 / 4.3")
    birth_date: date = Field(description="3.4 / 4.4")
    birth_place: Text = Field(description="3.4 / 4.4")
    gender: Gender = Field(description="3.5 / 4.5")
    citizenship: Country | None = Field(
        None, description="3.6 / 4.6: ISO code; empty for a stateless person"
    )
    country_of_residence: Country = Field(description="3.7 / 4.7")
    permanent_address: LongText = Field(description="3.8 / 4.8")
    registered_address: LongText | None = Field(None, description="3.9 / 4.9")
    id_document: IdDocument = Field(description="3.10, 3.13 / 4.10, 4.13")
    phones: Phones = Field(description="3.11 / 4.11")
    email: Email = Field(description="3.12 / 4.12")


class Employment(Section):
    """3.14: the structural unit the applicant works in, and the position."""

    unit: Text
    position: Text


class BankAccount(Section):
    """3.17: beneficiary, bank, its country, SWIFT and BIC."""

    beneficiary: Text
    bank: Text
    country: Country
    swift: Bic
    bic: Bic | None = None


class Applicant(Person):
    """Annex 3 (3.1–3.21) and the E1 category; `fin` is the ID card's FIN of a citizen abroad."""

    category: ApplicantCategory
    fin: Fin | None = Field(None, description="E1/E6: FIN of an Azerbaijani citizen abroad")
    employment: Employment | None = Field(None, description="3.14")
    seal_authority: bool = Field(False, description="3.15: may use the company seal")
    company_seal: LongText | None = Field(None, description="3.16: the company's seal data")
    bank_account: BankAccount | None = Field(None, description="3.17")
    user_id: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")] | None = Field(
        None, description="3.18: 6-digit user ID (ASAN İmza)"
    )
    voen: Voen | None = Field(None, description="3.19: VÖEN, if any")
    secret_question: Text = Field(description="3.20")
    secret_answer: Annotated[str, StringConstraints(min_length=4, max_length=100), Clean] = Field(
        description="3.21: the answer (password) to the secret question"
    )


class PowerOfAttorney(Section):
    """4.14: number and date of the power of attorney."""

    number: Text
    issued_on: date


class Representative(Person):
    """Annex 4 (4.1–4.14): the person authorised to act for the non-resident."""

    power_of_attorney: PowerOfAttorney


class Company(Section):
    """5.2: the commercial legal entity of 2.2, its name and VÖEN."""

    name: Text
    voen: Voen | None = None


class ValidityChange(Section):
    """5.5: suspend from–to, restore from, or revoke from (services 3, 4, 5)."""

    suspend_from: date | None = None
    suspend_until: date | None = None
    restore_from: date | None = None
    revoke_from: date | None = None


class Other(Section):
    """Annex 5 (5.1–5.5)."""

    certificate_serial: Text | None = Field(None, description="5.1")
    company: Company | None = Field(None, description="5.2")
    seal_scope: Literal["within-official-powers"] | None = Field(None, description="5.3")
    signing_scope: SigningScope | None = Field(None, description="5.4")
    validity: ValidityChange | None = Field(None, description="5.5")


class Declarations(Section):
    """Annex 6 (6.1–6.3): every one must be accepted before the application is confirmed."""

    rules_and_contract_accepted: bool = Field(description="6.1")
    data_true_and_checkable: bool = Field(description="6.2")
    personal_data_in_certificate: bool = Field(description="6.3")


class ApplicationForm(Section):
    """The whole annex; sections may be missing in a draft, never in a submitted application."""

    service: Service | None = None
    carrier: Carrier | None = None
    use: Use | None = None
    applicant: Applicant | None = None
    representative: Representative | None = None
    other: Other | None = None
    declarations: Declarations | None = None
