"""Identifiers of trade shared by the customs and export services: the HS (XİFMN) commodity code
and the ISO 4217 currency code (C2, X1, X4).

An HS code here is the 10 digits of Azerbaijan's XİFMN (the Harmonized System's 6 digits and the
national subdivision), in one of the HS chapters 01-97 (77 is kept empty for future use); a search
may give its first 2-10 digits. Currencies are the active ISO 4217 alphabetic codes, kept as data:
no library of the lock carries the list, and it changes a few times a decade.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from egov.platform import i18n

HS_PATTERN = r"^[0-9]{10}$"
HS_PREFIX_PATTERN = r"^[0-9]{2,10}$"
_CHAPTERS = frozenset(range(1, 98)) - {77}

i18n.register(
    {
        "trade.hs-code.invalid": {
            "az": "XİFMN kodu 10 rəqəmdən ibarət olmalı və 01–97 fəsillərindən birinə aid olmalıdır",
            "en": "An HS (XİFMN) code is 10 digits in one of the chapters 01-97",
        },
        "trade.hs-prefix.invalid": {
            "az": "XİFMN kodunun ilk 2-10 rəqəmini daxil edin (01–97 fəsilləri)",
            "en": "Give the first 2-10 digits of an HS (XİFMN) code (chapters 01-97)",
        },
        "trade.currency.invalid": {
            "az": "Valyuta ISO 4217 üzrə üç hərfli kod olmalıdır (məs. AZN, EUR)",
            "en": "The currency must be an ISO 4217 three-letter code (e.g. AZN, EUR)",
        },
    }
)

ISO_4217 = frozenset(
    [
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "ANG",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BOV",
        "BRL",
        "BSD",
        "BTN",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHE",
        "CHF",
        "CHW",
        "CLF",
        "CLP",
        "CNY",
        "COP",
        "COU",
        "CRC",
        "CUP",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ERN",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GHS",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "IQD",
        "IRR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KPW",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "LYD",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MRU",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MXV",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SDG",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SOS",
        "SRD",
        "SSP",
        "STN",
        "SVC",
        "SYP",
        "SZL",
        "THB",
        "TJS",
        "TMT",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "USN",
        "UYI",
        "UYU",
        "UYW",
        "UZS",
        "VED",
        "VES",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XCG",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
        "ZWG",
    ]
)


def _in_chapter(value: str) -> bool:
    return value.isdigit() and int(value[:2]) in _CHAPTERS


def check_hs_code(value: str) -> str:
    if len(value) != 10 or not _in_chapter(value):
        raise PydanticCustomError("trade.hs-code.invalid", "Not a 10-digit HS code")
    return value


def check_hs_prefix(value: str) -> str:
    if not 2 <= len(value) <= 10 or not _in_chapter(value):
        raise PydanticCustomError("trade.hs-prefix.invalid", "Not the start of an HS code")
    return value


def check_currency(value: str) -> str:
    if value not in ISO_4217:
        raise PydanticCustomError("trade.currency.invalid", "Not an ISO 4217 code")
    return value


HsCode = Annotated[
    str, Field(json_schema_extra={"pattern": HS_PATTERN}), AfterValidator(check_hs_code)
]
HsPrefix = Annotated[
    str, Field(json_schema_extra={"pattern": HS_PREFIX_PATTERN}), AfterValidator(check_hs_prefix)
]
Currency = Annotated[
    str, Field(json_schema_extra={"pattern": "^[A-Z]{3}$"}), AfterValidator(check_currency)
]
