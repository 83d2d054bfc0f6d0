"""The free-sale certificate as a signed document (X7; seed 001 part 2, §10.3.5.4).

The certificate is a JSON object in one canonical form (keys sorted, no spaces, UTF-8 kept as
is, so "Fındıq ləpəsi" is the bytes a person reads), bilingual: every text is `{az, en}`. The
executive director's approval is an Ed25519 signature over the SHA-256 of those bytes by the
Center's key: an Ed25519 seed derived (HKDF-SHA256) from the Secrets Manager secret
`FREE_SALE_SIGNING_KEY_SECRET`, never stored. Whoever holds the document and the public key
recomputes the digest and checks the signature; the public verification route does exactly that
with the stored copy, so a document altered after signing does not verify.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from typing import TYPE_CHECKING, Any

from egov.platform import secrets

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_SECRET = "FREE_SALE_SIGNING_KEY_SECRET"
ALGORITHM = "Ed25519"


def canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(document: dict[str, Any]) -> bytes:
    return hashlib.sha256(canonical(document)).digest()


@functools.cache
def _key(material: str) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    seed = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"egov.az free-sale Ed25519"
    ).derive(material.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key() -> str:
    """The Center's public key, raw 32 bytes in base64."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = _key(secrets.secret(KEY_SECRET)).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def sign(document: dict[str, Any]) -> dict[str, str]:
    """The signature block kept beside the document."""
    hashed = digest(document)
    signature = _key(secrets.secret(KEY_SECRET)).sign(hashed)
    return {
        "algorithm": ALGORITHM,
        "digest": base64.b64encode(hashed).decode(),
        "signature": base64.b64encode(signature).decode(),
        "publicKey": public_key(),
    }


def holds(document: dict[str, Any], signature: dict[str, str]) -> bool:
    """Whether `signature` is the Center's over exactly `document` (digest recomputed)."""
    return signed_by(document, signature, public_key())


def signed_by(document: dict[str, Any], signature: dict[str, str], key: str) -> bool:
    """Whether the signature block is the holder of `key` (raw base64) over exactly `document`:
    the digest recomputed, the block's key that one, the Ed25519 signature checked."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    hashed = digest(document)
    if base64.b64encode(hashed).decode() != signature.get("digest"):
        return False
    if signature.get("publicKey") != key:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(signature["publicKey"])).verify(
            base64.b64decode(signature["signature"]), hashed
        )
    except (InvalidSignature, ValueError, KeyError):
        return False
    return True
