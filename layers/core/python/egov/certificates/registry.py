"""The certificate registry and the lifecycle of a certificate (E12, E13, E15).

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

E13: after a suspension, restoration or revocation the holder is notified (cabinet, e-mail,
SMS) and so is every embassy concerned, at once, by a signed webhook of the agency exchange
(`certificate.suspended`, `certificate.restored`, `certificate.revoked`): the embassy the
certificate was issued through, and the one the holder's application or compromise report was
addressed to. The webhook's id is stable for the change (serial, version, embassy), so a repeat
is dropped by the embassy as a duplicate.
"""

from __future__ import annotations

import functools
import hashlib
import json
import secrets
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from egov.certificates import log, merkle
from egov.certificates.models import (
    Action,
    ApplicationRecord,
    Basis,
    CenterAction,
    CenterCompromise,
    CenterCompromiseAccepted,
    Certificate,
    Change,
    CompromiseReport,
    Contact,
    HolderApplication,
    IssueRequest,
    Reason,
    ReportRecord,
    Status,
    Verification,
    fingerprint,
)
from egov.certificates.note import Checkpoint, NoteError
from egov.platform import (
    alarms,
    audit,
    audit_read,
    aws,
    clock,
    i18n,
    notify,
    outbox,
    webhooks,
)
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Forbidden, Invalid, NotFound
from egov.platform.repository import Table, Transaction

CERTIFICATES = Table("CERTIFICATES_TABLE")
VALIDITY_YEARS = 3  # E12
LOG_RETRIES = 8
LEAF_FORMAT = 2  # what every change logs now (`leaf_data`)
PROVEN_CACHE = 50_000  # leaf hashes proven in this container, ~100 bytes each
CENTER_PAGE = 25
# Standard workflows live at most a year: a longer validity is waited out in legs.
LONGEST_WAIT = timedelta(days=360)
LIVE: tuple[Status, ...] = ("active", "suspended")
ON_CRL: tuple[Status, ...] = ("suspended", "revoked")

# action → (statuses it may start from, status it leads to, RFC 5280 reason)
TRANSITIONS: dict[str, tuple[tuple[Status, ...], Status, Reason | None]] = {
    "suspend": (("active",), "suspended", "certificateHold"),
    "restore": (("suspended",), "active", "removeFromCRL"),
    "revoke": (LIVE, "revoked", None),
    "expire": (LIVE, "expired", None),
}
# The webhook an embassy gets for each status a change leads to (E13); expiry is no news.
EMBASSY_EVENTS: dict[Status, str] = {
    "suspended": "certificate.suspended",
    "active": "certificate.restored",
    "revoked": "certificate.revoked",
}

i18n.register(
    {
        "notice.certificate-issued.title": {
            "az": "Elektron imza sertifikatınız verildi",
            "en": "Your e-signature certificate has been issued",
        },
        "notice.certificate-issued.body": {
            "az": "{serial} nömrəli sertifikat {validTo} tarixinədək qüvvədədir.",
            "en": "Certificate {serial} is valid until {validTo}.",
        },
        "notice.certificate-suspended.title": {
            "az": "Sertifikatınızın qüvvəsi dayandırıldı",
            "en": "Your certificate has been suspended",
        },
        "notice.certificate-suspended.body": {
            "az": "{serial} nömrəli sertifikatın qüvvəsi {at} tarixində dayandırıldı.",
            "en": "Certificate {serial} was suspended at {at}.",
        },
        "notice.certificate-active.title": {
            "az": "Sertifikatınızın qüvvəsi bərpa edildi",
            "en": "Your certificate has been restored",
        },
        "notice.certificate-active.body": {
            "az": "{serial} nömrəli sertifikat {at} tarixində yenidən qüvvədədir.",
            "en": "Certificate {serial} is valid again since {at}.",
        },
        "notice.certificate-revoked.title": {
            "az": "Sertifikatınız ləğv edildi",
            "en": "Your certificate has been revoked",
        },
        "notice.certificate-revoked.body": {
            "az": "{serial} nömrəli sertifikat {at} tarixində ləğv edildi (səbəb: {reason}).",
            "en": "Certificate {serial} was revoked at {at} (reason: {reason}).",
        },
        "notice.certificate-expired.title": {
            "az": "Sertifikatınızın müddəti bitdi",
            "en": "Your certificate has expired",
        },
        "notice.certificate-expired.body": {
            "az": "{serial} nömrəli sertifikatın qüvvədəolma müddəti {at} tarixində bitdi.",
            "en": "The validity of certificate {serial} ended at {at}.",
        },
        "notice.certificate-replacement.title": {
            "az": "Sertifikatınız ödənişsiz dəyişdiriləcək",
            "en": "Your certificate will be replaced free of charge",
        },
        "notice.certificate-replacement.body": {
            "az": "Mərkəzin açarı təhlükə altında olduğundan {serial} nömrəli sertifikat ləğv "
            "edildi; yeni sertifikat üçün ödənişsiz müraciətiniz qeydə alındı.",
            "en": "Because the Center's key was compromised, certificate {serial} was revoked; "
            "a free application for a new certificate has been recorded for you.",
        },
        "notice.certificate-application.title": {
            "az": "Sertifikat üzrə müraciətiniz qəbul edildi",
            "en": "Your certificate application has been received",
        },
        "notice.certificate-application.body": {
            "az": "{serial} nömrəli sertifikat üzrə «{action}» müraciətiniz Mərkəzə çatdırıldı.",
            "en": "Your “{action}” application for certificate {serial} has reached the Center.",
        },
    }
)


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
    return Certificate.model_validate({k: v for k, v in item.items() if k in _FIELDS})


_FIELDS = {f.alias or name for name, f in Certificate.model_fields.items()}


def _now() -> datetime:
    return clock.parse(clock.now_iso())  # seconds precision, as stored


def _three_years_after(start: datetime) -> datetime:
    try:
        return start.replace(year=start.year + VALIDITY_YEARS)
    except ValueError:  # 29 February: the validity ends on the 28th, never after 3 years
        return start.replace(year=start.year + VALIDITY_YEARS, day=28)


def _commit(
    before: Certificate | None,
    after: Certificate,
    action: str,
    actor: audit.Actor,
    *extra: Callable[[Transaction], None],
) -> Certificate:
    """Write the record, its audit entry, its log leaf and the `extra` parts (what goes with the
    change, its notices included) in one transaction."""
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
            basis=f"{after.last.basis.kind}:{after.last.basis.id}",
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


def _transition(
    cert: Certificate, action: str, basis: Basis, by: str, reason: Reason | None = None
) -> Certificate:
    allowed, target, fixed_reason = TRANSITIONS[action]
    if cert.status not in allowed:
        raise Conflict(
            "certificates.transition-refused",
            field="status",
            params={"status": cert.status},
            extra={"certificateStatus": cert.status, "action": action},
        )
    change = Change(at=_now(), status=target, reason=fixed_reason or reason, basis=basis, by=by)
    return cert.model_copy(
        update={"status": target, "history": [*cert.history, change], "version": cert.version + 1}
    )


# ---------------------------------------------------------------- issuance
def new_serial() -> str:
    return secrets.token_hex(16).upper()  # 128 random bits, as CA/B baseline serials


def issue(request: IssueRequest, actor: audit.Actor) -> Certificate:
    """Register a certificate the Center issued; valid 3 years from now (E12)."""
    start = _now()
    basis = Basis(kind="application", id=request.application_id)
    cert = Certificate(
        serial=new_serial(),
        center=request.center,
        holder=request.holder,
        carrier=request.carrier,
        use=request.use,
        key_fingerprint=fingerprint(request.key_der),
        valid_from=start,
        valid_to=_three_years_after(start),
        status="active",
        disclosure_consent=request.disclosure_consent,
        embassy=request.embassy,
        history=[Change(at=start, status="active", basis=basis, by=actor.role)],
        version=1,
    )
    # The timer first: a record that exists always has its expiry armed.
    arm_expiry(cert.serial, cert.valid_to)

    def guard_and_contact(tx: Transaction) -> None:
        tx.guard(
            CERTIFICATES,
            f"ISSUED#{request.application_id}",
            cert.serial,
            Conflict("certificates.already-issued", field="applicationId"),
        )
        tx.put(
            CERTIFICATES,
            {
                "pk": f"CERT#{cert.serial}",
                "sk": "CONTACT",
                **request.contact.model_dump(mode="json", by_alias=True),
            },
        )
        _tell_holder(tx, cert, "notice.certificate-issued", contact=request.contact)

    _commit(None, cert, "certificate-issued", actor, guard_and_contact)
    return cert


# ---------------------------------------------------------------- Center actions (E13, E15)
def _check_center(cert: Certificate, staff: Principal) -> None:
    if staff.agency != cert.center:
        raise Forbidden("certificates.other-center")


def act(serial: str, action: Action, body: CenterAction, staff: Principal) -> Certificate:
    """Center staff suspend, restore or revoke, on a holder's application or a compromise report."""
    cert, _ = load(serial)
    _check_center(cert, staff)
    if action == "revoke" and body.reason is None:
        raise Invalid("certificates.reason-required", field="reason")
    extra, via = _basis_check(serial, action, body.basis)
    after = _transition(cert, action, body.basis, "center", body.reason)
    _commit(
        cert,
        after,
        f"certificate-{action}",
        staff.actor,
        extra,
        lambda tx: _tell_holder(tx, after, f"notice.certificate-{after.status}"),
        lambda tx: _tell_embassies(tx, after, via),
    )
    return after


def _addressed_embassy(item: dict[str, Any]) -> str | None:
    """The embassy a holder's application or report went through, if it went through one."""
    return item.get("embassy") if item.get("addressedTo") == "embassy" else None


def _basis_check(
    serial: str, action: Action, basis: Basis
) -> tuple[Callable[[Transaction], None], str | None]:
    """The basis must exist for this certificate; an application is closed by the decision.

    Also returns the embassy the basis was addressed to, which must hear of the decision (E13).
    """
    if basis.kind == "compromise-report":
        report = CERTIFICATES.get(f"CERT#{serial}", f"REPORT#{basis.id}")
        if not report:
            raise NotFound("certificates.basis-unknown", field="basis.id")
        return (lambda tx: None), _addressed_embassy(report)
    if basis.kind != "application":
        raise Invalid("field.invalid", field="basis.kind")
    application = CERTIFICATES.get(f"CERT#{serial}", f"APP#{basis.id}")
    if not application:
        raise NotFound("certificates.basis-unknown", field="basis.id")
    if application["action"] != action or application["status"] != "open":
        raise Conflict("certificates.basis-mismatch", field="basis.id")

    def close(tx: Transaction) -> None:
        tx.update(
            CERTIFICATES,
            f"CERT#{serial}",
            f"APP#{basis.id}",
            {"status": "decided", "decidedAt": clock.now_iso()},
            expected={"status": "open"},
            conflict=Conflict("certificates.basis-mismatch", field="basis.id"),
        )

    return close, _addressed_embassy(application)


# ---------------------------------------------------------------- the holder (E13)
def of_holder(user_id: str) -> list[Certificate]:
    """The holder's own certificates, newest first, in full."""
    page = CERTIFICATES.query(f"HOLDER#{user_id}", index="gsi2", limit=50, newest_first=True)
    return [record_of(item) for item in page.items]


def _check_holder(cert: Certificate, person: Principal) -> None:
    if cert.holder.user_id != person.user_id:
        raise Forbidden("certificates.not-holder")


def apply(serial: str, body: HolderApplication, person: Principal) -> ApplicationRecord:
    """The holder's application; one addressed to the embassy is forwarded to the Center at once."""
    cert, _ = load(serial)
    _check_holder(cert, person)
    allowed, _, _ = TRANSITIONS[body.action]
    if cert.status not in allowed:
        raise Conflict(
            "certificates.transition-refused", field="action", params={"status": cert.status}
        )
    if body.action == "revoke" and body.reason is None:
        raise Invalid("certificates.reason-required", field="reason")
    now = _now()
    record = ApplicationRecord(
        application_id=uuid.uuid4().hex,
        serial=serial,
        action=body.action,
        reason=body.reason,
        addressed_to=body.addressed_to,
        embassy=body.embassy if body.addressed_to == "embassy" else None,
        received_at=now,
        forwarded_at=now if body.addressed_to == "embassy" else None,
        status="open",
    )
    tx = Transaction()
    tx.put(
        CERTIFICATES,
        {
            "pk": f"CERT#{serial}",
            "sk": f"APP#{record.application_id}",
            **record.model_dump(mode="json", by_alias=True),
            "gsi3pk": f"CENTER#{cert.center}#OPEN",
            "gsi3sk": clock.iso(now),
        },
    )
    audit.record(
        tx,
        f"CERT#{serial}",
        "certificate-application",
        person.actor,
        owner=person.user_id,
        after=record.model_dump(mode="json", by_alias=True),
    )
    _tell_holder(tx, cert, "notice.certificate-application", action=body.action)
    tx.commit()
    return record


def report_compromise(serial: str, body: CompromiseReport, person: Principal) -> ReportRecord:
    """Seed 001 §3.5: the holder reports; an active certificate is suspended at once."""
    cert, _ = load(serial)
    _check_holder(cert, person)
    if cert.status not in LIVE:
        raise Conflict(
            "certificates.transition-refused", field="serial", params={"status": cert.status}
        )
    report_id = uuid.uuid4().hex
    now = _now()

    def put_report(tx: Transaction) -> None:
        tx.put(
            CERTIFICATES,
            {
                "pk": f"CERT#{serial}",
                "sk": f"REPORT#{report_id}",
                "reportId": report_id,
                "event": body.event,
                "addressedTo": body.addressed_to,
                "embassy": body.embassy,
                "details": body.details,
                "reportedAt": clock.iso(now),
            },
        )

    if cert.status == "active":
        basis = Basis(kind="compromise-report", id=report_id)
        after = _transition(cert, "suspend", basis, "holder")
        via = body.embassy if body.addressed_to == "embassy" else None
        _commit(
            cert,
            after,
            "certificate-suspend",
            person.actor,
            put_report,
            lambda tx: _tell_holder(tx, after, "notice.certificate-suspended"),
            lambda tx: _tell_embassies(tx, after, via),
        )
    else:
        tx = Transaction()
        put_report(tx)
        audit.record(
            tx,
            f"CERT#{serial}",
            "certificate-compromise-reported",
            person.actor,
            owner=person.user_id,
            after={"event": body.event, "reportId": report_id},
        )
        tx.commit()
        after = cert
    return ReportRecord(
        report_id=report_id, serial=serial, event=body.event, reported_at=now, certificate=after
    )


# ---------------------------------------------------------------- a Center's key compromise
def center_compromised(body: CenterCompromise, staff: Principal) -> CenterCompromiseAccepted:
    """Seed 001 §3.6: revoke everything the Center issued (in pages, from a queue)."""
    center = staff.agency
    if center not in ("EIMZA", "ASXM"):
        raise Forbidden("certificates.other-center")
    tx = Transaction()
    audit.record(
        tx,
        f"CENTER#{center}",
        "center-key-compromised",
        staff.actor,
        after={"incidentId": body.incident_id},
        basis=f"center-compromise:{body.incident_id}",
    )
    outbox.queue(
        tx, "CERTIFICATE_WORK_QUEUE_URL", [{"center": center, "incidentId": body.incident_id}]
    )
    tx.commit()
    return CenterCompromiseAccepted(center=center, incident_id=body.incident_id, accepted_at=_now())


def revoke_for_center(center: str, incident_id: str) -> bool:
    """Revoke one page of the Center's live certificates; True if more may remain."""
    page = CERTIFICATES.query(f"CENTER#{center}#LIVE", index="gsi3", limit=CENTER_PAGE)
    for item in page.items:
        cert, _ = load(item["serial"])
        if cert.status not in LIVE:
            continue  # an index entry a moment behind its record
        basis = Basis(kind="center-compromise", id=incident_id)
        after = _transition(cert, "revoke", basis, "system", "cACompromise")

        def replacement(tx: Transaction, serial: str = cert.serial) -> None:
            tx.put(
                CERTIFICATES,
                {
                    "pk": f"CERT#{serial}",
                    "sk": f"REPLACEMENT#{incident_id}",
                    "serial": serial,
                    "incidentId": incident_id,
                    "freeOfCharge": True,
                    "status": "open",
                    "createdAt": clock.now_iso(),
                },
            )

        _commit(
            cert,
            after,
            "certificate-revoke",
            audit.Actor.system("center-compromise"),
            replacement,
            functools.partial(_tell_holder, cert=after, key="notice.certificate-replacement"),
            functools.partial(_tell_embassies, cert=after),
        )
    return page.cursor is not None


# ---------------------------------------------------------------- expiry (E12)
def arm_expiry(serial: str, valid_to: datetime) -> None:
    """Start the expiry workflow: it waits (in real time) towards `valid_to`, then queues."""
    wait = min(timedelta(seconds=clock.real_seconds_until(valid_to)), LONGEST_WAIT)
    wake = clock.real_now() + wait
    aws.client("stepfunctions").start_execution(
        stateMachineArn=aws.resource_name("CERTIFICATE_EXPIRY_STATE_MACHINE"),
        name=f"{serial}-{int(time.time() * 1000)}",
        input=json.dumps({"serial": serial, "wakeAt": clock.iso(wake)}),
    )


def expire(serial: str) -> Certificate | None:
    """The expiry workflow woke: expire the certificate if its validity has ended."""
    item = CERTIFICATES.get(*cert_key(serial))
    if not item:
        return None
    cert = record_of(item)
    if cert.status not in LIVE:
        return None
    if cert.valid_to > clock.now():
        arm_expiry(serial, cert.valid_to)
        return None
    basis = Basis(kind="validity-end", id=clock.iso(cert.valid_to))
    after = _transition(cert, "expire", basis, "system")
    return _commit(
        cert,
        after,
        "certificate-expire",
        audit.Actor.system("expiry"),
        lambda tx: _tell_holder(tx, after, "notice.certificate-expired"),
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


# ---------------------------------------------------------------- notices (E13)
def _tell_holder(
    tx: Transaction,
    cert: Certificate,
    key: str,
    *,
    contact: Contact | None = None,
    **params: str,
) -> None:
    """The holder learns of every change in the cabinet and by e-mail/SMS (seed 001 §3.4), as
    part of the change's transaction `tx`; `contact` where it is written by that same change."""
    stored = (
        contact.model_dump(mode="json", by_alias=True)
        if contact
        else CERTIFICATES.get(f"CERT#{cert.serial}", "CONTACT") or {}
    )
    notify.send(
        cert.holder.user_id,
        key,
        {
            "serial": cert.serial,
            "at": clock.iso(cert.last.at),
            "reason": cert.last.reason or "",
            "validTo": clock.iso(cert.valid_to),
            **params,
        },
        email=stored.get("email"),
        sms=stored.get("mobile"),
        subject_ref=f"CERT#{cert.serial}",
        tx=tx,
    )


def _tell_embassies(tx: Transaction, cert: Certificate, *addressed: str | None) -> None:
    """E13: the embassies concerned learn of the change at once (module docstring), as part of
    the change's transaction `tx`."""
    change = cert.last
    for embassy in sorted({e for e in (cert.embassy, *addressed) if e}):
        webhooks.enqueue(
            webhooks.message(
                embassy,
                EMBASSY_EVENTS[cert.status],
                {
                    "subject": f"CERT#{cert.serial}",
                    "serial": cert.serial,
                    "center": cert.center,
                    "virtualFin": cert.holder.virtual_fin,
                    "status": cert.status,
                    "reason": change.reason,
                    "at": clock.iso(change.at),
                    "basis": change.basis.model_dump(mode="json", by_alias=True),
                    "issuedThroughThisEmbassy": embassy == cert.embassy,
                },
                webhook_id=f"msg_cert_{cert.serial}_{cert.version}_{embassy}",
            ),
            tx=tx,
        )
