"""The API description states the rules the server enforces, so a client generated from it is
not refused by a rule it could not see: the canonical spelling of mobile numbers, e-mail
addresses, countries, BICs, DER keys and cursors, and the reason a refusal must give (issue 9;
G7). Each documented pattern matches what the validator accepts and writes back."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from egov.certificates.models import PublicKeyDer
from egov.esign.form import Bic, Country, Phone
from egov.platform.adapters.gateways import EmailAddress
from egov.platform.adapters.mobile import MobileNumber
from egov.platform.attachments import UploadRequest
from egov.platform.exchange import Answer
from egov.platform.login import Credentials
from egov.platform.repository import CURSOR_PATTERN, encode_cursor
from egov.producers.models import Registration

DER_KEY = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="


@pytest.mark.parametrize(
    ("kind", "accepted"),
    [
        (MobileNumber, ["+994501234567", "050 123 45 67"]),
        (Country, ["DE", " de"]),
        (Phone, ["+4930123456", "+994 12 404 12 34"]),
        (Bic, ["DEUTDEFF", "deut de ff 500"]),
        (PublicKeyDer, [DER_KEY]),
    ],
)
def test_the_documented_pattern_holds_for_every_value_the_server_keeps(
    kind: Any, accepted: list[str]
) -> None:
    adapter = TypeAdapter(kind)
    schema = adapter.json_schema()
    pattern = re.compile(schema["pattern"])
    for example in schema.get("examples", []):
        assert pattern.search(adapter.validate_python(example)), example
    for value in accepted:  # other spellings are normalised to the documented one
        assert pattern.search(adapter.validate_python(value)), value


def test_an_e_mail_address_is_documented_as_one() -> None:
    adapter = TypeAdapter(EmailAddress)
    schema = adapter.json_schema()
    assert schema["format"] == "email"
    for example in schema["examples"]:
        adapter.validate_python(example)


def test_a_der_key_is_documented_as_base64() -> None:
    assert TypeAdapter(PublicKeyDer).json_schema()["contentEncoding"] == "base64"


def test_cursors_the_server_writes_match_the_pattern_routes_declare(local_aws: Any) -> None:
    # local_aws: the cursor's signing key is a secret of the stack.
    cursor = encode_cursor({"pk": "USER#ə", "sk": "2026-12-01T10:00:00Z#1"}, "table//USER#ə")
    assert cursor and re.search(CURSOR_PATTERN, cursor)


def test_a_refusal_without_a_reason_is_refused_by_the_schema_and_the_server() -> None:
    schema = Answer.model_json_schema(by_alias=True)
    assert schema["if"]["properties"]["outcome"] == {"const": "reject"}
    assert schema["then"]["required"] == ["reason"]
    for example in schema["examples"]:
        Answer.model_validate(example)
    with pytest.raises(ValidationError, match=r"exchange\.reason-required"):
        Answer.model_validate({"outcome": "reject", "reason": " "})


@pytest.mark.parametrize("model", [Registration, Credentials, UploadRequest, Answer])
def test_request_examples_in_the_description_are_accepted(model: type[BaseModel]) -> None:
    """Issue 9: the examples Swagger shows for a request body pass the server's own checks."""
    examples = model.model_json_schema(by_alias=True)["examples"]
    assert examples
    for example in examples:
        model.model_validate(example)
