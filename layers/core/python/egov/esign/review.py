"""What the review workflow (statemachines/esign_review.asl.json) asks of the service (E6, E7).

The workflow waits in Step Functions; the records change here, each change in one transaction
with the cabinet's copy and the audit entry. Messages arrive at least once, so every change is
conditional on the status it leaves and a repeat is answered from what is stored.

- `refused`: an agency gave a negative opinion; the others' requests are already withdrawn by the
  workflow. The applicant is told in general terms (the agency and its reason stay internal).
- `review-passed`: no negative opinion (each agency approved or stayed silent until the deadline);
  the virtual FIN is issued (or the citizen's FIN taken) and returned to the workflow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from egov.esign import deadlines, vfin
from egov.esign.records import (
    SERVICE,
    ApplicationRecord,
    Status,
    contacts,
    load,
    save,
    stored_item,
    subject,
)
from egov.esign.records import Opinion as RecordedOpinion
from egov.platform import applications, audit, clock, notify, tasks
from egov.platform.audit import Actor
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction

WORKFLOW = Actor.system("esign-review")
_ISSUE_TRIES = 5


class Event(tasks.Event):
    application_id: str


class Refused(Event):
    event: Literal["refused"]
    refused_by: str


class Opinion(BaseModel):
    model_config = ConfigDict(defer_build=True)

    agency: str
    outcome: Literal["approve", "silent"]


class ReviewPassed(Event):
    event: Literal["review-passed"]
    opinions: list[Opinion]
    citizen_fin: str | None = None


def transition(
    tx: Transaction,
    record: ApplicationRecord,
    to: Status,
    changes: Mapping[str, Any],
    *,
    actor: Actor,
    action: str,
    note: str | None = None,
    note_params: Mapping[str, object] | None = None,
) -> ApplicationRecord:
    """Move the application from its current status to `to` (only if it is still in it, at its
    version), with the fields of `changes`, the cabinet and the audit."""
    after = save(tx, record, status=to, **changes)
    applications.advance(
        tx,
        record.owner,
        record.application_id,
        SERVICE,
        to,
        actor=actor,
        note=note,
        note_params=note_params,
    )
    stored = stored_item(after)
    names = [ApplicationRecord.model_fields[name].alias or name for name in changes]
    audit.record(
        tx,
        subject(record.application_id),
        action,
        actor,
        owner=record.owner,
        before={"status": record.status},
        after={"status": to} | {name: stored.get(name) for name in names},
    )
    return after


def tell_applicant(
    tx: Transaction, record: ApplicationRecord, key_: str, params: Mapping[str, object]
) -> None:
    """The applicant's notice, part of the change `tx` it tells of (never lost after it)."""
    notify.send(
        record.owner,
        key_,
        params,
        **contacts(record),
        subject_ref=subject(record.application_id),
        tx=tx,
    )


def refused(event: Refused) -> None:
    """E6: a negative opinion ends the application; the applicant hears it in general terms."""
    record = load(event.application_id)
    if record.status != "registered":
        return  # a repeated message: the refusal is already recorded
    tx = Transaction()
    refused_record = transition(
        tx,
        record,
        "refused",
        {"refused_by": event.refused_by, "reason_key": "esign.reason.refused-by-review"},
        actor=WORKFLOW,
        action="esign-refused",
    )
    tell_applicant(tx, refused_record, "esign.refused", {"number": record.registration_number})
    tx.commit()


def _passed(record: ApplicationRecord) -> dict[str, Any]:
    """The workflow's next step: the virtual FIN, and the Center's deadline counted from it (E8)."""
    assert record.virtual_fin_issued_at is not None  # set with the virtual FIN
    issued_at = clock.parse(record.virtual_fin_issued_at)
    return {
        "virtualFin": record.virtual_fin,
        "center": tasks.until(deadlines.center(issued_at)),
    }


def review_passed(event: ReviewPassed) -> dict[str, Any]:
    """E6, E7: issue the virtual FIN (a citizen abroad keeps his FIN); answer the workflow."""
    record = load(event.application_id)
    if record.status != "registered":
        return _passed(record)  # a repeated message: already issued
    opinions = [RecordedOpinion(agency=o.agency, outcome=o.outcome) for o in event.opinions]
    summary = ", ".join(f"{o.agency}: {o.outcome}" for o in event.opinions)
    for _ in range(_ISSUE_TRIES):
        code = event.citizen_fin or vfin.new_code()
        now = clock.now_iso()
        tx = Transaction()
        kind: vfin.Kind = "citizen-fin" if event.citizen_fin else "generated"
        vfin.register(tx, code, record.application_id, kind, now)
        issued = transition(
            tx,
            record,
            "virtual-fin-issued",
            {"virtual_fin": code, "opinions": opinions, "virtual_fin_issued_at": now},
            actor=WORKFLOW,
            action="esign-virtual-fin-issued",
            note="esign.note.opinions",
            note_params={"opinions": summary},
        )
        tell_applicant(
            tx, issued, "esign.vfin-issued", {"number": record.registration_number, "vfin": code}
        )
        try:
            tx.commit()
        except Conflict as taken:
            if taken.key != "esign.vfin-taken":
                raise
            continue  # that code was drawn before: draw another
        return _passed(issued)
    raise RuntimeError("no free virtual FIN after several draws")
