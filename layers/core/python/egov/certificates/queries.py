"""Public certificate queries (E14): no login, free, real time, rate-limited per client.

Each lookup is one keyed read (GetItem by serial, or a Query of the key-fingerprint index), so
its cost does not grow with the registry (bench/certificate_lookup.py). Holder data is given
only where the holder consented to disclosure; otherwise the answer is the status alone.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from typing import Literal

from pydantic import Field

from egov.certificates import log
from egov.certificates.models import Certificate, Reason, Status, View
from egov.certificates.registry import CERTIFICATES, cert_key, record_of
from egov.platform import clock, ratelimit
from egov.platform.problems import NotFound

NEXT_UPDATE = timedelta(minutes=10)  # how long a status answer may be cached
RATE_WINDOW = 60


class PublicCertificate(View):
    serial: str
    status: Status
    disclosed: bool = Field(description="False when the holder did not consent: status only")
    holder: str | None = None
    use: Literal["personal", "business"] | None = None
    center: str | None = None
    key_fingerprint: str | None = None
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    status_since: datetime | None = None
    reason: Reason | None = None


class KeyLookup(View):
    key_fingerprint: str
    certificates: list[PublicCertificate]


class CertificateStatus(View):
    """OCSP's answer (RFC 6960 §2.2) in JSON: good, revoked (time, reason) or unknown."""

    serial: str
    cert_status: Literal["good", "revoked", "unknown"]
    registry_status: Status | None = None
    revocation_time: datetime | None = None
    revocation_reason: Reason | None = None
    valid_to: datetime | None = None
    this_update: datetime
    next_update: datetime


class RevokedEntry(View):
    serial: str
    revocation_time: datetime
    reason: Reason | None


class RevocationList(View):
    """Every suspended or revoked certificate, signed by the registry key (Ed25519)."""

    issuer: str
    this_update: datetime
    next_update: datetime
    log_size: int
    entries: list[RevokedEntry]
    key: str = Field(description="The registry's verifier key (C2SP signed-note vkey)")
    signature: str | None = Field(
        None, description="base64(key id ‖ Ed25519 signature) over the canonical JSON without it"
    )


def throttle(client: str) -> None:
    """Count the client's queries this minute; the 429 says when the next minute begins."""
    ratelimit.take(
        CERTIFICATES,
        client,
        limit=int(os.environ.get("CERTIFICATE_QUERIES_PER_MINUTE", "60")),
        window_seconds=RATE_WINDOW,
        key="certificates.rate-limited",
    )


def public(cert: Certificate) -> PublicCertificate:
    if not cert.disclosure_consent:
        return PublicCertificate(serial=cert.serial, status=cert.status, disclosed=False)
    return PublicCertificate(
        serial=cert.serial,
        status=cert.status,
        disclosed=True,
        holder=cert.holder.name,
        use=cert.use,
        center=cert.center,
        key_fingerprint=cert.key_fingerprint,
        valid_from=cert.valid_from,
        valid_to=cert.valid_to,
        status_since=cert.last.at,
        reason=cert.last.reason if cert.status in ("suspended", "revoked") else None,
    )


def by_serial(serial: str) -> PublicCertificate:
    item = CERTIFICATES.get(*cert_key(serial))
    if not item:
        raise NotFound("certificates.unknown", field="serial")
    return public(record_of(item))


def by_key(key_fingerprint: str) -> KeyLookup:
    """Which certificates carry this verification key (newest first)."""
    fingerprint = key_fingerprint.lower()
    page = CERTIFICATES.query(f"KEY#{fingerprint}", index="gsi1", limit=20, newest_first=True)
    if not page.items:
        raise NotFound("certificates.unknown", field="fingerprint")
    return KeyLookup(
        key_fingerprint=fingerprint, certificates=[public(record_of(i)) for i in page.items]
    )


def status(serial: str) -> CertificateStatus:
    now = clock.parse(clock.now_iso())
    item = CERTIFICATES.get(*cert_key(serial))
    if not item:
        return CertificateStatus(
            serial=serial, cert_status="unknown", this_update=now, next_update=now + NEXT_UPDATE
        )
    cert = record_of(item)
    revoked = cert.status in ("suspended", "revoked")
    return CertificateStatus(
        serial=serial,
        cert_status="revoked" if revoked else "good",
        registry_status=cert.status,
        revocation_time=cert.last.at if revoked else None,
        revocation_reason=cert.last.reason if revoked else None,
        valid_to=cert.valid_to,
        this_update=now,
        next_update=now + NEXT_UPDATE,
    )


def signed_bytes(crl: RevocationList) -> bytes:
    data = crl.model_dump(mode="json", by_alias=True, exclude={"signature"})
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def revocation_list() -> RevocationList:
    now = clock.parse(clock.now_iso())
    entries = []
    for item in CERTIFICATES.query_all("CRL", index="gsi4"):
        cert = record_of(item)
        entries.append(
            RevokedEntry(serial=cert.serial, revocation_time=cert.last.at, reason=cert.last.reason)
        )
    signer = log.signer()
    crl = RevocationList(
        issuer=log.ORIGIN,
        this_update=now,
        next_update=now + NEXT_UPDATE,
        log_size=log.head().size,
        entries=entries,
        key=signer.verifier.vkey,
    )
    crl.signature = signer.sign_bytes(signed_bytes(crl))
    return crl
