"""EKTİS records and requests: subjects (A1, A2) and land parcels (A3, A8)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic.alias_generators import to_camel

from egov.ektis import texts  # noqa: F401  (registers the problems' texts)
from egov.platform.adapters.gateways import check_email
from egov.platform.adapters.mobile import check_mobile
from egov.platform.adapters.population import Fin
from egov.platform.adapters.tax import Voen
from egov.platform.text import CleanTree, LongText, Text

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


class Contacts(View):
    mobile: Text | None = None
    email: Text | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return check_email(value) if value else None

    @field_validator("mobile")
    @classmethod
    def _mobile(cls, value: str | None) -> str | None:
        return check_mobile(value) if value else None


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


class Cabinet(View):
    subject: Subject
    parcels: list[Parcel]


class ParcelMap(View):
    bbox: list[float]
    cells: int = Field(description="Index cells read (one query each)")
    parcels: list[Parcel]
