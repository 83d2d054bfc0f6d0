"""Escalation when a Center or an embassy lets its deadline pass (E8, E9, E10; DESIGN rule 6).

The workflow keeps waiting; each missed deadline becomes an escalation record
(`APPLICATION#<id>` / `ALERT#<step>#<missed deadline>`, one per deadline so a repeated message
raises nothing twice), an audit entry, a signed `esign.task-overdue` webhook to the body that
owes the step, and the application's `lastAlertAt`, which its task list shows. The next
deadline, counted from the missed one, goes back to the workflow:

- `center`: the Center has not decided; it gets another `AGENCY_DECISION_BUSINESS_DAYS`.
- `invitation` (E9): the embassy has not invited the applicant within 1 business day.
- `check` (E10): the embassy has not recorded the in-person check by the end of the business
  day after the appointment.
"""

from __future__ import annotations

import contextlib
from typing import Any, Literal

from egov.esign import deadlines
from egov.esign.filing import CENTERS, embassy_of
from egov.esign.records import ESIGN, key, load, save, subject
from egov.esign.review import WORKFLOW, Event
from egov.platform import audit, calendar, clock, tasks, webhooks
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction

Step = Literal["center", "invitation", "check"]
TASK_OVERDUE = "esign.task-overdue"


class Overdue(Event):
    event: Literal["overdue"]
    step: Step
    deadline: str


def _next_deadline(step: Step, missed: str) -> str:
    moment = clock.parse(missed)
    if step == "center":
        return clock.iso(deadlines.center(moment))
    return clock.iso(calendar.add_business_days(moment, 1))


def raise_alert(event: Overdue) -> dict[str, Any]:
    """Record the missed deadline once, tell the body that owes the step; the next deadline."""
    record = load(event.application_id)
    assert record.form.carrier is not None  # submitted
    owed_by = (
        CENTERS[record.form.carrier.kind]
        if event.step == "center"
        else embassy_of(record.embassy_country)
    )
    now = clock.now_iso()
    pk, _ = key(event.application_id)
    tx = Transaction()
    tx.put(
        ESIGN,
        {
            "pk": pk,
            "sk": f"ALERT#{event.step}#{event.deadline}",
            "step": event.step,
            "owedBy": owed_by,
            "deadline": event.deadline,
            "raisedAt": now,
        },
        conflict=Conflict("esign.alert-raised"),
    )
    audit.record(
        tx,
        subject(event.application_id),
        "esign-deadline-missed",
        WORKFLOW,
        owner=record.owner,
        after={"step": event.step, "owedBy": owed_by, "deadline": event.deadline},
    )
    # Beside whatever step the application is at: no version taken, none expected.
    save(tx, record, versioned=False, last_alert_at=now)
    webhooks.enqueue(
        webhooks.message(
            owed_by,
            TASK_OVERDUE,
            {
                "subject": subject(event.application_id),
                "registrationNumber": record.registration_number,
                "step": event.step,
                "deadline": event.deadline,
            },
            webhook_id=f"msg_{event.application_id}_{event.step}_{event.deadline}",
        ),
        tx=tx,
    )
    # A repeated message fails the ALERT# guard: this deadline's alert is already out.
    with contextlib.suppress(Conflict):
        tx.commit()
    return tasks.until(clock.parse(_next_deadline(event.step, event.deadline)))
