"""What the holder asks of the Center: an application to suspend, restore or revoke, and a
compromise report (E13, seed 001 §3.2–3.5)."""

from __future__ import annotations

import uuid

from egov.certificates import notices, registry
from egov.certificates.models import (
    ApplicationRecord,
    Basis,
    Certificate,
    CompromiseReport,
    HolderApplication,
    ReportRecord,
)
from egov.certificates.registry import CERTIFICATES, LIVE, TRANSITIONS, load, record_of
from egov.platform import audit, clock
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Forbidden, Invalid
from egov.platform.repository import Transaction


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
    now = registry.now()
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
    notices.tell_holder(tx, cert, "notice.certificate-application", action=body.action)
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
    now = registry.now()

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
        after = registry.transition(cert, "suspend", basis, "holder")
        via = body.embassy if body.addressed_to == "embassy" else None
        registry.commit(
            cert,
            after,
            "certificate-suspend",
            person.actor,
            put_report,
            lambda tx: notices.tell_holder(tx, after, "notice.certificate-suspended"),
            lambda tx: notices.tell_embassies(tx, after, via),
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
