"""A farmer's requests to a supplier for inputs, or to a vet or an insemination specialist for
a service (A3: seed 004 §7.1.1.9–10), and the recipient's answer (A4: §7.1.2.11).

Items (EKTIS_TABLE):
    REQUEST#<id> / REQUEST    gsi1 REQUESTS-TO#<recipientId> / <sentAt>#<id>

The sender tracks the request in the cabinet's applications (service `ektis-trade`, §7.1.1.12);
the recipient, or an employee with the `requests` right, lists and answers them.
"""

from __future__ import annotations

import uuid

from egov.ektis import subjects
from egov.ektis.delegation import acting_for, require_kind
from egov.ektis.models import InputRequest, RequestDecision, RequestFiling, Requests
from egov.ektis.subjects import LISTED, TABLE, display_name, record, subject_pk
from egov.platform import applications, audit, clock
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Transaction

SERVICE = "ektis-trade"


def send(body: RequestFiling, caller: Principal) -> InputRequest:
    sender = subjects.of_owner(caller.user_id)
    require_kind(sender, "farmer")
    recipient = subjects.load(body.to_subject_id)
    wanted = ("supplier",) if body.kind == "inputs" else ("vet", "inseminator")
    if not set(wanted) & set(recipient.kinds) or not set(LISTED) & set(recipient.kinds):
        raise Invalid("ektis.request.recipient", field="toSubjectId")
    if recipient.subject_id == sender.subject_id:
        raise Invalid("ektis.party.self", field="toSubjectId")
    if body.kind == "inputs" and not body.lines:
        raise Invalid("ektis.request.lines-required", field="lines")
    request = InputRequest(
        request_id=uuid.uuid4().hex,
        from_subject_id=sender.subject_id,
        from_name=display_name(sender),
        to_subject_id=recipient.subject_id,
        to_name=display_name(recipient),
        kind=body.kind,
        lines=body.lines,
        message=body.message,
        status="sent",
        sent_at=clock.now(),
    )
    stored = request.model_dump(mode="json", by_alias=True)
    tx = Transaction()
    tx.put(
        TABLE,
        {
            "pk": f"REQUEST#{request.request_id}",
            "sk": "REQUEST",
            "gsi1pk": f"REQUESTS-TO#{recipient.subject_id}",
            "gsi1sk": f"{stored['sentAt']}#{request.request_id}",
            "owner": caller.user_id,
            "version": 1,
            **stored,
        },
    )
    applications.track(
        tx,
        caller.user_id,
        request.request_id,
        SERVICE,
        "sent",
        f"{SERVICE}.title.{body.kind}",
        actor=caller.actor,
        title_params={"to": request.to_name},
    )
    for side, owner in ((sender, caller.user_id), (recipient, recipient.owner)):
        audit.record(
            tx,
            subject_pk(side.subject_id),
            "ektis-request-sent",
            caller.actor,
            owner=owner,
            after=stored,
        )
    tx.commit()
    return request


def incoming(subject_id: str | None, caller: Principal) -> Requests:
    recipient = acting_for(caller, subject_id, "requests")
    items = TABLE.query_all(f"REQUESTS-TO#{recipient.subject_id}", index="gsi1")
    return Requests(
        subject_id=recipient.subject_id,
        requests=[InputRequest.model_validate(record(item, "owner")) for item in items],
    )


def decide(request_id: str, body: RequestDecision, caller: Principal) -> InputRequest:
    """The recipient (or its employee with the `requests` right) approves or refuses, once."""
    stored = TABLE.get(f"REQUEST#{request_id}", "REQUEST")
    if not stored:
        raise NotFound("ektis.request.missing", field="requestId")
    recipient = acting_for(caller, stored["toSubjectId"], "requests")
    if body.outcome == "refuse" and not body.reason:
        raise Invalid("ektis.request.reason-required", field="reason")
    if stored["status"] != "sent":
        raise Conflict("ektis.request.decided", field="requestId")
    status = "approved" if body.outcome == "approve" else "refused"
    changes: dict[str, object] = {
        "status": status,
        "decidedBy": caller.user_id,
        "decidedAt": clock.now_iso(),
        "version": stored["version"] + 1,
    }
    if body.reason:
        changes["reason"] = body.reason
    tx = Transaction()
    tx.update(
        TABLE,
        f"REQUEST#{request_id}",
        "REQUEST",
        changes,
        expected={"version": stored["version"], "status": "sent"},
        conflict=Conflict("ektis.request.decided", field="requestId"),
    )
    applications.advance(tx, stored["owner"], request_id, SERVICE, status, actor=caller.actor)
    for subject_id, owner in (
        (stored["fromSubjectId"], stored["owner"]),
        (recipient.subject_id, recipient.owner),
    ):
        audit.record(
            tx,
            subject_pk(subject_id),
            f"ektis-request-{status}",
            caller.actor,
            owner=owner,
            before={"status": "sent"},
            after={"requestId": request_id, **changes},
        )
    tx.commit()
    return InputRequest.model_validate(record({**stored, **changes}, "owner"))
