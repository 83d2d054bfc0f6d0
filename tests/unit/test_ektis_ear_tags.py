"""Ear tags (A7): AZ + 11 digits + their Luhn check digit; every single mistyped digit is caught
(docs/ektis.md, "Ear tags"). Property tests, as DESIGN asks of validators."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from stdnum import luhn

from egov.ektis.models import EarTag

TAGS = TypeAdapter(EarTag)
ELEVEN = st.text(alphabet="0123456789", min_size=11, max_size=11)


def code(value: str) -> str:
    with pytest.raises(ValidationError) as refused:
        TAGS.validate_python(value)
    return str(refused.value.errors()[0]["type"])


@given(ELEVEN)
def test_a7_every_tag_with_its_check_digit_is_accepted_in_any_spacing(digits: str) -> None:
    tag = f"AZ{digits}{luhn.calc_check_digit(digits)}"
    assert TAGS.validate_python(tag) == tag
    assert TAGS.validate_python(f" az {tag[2:6]} {tag[6:10]} {tag[10:]} ") == tag


@given(ELEVEN, st.integers(0, 11), st.integers(1, 9))
def test_a7_one_mistyped_digit_is_refused(digits: str, place: int, shift: int) -> None:
    tag = f"{digits}{luhn.calc_check_digit(digits)}"
    wrong = tag[:place] + str((int(tag[place]) + shift) % 10) + tag[place + 1 :]
    assert code(f"AZ{wrong}") == "ektis.ear-tag.check-digit"


@pytest.mark.parametrize(
    "value", ["AZ12345", "TR031000000013", "AZ03100000001X", "AZ0310000000131"]
)
def test_a7_a_tag_of_another_shape_is_refused(value: str) -> None:
    assert code(value) == "ektis.ear-tag.format"
