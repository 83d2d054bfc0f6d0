"""A consignment registered at a border post, with every field the importer sees (C2).

The fields are those of the customs service's list (seed 003, Şəkil 1): barcode, HS (XİFMN) code
and description, invoice value and currency, weight and number of packages, exporter, waybill
(BYD), invoice (qaimə), container and transport numbers, the registering and the destination
customs offices, the delivery time limit in hours and the delivery deadline. The importer's VÖEN
is checked by python-stdnum (DESIGN rule 9), the HS code and the currency by
`egov.platform.trade`.
"""

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, Field, field_validator
from pydantic_core import PydanticCustomError

from egov.platform import clock
from egov.platform.adapters.tax import Voen
from egov.platform.models import Form as Model
from egov.platform.text import Text
from egov.platform.trade import Currency, HsCode

BARCODE_PATTERN = r"^[A-Z0-9]{8,32}$"
Barcode = Annotated[str, Field(pattern=BARCODE_PATTERN)]
Reference = Annotated[str, Field(pattern=r"^[A-Za-z0-9/._-]{1,40}$")]
Office = Annotated[str, Field(pattern=r"^[A-Z0-9]{2,16}$")]


class Registration(Model):
    """What a border post records when goods cross the border (C2, C3)."""

    barcode: Barcode
    importer_voen: Voen
    hs_code: HsCode
    description: Text
    invoice_value: float = Field(gt=0, le=1e12)
    currency: Currency
    weight_kg: float = Field(ge=0, le=1e9)
    packages: int = Field(ge=0, le=1_000_000)
    exporter: Text
    waybill: Reference
    invoice: Reference | None = None
    container: Reference | None = None
    transport: Reference
    registering_office: Office
    destination_office: Office
    delivery_hours: int = Field(ge=1, le=24 * 60)
    registered_at: AwareDatetime | None = None
    """When the goods crossed; now if not given (a border post's system sends its own time)."""

    @field_validator("registered_at")
    @classmethod
    def _not_ahead(cls, moment: datetime | None) -> datetime | None:
        if moment is not None and moment > clock.now():
            raise PydanticCustomError("field.invalid", "registeredAt is in the future")
        return moment


class Goods(Model):
    """One line of the importer's list: the 15 fields of C2, as registered."""

    barcode: str
    importer_voen: str
    hs_code: str
    description: str
    invoice_value: float
    currency: str
    weight_kg: float
    packages: int
    exporter: str
    waybill: str
    invoice: str | None = None
    container: str | None = None
    transport: str
    registering_office: str
    destination_office: str
    delivery_hours: int
    delivery_deadline: datetime
    registered_at: datetime
    cleared_at: datetime | None = None
    alerted_at: datetime | None = None


class Importer(Model):
    voen: str
    name: str
    address: str


class GoodsList(Model):
    """Şəkil 1: the importer, then the goods not yet cleared (C2); a cursor while more follow."""

    importer: Importer
    items: list[Goods]
    cursor: str | None = None


class Clearance(Model):
    """Customs records that the goods are cleared (C3)."""

    declaration: Reference | None = None
