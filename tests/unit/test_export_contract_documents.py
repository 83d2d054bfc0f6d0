"""The e-contract's canonical form and signatures (X2), without AWS: the bytes a signature covers
do not depend on key order or nulls, keep Azerbaijani letters, and any change to the document
or a signature by another key fails verification."""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from egov.export.contract_documents import PartySignature, canonical, digest, verify

DOCUMENT = {
    "type": "export-contract",
    "parties": {"local": {"company": '"Göygöl Aqro" MMC', "voen": "1400500071"}},
    "terms": {"amount": "87500.00", "currency": "EUR"},
}


def signed(side: str, key: Ed25519PrivateKey, document: dict) -> PartySignature:
    public = key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    value = digest(document)
    return PartySignature.model_validate(
        {
            "side": side,
            "method": "certificate",
            "digest": base64.b64encode(value).decode(),
            "signature": base64.b64encode(key.sign(value)).decode(),
            "publicKey": base64.b64encode(public).decode(),
            "signer": side,
            "signedAt": "2026-12-01T10:00:00Z",
        }
    )


def test_canonical_form_is_sorted_compact_utf8_without_nulls() -> None:
    reordered = {
        "terms": DOCUMENT["terms"],
        "type": "export-contract",
        "parties": DOCUMENT["parties"],
        "x": None,
    }
    assert canonical(reordered) == canonical(DOCUMENT)
    assert canonical({"b": 1, "a": "ə"}) == '{"a":"ə","b":1}'.encode()
    assert digest(DOCUMENT) == hashlib.sha256(canonical(DOCUMENT)).digest()


def test_both_signatures_verify_and_any_change_breaks_them() -> None:
    local, foreign = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    signatures = [signed("local", local, DOCUMENT), signed("foreign", foreign, DOCUMENT)]
    assert verify(DOCUMENT, signatures).valid
    assert not verify(DOCUMENT, signatures[:1]).valid  # one party is not a contract
    changed = {**DOCUMENT, "terms": {"amount": "8750.00", "currency": "EUR"}}
    assert [c.valid for c in verify(changed, signatures).signatures] == [False, False]
    swapped_key = signatures[1].model_copy(update={"public_key": signatures[0].public_key})
    assert not verify(DOCUMENT, [signatures[0], swapped_key]).valid
    twice = [signatures[0], signatures[0].model_copy(update={"side": "foreign"})]
    assert not verify(DOCUMENT, twice).valid  # one key claiming both sides is one signer
