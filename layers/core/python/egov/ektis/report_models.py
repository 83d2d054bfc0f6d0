"""The records of reconciliation and reports (A10): the ledger's facts, a report's request, its
progress, rows and mismatches."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from egov.ektis import texts  # noqa: F401  (registers the problems' texts)
from egov.platform.models import Form, View

FactKind = Literal["parcel", "declaration", "purchase", "sale"]
Dimension = Literal["region", "crop", "period", "subjectKind"]
DIMENSIONS: tuple[Dimension, ...] = ("region", "crop", "period", "subjectKind")
Measure = Literal["parcels", "areaHa", "declarations", "purchasedKg", "soldKg", "mismatches"]
MismatchKind = Literal[
    "parcel-not-in-cadastre",
    "parcel-area-exceeds-cadastre",
    "parcel-category-differs",
    "parcel-holder-differs",
    "animals-declared-not-held",
    "purchase-without-sale",
    "sale-without-purchase",
    "purchase-sale-quantity-differs",
]
ReportStatus = Literal["queued", "running", "done", "failed"]
RegionCode = Annotated[str, StringConstraints(pattern=r"^AZ-[A-Z]{2,3}$")]
# Years of the calendar EKTİS keeps (1900–2099): year 0 is no date at all (a 500 found by the fuzz).
Month = Annotated[str, StringConstraints(pattern=r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$")]


class FactLine(View):
    product: str
    name: str
    crop: str = Field(description="The rate table's code of the produce, else its name")
    kilograms: float | None = None
    quantity: float
    unit: str


class Fact(View):
    """What a report reads of one record, filed under its district and day."""

    kind: FactKind
    record_id: str
    subject_id: str
    subject_kind: str
    party: str = Field(description="The subject's FIN/VÖEN (parcel); the counterparty (trade)")
    region: str
    date: date
    crop: str | None = None
    cadastre_id: str | None = None
    area_ha: float | None = None
    category: str | None = None
    season: int | None = None
    animals: dict[str, int] = Field(default_factory=dict)
    drawn_at: datetime | None = None
    farmer_subject_id: str | None = None
    buyer_subject_id: str | None = None
    lines: list[FactLine] = Field(default_factory=list)


class ReportRequest(Form):
    regions: list[RegionCode] = Field(
        default_factory=list,
        max_length=80,
        description="ISO 3166-2:AZ district codes; none: every district",
    )
    from_month: Month = Field(alias="from", description="The first month, YYYY-MM")
    to_month: Month = Field(alias="to", description="The last month, YYYY-MM (at most 5 years)")
    group_by: list[Dimension] = Field(
        default_factory=lambda: list(DIMENSIONS),
        min_length=1,
        max_length=4,
    )


class Progress(View):
    partitions: int = Field(description="District-years to read")
    partitions_done: int
    facts_read: int
    pages: int
    cadastre_lookups: int


class Mismatch(View):
    kind: MismatchKind
    region: str
    date: date
    subject_id: str
    record: str = Field(description="kind#id of the record that does not agree")
    other: str | None = Field(None, description="What it was reconciled against")
    expected: str | None = None
    found: str | None = None
    crop: str | None = None
    subject_kind: str | None = None


class Row(View):
    region: str | None = None
    crop: str | None = None
    period: str | None = None
    subject_kind: str | None = None
    parcels: int = 0
    area_ha: float = 0
    declarations: int = 0
    purchased_kg: float = 0
    sold_kg: float = 0
    mismatches: int = 0


class Report(View):
    report_id: str
    status: ReportStatus
    regions: list[str]
    from_month: str = Field(alias="from")
    to_month: str = Field(alias="to")
    group_by: list[Dimension]
    progress: Progress
    requested_by: str
    requested_at: datetime
    finished_at: datetime | None = None
    rows: list[Row] = Field(default_factory=list)
    mismatches: list[Mismatch] = Field(default_factory=list)
    mismatch_count: int = 0
    csv: str | None = Field(None, description="Where the CSV export is, once done")
    chart: str | None = Field(None, description="Where the SVG chart is, once done")


class Reports(View):
    reports: list[Report]
