"""The population registry (IAMAS): a person's civil record by FIN."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from egov.platform import i18n
from egov.platform.adapters._model import Record, checked
from egov.platform.adapters.base import SystemClient

FIN_PATTERN = re.compile(r"[0-9A-Z]{7}")
# The ID card's series and number: `AA` and 7 digits since 2013, `AZE` and 8 digits before.
DOCUMENT_PATTERN = re.compile(r"AA[0-9]{7}|AZE[0-9]{8}")

i18n.register(
    {
        "fin.invalid": {
            "az": "FİN 7 simvoldan ibarətdir: böyük latın hərfləri və rəqəmlər",
            "en": "A FIN has 7 characters: capital Latin letters and digits",
        },
        "document-number.invalid": {
            "az": "Şəxsiyyət vəsiqəsinin nömrəsi AA və 7 rəqəm (və ya AZE və 8 rəqəm) olmalıdır",
            "en": "An ID card number is AA and 7 digits (or AZE and 8 digits)",
        },
        "fin.unknown": {
            "az": "Bu FİN əhali reyestrində tapılmadı; FİN-i yoxlayıb yenidən daxil edin",
            "en": "This FIN is not in the population registry; please check it and try again",
        },
    }
)


def check_fin(value: str) -> str:
    """A FIN (personal identification number on the ID card), upper-cased."""
    fin = value.strip().upper()
    if not FIN_PATTERN.fullmatch(fin):
        raise PydanticCustomError("fin.invalid", "A FIN has 7 characters: letters and digits")
    return fin


Fin = Annotated[str, AfterValidator(check_fin)]


def check_document_number(value: str) -> str:
    """The series and number of an ID card, upper-cased, without spaces."""
    number = "".join(value.split()).upper()
    if not DOCUMENT_PATTERN.fullmatch(number):
        raise PydanticCustomError("document-number.invalid", "Not an ID card number")
    return number


DocumentNumber = Annotated[str, AfterValidator(check_document_number)]


class Person(Record):
    fin: str
    document_number: str = Field(description="The number of the person's current ID card")
    surname: str
    name: str
    patronymic: str
    gender: Literal["male", "female"]
    birth_date: date
    address: str
    citizenship: str


class PopulationRegistry:
    def __init__(self, client: SystemClient) -> None:
        self.client = client

    def person(self, fin: str, *, field: str = "fin") -> Person:
        """The person with this FIN; `NotFound("fin.unknown", field)` if IAMAS has none (P2)."""
        fin = checked(check_fin, fin, field)
        body = self.client.get(f"/persons/{fin}", field=field, not_found="fin.unknown")
        return Person.model_validate(body)
