"""ASAN İmza, the mobile e-signature service (R1, R6; DESIGN rule 14).

The platform starts a session with the person's ASAN İmza number, their 6-digit user ID and the
SHA-256 hash to be signed: `authenticate` for a login (PIN1), `sign` for a document (PIN2). The
phone shows `verification_code(hash)`, which the page shows too, so the person confirms only the
request they started. `session` is polled until it is `COMPLETE`; an `OK` answer carries the
Ed25519 signature over the hash and the signer's certificate, which `verified` checks.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Literal

from pydantic import Field

from egov.platform.adapters._model import Record
from egov.platform.adapters.base import SystemClient, register_system

register_system(
    "asan-imza",
    {"az": "ASAN İmza xidməti", "en": "The ASAN İmza service"},
)

UserId = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{6}$",
        description="İstifadəçi ID-si: the 6 digits of the SIM's activation notice",
        examples=["240117"],
    ),
]
Result = Literal["OK", "USER_REFUSED", "TIMEOUT", "SIM_NOT_ACTIVE", "NOT_CLIENT"]


class Started(Record):
    session_id: str


class SignatureValue(Record):
    value: str
    algorithm: Literal["Ed25519"]


class SignerCertificate(Record):
    public_key: str = Field(description="The signer's public key, base64 DER")
    fin: str
    name: str
    phone_number: str
    key_usage: Literal["authentication", "signing"]


class Session(Record):
    state: Literal["RUNNING", "COMPLETE"]
    result: Result | None = None
    signature: SignatureValue | None = None
    cert: SignerCertificate | None = None


def verification_code(digest: bytes) -> str:
    """The four digits the phone and the page show: the first 6 bits of the hash's first byte
    and the last 7 bits of its last byte, as Mobile-ID services compute it."""
    return f"{((digest[0] & 0xFC) << 5) | (digest[-1] & 0x7F):04d}"


def verify_signature(public_key: str, signature: str, digest: bytes) -> bool:
    """Whether `signature` (base64) is the Ed25519 signature over `digest` by `public_key`
    (base64 DER)."""
    # cryptography loads where a signature is checked, not with every importer (cold start).
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    try:
        key = load_der_public_key(base64.b64decode(public_key, validate=True))
        if not isinstance(key, Ed25519PublicKey):
            return False
        key.verify(base64.b64decode(signature, validate=True), digest)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


def verified(session: Session, digest: bytes) -> bool:
    """Whether an `OK` session's signature is the certificate's key's signature over `digest`."""
    if session.result != "OK" or session.signature is None or session.cert is None:
        return False
    return verify_signature(session.cert.public_key, session.signature.value, digest)


class AsanImza:
    def __init__(self, client: SystemClient) -> None:
        self.client = client

    def _start(self, path: str, phone: str, user_id: str, digest: bytes, text: str) -> str:
        body = {
            "phoneNumber": phone,
            "userId": user_id,
            "hash": base64.b64encode(digest).decode(),
            "hashType": "SHA256",
            "displayText": text,
        }
        return Started.model_validate(self.client.post(path, body, field="phoneNumber")).session_id

    def authenticate(self, phone: str, user_id: str, digest: bytes, text: str) -> str:
        """Ask the person to confirm a login with PIN1; the provider's session id."""
        return self._start("/authentication", phone, user_id, digest, text)

    def sign(self, phone: str, user_id: str, digest: bytes, text: str) -> str:
        """Ask the person to sign `digest` with PIN2; the provider's session id."""
        return self._start("/signature", phone, user_id, digest, text)

    def session(self, session_id: str) -> Session:
        body = self.client.get(
            f"/session/{session_id}", field="sessionId", not_found="mobile-id.session-unknown"
        )
        return Session.model_validate(body)
