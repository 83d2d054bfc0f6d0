"""Complaints and corrections (A3, A5; seed 004 §7.1.1.7, §7.1.2.6, §7.1.3.5, §7.1.3.7).

A subject complains about a declaration or any entered record: `about` names it by kind and id.
Who answers (the respondent):
- `declaration`, `subsidy`: EKTİS drew it up and the ministry decides on it, so the ministry
  (agency MKT, its officers) answers; the record must be the complainant's own.
- `input-claim`: the supplier who made the claim answers; the claim must be against the
  complainant's subsidy.
- any other kind (a procurer's purchase, a herd movement …): the subject who entered it answers,
  named by `respondentSubjectId` (422 without it, 422 if no such subject). The record lives in
  that kind's own registry; the complaint names it and does not read it.

The respondent corrects the data (`corrected`, with the list of changes made) or refuses with a
reason (`refused`). A correction of a declaration rewrites it in the same transaction
(`subsidy.correct`: the lines named are computed again, the totals follow, the lines before are
kept as a revision); other kinds' corrections are the list of changes their registry applies. The answer period is `calendar.PERIODS["ektis.complaint-answer"]`: seed 004
sets none, so it is a service level in business days (template parameter
`EktisComplaintAnswerBusinessDays`). A timer workflow (statemachines/ektis_timer.asl.json)
sends `complaint-overdue` at the deadline; a complaint still open then becomes `overdue`:
escalated to the ministry (it lands in the ministry officers' list), both parties told, the
operator alerted. An overdue complaint may still be answered.

Both parties see the complaint, its status and its deadline (`GET /ektis/complaints`, `GET
/ektis/complaints/{id}`); the complainant also in the cabinet's applications.

Items (EKTIS_TABLE):
    COMPLAINT#<id> / COMPLAINT
    COMPLAINTS-OF#<subjectId or AGENCY#MKT> / <filedAt>#<id>   one per party, for the lists
"""

from __future__ import annotations

import contextlib
import uuid
from typing import Any, Literal

from egov.ektis import corrections, guards, livestock, subsidy
from egov.ektis.models import (
    Complaint,
    ComplaintAnswer,
    ComplaintList,
    ComplaintRequest,
    Respondent,
    Subject,
)
from egov.ektis.subjects import TABLE, of_owner, record, subject_pk
from egov.platform import applications, audit, aws, calendar, clock, notify, outbox, tasks
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Item, Transaction

PERIOD = "ektis.complaint-answer"
MINISTRY = subsidy.MINISTRY
WORKFLOW = audit.Actor.system("ektis-complaint")
PAGE = 50


def complaint_pk(complaint_id: str) -> str:
    return f"COMPLAINT#{complaint_id}"


def party_pk(respondent: Respondent | None = None, subject_id: str | None = None) -> str:
    if respondent is not None and respondent.kind == "agency":
        return f"COMPLAINTS-OF#AGENCY#{respondent.agency}"
    return f"COMPLAINTS-OF#{subject_id or (respondent.subject_id if respondent else '')}"


def _subject(subject_id: str) -> Subject | None:
    stored = TABLE.get(subject_pk(subject_id), "SUBJECT")
    return Subject.model_validate(record(stored)) if stored else None


def _respondent(body: ComplaintRequest, complainant: Subject) -> Respondent:
    """Who answers for the record complained about (see the module's docstring)."""
    kind, record_id = body.about.kind, body.about.id
    missing = NotFound("ektis.complaint.record-missing", field="about.id")
    if kind == "declaration":
        subsidy.declaration_of(record_id, complainant.subject_id)
        return Respondent(kind="agency", agency=MINISTRY)
    if kind == "subsidy":
        item = TABLE.get(subsidy.subsidy_pk(record_id), "SUBSIDY")
        if not item or item["subjectId"] != complainant.subject_id:
            raise missing
        return Respondent(kind="agency", agency=MINISTRY)
    if kind == "input-claim":
        claim = subsidy.claim(record_id)
        if not claim:
            raise missing
        owner_item = subsidy.load(claim["subsidyId"])
        if owner_item["subjectId"] != complainant.subject_id:
            raise missing
        return Respondent(kind="subject", subject_id=claim["supplierSubjectId"])
    if not body.respondent_subject_id:
        raise Invalid("ektis.complaint.respondent-needed", field="respondentSubjectId")
    if _subject(body.respondent_subject_id) is None:
        raise Invalid("ektis.complaint.respondent-unknown", field="respondentSubjectId")
    return Respondent(kind="subject", subject_id=body.respondent_subject_id)


def file(body: ComplaintRequest, caller: Principal) -> Complaint:
    """File the complaint: the record, both parties' list entries, the cabinet application,
    the respondent told, the deadline's timer started, in one transaction."""
    complainant = of_owner(caller.user_id)
    respondent = _respondent(body, complainant)
    now = clock.now()
    deadline = calendar.due(PERIOD, now)
    named = calendar.period(PERIOD)
    complaint = Complaint(
        complaint_id=uuid.uuid4().hex,
        complainant_subject_id=complainant.subject_id,
        respondent=respondent,
        about=body.about,
        text=body.text,
        status="open",
        deadline=deadline,
        deadline_basis=f"{named.days} business days ({named.basis}: {named.source})",
        filed_at=now,
    )
    stored = complaint.model_dump(mode="json", by_alias=True, exclude_none=True)
    pk = complaint_pk(complaint.complaint_id)
    respondent_owner = None
    if respondent.kind == "subject" and respondent.subject_id:
        found = _subject(respondent.subject_id)
        respondent_owner = found.owner if found else None
    tx = Transaction()
    tx.put(
        TABLE,
        {
            "pk": pk,
            "sk": "COMPLAINT",
            "owner": caller.user_id,
            "respondentOwner": respondent_owner,
            "version": 1,
            **stored,
        },
    )
    sort = f"{stored['filedAt']}#{complaint.complaint_id}"
    for party in (party_pk(subject_id=complainant.subject_id), party_pk(respondent)):
        tx.put(TABLE, {"pk": party, "sk": sort, "complaintId": complaint.complaint_id})
    applications.track(
        tx,
        caller.user_id,
        complaint.complaint_id,
        subsidy.SERVICE,
        "open",
        "ektis.application.complaint",
        actor=caller.actor,
        title_params={"kind": body.about.kind, "id": body.about.id},
        link=f"/ektis/complaints/{complaint.complaint_id}",
    )
    audit.record(tx, pk, "ektis-complaint-filed", caller.actor, owner=caller.user_id, after=stored)
    params = {"kind": body.about.kind, "id": body.about.id, "deadline": stored["deadline"]}
    if respondent_owner:
        notify.send(respondent_owner, "ektis.complaint-filed", params, subject_ref=pk, tx=tx)
    outbox.start(
        tx,
        "EKTIS_TIMER_ARN",
        complaint.complaint_id,
        {
            "message": {
                "event": "complaint-overdue",
                "complaintId": complaint.complaint_id,
                "deadline": stored["deadline"],
            },
            **tasks.until(deadline),
        },
    )
    tx.commit()
    return complaint


def load(complaint_id: str) -> Item:
    item = TABLE.get(complaint_pk(complaint_id), "COMPLAINT")
    if not item:
        raise NotFound("ektis.complaint.missing", field="complaintId")
    return item


def _role(item: Item, caller: Principal) -> Literal["complainant", "respondent", "staff"] | None:
    if caller.role == "operator":
        return "staff"
    if caller.role == "officer":
        # The ministry answers its own records and oversees the escalated ones.
        respondent = item["respondent"]
        mine = respondent["kind"] == "agency" and respondent.get("agency") == caller.agency
        return (
            "staff" if caller.agency == MINISTRY and (mine or item["status"] == "overdue") else None
        )
    if item["owner"] == caller.user_id:
        return "complainant"
    if item.get("respondentOwner") == caller.user_id:
        return "respondent"
    return None


def _model(item: Item) -> Complaint:
    return Complaint.model_validate(
        {k: v for k, v in record(item).items() if k not in ("owner", "respondentOwner")}
    )


def view(complaint_id: str, caller: Principal) -> Complaint:
    """The complaint for its two parties and the ministry's staff (G8); 404 to anyone else."""
    item = load(complaint_id)
    if _role(item, caller) is None:
        raise NotFound("ektis.complaint.missing", field="complaintId")
    return _model(item)


def of_caller(caller: Principal) -> ComplaintList:
    """The complaints the caller filed or must answer (newest first); the ministry's officers:
    those against the ministry and the escalated ones."""
    if caller.role == "citizen":
        party = party_pk(subject_id=of_owner(caller.user_id).subject_id)
    else:
        party = party_pk(Respondent(kind="agency", agency=MINISTRY))
    pointers = TABLE.query(party, limit=PAGE, newest_first=True).items
    found = [TABLE.get(complaint_pk(p["complaintId"]), "COMPLAINT") for p in pointers]
    return ComplaintList(complaints=[_model(item) for item in found if item])


def answer(complaint_id: str, body: ComplaintAnswer, caller: Principal) -> Complaint:
    """The respondent corrects (listing the changes) or refuses with a reason; once."""
    item = load(complaint_id)
    role = _role(item, caller)
    respondent = item["respondent"]
    answers = role == "respondent" or (
        role == "staff" and caller.role == "officer" and respondent["kind"] == "agency"
    )
    if not answers:
        raise NotFound("ektis.complaint.missing", field="complaintId")
    if item["status"] not in ("open", "overdue"):
        raise Conflict("ektis.complaint.answered", field="complaintId")
    if body.outcome == "refused" and not (body.reason or "").strip():
        raise Invalid("ektis.complaint.reason-required", field="reason")
    if body.outcome == "corrected" and not body.corrections:
        raise Invalid("ektis.complaint.corrections-required", field="corrections")
    now = clock.now_iso()
    given = body.model_dump(mode="json", by_alias=True, exclude_none=True)
    changes: dict[str, Any] = {
        "status": body.outcome,
        "answer": given,
        "answeredAt": now,
        "answeredBy": caller.user_id,
        "version": item["version"] + 1,
    }
    pk = complaint_pk(complaint_id)
    tx = Transaction()
    if body.outcome == "corrected" and respondent["kind"] == "subject":
        # A5 §7.1.3.7: the listed changes are made to the record itself (egov.ektis.corrections).
        corrections.apply(
            tx,
            item["about"]["kind"],
            item["about"]["id"],
            respondent["subjectId"],
            body.corrections,
        )
    tx.update(
        TABLE,
        pk,
        "COMPLAINT",
        changes,
        expected={"version": item["version"], "status": item["status"]},
        conflict=Conflict("ektis.complaint.changed", field="complaintId"),
    )
    applications.advance(
        tx,
        item["owner"],
        complaint_id,
        subsidy.SERVICE,
        body.outcome,
        actor=caller.actor,
        note="ektis.note.reason" if body.reason else None,
        note_params={"reason": body.reason},
    )
    audit.record(
        tx,
        pk,
        f"ektis-complaint-{body.outcome}",
        caller.actor,
        owner=item["owner"],
        before={"status": item["status"]},
        after={k: v for k, v in changes.items() if k != "version"},
    )
    about = item["about"]
    if body.outcome == "corrected" and about["kind"] == "declaration":
        # The corrected data flows into the declaration itself, with its history kept.
        subsidy.correct(tx, about["id"], body.corrections, complaint_id, caller.actor)
    notify.send(
        item["owner"],
        "ektis.complaint-answered",
        {
            "kind": about["kind"],
            "id": about["id"],
            "outcome": body.outcome,
            "reason": body.reason or "",
        },
        subject_ref=pk,
        tx=tx,
    )
    guards.commit(tx)  # a correction may have claimed guards for the application it relines
    return _model({**item, **changes})


def overdue(complaint_id: str) -> None:
    """The timer's message at the deadline: a complaint still open is escalated."""
    item = load(complaint_id)
    if item["status"] != "open":
        return
    pk = complaint_pk(complaint_id)
    now = clock.now_iso()
    tx = Transaction()
    tx.update(
        TABLE,
        pk,
        "COMPLAINT",
        {"status": "overdue", "escalatedAt": now, "version": item["version"] + 1},
        expected={"version": item["version"], "status": "open"},
        conflict=Conflict("ektis.complaint.changed", field="complaintId"),
    )
    if item["respondent"]["kind"] != "agency":
        # Escalated: the ministry's officers see it in their list from now on.
        tx.put(
            TABLE,
            {
                "pk": party_pk(Respondent(kind="agency", agency=MINISTRY)),
                "sk": f"{item['filedAt']}#{complaint_id}",
                "complaintId": complaint_id,
            },
            new=False,
        )
    applications.advance(
        tx, item["owner"], complaint_id, subsidy.SERVICE, "overdue", actor=WORKFLOW
    )
    audit.record(
        tx,
        pk,
        "ektis-complaint-overdue",
        WORKFLOW,
        owner=item["owner"],
        before={"status": "open"},
        after={"status": "overdue", "deadline": item["deadline"], "escalatedAt": now},
    )
    about = item["about"]
    params = {"kind": about["kind"], "id": about["id"], "deadline": item["deadline"]}
    for party in filter(None, (item["owner"], item.get("respondentOwner"))):
        notify.send(party, "ektis.complaint-overdue", params, subject_ref=pk, tx=tx)
    notify.send_to_address(
        "ektis.complaint-overdue",
        params,
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        tx=tx,
    )
    with contextlib.suppress(Conflict):  # a redelivered message: escalated already
        tx.commit()


class Overdue(tasks.Event):
    event: Literal["complaint-overdue"]
    complaint_id: str


def _overdue(event: Overdue) -> None:
    overdue(event.complaint_id)


def _granted_or_refused(event: subsidy.Decided) -> None:
    subsidy.decide(event)


def _failed(event: subsidy.Failed) -> None:
    subsidy.failed(event)


# The EktisSubsidyQueue's messages: the subsidy workflow's and EKTİS's timer's (complaints,
# movements).
EVENTS = tasks.Events("ektis")
EVENTS.on("granted", subsidy.Decided, _granted_or_refused)
EVENTS.on("refused", subsidy.Decided, _granted_or_refused)
EVENTS.on("overdue", subsidy.Overdue, subsidy.escalate)
EVENTS.on("failed", subsidy.Failed, _failed)
EVENTS.on("complaint-overdue", Overdue, _overdue)
EVENTS.on("movement-lapsed", livestock.Lapsed, livestock.lapse)


def handle(body: dict[str, Any]) -> None:
    EVENTS.handle(body)
