"""Public certificate queries (E14): no login, free, real time, rate-limited per client.

Each lookup is one keyed read (GetItem by serial, or a Query of the key-fingerprint index), so
its cost does not grow with the registry (bench/certificate_lookup.py). Seed 001 §4.2 gates the
holder, "sertifikatın statusu" and other data of a lookup on the holder's consent (declaration
6.3): without it a lookup says only that the serial exists. The OCSP-style status and the
revocation list stay public whatever the consent (§4.4, real-time status checks): they answer a
relying party who holds the certificate, name no person, and a serial (128 random bits) cannot
be guessed. An expired certificate is answered `expired`, never `good` (docs/certificates.md).

Nothing is told from the table alone (issue 10 item 5): every record is first proven to be its
latest leaf in the signed log (`registry.proven`; a proof is made once per leaf and container,
O(log n) keyed reads, then cached). A record that fails is an operator alarm and is answered as
`unknown`, and is left off the signed revocation list with the alarm raised.
"""

import json
from datetime import datetime, timedelta
from typing import Literal

from pydantic import Field

from egov.certificates import log, merkle
from egov.certificates.models import Certificate, Reason, Status, Use, View
from egov.certificates.note import Checkpoint, verify_bytes
from egov.certificates.registry import CERTIFICATES, ON_CRL, cert_key, proven, record_of
from egov.platform import alarms, aws, clock, ratelimit
from egov.platform.problems import NotFound, Unavailable

NEXT_UPDATE = timedelta(minutes=10)  # how long a status answer may be cached
RATE_WINDOW = 60


class PublicCertificate(View):
    serial: str
    status: Status | Literal["unknown"] | None = Field(
        None,
        description="`unknown` when the stored record is not the one the signed log holds; "
        "absent without the holder's consent (seed 001 §4.2)",
    )
    disclosed: bool = Field(description="False when the holder did not consent: status only")
    holder: str | None = None
    use: Use | None = None
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
    """OCSP's answer (RFC 6960 §2.2) in JSON: good, revoked (time, reason) or unknown, and
    `expired` once `validTo` has passed (E14, issue 12 item 9)."""

    serial: str
    cert_status: Literal["good", "revoked", "expired", "unknown"]
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
        limit=int(aws.setting("CERTIFICATE_QUERIES_PER_MINUTE")),
        window_seconds=RATE_WINDOW,
        key="certificates.rate-limited",
    )


def public(cert: Certificate) -> PublicCertificate:
    if not proven(cert):
        return PublicCertificate(serial=cert.serial, status="unknown", disclosed=False)
    if not cert.disclosure_consent:
        return PublicCertificate(serial=cert.serial, disclosed=False)
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
    item = CERTIFICATES.get(*cert_key(serial))
    return _status_of(serial, record_of(item) if item else None)


def _status_of(serial: str, cert: Certificate | None) -> CertificateStatus:
    now = clock.parse(clock.now_iso())
    if cert is None or not proven(cert):
        return CertificateStatus(
            serial=serial, cert_status="unknown", this_update=now, next_update=now + NEXT_UPDATE
        )
    revoked = cert.status in ON_CRL
    # Expired as soon as validity ends, even before the expiry timer has recorded it.
    expired = not revoked and (cert.status == "expired" or cert.valid_to <= now)
    return CertificateStatus(
        serial=serial,
        cert_status="revoked" if revoked else "expired" if expired else "good",
        registry_status=cert.status,
        revocation_time=cert.last.at if revoked else None,
        revocation_reason=cert.last.reason if revoked else None,
        valid_to=cert.valid_to,
        this_update=now,
        next_update=now + NEXT_UPDATE,
    )


class SigningCertificate(View):
    """What a service that checks a signature learns of the key's certificate (E14): its status
    now, as the OCSP-style answer gives it, and whose it is."""

    serial: str
    status: CertificateStatus
    holder_user_id: str
    holder_name: str


def signing_certificate(key_fingerprint: str) -> SigningCertificate | None:
    """The newest certificate carrying this verification key and its status at this moment, for
    a service checking a signature made with it (export contracts, X2); None if the registry
    holds none. Not the public lookup: the caller decides what the signer is told."""
    page = CERTIFICATES.query(
        f"KEY#{key_fingerprint.lower()}", index="gsi1", limit=1, newest_first=True
    )
    if not page.items:
        return None
    cert = record_of(page.items[0])
    return SigningCertificate(
        serial=cert.serial,
        status=_status_of(cert.serial, cert),
        holder_user_id=cert.holder.user_id,
        holder_name=cert.holder.name,
    )


def signed_bytes(crl: RevocationList) -> bytes:
    data = crl.model_dump(mode="json", by_alias=True, exclude={"signature"})
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


CRL_STATE = ("LOG#CRL", "STATE")


def _revoked_in_log() -> tuple[int, dict[str, RevokedEntry]]:
    """Every serial whose latest leaf is suspended or revoked, read from the log, not the table.

    The state of the last list (tree size, right-edge frontier, entries) is kept signed with
    the registry key; the leaves since are read, their hashes appended to that frontier, and the
    root must be the signed checkpoint's: an edited or removed leaf or state is an alarm and no
    list is signed (503). Each call reads only the leaves appended since the last one.
    """
    signer = log.signer()
    size, frontier, entries = 0, [], {}
    state = CERTIFICATES.get(*CRL_STATE)
    if state and verify_bytes(signer.verifier, state["body"].encode(), state["signature"]):
        body = json.loads(state["body"])
        size = body["size"]
        frontier = [(level, bytes.fromhex(value)) for level, value in body["frontier"]]
        entries = {e["serial"]: RevokedEntry.model_validate(e) for e in body["entries"]}
    elif state:
        alarms.tamper_detected("revocation list state not signed by the registry")
    head = Checkpoint.parse(signer.verifier.verify(log.checkpoint()))
    for index, data in enumerate(log.leaves(size, head.size), start=size):
        merkle.append(frontier, index, merkle.leaf_hash(data))
        leaf = json.loads(data)
        change = leaf["history"][-1] if "history" in leaf else leaf  # leaf format 1 or 2
        if leaf["status"] in ON_CRL:
            entries[leaf["serial"]] = RevokedEntry(
                serial=leaf["serial"],
                revocation_time=change.get("at") or change["since"],
                reason=change["reason"],
            )
        else:
            entries.pop(leaf["serial"], None)
    if merkle.frontier_root(frontier) != head.root:
        alarms.tamper_detected("log leaves do not lead to the signed checkpoint", size=head.size)
        raise Unavailable("certificates.log-inconsistent")
    body = json.dumps(
        {
            "size": head.size,
            "frontier": [[level, value.hex()] for level, value in frontier],
            "entries": [e.model_dump(mode="json", by_alias=True) for e in entries.values()],
        }
    )
    CERTIFICATES.put(
        {
            "pk": CRL_STATE[0],
            "sk": CRL_STATE[1],
            "body": body,
            "signature": signer.sign_bytes(body.encode()),
        }
    )
    return head.size, entries


def revocation_list() -> RevocationList:
    """The suspended and revoked certificates as the signed log has them, signed."""
    now = clock.parse(clock.now_iso())
    size, entries = _revoked_in_log()
    signer = log.signer()
    crl = RevocationList(
        issuer=log.ORIGIN,
        this_update=now,
        next_update=now + NEXT_UPDATE,
        log_size=size,
        entries=sorted(entries.values(), key=lambda e: e.serial),
        key=signer.verifier.vkey,
    )
    crl.signature = signer.sign_bytes(signed_bytes(crl))
    return crl
