"""The tax registry: a taxpayer (legal entity or entrepreneur) by VÖEN."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from egov.platform import i18n
from egov.platform.adapters._model import Record, checked
from egov.platform.adapters.base import SystemClient

i18n.register(
    {
        "voen.invalid": {
            "az": "VÖEN 10 rəqəmdən ibarət olmalı və düzgün olmalıdır",
            "en": "A VÖEN must be a valid number of 10 digits",
        },
        "voen.unknown": {
            "az": "Bu VÖEN vergi reyestrində tapılmadı; VÖEN-i yoxlayıb yenidən daxil edin",
            "en": "This VÖEN is not in the tax registry; please check it and try again",
        },
    }
)


def check_voen(value: str) -> str:
    """A VÖEN (taxpayer identification number), validated by python-stdnum (DESIGN rule 9)."""
    from stdnum.az import voen as stdnum_voen
    from stdnum.exceptions import ValidationError

    try:
        return str(stdnum_voen.validate(value))
    except ValidationError as bad:
        raise PydanticCustomError("voen.invalid", "A VÖEN must be a valid number") from bad


Voen = Annotated[str, AfterValidator(check_voen)]


class Head(Record):
    fin: str
    full_name: str


class Taxpayer(Record):
    voen: str
    name: str
    legal_form: str
    address: str
    head: Head
    status: Literal["active", "liquidated"]


class TaxRegistry:
    def __init__(self, client: SystemClient) -> None:
        self.client = client

    def taxpayer(self, voen: str, *, field: str = "voen") -> Taxpayer:
        """The taxpayer with this VÖEN; `NotFound("voen.unknown", field)` if none."""
        voen = checked(check_voen, voen, field)
        body = self.client.get(f"/taxpayers/{voen}", field=field, not_found="voen.unknown")
        return Taxpayer.model_validate(body)
