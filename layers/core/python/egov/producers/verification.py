"""The ministry's verification of a potential producer (P5), around the ProducerVerification
workflow (statemachines/producer_verification.asl.json).

`start` begins one execution per producer (named by its id, so a retried start is harmless)
with the deadline: `PRODUCER_VERIFICATION_BUSINESS_DAYS` business days from now
(`egov.platform.calendar`), and the real seconds Step Functions waits until it. The workflow
asks the ministry (agency `MKT`) through the platform's agency exchange and reports back on the
ProducerVerificationQueue, whose consumer calls `handle`:

- `approved` / `rejected`: the record changes status in one transaction with its audit entry,
  the cabinet application and (approved) the keys that put it and its products in the public
  lists; then the producer is told in the cabinet, by e-mail and by SMS.
- `overdue`: the ministry let the deadline pass. There is no silent approval (the seed gives
  none): an escalation is recorded, the operator is alerted by e-mail, and the workflow gets a
  new deadline and asks again. Every loop leaves one escalation record.
- `failed`: the exchange ended the request without an answer; the operator is alerted.

Every step tolerates a repeated message (SQS delivers at least once): a decided producer is not
decided again, and an escalation is keyed by the deadline that passed.
"""

from __future__ import annotations

from typing import Any, Literal

from botocore.exceptions import ClientError

from egov.platform import applications, audit, aws, calendar, clock, notify, outbox, tasks
from egov.platform.observability import correlation_id, logger
from egov.platform.repository import Transaction
from egov.producers import catalog
from egov.producers.models import Decision
from egov.producers.records import (
    PRODUCERS,
    Escalation,
    ProducerRecord,
    load,
    producer_pk,
    save,
)

MINISTRY = "MKT"
SERVICE = "producers"


def business_days() -> int:
    return calendar.period("producers.verification").days


def next_deadline() -> dict[str, Any]:
    """The deadline of a request asked now, and the real seconds Step Functions waits for it."""
    return tasks.deadline(clock.now(), business_days())


# What the ministry needs to decide: who, what kind, where (no password, no codes).
_IDENTITY_SHOWN = {
    "person_kind",
    "fin",
    "voen",
    "surname",
    "name",
    "patronymic",
    "birth_date",
    "address",
    "company_name",
}


def _payload(record: ProducerRecord) -> dict[str, Any]:
    return {
        "producerId": record.id,
        "kind": record.kind,
        **record.identity.model_dump(mode="json", by_alias=True, include=_IDENTITY_SHOWN),
        "region": record.region,
        "registeredAt": record.registered_at,
    }


def track(tx: Transaction, record: ProducerRecord) -> None:
    """The cabinet's application, filed in the registration's transaction."""
    applications.track(
        tx,
        record.id,
        record.id,
        SERVICE,
        record.status,
        "producers.application.title",
        actor=audit.Actor(record.registered_by or record.id, "citizen"),
        link="/producers/me",
    )


def start_if_needed(tx: Transaction, record: ProducerRecord) -> None:
    """Start the ministry's verification of a self-registered potential producer (P5) once
    the registration `tx` has committed (through the outbox: it cannot be lost)."""
    if record.status != "pending-verification":
        return
    execution = {
        "producerId": record.id,
        "subject": producer_pk(record.id),
        "payload": _payload(record),
        "correlationId": correlation_id(),
        **next_deadline(),
    }
    outbox.start(tx, "PRODUCER_VERIFICATION_ARN", record.id, execution)


def withdraw(tx: Transaction, record: ProducerRecord) -> None:
    """A producer who deregisters before the ministry decides no longer needs its verification
    (issue 9): the exchange withdraws the pending request, tells the ministry, and ends the
    workflow's wait (`Decision.Withdrawn`), all after `tx` commits (through the outbox)."""
    if record.status != "pending-verification":
        return
    withdrawal = {
        "subject": producer_pk(record.id),
        "reason": "The applicant closed the account; the verification is no longer needed.",
        "correlationId": correlation_id(),
    }
    outbox.queue(tx, "DECISION_WITHDRAWAL_QUEUE_URL", [withdrawal])


class Event(tasks.Event):
    producer_id: str


class Decided(Event):
    event: Literal["approved", "rejected"]
    decision: dict[str, Any]


class Overdue(Event):
    event: Literal["overdue"]
    deadline: str


class Failed(Event):
    event: Literal["failed"]


def _decided(event: Decided) -> None:
    decide(event.producer_id, event.decision)


def _overdue(event: Overdue) -> dict[str, Any]:
    return escalate(event.producer_id, event.deadline)


def _failed(event: Failed) -> None:
    failed(event.producer_id)


EVENTS = tasks.Events("producer-verification")
EVENTS.on("approved", Decided, _decided)
EVENTS.on("rejected", Decided, _decided)
EVENTS.on("overdue", Overdue, _overdue)
EVENTS.on("failed", Failed, _failed)


def handle(body: dict[str, Any]) -> None:
    """One message of the workflow (the ProducerVerificationQueue consumer's work)."""
    EVENTS.handle(body)


def decide(producer_id: str, decision: dict[str, Any]) -> None:
    """Apply the ministry's answer (the exchange's `{outcome, reason, decidedAt, decidedBy}`)."""
    record = load(producer_id)
    if record.status != "pending-verification":
        logger.info("producer already decided", extra={"producerId": producer_id})
        return
    approved = decision["outcome"] == "approve"
    status = "approved" if approved else "rejected"
    answer = Decision(
        outcome=decision["outcome"],
        reason=decision.get("reason") or None,
        decided_at=decision.get("decidedAt") or clock.now_iso(),
        decided_by=decision.get("decidedBy"),
    )
    actor = audit.Actor(id=f"agency:{decision.get('agency') or MINISTRY}", role="agency")
    tx = Transaction()
    # Its version guards the record; the status was read as pending-verification with it.
    after = save(tx, record, status=status, decision=answer)
    if approved:
        catalog.show_products(tx, after)
    audit.record(
        tx,
        producer_pk(producer_id),
        f"producer-{status}",
        actor,
        owner=producer_id,
        before={"status": record.status},
        after={"status": status, "decision": answer.model_dump(mode="json", by_alias=True)},
    )
    applications.advance(
        tx,
        producer_id,
        producer_id,
        SERVICE,
        status,
        actor=actor,
        note="producers.decision-note" if answer.reason else None,
        note_params={"reason": answer.reason},
    )
    key = "producers.verification-approved" if approved else "producers.verification-rejected"
    notify.send(
        producer_id,
        key,
        {"reason": answer.reason or "-"},
        email=record.email,
        sms=record.mobile,
        agency=MINISTRY,
        subject_ref=producer_pk(producer_id),
        tx=tx,
    )
    tx.commit()


def failed(producer_id: str) -> None:
    """The request ended without an answer: recorded, and the operator alerted with it."""
    tx = Transaction()
    audit.record(
        tx,
        producer_pk(producer_id),
        "producer-verification-failed",
        audit.Actor.system("producer-verification"),
        owner=producer_id,
    )
    notify.send_to_address(
        "producers.verification-failed",
        {"producerId": producer_id},
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        tx=tx,
    )
    tx.commit()


def escalate(producer_id: str, deadline: str) -> dict[str, Any]:
    """The deadline passed: record it, alert the operator; the workflow's new deadline."""
    upcoming = next_deadline()
    count = len(escalations(producer_id)) + 1
    escalation = Escalation(
        producer_id=producer_id,
        missed_deadline=deadline,
        next_deadline=upcoming["deadline"],
        count=count,
        at=clock.now_iso(),
    )
    tx = Transaction()
    tx.put(
        PRODUCERS,
        {
            "pk": producer_pk(producer_id),
            "sk": f"ESCALATION#{deadline}",
            **escalation.model_dump(by_alias=True),
        },
    )
    audit.record(
        tx,
        producer_pk(producer_id),
        "producer-verification-overdue",
        audit.Actor.system("producer-verification"),
        owner=producer_id,
        after={"missedDeadline": deadline, "nextDeadline": upcoming["deadline"]},
    )
    notify.send_to_address(
        "producers.verification-overdue",
        {
            "producerId": producer_id,
            "deadline": deadline,
            "count": count,
            "next": upcoming["deadline"],
        },
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        tx=tx,
    )
    try:
        tx.commit()
    except ClientError as error:
        # A repeated message: this deadline's escalation and alert already exist.
        if error.response["Error"]["Code"] != "TransactionCanceledException":
            raise
    return upcoming


def escalations(producer_id: str) -> list[Escalation]:
    items = PRODUCERS.query_all(producer_pk(producer_id), sk_prefix="ESCALATION#")
    return [Escalation.model_validate(item) for item in items]
