"""The export application's models (X4, X5): the form, the stored record read back, the views."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from egov.export import texts  # noqa: F401  (registers the problems' texts)
from egov.platform.adapters.tax import Voen
from egov.platform.models import View as Model
from egov.platform.text import CleanLines, Text
from egov.platform.trade import Currency, HsCode

Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
Flag = Literal["origin-certificate", "dual-use", "cites", "cultural-property", "religious"]
Unit = Literal["kg", "t", "l", "pcs", "m3"]
Status = Literal["under-review", "ready", "refused", "released", "customs-refused"]
PermitStatus = Literal["pending", "issued", "deemed-issued", "refused", "suspended", "revoked"]
PermitEventKind = Literal[
    "issued", "refused", "addendum", "duplicate", "reissued", "suspended", "restored", "revoked"
]
OnSilence = Literal["deemed-issued", "refused"]
IncentiveStatus = Literal[
    "asked", "granted", "refused", "transferred", "transfer-refused", "failed"
]
Outcome = Literal["approve", "reject"]


def _iban(value: str) -> str:
    """X6 (§4.2.11): a bank account in Azerbaijan, as an IBAN whose check digits hold."""
    from stdnum import iban  # one path needs it (cold start)
    from stdnum.exceptions import ValidationError

    compact = iban.compact(value)
    try:
        iban.validate(compact)
    except ValidationError:
        raise PydanticCustomError("export.incentive.iban", "Not a valid IBAN") from None
    if not compact.startswith("AZ"):
        raise PydanticCustomError(
            "export.incentive.iban-country", "The account must be at a bank in Azerbaijan"
        )
    return compact


Iban = Annotated[
    str,
    Field(
        min_length=15,
        max_length=42,
        json_schema_extra={"pattern": "^AZ[0-9]{2}[A-Z]{4}[A-Z0-9]{20}$"},
        examples=["AZ21NABZ00000000137010001944"],
    ),
    AfterValidator(_iban),
]
Amount = Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]


class Form(Model):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", str_strip_whitespace=True
    )


class GoodsItem(Form):
    """One line of the goods (X4; §10.3.3.3): what, how much, what it is worth, where it is from.
    `flags` say what the HS code cannot: a CITES species, cultural property, religious material,
    dual-use goods, a certificate of origin asked for."""

    hs_code: HsCode
    description: Text
    quantity: Decimal = Field(gt=0, max_digits=14, decimal_places=3)
    unit: Unit
    value: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    currency: Currency
    origin: Country
    flags: list[Flag] = Field(default_factory=list, max_length=5)


class ApplicationForm(Form):
    """The single export application (X4; §10.3.3.1-4): the exporter's VÖEN (its data comes from
    the tax registry), the destination, the goods and whether an export incentive is asked."""

    voen: Voen
    destination: Country
    goods: list[GoodsItem] = Field(min_length=1, max_length=20)
    export_incentive: bool = False
    incentive_account: Iban | None = Field(
        None,
        description="X6 (§10.3.3.4): the exporter's bank account in Azerbaijan the incentive is "
        "paid into; required when exportIncentive is true",
    )


class IncentiveAccount(Form):
    """Another account for an incentive whose transfer was refused (X6; §10.3.3.4, §4.2.11)."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"iban": "AZ10NABZ00000000137010009999"}]},
    )

    iban: Iban = Field(description="The exporter's bank account in Azerbaijan (an AZ IBAN)")


class DeclarationForm(Form):
    """X5 (§10.3.3.7): the foreign contract the goods are sold under, if signed on the portal."""

    contract_id: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]{1,64}$")


class Goods(Model):
    """A line of the goods as the application keeps and shows it (amounts as decimal strings)."""

    hs_code: str
    description: str
    quantity: str
    unit: str
    value: str
    currency: str
    origin: str
    flags: list[str]

    @classmethod
    def of(cls, item: GoodsItem) -> "Goods":
        return cls.model_validate(item.model_dump(mode="json"))


class Head(Model):
    fin: str
    full_name: str


class Exporter(Model):
    """The exporter as the tax registry has it (§10.3.3.1)."""

    voen: str
    name: str
    legal_form: str
    address: str
    head: Head


class Texts(Model):
    az: str
    en: str


class PermitEvent(Model):
    """One event of a permit as the agency told it (X8; §6.0.9), with the cabinet notice that
    carried it to the exporter (its deliveries by e-mail and SMS are in `GET /me/inbox`)."""

    event_id: str
    kind: PermitEventKind
    status_before: PermitStatus
    status_after: PermitStatus
    reason: str | None = None
    document: str | None = None
    at: datetime
    notice_id: str


class PermitDocumentRef(Model):
    """An issued permit's signed document by reference (X4, X5): its number and the SHA-256 of
    its canonical form (`egov.export.permit_document`)."""

    number: str
    sha256: str


class PermitState(Model):
    """A permit without its texts: its agency, its deadline and where it stands."""

    code: str
    agency: str
    clause: str
    items: list[int]
    on_silence: OnSilence
    deadline: datetime
    status: PermitStatus = "pending"
    reason: str | None = None
    decision_id: str | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    events: list[PermitEvent] = Field(default_factory=list)
    document: PermitDocumentRef | None = Field(
        None, description="The permit's signed document once the agency issued it (X4)"
    )


class Permit(PermitState):
    """One permit the goods need, as stored: its name and why in both languages (X4)."""

    name: Texts
    why: Texts


class Verdict(Model):
    """Customs' result of an export declaration (X5; §4.2.6)."""

    declaration_number: str
    status: Literal["released", "refused"]
    reason: str = ""
    decided_at: datetime


class Declaration(Model):
    """The export customs declaration as sent (X5; §10.3.3.7-8)."""

    declaration_id: str
    contract: dict[str, str] | None = None
    permits: list[dict[str, str]]
    sent_at: datetime
    verdict: Verdict


class Transfer(Model):
    """The financial markets authority's confirmation of the incentive's transfer (X6;
    §4.2.11): what reached which account, when, under which payment order."""

    amount: str
    currency: str
    transferred_on: date
    iban: str
    reference: str
    decision_id: str
    confirmed_at: datetime


class Incentive(Model):
    """The export incentive (X6; §10.3.3.9): sent to the Ministry of Economy once customs
    released the goods, its result (amount granted, or refused with the reason), then the
    transfer to the exporter's account the financial markets authority confirms."""

    status: IncentiveStatus
    iban: str
    asked_at: datetime
    deadline: datetime
    escalations: int = 0
    amount: str | None = None
    currency: str | None = None
    reason: str | None = None
    decision_id: str | None = None
    decided_at: datetime | None = None
    transfer: Transfer | None = None
    refused_accounts: list[str] = Field(
        default_factory=list,
        description="X6: accounts the financial markets authority could not pay into (e.g. "
        "closed); after such a refusal the exporter gives another until `deadline`",
    )


class Assessment(Form):
    """The Ministry of Economy's answer about an export incentive (X6; §10.3.3.9): granted with
    the amount in manat, or refused with the reason."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"outcome": "approve", "amount": "1250.00"},
                {"outcome": "reject", "reason": "Vergi borcu var / The exporter owes tax"},
            ]
        },
    )

    outcome: Outcome
    amount: Amount | None = Field(None, validate_default=True, description="Required to approve")
    reason: Annotated[str, CleanLines] = Field(
        "", max_length=2000, validate_default=True, description="Required to reject"
    )

    @field_validator("amount")
    @classmethod
    def _granted_amount(cls, amount: Decimal | None, info: ValidationInfo) -> Decimal | None:
        if info.data.get("outcome") == "approve" and amount is None:
            raise PydanticCustomError("export.incentive.amount-required", "Give the amount")
        return amount

    @field_validator("reason")
    @classmethod
    def _refusal_reason(cls, reason: str, info: ValidationInfo) -> str:
        if info.data.get("outcome") == "reject" and not reason.strip():
            raise PydanticCustomError("exchange.reason-required", "Give the reason")
        return reason.strip()


class TransferReport(Form):
    """The financial markets authority's answer (X6; §4.2.11): the incentive transferred (the
    amount, the day, the account and the payment order), or not, with the reason."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "outcome": "approve",
                    "amount": "1250.00",
                    "transferredOn": "2027-01-12",
                    "iban": "AZ21NABZ00000000137010001944",
                    "reference": "ÖT-2027-000123",
                },
                {"outcome": "reject", "reason": "Hesab bağlıdır / The account is closed"},
            ]
        },
    )

    outcome: Outcome
    amount: Amount | None = Field(None, validate_default=True, description="Required to approve")
    transferred_on: date | None = Field(
        None, validate_default=True, description="Required to approve"
    )
    iban: Iban | None = Field(None, validate_default=True, description="Required to approve")
    reference: Text | None = Field(
        None, validate_default=True, description="The payment order; required to approve"
    )
    reason: Annotated[str, CleanLines] = Field(
        "", max_length=2000, validate_default=True, description="Required to reject"
    )

    @field_validator("amount", "transferred_on", "iban", "reference")
    @classmethod
    def _confirmed(cls, value: object, info: ValidationInfo) -> object:
        if info.data.get("outcome") == "approve" and value is None:
            raise PydanticCustomError(
                "export.incentive.transfer-incomplete", "Required to confirm the transfer"
            )
        return value

    @field_validator("reason")
    @classmethod
    def _refusal_reason(cls, reason: str, info: ValidationInfo) -> str:
        if info.data.get("outcome") == "reject" and not reason.strip():
            raise PydanticCustomError("exchange.reason-required", "Give the reason")
        return reason.strip()


class IncentiveAnswer(Model):
    """An agency's answer about an export incentive as the exchange took it (X6)."""

    decision_id: str
    agency: str
    kind: str
    status: str
    outcome: Outcome | None = None
    reason: str | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    details: dict[str, Any] | None = None


class ApplicationState(Model):
    """An export application without its permits: the exporter, the goods, the customs
    declaration once sent (X5) and the incentive (X6)."""

    application_id: str
    owner: str
    status: Status
    exporter: Exporter
    destination: str
    goods: list[Goods]
    export_incentive: bool
    created_at: datetime
    declaration: Declaration | None = None
    incentive_account: str | None = None
    incentive: Incentive | None = None
    version: int = 1


class Application(ApplicationState):
    """An export application as stored: every permit with its agency, its deadline and why in
    both languages (X4)."""

    permits: list[Permit]
