"""The Center's decision (E8, §2.8–2.10).

After the virtual FIN the workflow asks the Center that matches the carrier (`EIMZA` for a token,
`ASXM` for ASAN İmza) through the agency exchange: its staff (role `center`) answer at
`POST /agencies/{center}/decisions/{decisionId}` with `approve` (issue) or `reject` and a reason.
The Center has `AGENCY_DECISION_BUSINESS_DAYS` business days (`egov.esign.deadlines`) before the
workflow escalates (`egov.esign.alerts`) and asks again.

`decided` records the answer: an approval prepares the contract (`egov.esign.contracts`), sends
the decision and the contract to the embassy (status `at-embassy`, a signed
`esign.decision-received` webhook to the embassy and a task in its list, due by the end of the
next business day: E9) and tells the applicant at once; a refusal ends the application with the
Center's reason, told to the applicant.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from egov.esign import contracts, deadlines
from egov.esign.filing import embassy_of
from egov.esign.records import ApplicationRecord, load, subject
from egov.esign.review import WORKFLOW, Event, tell_applicant, transition
from egov.platform import clock, tasks, webhooks
from egov.platform.repository import Transaction

DECISION_RECEIVED = "esign.decision-received"


class Decision(BaseModel):
    """The exchange's answer as the workflow passes it on."""

    model_config = ConfigDict(
        defer_build=True, alias_generator=to_camel, populate_by_name=True, extra="ignore"
    )

    decision_id: str
    agency: str
    outcome: Literal["approve", "reject"]
    reason: str = ""
    decided_at: datetime
    decided_by: str


class CenterDecided(Event):
    event: Literal["center-decided"]
    decision: Decision


def _result(record: ApplicationRecord) -> dict[str, Any]:
    if record.status == "center-refused":
        return {"outcome": "reject"}
    assert record.invite_deadline is not None  # set with the approval
    return {
        "outcome": "approve",
        "invite": tasks.until(clock.parse(record.invite_deadline)),
    }


def decided(event: CenterDecided) -> dict[str, Any]:
    """Record the Center's answer (E8); the workflow learns where to go next."""
    record = load(event.application_id)
    if record.status != "virtual-fin-issued":
        return _result(record)  # a repeated message: the decision is already recorded
    decision = event.decision
    recorded = decision.model_dump(mode="json", by_alias=True)
    actor = WORKFLOW
    tx = Transaction()
    if decision.outcome == "reject":
        refused = transition(
            tx,
            record,
            "center-refused",
            {"center_decision": recorded, "reason_text": decision.reason},
            actor=actor,
            action="esign-center-refused",
        )
        tell_applicant(
            tx,
            refused,
            "esign.center-refused",
            {"number": record.registration_number, "reason": decision.reason},
        )
        tx.commit()
        return _result(refused)

    now = clock.now()
    embassy = embassy_of(record.embassy_country)
    contract = contracts.prepare(tx, record, decision.agency, embassy, clock.iso(now))
    due = clock.iso(deadlines.invitation(now))
    approved = transition(
        tx,
        record,
        "at-embassy",
        {
            "center_decision": recorded,
            "contract_number": contract.contract_number,
            "at_embassy_at": clock.iso(now),
            "invite_deadline": due,
            "task": "invite",
            **deadlines.embassy_task(embassy, due, record.application_id),
        },
        actor=actor,
        action="esign-center-approved",
        note="esign.note.center-approved",
        note_params={"contract": contract.contract_number, "embassy": embassy},
    )
    webhooks.enqueue(
        webhooks.message(
            embassy,
            DECISION_RECEIVED,
            {
                "subject": subject(record.application_id),
                "registrationNumber": record.registration_number,
                "decision": recorded,
                "contract": contract.model_dump(mode="json", by_alias=True),
                "inviteBy": due,
            },
            webhook_id=f"msg_{decision.decision_id}_embassy",
            decision_id=decision.decision_id,
        ),
        tx=tx,
    )
    tell_applicant(
        tx,
        approved,
        "esign.center-approved",
        {
            "number": record.registration_number,
            "contract": contract.contract_number,
            "embassy": embassy,
        },
    )
    tx.commit()
    return _result(approved)
