"""Rules of the goods at the border (C2) and of the catalogue (X1), without AWS: the HS (XİFMN)
code, the ISO 4217 currency, the importer's VÖEN, the delivery deadline, name folding."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from egov.customs.goods import Registration
from egov.export import catalogue
from egov.platform import trade


def registration(**changes: Any) -> dict[str, Any]:
    base = {
        "barcode": "AZ2026120100017",
        "importerVoen": "1400500071",
        "hsCode": "8479820000",
        "description": "Avadanlıq və s.",
        "invoiceValue": 56839,
        "currency": "EUR",
        "weightKg": 528.1,
        "packages": 0,
        "exporter": "Anadolu Makina A.Ş.",
        "waybill": "JX77976216",
        "invoice": "NOMRESIZ",
        "transport": "10AB123",
        "registeringOffice": "ASTARA",
        "destinationOffice": "BAKI",
        "deliveryHours": 36,
    }
    return {**base, **changes}


def refused(**changes: Any) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught:
        Registration.model_validate(registration(**changes))
    error = caught.value.errors()[0]
    return str(error["loc"][0]), str(error["type"])


def test_c2_every_field_of_the_list_is_taken() -> None:
    goods = Registration.model_validate(registration(container="MSKU1234567"))
    assert goods.hs_code == "8479820000" and goods.currency == "EUR"
    assert goods.container == "MSKU1234567" and goods.delivery_hours == 36


@pytest.mark.parametrize(
    "code", ["847982000", "84798200001", "847982000A", "7700000000", "9800000000", "0000000000"]
)
def test_c2_hs_code_is_ten_digits_of_a_chapter(code: str) -> None:
    assert refused(hsCode=code) == ("hsCode", "trade.hs-code.invalid")


@pytest.mark.parametrize("code", ["0101210000", "9706900000", "2709001000"])
def test_c2_hs_codes_of_chapters_01_to_97_are_taken(code: str) -> None:
    assert trade.check_hs_code(code) == code


@pytest.mark.parametrize("currency", ["eur", "EURO", "XYZ", "AZM"])
def test_c2_currency_is_an_active_iso_4217_code(currency: str) -> None:
    assert refused(currency=currency) == ("currency", "trade.currency.invalid")


def test_c2_importer_voen_is_checked_by_stdnum() -> None:
    assert refused(importerVoen="1400500073") == ("importerVoen", "voen.invalid")


def test_c2_registration_in_the_future_is_refused() -> None:
    assert refused(registeredAt="2999-01-01T00:00:00Z")[0] == "registeredAt"


def test_c2_unknown_field_is_refused() -> None:
    assert refused(colour="red") == ("colour", "extra_forbidden")


def test_x1_names_fold_the_azerbaijani_way() -> None:
    assert catalogue.fold("FINDIQ LƏPƏSİ") == catalogue.fold("fındıq ləpəsi") == "findiq lepesi"
    assert catalogue.fold("Şəki İpəyi") == "seki ipeyi"
    assert catalogue.fold("Çörək, Ölçü, Ğ, Ü") == "corek, olcu, g, u"


def test_x1_a_search_matches_a_phrase_from_any_word() -> None:
    assert catalogue._suffixes("Fındıq ləpəsi, qovrulmuş") == [
        "findiq lepesi qovrulmus",
        "lepesi qovrulmus",
        "qovrulmus",
    ]


def test_x1_hs_search_takes_2_to_10_digits() -> None:
    assert trade.check_hs_prefix("08") == "08"
    for bad in ("0", "77", "98", "08A"):
        with pytest.raises(ValueError):
            trade.check_hs_prefix(bad)


def test_x1_a_name_has_at_most_twelve_words() -> None:
    with pytest.raises(ValidationError) as caught:
        catalogue.NewEntry.model_validate(
            {
                "nameAz": " ".join(["söz"] * 13),
                "nameEn": "Word",
                "hsCode": "0802220000",
                "producerVoen": "1400500071",
            }
        )
    assert caught.value.errors()[0]["type"] == "export.catalogue.name-long"
