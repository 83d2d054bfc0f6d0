"""ASAN İmza, the mobile e-signature service (R1, R6; DESIGN rule 14).

The platform starts a session with the person's ASAN İmza number, their 6-digit user ID and the
SHA-256 hash to be signed: `authenticate` for a login (PIN1), `sign` for a document (PIN2). The
phone shows `verification_code(hash)`, which the page shows too, so the person confirms only the
request they started. `session` is polled until it is `COMPLETE`; an `OK` answer carries the
Ed25519 signature over the hash and the signer's certificate, which `verified` checks.

The certificate is X.509 (DER), issued by ASXM's CA. `certificate_problem` says whether it
chains to the trust anchor (the CA certificate the platform is configured with, never one taken
from the answer), is valid at the moment, is not on the CA's revocation list (`revoked`, its
signature checked against the same anchor), and names the key, FIN and name of the answer.
A PIN2 signature's certificate is checked the same way at the moment of signing (R6).

The revocation list is held for the container's lifetime until its `nextUpdate`, the moment the
CA promises a newer one: a list past it is stale and never trusted. The held list is then
replaced by one fetched from the CA; if the CA offers none that is fresh (or none at all), the
check cannot be made and the request fails closed (503), never with an old or empty list.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from egov.platform.adapters._model import Record
from egov.platform.adapters.base import SystemClient, hold, register_system, unavailable_key
from egov.platform.problems import Unavailable

if TYPE_CHECKING:
    from cryptography import x509

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
    certificate: str = Field(description="The signer's X.509 certificate, base64 DER, by ASXM's CA")


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


CertificateProblem = Literal["untrusted", "expired", "revoked"]


def trust_anchor(pem: str) -> x509.Certificate:
    from cryptography import x509

    return x509.load_pem_x509_certificate(pem.encode())


def certificate_problem(
    cert: SignerCertificate, anchor: x509.Certificate, revoked: Collection[int], now: datetime
) -> CertificateProblem | None:
    """What is wrong with the answer's certificate for ASXM's chain, or None if nothing (R1)."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    from cryptography.x509.oid import NameOID

    try:
        leaf = x509.load_der_x509_certificate(base64.b64decode(cert.certificate, validate=True))
        leaf.verify_directly_issued_by(anchor)
        key = leaf.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        fins = leaf.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
        names = leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    except (ValueError, TypeError, binascii.Error, InvalidSignature):
        return "untrusted"
    # The answer's plain fields are what the platform uses: they must be the certificate's.
    if (
        base64.b64encode(key).decode() != cert.public_key
        or [a.value for a in fins] != [cert.fin]
        or [a.value for a in names] != [cert.name]
    ):
        return "untrusted"
    if not leaf.not_valid_before_utc <= now <= leaf.not_valid_after_utc:
        return "expired"
    if leaf.serial_number in revoked:
        return "revoked"
    return None


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

    def revoked(self, anchor: x509.Certificate, now: datetime) -> set[int]:
        """Serial numbers on the CA's revocation list in force at `now`: the held list while it
        is fresh, else a fresh one from the CA. A list the anchor did not sign, or one past its
        `nextUpdate`, is the service being unavailable, never an empty list."""
        from cryptography.hazmat.primitives import hashes

        held_as = anchor.fingerprint(hashes.SHA256())
        crl = _HELD.get(held_as)
        if crl is None or not _fresh(crl, now):
            _HELD.pop(held_as, None)
            crl = self._revocation_list(anchor)
            if not _fresh(crl, now):
                raise Unavailable(unavailable_key("asan-imza"), field="sessionId")
            _HELD[held_as] = crl
        return {entry.serial_number for entry in crl}

    def _revocation_list(self, anchor: x509.Certificate) -> x509.CertificateRevocationList:
        from cryptography import x509
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        body = self.client.get("/crl", field="sessionId", not_found="mobile-id.session-unknown")
        try:
            crl = x509.load_der_x509_crl(base64.b64decode(str(body["crl"]), validate=True))
            key = anchor.public_key()  # ASXM's CA key is Ed25519, as the answers' signatures are
            signed = (
                isinstance(key, Ed25519PublicKey)
                and crl.issuer == anchor.subject
                and crl.is_signature_valid(key)
            )
        except (KeyError, ValueError, TypeError, binascii.Error):
            signed = False
        if not signed:
            raise Unavailable(unavailable_key("asan-imza"), field="sessionId")
        return crl


# The CA's revocation list by the SHA-256 of the anchor that signed it, while it is fresh.
_HELD: dict[bytes, x509.CertificateRevocationList] = {}
hold(_HELD.clear)


def _fresh(crl: x509.CertificateRevocationList, now: datetime) -> bool:
    """Whether `crl` is current at `now`: its `nextUpdate` has not passed (a list without one
    promises no next list, so it cannot be known to be current). Its `thisUpdate` is not held
    against it: a list newer than our clock knows lists no fewer revocations."""
    next_update = crl.next_update_utc
    return next_update is not None and now < next_update
