"""The population registry (IAMAS): a person's civil record by FIN."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from egov.platform import i18n
from egov.platform.adapters._model import Record, checked
from egov.platform.adapters.base import SystemClient

FIN_PATTERN = re.compile(r"[0-9A-Z]{7}")

i18n.register(
    {
        "fin.invalid": {
            "az": "FİN 7 simvoldan ibarətdir: böyük latın hərfləri və rəqəmlər",
            "en": "A FIN has 7 characters: capital Latin letters and digits",
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


class Person(Record):
    fin: str
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
