"""The signed e-contract as a document anyone can check (X2; seed 001 part 2, §10.3.1).

A contract is a JSON object in one canonical form: keys sorted, no spaces, UTF-8 kept as is (so
"Məmmədov" is the bytes a person reads), no null members, numbers as the strings the parties
typed. Its SHA-256 is what each party's signature covers: the local party's ASAN İmza (PIN2,
`egov.platform.mobile_id`) or the non-resident's e-signature certificate key, both Ed25519 over
the 32-byte digest. Whoever holds the document and the signatures recomputes the digest and checks
each signature with the key it carries (`verify`); nothing stored on the platform is needed.
"""

import base64
import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from egov.platform.adapters.asan import verify_signature
from egov.platform.models import View
from egov.platform.text import Clean, CleanTree

Side = Literal["local", "foreign"]
# Keys, digests and signatures travel as base64 (standard or URL-safe alphabet), nothing else (G7).
Base64 = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/_-]+={0,2}$")]
Method = Literal["asan-imza", "certificate"]


class PartySignature(View):
    """One party's signature over the contract's digest, with the key that checks it."""

    model_config = ConfigDict(extra="forbid")

    side: Side
    method: Method
    digest: Base64 = Field(description="SHA-256 of the canonical document, base64", max_length=64)
    signature: Base64 = Field(
        description="Ed25519 signature over the digest, base64", max_length=200
    )
    public_key: Base64 = Field(description="The signer's public key, base64 DER", max_length=200)
    signer: Annotated[str, Clean] = Field(
        description="Who signed: FIN and name, or the certificate holder", max_length=300
    )
    signed_at: Annotated[str, Clean] = Field(max_length=40)
    certificate: Annotated[str, Clean] | None = Field(
        None,
        description="The serial of the signer's certificate in the registry (method certificate)",
        max_length=40,
    )


class Checked(View):
    side: Side
    method: Method
    signer: str
    valid: bool


class Verification(View):
    """What the document's signatures prove, recomputed from the document itself."""

    sha256: str = Field(description="SHA-256 of the canonical document, hex")
    signatures: list[Checked]
    valid: bool = Field(description="Both parties signed this very document")


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def canonical(document: dict[str, Any]) -> bytes:
    """The bytes a signature covers; an absent member and a null one are the same."""
    return json.dumps(
        _pruned(document), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def digest(document: dict[str, Any]) -> bytes:
    return hashlib.sha256(canonical(document)).digest()


def signs(signed: PartySignature, document: dict[str, Any]) -> bool:
    """Whether `signed` is a valid signature of exactly this document."""
    value = digest(document)
    return base64.b64encode(value).decode() == signed.digest and verify_signature(
        signed.public_key, signed.signature, value
    )


def verify(document: dict[str, Any], signatures: list[PartySignature]) -> Verification:
    checked = [
        Checked(side=s.side, method=s.method, signer=s.signer, valid=signs(s, document))
        for s in signatures
    ]
    sides = {c.side for c in checked if c.valid}
    # Two parties are two signers: one key claiming both sides is one signature.
    keys = {s.public_key for s in signatures}
    return Verification(
        sha256=digest(document).hex(),
        signatures=checked,
        valid=all(c.valid for c in checked) and sides == {"local", "foreign"} and len(keys) == 2,
    )


class Signed(BaseModel):
    """A signed contract as anyone sends it to be checked: the document and its signatures."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    document: Annotated[dict[str, Any], CleanTree]
    signatures: list[PartySignature] = Field(min_length=1, max_length=2)
