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
from egov.esign.records import SERVICE, Status, contacts, load, save, subject
from egov.platform import applications, audit, clock, notify, tasks
from egov.platform.audit import Actor
from egov.platform.problems import Conflict
from egov.platform.repository import Item, Transaction

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
    item: Item,
    to: Status,
    changes: Mapping[str, Any],
    *,
    actor: Actor,
    action: str,
    note: str | None = None,
    note_params: Mapping[str, object] | None = None,
) -> dict[str, Any]:
    """Move the application from its current status to `to`, with the cabinet and the audit."""
    after = {"status": to, "version": item["version"] + 1, **changes}
    save(tx, item, after)
    applications.advance(
        tx,
        item["owner"],
        item["applicationId"],
        SERVICE,
        to,
        actor=actor,
        note=note,
        note_params=note_params,
    )
    audit.record(
        tx,
        subject(item["applicationId"]),
        action,
        actor,
        owner=item["owner"],
        before={"status": item["status"]},
        after={k: v for k, v in after.items() if k != "version"},
    )
    return {**item, **after}


def tell_applicant(tx: Transaction, item: Item, key_: str, params: Mapping[str, object]) -> None:
    """The applicant's notice, part of the change `tx` it tells of (never lost after it)."""
    notify.send(
        item["owner"],
        key_,
        params,
        **contacts(item),
        subject_ref=subject(item["applicationId"]),
        tx=tx,
    )


def refused(event: Refused) -> None:
    """E6: a negative opinion ends the application; the applicant hears it in general terms."""
    item = load(event.application_id)
    if item["status"] != "registered":
        return  # a repeated message: the refusal is already recorded
    tx = Transaction()
    refused_item = transition(
        tx,
        item,
        "refused",
        {"refusedBy": event.refused_by, "reasonKey": "esign.reason.refused-by-review"},
        actor=WORKFLOW,
        action="esign-refused",
    )
    tell_applicant(tx, refused_item, "esign.refused", {"number": item["registrationNumber"]})
    tx.commit()


def _passed(item: Item) -> dict[str, Any]:
    """The workflow's next step: the virtual FIN, and the Center's deadline counted from it (E8)."""
    issued_at = clock.parse(item["virtualFinIssuedAt"])
    return {
        "virtualFin": item["virtualFin"],
        "center": tasks.until(deadlines.center(issued_at)),
    }


def review_passed(event: ReviewPassed) -> dict[str, Any]:
    """E6, E7: issue the virtual FIN (a citizen abroad keeps his FIN); answer the workflow."""
    item = load(event.application_id)
    if item["status"] != "registered":
        return _passed(item)  # a repeated message: already issued
    opinions = [o.model_dump() for o in event.opinions]
    summary = ", ".join(f"{o.agency}: {o.outcome}" for o in event.opinions)
    for _ in range(_ISSUE_TRIES):
        code = event.citizen_fin or vfin.new_code()
        now = clock.now_iso()
        tx = Transaction()
        kind: vfin.Kind = "citizen-fin" if event.citizen_fin else "generated"
        vfin.register(tx, code, item["applicationId"], kind, now)
        issued = transition(
            tx,
            item,
            "virtual-fin-issued",
            {"virtualFin": code, "opinions": opinions, "virtualFinIssuedAt": now},
            actor=WORKFLOW,
            action="esign-virtual-fin-issued",
            note="esign.note.opinions",
            note_params={"opinions": summary},
        )
        tell_applicant(
            tx, issued, "esign.vfin-issued", {"number": item["registrationNumber"], "vfin": code}
        )
        try:
            tx.commit()
        except Conflict as taken:
            if taken.key != "esign.vfin-taken":
                raise
            continue  # that code was drawn before: draw another
        return _passed(issued)
    raise RuntimeError("no free virtual FIN after several draws")
