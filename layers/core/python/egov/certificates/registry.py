"""The certificate registry: the records, the one way they change, and their proof (E12–E15).

Every change is one TransactWriteItems: the certificate record (guarded by its version), the
audit entry, and a leaf of the Merkle log with the new signed checkpoint (egov.certificates.log).
The leaf carries the public status of the record after the change and a commitment to the rest
(`leaf_data`), so the registry can recompute it and check it against the signed tree (`verify`,
and `proven` before any public answer).

Items in CERTIFICATES_TABLE (besides the log's):

- `CERT#<serial>` / `CERT`: the record; indexes `gsi1` `KEY#<fingerprint>` (public lookup by
  verification key), `gsi2` `HOLDER#<holder's user id>`, `gsi3` `CENTER#<center>#LIVE` while active
  or suspended (a Center's key compromise), `gsi4` `CRL` while suspended or revoked;
- `CERT#<serial>` / `APP#<id>`: a holder's application; `REPORT#<id>`: a compromise report;
  `REPLACEMENT#<incident>`: the free replacement owed after a Center's key compromise;
- `ISSUED#<application id>` / `GUARD`: one certificate per issuance application.

The concepts that change a record live beside it: `issuance`, `decisions` (the Center's),
`holder_requests`, `center_compromise`, `expiry`; what people are told, in `notices`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from egov.certificates import log, merkle
from egov.certificates.models import (
    Basis,
    Certificate,
    Change,
    Reason,
    Status,
    Verification,
)
from egov.certificates.note import Checkpoint, NoteError
from egov.platform import alarms, audit, audit_read, clock
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Table, Transaction

CERTIFICATES = Table("CERTIFICATES_TABLE")
LOG_RETRIES = 8
LEAF_FORMAT = 2  # what every change logs now (`leaf_data`)
PROVEN_CACHE = 50_000  # leaf hashes proven in this container, ~100 bytes each
LIVE: tuple[Status, ...] = ("active", "suspended")
ON_CRL: tuple[Status, ...] = ("suspended", "revoked")

# action → (statuses it may start from, status it leads to, RFC 5280 reason)
TRANSITIONS: dict[str, tuple[tuple[Status, ...], Status, Reason | None]] = {
    "suspend": (("active",), "suspended", "certificateHold"),
    "restore": (("suspended",), "active", "removeFromCRL"),
    "revoke": (LIVE, "revoked", None),
    "expire": (LIVE, "expired", None),
}


# ---------------------------------------------------------------- storage
def cert_key(serial: str) -> tuple[str, str]:
    return f"CERT#{serial}", "CERT"


def _issuing_center(serial: str) -> tuple[str, ...]:
    stored = CERTIFICATES.get(*cert_key(serial))
    return (stored["center"],) if stored else ()


audit_read.handled_by("CERT", _issuing_center)


def _json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def canonical(cert: Certificate) -> bytes:
    """The whole record (but its log position): sorted, compact JSON; the leaf of format 1."""
    exclude = {"log_index"} if cert.leaf_format > 1 else {"log_index", "leaf_format"}
    if cert.suspended_until is None:
        exclude.add("suspended_until")  # records from before the field hash as they did
    return _json(cert.model_dump(mode="json", by_alias=True, exclude=exclude))


def leaf_data(cert: Certificate) -> bytes:
    """What the public log holds of a record (issue 10 item 13).

    Format 2 carries only what anyone may be told (serial, status since when and why, validity
    end, version) and a commitment, SHA-256(salt ‖ canonical record), to the rest: holder, FIN,
    account, embassy and bases stay hidden, yet the registry can show that its record is the
    logged one. The salt is derived per record version from the registry secret
    (`log.salt`), so a guess of the hidden data cannot be checked against the leaf. Format 1
    (the whole record) is what records logged before carry until their next change.
    """
    if cert.leaf_format == 1:
        return canonical(cert)
    last = cert.last
    return _json(
        {
            "v": 2,
            "serial": cert.serial,
            "status": cert.status,
            "since": clock.iso(last.at),
            "reason": last.reason,
            "validTo": clock.iso(cert.valid_to),
            "version": cert.version,
            "commitment": hashlib.sha256(
                log.salt(cert.serial, cert.version) + canonical(cert)
            ).hexdigest(),
        }
    )


def _indexes(cert: Certificate) -> dict[str, Any]:
    order = f"{clock.iso(cert.valid_from)}#{cert.serial}"
    return {
        "gsi1pk": f"KEY#{cert.key_fingerprint}",
        "gsi1sk": order,
        "gsi2pk": f"HOLDER#{cert.holder.user_id}",
        "gsi2sk": order,
        "gsi3pk": f"CENTER#{cert.center}#LIVE" if cert.status in LIVE else None,
        "gsi3sk": cert.serial if cert.status in LIVE else None,
        "gsi4pk": "CRL" if cert.status in ON_CRL else None,
        "gsi4sk": cert.serial if cert.status in ON_CRL else None,
    }


def stored_item(cert: Certificate) -> dict[str, Any]:
    pk, sk = cert_key(cert.serial)
    return {"pk": pk, "sk": sk, **cert.model_dump(mode="json", by_alias=True), **_indexes(cert)}


def load(serial: str) -> tuple[Certificate, dict[str, Any]]:
    item = CERTIFICATES.get(*cert_key(serial))
    if not item:
        raise NotFound("certificates.unknown", field="serial")
    return record_of(item), item


def record_of(item: dict[str, Any]) -> Certificate:
    return stored_as(Certificate, item)


def stored_as[M: BaseModel](model: type[M], item: Mapping[str, Any]) -> M:
    """A stored item read back into its model (issue 11 item 7), keys and indexes left out."""
    fields = {f.alias or name for name, f in model.model_fields.items()}
    return model.model_validate({k: v for k, v in item.items() if k in fields})


def now() -> datetime:
    return clock.parse(clock.now_iso())  # seconds precision, as stored


def commit(
    before: Certificate | None,
    after: Certificate,
    action: str,
    actor: audit.Actor,
    *extra: Callable[[Transaction], None],
    basis: str | None = None,
) -> Certificate:
    """Write the record, its audit entry, its log leaf and the `extra` parts (what goes with the
    change, its notices included) in one transaction. The audit's basis is the last status
    change's unless the change is not one (`basis`, e.g. a consent withdrawn)."""
    for _ in range(LOG_RETRIES):
        head = log.head()
        after.log_index = head.size
        after.leaf_format = LEAF_FORMAT
        tx = Transaction()
        item = stored_item(after)
        if before is None:
            tx.put(CERTIFICATES, item, conflict=Conflict("certificates.changed-concurrently"))
        else:
            changes = {k: v for k, v in item.items() if k not in ("pk", "sk") and v is not None}
            tx.update(
                CERTIFICATES,
                *cert_key(after.serial),
                changes,
                expected={"version": before.version},
                remove=tuple(k for k, v in item.items() if v is None),
                conflict=Conflict("certificates.changed-concurrently", field="serial"),
            )
        log.append(tx, head, leaf_data(after), after.serial)
        audit.record(
            tx,
            f"CERT#{after.serial}",
            action,
            actor,
            owner=after.holder.user_id,
            before={"status": before.status} if before else None,
            after={"status": after.status, "reason": after.last.reason, "logIndex": head.size},
            basis=basis or f"{after.last.basis.kind}:{after.last.basis.id}",
        )
        for part in extra:
            part(tx)
        try:
            tx.commit()
        except Conflict as conflict:
            if conflict.key == "certificates.log-busy":
                continue
            raise
        return after
    raise log.log_busy()


def transition(
    cert: Certificate,
    action: str,
    basis: Basis,
    by: str,
    reason: Reason | None = None,
    until: date | None = None,
) -> Certificate:
    allowed, target, fixed_reason = TRANSITIONS[action]
    if cert.status not in allowed:
        raise Conflict(
            "certificates.transition-refused",
            field="status",
            params={"status": cert.status},
            extra={"certificateStatus": cert.status, "action": action},
        )
    change = Change(at=now(), status=target, reason=fixed_reason or reason, basis=basis, by=by)
    return cert.model_copy(
        update={
            "status": target,
            "history": [*cert.history, change],
            "version": cert.version + 1,
            "suspended_until": until if target == "suspended" else None,
        }
    )


# ---------------------------------------------------------------- tamper evidence (E15)
_proven: dict[int, bytes] = {}


def proven(cert: Certificate) -> bool:
    """Whether the record as stored is its latest leaf in the signed log (issue 10 item 5).

    The record must be at the serial's newest leaf (`log.latest`, one keyed read): a whole
    record put back as an older version, say revoked back to active with that version's every
    field, is at an older leaf, which the log holds too. The leaf is recomputed from the record
    and proven against the checkpoint signed when it was appended; a proof, once made, holds for
    good, so a warm container proves each leaf once and then only recomputes its hash. A
    mismatch raises the operator alarm.
    """
    newest = log.latest(cert.serial)
    if newest != cert.log_index:
        alarms.tamper_detected(
            "certificate record is not its latest logged version",
            serial=cert.serial,
            index=cert.log_index,
            latest=newest,
        )
        return False
    leaf = merkle.leaf_hash(leaf_data(cert))
    if _proven.get(cert.log_index) == leaf:
        return True
    if not log.proves(cert.log_index, leaf):
        alarms.tamper_detected(
            "certificate record not in the signed log", serial=cert.serial, index=cert.log_index
        )
        return False
    if len(_proven) >= PROVEN_CACHE:
        _proven.clear()
    _proven[cert.log_index] = leaf
    return True


def verify(serial: str) -> Verification:
    """Recompute the leaf of the record as stored now and prove it in the signed log.

    `inclusionVerified` is about the stored leaf: its data must hash to its hash and that hash
    must lead to the signed root, so an edited leaf fails it whether or not the record was
    edited with it.
    """
    cert, _ = load(serial)
    signed = log.checkpoint()
    checkpoint = Checkpoint.parse(signed.rpartition("\n\n")[0] + "\n")
    try:
        log.verifier().verify(signed)
        signature_ok = True
    except NoteError:
        signature_ok = False
    leaf = merkle.leaf_hash(leaf_data(cert))
    stored = log.leaf(cert.log_index)
    stored_hash = merkle.leaf_hash(str(stored.get("leaf", "")).encode())
    size, proof = log.inclusion(cert.log_index, checkpoint.size)
    included = stored["hash"] == stored_hash.hex() and merkle.verify_inclusion(
        cert.log_index, size, stored_hash, proof, checkpoint.root
    )
    matches = stored_hash == leaf
    latest = log.latest(serial) == cert.log_index
    return Verification(
        serial=serial,
        log_index=cert.log_index,
        tree_size=size,
        checkpoint=signed,
        checkpoint_signature_valid=signature_ok,
        record_matches_leaf=matches,
        record_is_latest=latest,
        inclusion_verified=included,
        verified=signature_ok and included and matches and latest,
    )
