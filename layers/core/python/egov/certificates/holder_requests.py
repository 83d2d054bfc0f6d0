"""What the holder asks of the Center, and how it reaches the Center (E13, seed 001 §3.2–3.5).

Seed 001 §3.3: the embassy forwards the holder's application "dərhal ... müvafiq Mərkəzə";
§3.4: the Center "dərhal müvafiq tədbir görür"; §5.4: the registry is updated "1 (bir) iş
günündən gec olmayaraq"; §5.5.1: "Reyestrə məlumatları yalnız müvafiq səlahiyyətli işçilər
daxil etməlidirlər". So a holder's application or compromise report changes nothing in the
registry by itself. In its own transaction it is

- stored under the Center's open requests (`gsi3` `CENTER#<center>#OPEN`, sorted by deadline),
  the Center staff's task list (`for_center`), until a decision closes it (`decisions.act`);
- sent to the Center at once as a signed webhook of the agency exchange
  (`certificate.request-received`, through `egov.platform.webhooks`, the exchange's delivery
  with its retries, evidence and dead-letter queue): the Center answers by acting in the
  registry with the request as its basis, not by a decision callback, since the act itself is
  the answer the seed asks for;
- given a deadline: the end of the first business day after it arrives (§5.4), or after the
  first day of a suspension applied for from a later day. A `request-deadline` timer
  (`timers`) wakes at the deadline; a request still open is alerted (`overdue`): an
  `ALERT#<deadline>` record, an audit entry, a `certificate.request-overdue` webhook to the
  Center and `lastAlertAt` in its task list, and the next alert is armed a business day on.

A compromise report (§3.5, "dərhal ... məlumatlandırmalıdır") is such a request: the seed has
the holder inform the Center, and nowhere lets the holder suspend; the Center decides whether
to suspend, or revoke with `keyCompromise`.
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import date, datetime, time
from typing import Any

from egov.certificates import notices, registry, timers
from egov.certificates.models import (
    ApplicationRecord,
    CenterRequest,
    CenterRequests,
    Certificate,
    CompromiseReport,
    HolderApplication,
    ReportRecord,
    StoredReport,
)
from egov.certificates.registry import (
    CERTIFICATES,
    LIVE,
    TRANSITIONS,
    load,
    record_of,
    stored_as,
)
from egov.platform import audit, calendar, clock, webhooks
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Forbidden, Invalid
from egov.platform.repository import Transaction

CENTER_BUSINESS_DAYS = 1  # §5.4: "1 (bir) iş günündən gec olmayaraq"
REQUEST_RECEIVED = "certificate.request-received"
REQUEST_OVERDUE = "certificate.request-overdue"
TIMER_ACTOR = audit.Actor.system("certificate-request-deadline")


def of_holder(user_id: str) -> list[Certificate]:
    """The holder's own certificates, newest first, in full."""
    page = CERTIFICATES.query(f"HOLDER#{user_id}", index="gsi2", limit=50, newest_first=True)
    return [record_of(item) for item in page.items]


def _check_holder(cert: Certificate, person: Principal) -> None:
    if cert.holder.user_id != person.user_id:
        raise Forbidden("certificates.not-holder")


def open_key(center: str) -> str:
    return f"CENTER#{center}#OPEN"


def _deadline(received: datetime, from_day: date | None) -> datetime:
    start = received
    if from_day and from_day > calendar.baku_day(received):
        start = datetime.combine(from_day, time.min, clock.BAKU)
    return calendar.add_business_days(start, CENTER_BUSINESS_DAYS)


def _to_center(tx: Transaction, cert: Certificate, request: dict[str, Any]) -> None:
    """The request reaches the Center at once: a signed webhook in the request's transaction."""
    webhooks.enqueue(
        webhooks.message(
            cert.center,
            REQUEST_RECEIVED,
            {
                "subject": f"CERT#{cert.serial}",
                "virtualFin": cert.holder.virtual_fin,
                **{k: v for k, v in request.items() if not k.startswith(("pk", "sk", "gsi"))},
            },
            webhook_id=f"msg_certreq_{request['sk'].split('#', 1)[1]}",
        ),
        tx=tx,
    )


def _file(
    cert: Certificate,
    person: Principal,
    item: dict[str, Any],
    deadline: datetime,
    action: str,
    after: dict[str, Any],
    asked: str,
) -> None:
    """Store the request, audit it, send it to the Center, tell the holder and arm its
    deadline, in one transaction."""
    tx = Transaction()
    tx.put(CERTIFICATES, item)
    audit.record(tx, f"CERT#{cert.serial}", action, person.actor, owner=person.user_id, after=after)
    _to_center(tx, cert, item)
    notices.tell_holder(tx, cert, "notice.certificate-application", action=asked)
    timers.arm(cert.serial, deadline, "request-deadline", item["sk"], tx=tx)
    tx.commit()


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
    if body.from_day and body.from_day < calendar.baku_day(now):
        raise Invalid("certificates.from-in-past", field="from")
    if body.until and body.until < calendar.baku_day(now):
        raise Invalid("certificates.until-before-from", field="until")
    deadline = _deadline(now, body.from_day)
    record = ApplicationRecord(
        application_id=uuid.uuid4().hex,
        serial=serial,
        action=body.action,
        reason=body.reason,
        addressed_to=body.addressed_to,
        embassy=body.embassy if body.addressed_to == "embassy" else None,
        received_at=now,
        forwarded_at=now if body.addressed_to == "embassy" else None,
        from_day=body.from_day,
        until=body.until,
        deadline=deadline,
        status="open",
    )
    item = {
        "pk": f"CERT#{serial}",
        "sk": f"APP#{record.application_id}",
        "kind": "application",
        **record.model_dump(mode="json", by_alias=True),
        "gsi3pk": open_key(cert.center),
        "gsi3sk": f"{clock.iso(deadline)}#{record.application_id}",
    }
    after = record.model_dump(mode="json", by_alias=True)
    _file(cert, person, item, deadline, "certificate-application", after, body.action)
    return record


def report_compromise(serial: str, body: CompromiseReport, person: Principal) -> ReportRecord:
    """Seed 001 §3.5: the holder reports; the Center is asked at once to act (module docstring)."""
    cert, _ = load(serial)
    _check_holder(cert, person)
    if cert.status not in LIVE:
        raise Conflict(
            "certificates.transition-refused", field="serial", params={"status": cert.status}
        )
    report_id = uuid.uuid4().hex
    now = registry.now()
    deadline = _deadline(now, None)
    report = StoredReport(
        report_id=report_id,
        event=body.event,
        addressed_to=body.addressed_to,
        embassy=body.embassy,
        details=body.details,
        reported_at=now,
        deadline=deadline,
        status="open",
    )
    item = {
        "pk": f"CERT#{serial}",
        "sk": f"REPORT#{report_id}",
        "kind": "compromise-report",
        "serial": serial,
        **report.model_dump(mode="json", by_alias=True),
        "gsi3pk": open_key(cert.center),
        "gsi3sk": f"{clock.iso(deadline)}#{report_id}",
    }
    after = {"event": body.event, "reportId": report_id, "deadline": clock.iso(deadline)}
    _file(cert, person, item, deadline, "certificate-compromise-reported", after, body.event)
    return ReportRecord(
        report_id=report_id,
        serial=serial,
        event=body.event,
        reported_at=now,
        deadline=deadline,
        certificate=cert,
    )


def _entry(item: dict[str, Any], now: datetime) -> CenterRequest:
    serial = item["pk"].split("#", 1)[1]
    if item["sk"].startswith("REPORT#"):
        report = stored_as(StoredReport, item)
        return _listed(
            now,
            report.deadline,
            kind="compromise-report",
            id=report.report_id,
            serial=serial,
            event=report.event,
            embassy=report.embassy,
            received_at=report.reported_at,
            last_alert_at=report.last_alert_at,
        )
    application = stored_as(ApplicationRecord, item)
    return _listed(
        now,
        application.deadline,
        kind="application",
        id=application.application_id,
        serial=serial,
        action=application.action,
        reason=application.reason,
        from_day=application.from_day,
        until=application.until,
        embassy=application.embassy,
        received_at=application.received_at,
        last_alert_at=application.last_alert_at,
    )


def _listed(now: datetime, deadline: datetime | None, **fields: Any) -> CenterRequest:
    # Requests stored before deadlines were kept get theirs by the same rule.
    due = deadline or _deadline(fields["received_at"], None)
    return CenterRequest(deadline=due, overdue=due < now, **fields)


def for_center(staff: Principal) -> CenterRequests:
    """The staff's Center's task list: open requests, the nearest deadline first."""
    if staff.agency is None:
        raise Forbidden("certificates.other-center")
    now = clock.now()
    items = CERTIFICATES.query_all(open_key(staff.agency), index="gsi3")
    return CenterRequests(requests=[_entry(item, now) for item in items])


def overdue(serial: str, ref: str, at: datetime) -> None:
    """The `request-deadline` timer woke: alert a request still open (module docstring)."""
    item = CERTIFICATES.get(f"CERT#{serial}", ref)
    if not item:
        return
    model: type[StoredReport | ApplicationRecord] = (
        StoredReport if ref.startswith("REPORT#") else ApplicationRecord
    )
    if stored_as(model, item).status != "open":
        return
    cert, _ = load(serial)
    missed = clock.iso(at)
    tx = Transaction()
    tx.put(
        CERTIFICATES,
        {"pk": f"CERT#{serial}", "sk": f"ALERT#{ref}#{missed}", "raisedAt": clock.now_iso()},
        conflict=Conflict("certificates.alert-raised"),
    )
    tx.update(CERTIFICATES, f"CERT#{serial}", ref, {"lastAlertAt": clock.now_iso()})
    audit.record(
        tx,
        f"CERT#{serial}",
        "certificate-request-overdue",
        TIMER_ACTOR,
        owner=cert.holder.user_id,
        after={"request": ref, "deadline": missed, "owedBy": cert.center},
    )
    webhooks.enqueue(
        webhooks.message(
            cert.center,
            REQUEST_OVERDUE,
            {"subject": f"CERT#{serial}", "serial": serial, "request": ref, "deadline": missed},
            webhook_id=f"msg_certreq_overdue_{ref.split('#', 1)[1]}_{missed}",
        ),
        tx=tx,
    )
    next_alert = calendar.add_business_days(at, CENTER_BUSINESS_DAYS)
    timers.arm(serial, next_alert, "request-deadline", ref, tx=tx)
    # A repeated message fails the ALERT# put: this deadline's alert is already out.
    with contextlib.suppress(Conflict):
        tx.commit()
