"""The mobile operators' registry: who holds a +994 mobile number (P3: "the person's own")."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from egov.platform import i18n
from egov.platform.adapters._model import Record, checked
from egov.platform.adapters.base import SystemClient

i18n.register(
    {
        "mobile.invalid": {
            "az": "Azərbaycan mobil nömrəsini +994 formatında daxil edin, məs. +994501234567",
            "en": "Enter an Azerbaijani mobile number as +994…, e.g. +994501234567",
        },
        "mobile.unknown": {
            "az": "Bu mobil nömrə operatorların reyestrində tapılmadı",
            "en": "This mobile number is not in the operators' registry",
        },
    }
)


def check_mobile(value: str) -> str:
    """An Azerbaijani mobile number in E.164 (`+994501234567`), by phonenumbers (rule 9)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "AZ")
    except phonenumbers.NumberParseException as bad:
        raise PydanticCustomError("mobile.invalid", "Not a +994 mobile number") from bad
    if (
        number.country_code != 994
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise PydanticCustomError("mobile.invalid", "Not a +994 mobile number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# The schema states the canonical spelling (E.164) so that generated clients send it; other
# spellings of the same number are accepted and normalised.
MobileNumber = Annotated[
    str,
    AfterValidator(check_mobile),
    Field(json_schema_extra={"pattern": r"^\+994[0-9]{9}$", "examples": ["+994501234567"]}),
]


class Subscription(Record):
    number: str
    owner_fin: str
    operator: Literal["Azercell", "Bakcell", "Nar"]
    status: Literal["active", "suspended", "terminated"]


class MobileRegistry:
    def __init__(self, client: SystemClient) -> None:
        self.client = client

    def subscription(self, number: str, *, field: str = "mobile") -> Subscription:
        """Who holds `number`, with which operator; `NotFound("mobile.unknown", field)` if none."""
        number = checked(check_mobile, number, field)
        body = self.client.get(f"/subscriptions/{number}", field=field, not_found="mobile.unknown")
        return Subscription.model_validate(body)
