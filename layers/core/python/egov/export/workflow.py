"""The steps statemachines/export_application.asl.json asks of the service (X4), and the
e-wallet top-up's (`wallet.book_top_up`, X10).

- `permit`: one agency's answer about one permit (or its silence past the deadline) is
  recorded on the application as the permit's first event, the applicant told in the cabinet,
  by e-mail and by SMS (§10.3.3.6, §6.0.9; X8: `permit_events.tell`). The Map's iterations answer
  at once, so a record that changed meanwhile is read again and the step retried.
- `decided`: every permit has its answer: the application is `ready` when every one is issued
  (or deemed issued), `refused` naming the permits refused, the others' results kept.

Each step is safe to run twice: a permit already answered, or an application already decided,
is left as it is.
"""

from __future__ import annotations

from typing import Any, Literal

from botocore.exceptions import ClientError

from egov.export import complaints, permit_document, permit_events, records, wallet
from egov.platform import applications, audit, clock, i18n, notify, tasks
from egov.platform.audit import Actor
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction

SYSTEM = Actor.system("export-workflow")
ATTEMPTS = 8


class PermitAnswered(tasks.Event):
    application_id: str
    code: str
    outcome: Literal["approve", "reject", "silent", "silence-refused"]
    answer: dict[str, Any] | None = None


class Decided(tasks.Event):
    application_id: str


def _status_of(event: PermitAnswered) -> Literal["issued", "deemed-issued", "refused"]:
    return {
        "approve": "issued",
        "silent": "deemed-issued",
        "reject": "refused",
        "silence-refused": "refused",
    }[event.outcome]  # type: ignore[return-value]


def _silence(event: PermitAnswered) -> str | None:
    if event.outcome != "silence-refused":
        return None
    key = "export.permit.silence-refused"
    return f"{i18n.text(key, 'az')} / {i18n.text(key, 'en')}"


def _retrying(step: Any) -> Any:
    for attempt in range(ATTEMPTS):
        try:
            return step()
        except (Conflict, ClientError):
            # Another permit's answer changed the record (or the same chain) meanwhile.
            if attempt == ATTEMPTS - 1:
                raise
    return None


def record_permit(event: PermitAnswered) -> dict[str, Any]:
    def step() -> dict[str, Any]:
        application = records.load(event.application_id)
        permit = next(p for p in application.permits if p.code == event.code)
        if permit.status != "pending":
            return {}
        answer = event.answer or {}
        status = _status_of(event)
        reason = answer.get("reason") or _silence(event)
        tx = Transaction()
        told = permit_events.tell(
            application,
            permit,
            "issued" if status != "refused" else "refused",
            status,
            tx,
            answer.get("decisionId") or f"silence-{permit.code}",
            reason,
            key=f"notice.export-permit-{status}",
        )
        document = None
        if status == "issued":
            document = permit_document.issue(tx, application, permit, answer)
        elif status == "deemed-issued":
            document = permit_document.deem(tx, application, permit)
        changed = permit.model_copy(
            update={
                "document": document,
                "status": status,
                "reason": reason,
                "decision_id": answer.get("decisionId"),
                "decided_at": clock.parse(answer["decidedAt"])
                if answer.get("decidedAt")
                else clock.now(),
                "decided_by": answer.get("decidedBy"),
                "events": [*permit.events, told],
            }
        )
        after = application.model_copy(
            update={
                "permits": [changed if p.code == event.code else p for p in application.permits]
            }
        )
        records.save(application, after, tx)
        audit.record(
            tx,
            records.subject(application.application_id),
            f"export-permit-{changed.status}",
            SYSTEM,
            owner=application.owner,
            after={"permit": changed.code, "agency": changed.agency, "reason": changed.reason},
        )
        tx.commit()
        return {}

    result: dict[str, Any] = _retrying(step)
    return result


def decide(event: Decided) -> dict[str, Any]:
    def step() -> dict[str, Any]:
        application = records.load(event.application_id)
        if application.status != "under-review":
            return {"status": application.status}
        refused = [p for p in application.permits if p.status == "refused"]
        status: Literal["ready", "refused"] = "refused" if refused else "ready"
        after = application.model_copy(update={"status": status})
        tx = Transaction()
        records.save(application, after, tx)
        names = ", ".join(p.name.az for p in refused)
        applications.advance(
            tx,
            application.owner,
            application.application_id,
            records.SERVICE,
            status,
            actor=SYSTEM,
            note="export.note.refused" if refused else None,
            note_params={"permits": names} if refused else None,
        )
        audit.record(
            tx,
            records.subject(application.application_id),
            f"export-{status}",
            SYSTEM,
            owner=application.owner,
            after={"refused": [p.code for p in refused]},
        )
        notify.send(
            application.owner,
            "notice.export-decided",
            {"applicationId": application.application_id, "status": status},
            subject_ref=records.subject(application.application_id),
            tx=tx,
        )
        tx.commit()
        return {"status": status}

    result: dict[str, Any] = _retrying(step)
    return result


EVENTS = tasks.Events("export")
EVENTS.on("permit", PermitAnswered, record_permit)
EVENTS.on("decided", Decided, decide)
EVENTS.on("wallet-top-up-settled", wallet.TopUpSettled, wallet.book_top_up)
# statemachines/export_complaint.asl.json (X9) sends its steps to the same queue.
EVENTS.on("complaint-answered", complaints.Answered, complaints.answered)
EVENTS.on("complaint-overdue", complaints.Overdue, complaints.escalate)
EVENTS.on("complaint-failed", complaints.Failed, complaints.failed)
handle = EVENTS.handle
