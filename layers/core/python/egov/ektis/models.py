"""EKTİS records and requests: subjects (A1, A2) and land parcels (A3, A8)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
)
from pydantic.alias_generators import to_camel

from egov.ektis import texts  # noqa: F401  (registers the problems' texts)
from egov.platform.adapters.population import Fin
from egov.platform.adapters.tax import Voen
from egov.platform.contacts import Contacts
from egov.platform.text import CleanTree, Lines, LongText, Text

# The users of seed 004 §7.1 and the "other subjects" of §3.2.1 a farmer joins (§7.1.1.11).
Kind = Literal["farmer", "supplier", "procurer", "vet", "inseminator", "association", "cooperative"]
# Activity areas (seed 004 §5.1.1.4): the ministry's broad branches.
Activity = Literal[
    "crops",
    "horticulture",
    "livestock",
    "poultry",
    "beekeeping",
    "aquaculture",
    "seeds",
    "inputs",
    "procurement",
    "veterinary",
    "insemination",
]
# Land categories (Land Code of Azerbaijan, art. 4) and the use a parcel is put to.
Category = Literal[
    "agricultural", "settlement", "industrial", "protected", "forest", "water", "reserve"
]
Use = Literal["arable", "perennial", "hayfield", "pasture", "fallow", "greenhouse", "orchard"]
CadastreId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[0-9A-Z][0-9A-Z:/-]{4,39}$"),
]


class View(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class Registration(View):
    """What a signed-in person sends; the names and addresses come from the registries (A2)."""

    person_kind: Literal["natural", "legal"]
    fin: Fin | None = None
    voen: Voen | None = Field(
        None, description="Required for a legal entity; optional for a person"
    )
    kinds: list[Kind] = Field(min_length=1, max_length=7)
    activities: list[Activity] = Field(min_length=1, max_length=11)
    contacts: Contacts


class Person(View):
    fin: str
    surname: str
    name: str
    patronymic: str
    address: str


class Representative(View):
    fin: str
    full_name: str


class LegalEntity(View):
    voen: str
    name: str
    legal_form: str
    address: str
    representatives: list[Representative]


class Subject(View):
    subject_id: str
    owner: str = Field(description="The platform account whose cabinet this is")
    person_kind: Literal["natural", "legal"]
    person: Person | None = None
    legal_entity: LegalEntity | None = None
    voen: str | None = None
    kinds: list[Kind]
    activities: list[Activity]
    contacts: Contacts
    source: Literal["registry"] = Field(
        "registry", description="Names and addresses as the population or tax registry gave them"
    )
    registered_at: datetime


class ParcelDeclaration(View):
    cadastre_id: CadastreId = Field(description="The state land cadastre's identification number")
    area_ha: float = Field(gt=0, le=100_000, description="The declared area in hectares")
    category: Category
    use: Use
    crop: Text | None = None
    location: LongText | None = None
    geometry: Annotated[dict[str, Any], CleanTree] = Field(
        description="A GeoJSON Polygon in WGS84 [lon, lat]"
    )


class Overlap(View):
    parcel_id: str = Field(description="The other subject's parcel")
    area_m2: float
    flagged_at: datetime


class Parcel(View):
    parcel_id: str
    subject_id: str
    cadastre_id: str
    area_ha: float
    mapped_area_ha: float = Field(description="Computed on an equal-area projection")
    category: Category
    use: Use
    crop: str | None = None
    location: str | None = None
    geometry: dict[str, Any]
    bbox: list[float]
    overlaps: list[Overlap] = Field(default_factory=list)
    declared_at: datetime


# ---------------------------------------------------------------- subsidies (A3, A4)
# Money in manat as Decimal, given out as a string with two decimals (qəpik): never a float.
Money = Annotated[Decimal, PlainSerializer(lambda value: f"{value:.2f}", return_type=str)]
Quantity = Annotated[Decimal, PlainSerializer(lambda value: str(value), return_type=str)]
LineKind = Literal["crop", "animal"]
Unit = Literal["ha", "head"]
SubsidyStatus = Literal["pending", "overdue", "granted", "refused", "failed"]


class Source(View):
    """The entered record a declaration line comes from: a parcel, a herd, an animal."""

    kind: str = Field(pattern=r"^[a-z][a-z-]{1,30}$")
    id: str = Field(min_length=1, max_length=64)


class DeclarationLine(View):
    """One line of a declaration: kind + unit + quantity × rate, and the computation shown."""

    line: int
    kind: LineKind
    item: str = Field(description="The rate's code (wheat, cattle …); empty if no rate applies")
    name: str = Field(description="What was entered, as entered")
    unit: Unit
    quantity: Quantity
    rate: Money | None = Field(None, description="AZN per unit; null where no rate applies")
    input_rate: Money | None = None
    amount: Money
    input_allowance: Money
    source: Source
    computation: str = Field(description="The line's arithmetic, as computed")


class DeclarationRequest(View):
    season: int = Field(ge=2020, le=2100, description="The sowing season (calendar year)")


class Declaration(View):
    declaration_id: str
    subject_id: str
    season: int
    lines: list[DeclarationLine]
    total: Money = Field(description="The sum of the lines' amounts (each rounded to the qəpik)")
    input_total: Money
    rounding: str = Field(description="How each line is rounded")
    drawn_at: datetime


class SubsidyRequest(View):
    declaration_id: str = Field(pattern=r"^[0-9a-f]{32}$")


class SubsidyDecision(View):
    outcome: Literal["approve", "reject"]
    reason: str | None = None
    decided_at: datetime
    decided_by: str | None = None


class InputClaimRequest(View):
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2, description="AZN")
    invoice: Text = Field(description="The invoice (qaimə-faktura) number of the sale")
    goods: LongText


class InputClaim(View):
    claim_id: str
    subsidy_id: str
    supplier_subject_id: str
    amount: Money
    invoice: str
    goods: str
    claimed_at: datetime


class Subsidy(View):
    subsidy_id: str
    subject_id: str
    declaration_id: str
    season: int
    lines: list[DeclarationLine]
    total: Money
    input_total: Money
    input_claimed: Money
    status: SubsidyStatus
    agency: str
    deadline: datetime
    applied_at: datetime
    decision: SubsidyDecision | None = None
    escalations: int = 0
    claims: list[InputClaim] = Field(default_factory=list)


# ---------------------------------------------------------------- complaints (A3, A5)
ComplaintStatus = Literal["open", "corrected", "refused", "overdue"]


class About(View):
    """What a complaint is about: a declaration, a subsidy, an input claim, or any record a
    subject entered (a procurer's purchase …), named by kind and id."""

    kind: str = Field(pattern=r"^[a-z][a-z-]{1,30}$")
    id: str = Field(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z:_-]+$")


class ComplaintRequest(View):
    about: About
    respondent_subject_id: str | None = Field(
        None,
        pattern=r"^[0-9a-f]{32}$",
        description="The subject who entered the record; the system finds it for its own kinds",
    )
    text: Lines


class Change(View):
    field: Text
    before: Text | None = None
    after: Text


class ComplaintAnswer(View):
    outcome: Literal["corrected", "refused"]
    reason: Lines | None = Field(None, description="Required for a refusal")
    corrections: list[Change] = Field(
        default_factory=list, max_length=20, description="Required for a correction"
    )


class Respondent(View):
    kind: Literal["agency", "subject"]
    agency: str | None = None
    subject_id: str | None = None


class Complaint(View):
    complaint_id: str
    complainant_subject_id: str
    respondent: Respondent
    about: About
    text: str
    status: ComplaintStatus
    deadline: datetime
    deadline_basis: str = Field(description="Where the deadline comes from")
    filed_at: datetime
    answer: ComplaintAnswer | None = None
    answered_at: datetime | None = None
    answered_by: str | None = Field(None, description="The answering account")
    escalated_at: datetime | None = None


class ComplaintList(View):
    complaints: list[Complaint]


class Cabinet(View):
    subject: Subject
    parcels: list[Parcel]


class ParcelMap(View):
    bbox: list[float]
    cells: int = Field(description="Index cells read (one query each)")
    parcels: list[Parcel]
