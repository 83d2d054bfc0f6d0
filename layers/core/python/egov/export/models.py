"""The export application's models (X4, X5): the form, the stored record read back, the views."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

from egov.export import texts  # noqa: F401  (registers the problems' texts)
from egov.platform.adapters.tax import Voen
from egov.platform.models import View as Model
from egov.platform.text import Text
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
    def of(cls, item: GoodsItem) -> Goods:
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


class Permit(Model):
    """One permit the goods need, its agency, why, its deadline and where it stands."""

    code: str
    agency: str
    clause: str
    name: Texts
    why: Texts
    items: list[int]
    on_silence: OnSilence
    deadline: datetime
    status: PermitStatus = "pending"
    reason: str | None = None
    decision_id: str | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    events: list[PermitEvent] = Field(default_factory=list)


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


class Application(Model):
    """The status page of an export application: every permit with its agency, its deadline
    and why (X4), and the customs declaration once sent (X5)."""

    application_id: str
    owner: str
    status: Status
    exporter: Exporter
    destination: str
    goods: list[Goods]
    export_incentive: bool
    permits: list[Permit]
    created_at: datetime
    declaration: Declaration | None = None
    version: int = 1
