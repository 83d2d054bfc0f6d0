"""EKTİS records and requests: subjects (A1, A2), land parcels (A3, A8), suppliers and
procurers (A4, A5), livestock (A6, A7), manual entry (A11) and documents from other systems
(A9)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
)
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from egov.ektis import texts  # noqa: F401  (registers the problems' texts)
from egov.platform.adapters.population import Fin
from egov.platform.adapters.tax import Voen
from egov.platform.attachments import Download
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
    # Built on first use (issue 18): a handler pays only for the models its request touches.
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", defer_build=True
    )


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


# ---------------------------------------------------------------- suppliers and procurers (A4, A5)
# What a supplier sells or buys (seed 004 §5.1.15–5.1.16) and what a procurer buys from a farmer.
Product = Literal[
    "seed",
    "seedling",
    "fertiliser",
    "pesticide",
    "biohumus",
    "feed",
    "veterinary-drugs",
    "machinery",
    "spare-parts",
    "breeding-stock",
    "produce",
]
TradeUnit = Literal["kg", "t", "l", "piece", "head"]
# A supplier's employees act for it with these rights only (§7.1.2.12).
Right = Literal["requests", "transactions", "approbations"]
# Who a farmer finds in the directory (§7.1.1.9–10): the subjects a farmer contacts.
Listed = Literal["vet", "inseminator", "supplier"]
# FIN (7) or VÖEN (10): how a counterparty or a holding is named by the person entering data.
Party = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_upper=True, pattern=r"^([0-9A-Za-z]{7}|[0-9]{10})$"
    ),
]
RecordId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]


class Line(View):
    product: Product
    name: Text
    quantity: float = Field(gt=0, le=10_000_000)
    unit: TradeUnit
    price_azn: float | None = Field(None, ge=0, le=100_000_000, description="Per unit, AZN")


class DirectoryEntry(View):
    """Only what a directory shows (G8): no FIN, no address, no account."""

    subject_id: str
    display_name: str
    kinds: list[Kind]
    activities: list[Activity]
    contacts: Contacts


class Directory(View):
    kind: Listed
    entries: list[DirectoryEntry]


class Delegation(View):
    username: Text = Field(description="The employee's platform login")
    rights: list[Right] = Field(max_length=3, description="None: the delegation is withdrawn")


class Delegated(View):
    subject_id: str
    username: str
    rights: list[Right]
    granted_at: datetime


class RequestFiling(View):
    to_subject_id: RecordId = Field(description="A supplier, vet or insemination specialist")
    kind: Literal["inputs", "service"]
    lines: list[Line] = Field(default_factory=list, max_length=20)
    message: LongText | None = None


class RequestDecision(View):
    outcome: Literal["approve", "refuse"]
    reason: LongText | None = Field(None, description="Required when refusing")


class InputRequest(View):
    request_id: str
    from_subject_id: str
    from_name: str
    to_subject_id: str
    to_name: str
    kind: Literal["inputs", "service"]
    lines: list[Line]
    message: str | None = None
    status: Literal["sent", "approved", "refused"]
    reason: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    sent_at: datetime


class Requests(View):
    subject_id: str
    requests: list[InputRequest]


class TransactionEntry(View):
    kind: Literal["input-sale", "input-purchase", "purchase", "sale"] = Field(
        description="A supplier's sale or purchase of inputs; a procurer's purchase from a "
        "farmer; a farmer's sale of produce"
    )
    counterparty: Party = Field(description="FIN or VÖEN of the other party")
    date: date
    invoice_number: Text | None = Field(None, description="e-qaimə-faktura number")
    lines: list[Line] = Field(min_length=1, max_length=20)
    subject_id: RecordId | None = Field(None, description="The supplier an employee acts for")


class Trade(View):
    transaction_id: str
    subject_id: str
    subject_name: str
    kind: Literal["input-sale", "input-purchase", "purchase", "sale"]
    counterparty: str = Field(
        description="The FIN or VÖEN entered; whether it is an EKTİS subject is never answered "
        "(G8): that subject sees the transaction under its own FIN or VÖEN"
    )
    date: date
    invoice_number: str | None = None
    lines: list[Line]
    total_azn: float | None = None
    entered_by: str
    recorded_at: datetime


class Trades(View):
    subject_id: str
    transactions: list[Trade]


class ApprobationFiling(View):
    kind: Literal["field-approbation", "seed-certificate"]
    crop: Text
    variety: Text
    parcel_id: RecordId | None = Field(None, description="The seed field (field approbation)")
    quantity_kg: float | None = Field(None, gt=0, le=10_000_000, description="The seed lot")
    lot_number: Text | None = None
    subject_id: RecordId | None = Field(None, description="The supplier an employee acts for")


class Approbation(View):
    approbation_id: str
    subject_id: str
    kind: Literal["field-approbation", "seed-certificate"]
    crop: str
    variety: str
    parcel_id: str | None = None
    area_ha: float | None = None
    quantity_kg: float | None = None
    lot_number: str | None = None
    status: Literal["submitted"]
    filed_by: str
    filed_at: datetime


# ---------------------------------------------------------------- livestock (A6, A7)
Species = Literal["cattle", "buffalo", "sheep", "goat", "horse", "donkey", "camel", "pig"]
# Economic significance and purpose (seed 004 §3.2.3).
Purpose = Literal["dairy", "meat", "dual", "breeding", "wool", "draught", "other"]
HealthKind = Literal["newborn", "vaccination", "disease", "treatment", "examination"]


def _ear_tag(value: str) -> str:
    """AZ + 11 digits + a Luhn check digit over them (docs/ektis.md, "Ear tags")."""
    from stdnum import luhn  # only the routes that take an ear tag need it

    tag = "".join(value.split()).upper()
    if len(tag) != 14 or not tag.startswith("AZ") or not tag[2:].isdigit():
        raise PydanticCustomError("ektis.ear-tag.format", "AZ and 12 digits")
    if not luhn.is_valid(tag[2:]):
        raise PydanticCustomError("ektis.ear-tag.check-digit", "the check digit does not match")
    return tag


EarTag = Annotated[
    str,
    AfterValidator(_ear_tag),
    Field(json_schema_extra={"pattern": r"^AZ[0-9]{12}$"}),
]


class Origin(View):
    kind: Literal["born", "bought", "imported"]
    dam_ear_tag: EarTag | None = Field(None, description="Born on the holding: the mother")
    insemination_id: RecordId | None = Field(None, description="The dam's insemination")
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Imported: ISO 3166-1 alpha-2"
    )
    seller: Text | None = None


class Sire(View):
    breed: str
    sire_id: str


class AnimalRegistration(View):
    ear_tag: EarTag
    species: Species
    sex: Literal["female", "male"]
    birth_date: date
    breed: Text | None = None
    purpose: Purpose
    herd_id: RecordId | None = None
    origin: Origin


class ManualMark(View):
    """Entered by hand by an officer (A11, seed 004 §5.3), with the paper it was copied from."""

    manual: Literal[True] = True
    officer: str
    agency: str
    source_system: str
    source_document: str = Field(description="The attachment id of the source document")
    reason: str
    entered_at: datetime


class Transit(View):
    movement_id: str
    to: str
    recorded_at: datetime
    confirm_by: datetime | None = Field(
        None, description="Unconfirmed by then, the movement lapses and the animal stays"
    )


class Animal(View):
    ear_tag: str
    species: Species
    sex: Literal["female", "male"]
    birth_date: date
    breed: str | None = None
    purpose: Purpose
    herd_id: str | None = None
    origin: Origin
    sire: Sire | None = None
    keeper_subject_id: str
    registered_at: datetime
    entry: ManualMark | None = None
    transit: Transit | None = Field(
        None, description="A movement sent and not yet confirmed by the receiving holding"
    )


class HerdRegistration(View):
    name: Text
    species: Species


class Herd(View):
    herd_id: str
    name: str
    species: Species
    keeper_subject_id: str
    registered_at: datetime


class HealthEntry(View):
    kind: HealthKind
    date: date
    disease: Text | None = Field(None, description="Required for a disease or a treatment")
    vaccine: Text | None = Field(None, description="Required for a vaccination")
    batch: Text | None = None
    findings: LongText | None = None
    document_number: Text | None = None


class HealthDocument(HealthEntry):
    document_id: str
    ear_tag: str
    vet_subject_id: str | None = None
    vet_name: str | None = None
    recorded_at: datetime
    entry: ManualMark | None = None


class InseminationEntry(View):
    dam_ear_tag: EarTag
    date: date
    sire_breed: Text
    sire_id: Text = Field(description="The bull's identifier or the semen straw's code")
    semen_batch: Text | None = None


class Insemination(InseminationEntry):
    insemination_id: str
    inseminator_subject_id: str
    inseminator_name: str
    recorded_at: datetime


class Move(View):
    to: Party = Field(description="FIN or VÖEN of the receiving holding's keeper")
    moved_on: date
    reason: Literal["sale", "grazing", "breeding", "slaughter", "other"]


class Movement(View):
    """Sent by the keeper to a FIN or VÖEN; the animal changes holding when the keeper of that
    FIN or VÖEN confirms its arrival (until then the receiving holding is not named, G8)."""

    movement_id: str
    ear_tag: str
    status: Literal["sent", "arrived", "withdrawn", "lapsed"] = Field(
        description="sent (awaiting the receiver), arrived (confirmed), withdrawn by the "
        "sender or lapsed unconfirmed (the animal stayed with the sender)"
    )
    from_subject_id: str
    from_name: str
    to: str = Field(description="The receiving keeper's FIN or VÖEN, as the sender gave it")
    to_subject_id: str | None = None
    to_name: str | None = None
    moved_on: date
    reason: str
    recorded_at: datetime
    confirm_by: datetime | None = Field(
        None, description="The receiver confirms by then, or the movement lapses"
    )
    arrived_at: datetime | None = None
    ended_at: datetime | None = Field(None, description="When it was withdrawn or lapsed")


class AnimalRecord(View):
    animal: Animal
    health: list[HealthDocument]
    movements: list[Movement]
    inseminations: list[Insemination]


class Livestock(View):
    subject_id: str
    herds: list[Herd]
    animals: list[Animal]
    movements: list[Movement] = Field(description="Into and out of the holding")
    incoming: list[Movement] = Field(
        default_factory=list, description="Sent to the keeper's FIN or VÖEN, to be confirmed"
    )


class ManualEntry(View):
    kind: Literal["animal", "health"]
    keeper: Party | None = Field(None, description="FIN or VÖEN of the keeper (an animal)")
    animal: AnimalRegistration | None = None
    ear_tag: EarTag | None = Field(None, description="The animal (a health document)")
    health: HealthEntry | None = None
    source_system: Text = Field(description="The system the data could not come from")
    source_document: RecordId = Field(description="An uploaded, stored attachment")
    reason: LongText


class ManualResult(View):
    kind: Literal["animal", "health"]
    animal: Animal | None = None
    health: HealthDocument | None = None


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
SubsidyStatus = Literal["pending", "overdue", "granted", "refused", "failed", "withdrawn"]


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
    heads: list[str] = Field(
        default_factory=list, description="An animal line: the ear tags of the heads counted"
    )


class Revision(View):
    """A rewrite of a declaration by a complaint's correction; the lines before it are kept."""

    revision: int
    complaint_id: str
    changes: list["Change"]
    total_before: Money
    total_after: Money
    lines_before: list[DeclarationLine]
    revised_at: datetime
    revised_by: str


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
    revision: int = Field(0, description="How many times a complaint's correction rewrote it")
    revisions: list[Revision] = Field(default_factory=list, description="Oldest first")


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


class LaterRevision(View):
    revision: int
    complaint_id: str
    total_after: Money
    revised_at: datetime


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
    withdrawn_at: datetime | None = None
    withdrawal_reason: str | None = None
    declaration_revision: int = Field(
        0, description="The declaration's revision the lines are (pending: always the latest)"
    )
    revised_after_decision: list[LaterRevision] = Field(
        default_factory=list,
        description="Corrections of the declaration after the decision, which it does not change",
    )


class SubsidyWithdrawal(View):
    reason: LongText | None = Field(None, description="Why the applicant withdraws (optional)")


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


# ---------------------------------------------------------------- documents from other systems (A9)
DocumentType = Literal["application/pdf", "application/xml", "image/png", "image/jpeg"]


class IncomingDocument(View):
    """A document an agency's system sends a subject through the exchange (EHİS), as the
    `data` of a signed `document.issued` message."""

    agency: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,15}$", description="The issuing agency's code")
    document_id: str = Field(
        min_length=1,
        max_length=100,
        pattern=r"^[0-9A-Za-z:/_.-]+$",
        description="The agency's own id: a document told again is placed once",
    )
    subject: Party = Field(description="FIN or VÖEN of the subject it is for")
    kind: str = Field(pattern=r"^[a-z][a-z-]{1,40}$", description="e.g. tax-certificate")
    title: Text
    file_name: Text
    content_type: DocumentType
    content: str = Field(min_length=1, description="The file, base64")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file, hex")
    issued_at: datetime


class Notice(View):
    """One notice of a placed document on one channel and how its delivery went (§7.9), in
    GOV.UK Notify's statuses, as the gateway's receipts reported it."""

    channel: Literal["email", "sms"]
    to: str = Field(description="The address, partly masked")
    status: str
    created_at: datetime
    sent_at: datetime | None = None
    completed_at: datetime | None = Field(None, description="Delivered or failed at")
    reason: str | None = None


class PlacedDocument(View):
    """A document in the subject's cabinet, placed when it arrived (seed 004 §7.8)."""

    document_id: str
    agency: str
    agency_document_id: str
    kind: str
    title: str
    file_name: str
    content_type: str
    size: int
    sha256: str = Field(description="SHA-256 of the stored file, hex")
    issued_at: datetime
    placed_at: datetime = Field(description="When it was placed in the cabinet")
    deliveries: list[Notice] = Field(
        default_factory=list, description="The e-mail and SMS notices and their delivery results"
    )


class DocumentList(View):
    items: list[PlacedDocument]
    cursor: str | None = None


class DocumentDownload(PlacedDocument):
    download: Download


class Cabinet(View):
    subject: Subject
    parcels: list[Parcel]


class ParcelMap(View):
    bbox: list[float]
    cells: int = Field(description="Index cells read (one query each)")
    parcels: list[Parcel]
