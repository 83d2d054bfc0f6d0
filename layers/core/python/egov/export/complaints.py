"""Administrative complaints against a permit decision (X9; seed 001 part 2, Əsasnamə §5.1,
§8.0.5, §8.0.7).

The exporter complains, through the portal, against an adverse act on one of the application's
permits (a refusal, a suspension, a revocation: `complainable` in `data/permit_events.json`).
The complaint goes to the agency that decided, through the exchange (a decision of kind
`export-complaint` about `EXPORTCOMPLAINT#<id>`), with the period the law gives it to answer:
the seed sends it to "the order and period the law sets" and names none; the Law on
Administrative Proceedings (Chapter VII, administrative complaints) does: one month, counted as
a month (`calendar.PERIODS["export.complaint-answer"]`, G4), not approximated in business days.

statemachines/export_complaint.asl.json waits for the answer until the deadline. The agency
answers `approve` (the complaint is upheld) or `reject` with its reason; the result is kept on
the complaint, in the cabinet, and sent by e-mail and SMS (§5.1: "the act ... to the cabinet
and the e-mail"). Silence has no legal effect here: a passed deadline is escalated (recorded on
the complaint, the operator alerted, the exporter told) and the same request stays open with a
new deadline (`ExportComplaintEscalationBusinessDays`, a service level), as often as needed.

Records (EXPORT_TABLE): `COMPLAINT#<id>` / `COMPLAINT`, version-checked; the guard
`COMPLAINT#<application>#<permit>` / `GUARD` while one is under review, so a permit has one
open complaint at a time; `COMPLAINTS#OPEN` / `<deadline>#<filedAt>#<id>` a copy of each open
complaint (under review or overdue), moved or removed by the one write path (`_save`), so the
operator's list (`open_complaints`) is one Query, soonest deadline first.
"""

import contextlib
import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from egov.export import permit_events, records, texts  # noqa: F401  (texts)
from egov.export.filing import owned
from egov.export.models import Form, Model, Texts
from egov.platform import (
    applications,
    audit,
    auth,
    aws,
    calendar,
    clock,
    notify,
    outbox,
    tasks,
)
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Transaction
from egov.platform.text import Lines

SERVICE = "export-complaint"
KIND = "EXPORTCOMPLAINT"
DECISION_KIND = "export-complaint"
STATE_MACHINE_ENV = "EXPORT_COMPLAINT_STATE_MACHINE"
ANSWER_PERIOD = "export.complaint-answer"
ESCALATION_PERIOD = "export.complaint-escalation"
SYSTEM = audit.Actor.system("export-complaint-workflow")
Status = Literal["under-review", "overdue", "upheld", "rejected", "failed"]
OPEN = ("under-review", "overdue")
OPEN_LIST = "COMPLAINTS#OPEN"


class ComplaintForm(Form):
    """§5.1: which permit's act is complained against, and why."""

    permit: str = Field(pattern=r"^[a-z-]{1,40}$")
    text: Lines


class Escalation(Model):
    missed_deadline: datetime
    next_deadline: datetime
    at: datetime


class Answer(Model):
    """The agency's act on the complaint (§5.1), as the exchange delivered it."""

    outcome: Literal["upheld", "rejected"]
    reason: str | None = None
    decision_id: str
    decided_at: datetime
    decided_by: str | None = None


class Complaint(Model):
    complaint_id: str
    application_id: str
    owner: str
    permit: str
    permit_name: Texts
    agency: str
    act: str = Field(description="The permit's status complained against")
    text: str
    filed_at: datetime
    deadline: datetime
    status: Status
    escalations: list[Escalation] = Field(default_factory=list)
    answer: Answer | None = None
    version: int = 1


class Complaints(Model):
    """The open complaints, soonest deadline first (X9), a page at a time."""

    items: list[Complaint]
    cursor: str | None = None


def key(complaint_id: str) -> tuple[str, str]:
    return f"COMPLAINT#{complaint_id}", "COMPLAINT"


def _open_sk(complaint: Complaint) -> str:
    # Deadlines fall on a day's last instant, so many share one: filing time orders them.
    deadline, filed = clock.iso(complaint.deadline), clock.iso(complaint.filed_at)
    return f"{deadline}#{filed}#{complaint.complaint_id}"


def subject(complaint_id: str) -> str:
    return f"{KIND}#{complaint_id}"


def _guard(application_id: str, permit: str) -> str:
    return f"COMPLAINT#{application_id}#{permit}"


def load(complaint_id: str) -> Complaint:
    item = records.EXPORT.get(*key(complaint_id))
    if item is None:
        raise NotFound("export.complaint.not-found", field="complaintId")
    return Complaint.model_validate(item)


def shown(complaint_id: str, caller: auth.Principal) -> Complaint:
    complaint = load(complaint_id)
    if complaint.owner != caller.user_id:
        raise NotFound("export.complaint.not-found", field="complaintId")
    return complaint


def _item(complaint: Complaint) -> dict[str, Any]:
    pk, sk = key(complaint.complaint_id)
    return {"pk": pk, "sk": sk, **complaint.model_dump(mode="json", by_alias=True)}


def _save(before: Complaint | None, after: Complaint, tx: Transaction) -> None:
    """The one write path of a complaint, with its place in the operator's open list."""
    if before is None:
        tx.put(
            records.EXPORT, _item(after), conflict=Conflict("export.changed", field="complaintId")
        )
    else:
        after.version = before.version + 1
        tx.put(
            records.EXPORT,
            _item(after),
            expected={"version": before.version},
            conflict=Conflict("export.changed", field="complaintId"),
        )
    listed_before = _open_sk(before) if before and before.status in OPEN else None
    listed_after = _open_sk(after) if after.status in OPEN else None
    if listed_before and listed_before != listed_after:
        tx.delete(records.EXPORT, OPEN_LIST, listed_before)
    if listed_after:
        shown = after.model_dump(mode="json", by_alias=True)
        tx.put(records.EXPORT, {"pk": OPEN_LIST, "sk": listed_after, **shown}, new=False)


def open_complaints(cursor: str | None = None) -> Complaints:
    """For the operator: the complaints awaiting an agency's answer (under review or overdue),
    soonest deadline first, with their deadlines and escalations; one Query a page."""
    page = records.EXPORT.query(OPEN_LIST, cursor=cursor)
    return Complaints(
        items=[Complaint.model_validate(item) for item in page.items], cursor=page.cursor
    )


def _tell(complaint: Complaint, notice: str, params: dict[str, object], tx: Transaction) -> None:
    account = auth.account(complaint.owner) or {}
    notify.send(
        complaint.owner,
        notice,
        {"permit": complaint.permit_name.az, "agency": complaint.agency} | params,
        email=account.get("email"),
        sms=account.get("mobile"),
        subject_ref=subject(complaint.complaint_id),
        tx=tx,
    )


# ---------------------------------------------------------------- filing


def file(application_id: str, form: ComplaintForm, caller: auth.Principal) -> Complaint:
    application = owned(application_id, caller)
    permit = next((p for p in application.permits if p.code == form.permit), None)
    if permit is None:
        raise Invalid("export.permit-event.unknown-permit", field="permit")
    if not permit_events.complainable(permit.status):
        raise Conflict("export.complaint.not-complainable", field="permit")
    now = clock.now()
    wait = tasks.until(calendar.due(ANSWER_PERIOD, now))
    complaint = Complaint(
        complaint_id="cmp_" + uuid.uuid4().hex[:20],
        application_id=application_id,
        owner=caller.user_id,
        permit=permit.code,
        permit_name=permit.name,
        agency=permit.agency,
        act=permit.status,
        text=form.text,
        filed_at=now,
        deadline=clock.parse(wait["deadline"]),
        status="under-review",
    )
    tx = Transaction()
    _save(None, complaint, tx)
    tx.guard(
        records.EXPORT,
        _guard(application_id, permit.code),
        complaint.complaint_id,
        Conflict("export.complaint.open", field="permit"),
    )
    applications.track(
        tx,
        caller.user_id,
        complaint.complaint_id,
        SERVICE,
        "under-review",
        "export.complaint.title",
        actor=caller.actor,
        reference=application_id,
        link=f"/export/complaints/{complaint.complaint_id}",
    )
    audit.record(
        tx,
        subject(complaint.complaint_id),
        "export-complaint-filed",
        caller.actor,
        owner=caller.user_id,
        after={"application": application_id, "permit": permit.code, "act": permit.status},
    )
    _tell(complaint, "notice.export-complaint-filed", {"deadline": wait["deadline"]}, tx)
    outbox.start(tx, STATE_MACHINE_ENV, complaint.complaint_id, workflow_input(complaint, wait))
    tx.commit()
    return complaint


def workflow_input(complaint: Complaint, wait: dict[str, Any]) -> dict[str, Any]:
    """The execution input: the request the deciding agency receives, and its deadline."""
    return {
        "complaintId": complaint.complaint_id,
        "agency": complaint.agency,
        "owner": complaint.owner,
        "subject": subject(complaint.complaint_id),
        "payload": {
            "applicationId": complaint.application_id,
            "permit": complaint.permit,
            "act": complaint.act,
            "text": complaint.text,
            "filedAt": clock.iso(complaint.filed_at),
        },
        "deadline": wait["deadline"],
        "waitSeconds": wait["waitSeconds"],
        "correlationId": complaint.complaint_id,
    }


# ---------------------------------------------------------------- the workflow's steps


class Answered(tasks.Event):
    complaint_id: str
    decision: dict[str, Any]


class Overdue(tasks.Event):
    complaint_id: str
    deadline: str


class Failed(tasks.Event):
    complaint_id: str


def answered(event: Answered) -> None:
    """The agency's act on the complaint: kept, in the cabinet, by e-mail and SMS (§5.1)."""
    complaint = load(event.complaint_id)
    if complaint.status not in OPEN:
        return  # a redelivered message: recorded already
    decision = event.decision
    outcome: Literal["upheld", "rejected"] = (
        "upheld" if decision.get("outcome") == "approve" else "rejected"
    )
    answer = Answer(
        outcome=outcome,
        reason=decision.get("reason"),
        decision_id=str(decision["decisionId"]),
        decided_at=clock.parse(decision["decidedAt"]),
        decided_by=decision.get("decidedBy"),
    )
    after = complaint.model_copy(update={"status": outcome, "answer": answer})
    tx = Transaction()
    _save(complaint, after, tx)
    tx.release(
        records.EXPORT,
        _guard(complaint.application_id, complaint.permit),
        complaint.complaint_id,
    )
    applications.advance(
        tx,
        complaint.owner,
        complaint.complaint_id,
        SERVICE,
        outcome,
        actor=audit.Actor(answer.decided_by or complaint.agency, "agency"),
        note="export.complaint.note.answered",
        note_params={"reason": answer.reason or "-"},
    )
    audit.record(
        tx,
        subject(complaint.complaint_id),
        f"export-complaint-{outcome}",
        SYSTEM,
        owner=complaint.owner,
        after={"decisionId": answer.decision_id, "reason": answer.reason},
    )
    _tell(after, f"notice.export-complaint-{outcome}", {"reason": answer.reason or ""}, tx)
    with contextlib.suppress(Conflict):  # a parallel delivery recorded it
        tx.commit()


def escalate(event: Overdue) -> dict[str, Any]:
    """The deadline passed unanswered: recorded, the operator alerted, the exporter told; the
    request stays open until the next deadline (its `{deadline, waitSeconds}`)."""
    missed = clock.parse(event.deadline)
    upcoming = tasks.until(calendar.due(ESCALATION_PERIOD, missed))
    complaint = load(event.complaint_id)
    if complaint.status not in OPEN or any(
        e.missed_deadline == missed for e in complaint.escalations
    ):
        return upcoming  # answered meanwhile, or a redelivered message
    escalation = Escalation(
        missed_deadline=missed, next_deadline=clock.parse(upcoming["deadline"]), at=clock.now()
    )
    after = complaint.model_copy(
        update={
            "status": "overdue",
            "deadline": escalation.next_deadline,
            "escalations": [*complaint.escalations, escalation],
        }
    )
    params = {
        "complaintId": complaint.complaint_id,
        "agency": complaint.agency,
        "deadline": event.deadline,
        "next": upcoming["deadline"],
        "count": len(after.escalations),
    }
    tx = Transaction()
    _save(complaint, after, tx)
    applications.advance(
        tx,
        complaint.owner,
        complaint.complaint_id,
        SERVICE,
        "overdue",
        actor=SYSTEM,
        note="export.complaint.note.overdue",
        note_params=params,
    )
    audit.record(
        tx,
        subject(complaint.complaint_id),
        "export-complaint-overdue",
        SYSTEM,
        owner=complaint.owner,
        after={"missed": event.deadline, "next": upcoming["deadline"]},
    )
    notify.send_to_address(
        "export.complaint-overdue",
        params,
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        tx=tx,
    )
    _tell(after, "notice.export-complaint-overdue", params, tx)
    with contextlib.suppress(Conflict):  # a parallel delivery escalated it
        tx.commit()
    return upcoming


def failed(event: Failed) -> None:
    """The request ended without an answer (withdrawn, or the exchange failed): `failed`, the
    operator alerted; the permit is open to a new complaint."""
    complaint = load(event.complaint_id)
    if complaint.status not in OPEN:
        return
    after = complaint.model_copy(update={"status": "failed"})
    tx = Transaction()
    _save(complaint, after, tx)
    tx.release(
        records.EXPORT,
        _guard(complaint.application_id, complaint.permit),
        complaint.complaint_id,
    )
    applications.advance(
        tx, complaint.owner, complaint.complaint_id, SERVICE, "failed", actor=SYSTEM
    )
    notify.send_to_address(
        "export.complaint-failed",
        {"complaintId": complaint.complaint_id},
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        tx=tx,
    )
    with contextlib.suppress(Conflict):
        tx.commit()
