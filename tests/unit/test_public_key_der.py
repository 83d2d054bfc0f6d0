"""A verification key must be base64 DER that parses, wherever it is accepted (E10, E15, G7)."""

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import ValidationError

from egov.esign.embassy import CheckBody


def test_a_parsable_key_is_accepted() -> None:
    der = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    )
    assert CheckBody(outcome="match", publicKey=base64.b64encode(der).decode()).public_key


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"not a key").decode()])
def test_anything_else_is_refused_naming_the_field(bad: str) -> None:
    with pytest.raises(ValidationError) as refused:
        CheckBody(outcome="match", publicKey=bad)
    (error,) = refused.value.errors()
    assert (error["type"], error["loc"]) == ("certificates.public-key-invalid", ("publicKey",))
