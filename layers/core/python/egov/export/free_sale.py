"""The free-sale certificate (X7; seed 001 part 2, §1.3.10, §10.3.5).

Voluntary, for goods made in Azerbaijan only: each of the goods is an entry of the export
catalogue (`egov.export.catalogue`) whose producer is approved in the producer registry now (the
catalogue's view of the producer may be older). The applicant attaches the documents the export
requires (the platform's uploads, `attachments.link`) and files; the portal's operator (the
Center, İqtisadi İslahatların Təhlili və Kommunikasiya Mərkəzi) issues or refuses within
1 business day (§10.3.5.3); the Center's executive director signs an issued one (§10.3.5.4),
and the bilingual certificate is in the applicant's cabinet, verifiable by anyone by its number.
The paper copy may be collected at the Center, once, recorded.

The workflow (`statemachines/export_free_sale.asl.json`) waits for the two people: the
decision with a timer to the end of the next business day (Baku calendar, so an application on
Wednesday 2026-12-30 is due Tuesday 2027-01-05, after the Solidarity Day, New Year and the
days moved to Monday), an escalation to the operator's alert address when it passes, the same
decision still awaited after; then the signature. Both waits are tokens parked on the record
(`tasks.park`): the person's action answers, whichever of the two comes second.

Items in ExportTable (`EXPORT_TABLE`):

- `FREESALE#<id>` / `FREESALE`: the application, its decision and the certificate;
- `FREESALE-OF#<owner>` / `<submittedAt>#<id>`: the applicant's cabinet list;
- `FREESALE-CERT#<number>` / `CERT`: the signed certificate as the public sees it;
- `FREESALE-QUEUE#<step>` / `<deadline>#<id>`: the Center's work queue, one item per application
  awaiting the operator's `decision` or the director's `signature`, written and removed in the
  transaction that moves the application, so the queue is read in one Query, soonest due first.
  It carries what the list shows (`submittedAt`, the number of goods, `escalatedAt`), set in the
  transactions that change them (filing, the decision, the first escalation).
"""

import contextlib
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from egov.export import free_sale_document, texts  # noqa: F401  (texts registered)
from egov.export.catalogue import EXPORT, Entry
from egov.platform import attachments, audit, auth, aws, clock, i18n, notify, outbox, tasks
from egov.platform.clock import BAKU
from egov.platform.models import Form as Model
from egov.platform.observability import correlation_id
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Item, Transaction
from egov.platform.text import Text
from egov.producers.records import PRODUCERS, PROFILE, voen_guard

RECORD = "FREESALE"
STATE_MACHINE = "FREE_SALE_STATE_MACHINE"
DECISION_BUSINESS_DAYS = 1  # seed 001 part 2, §10.3.5.3: "1 (bir) iş günü müddətində"
SIGNATURE_BUSINESS_DAYS = 1  # a service level: the seed sets no period for the signature
CENTER = "IITKM"  # the portal's operator, whose executive director signs (§10.3.5.4)
SYSTEM = audit.Actor.system("export-free-sale")

Status = Literal["submitted", "approved", "refused", "issued"]


class NewApplication(Model):
    """Goods of the catalogue and the documents uploaded for them (§10.3.5.1)."""

    goods: Annotated[
        list[Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]], Field(min_length=1, max_length=20)
    ]
    documents: Annotated[
        list[Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]], Field(max_length=10)
    ]


class Decision(Model):
    outcome: Literal["issue", "refuse"]
    reason: Text | None = None


class Certificate(Model):
    number: str
    document: dict[str, Any]
    signature: dict[str, str]


class FreeSaleApplication(Model):
    application_id: str
    status: Status
    goods: list[Entry]
    documents: list[str]
    submitted_at: datetime
    decision_deadline: datetime
    escalated_at: datetime | None = None
    decision: dict[str, Any] | None = None
    certificate: Certificate | None = None
    collected_at: datetime | None = None


class Applications(Model):
    items: list[FreeSaleApplication]


Step = Literal["decision", "signature"]


class Queued(Model):
    application_id: str
    step: Step
    deadline: datetime
    overdue: bool
    submitted_at: datetime
    goods: int
    escalated_at: datetime | None = None


class Queue(Model):
    """The Center's applications awaiting one step, soonest due first (X7, §10.3.5.3-4)."""

    step: Step
    items: list[Queued]
    overdue: int


class FreeSaleVerification(Model):
    """What the certificate shows, and whether the Center's signature over it holds."""

    number: str
    valid: bool
    certificate: dict[str, Any]
    signature: dict[str, str]


def key(application_id: str) -> tuple[str, str]:
    return f"{RECORD}#{application_id}", RECORD


def certificate_key(number: str) -> tuple[str, str]:
    return f"FREESALE-CERT#{number}", "CERT"


def subject(application_id: str) -> str:
    return f"FREESALE#{application_id}"


def _queue_key(step: Step, deadline: str, application_id: str) -> tuple[str, str]:
    return f"FREESALE-QUEUE#{step}", f"{deadline}#{application_id}"


def _enqueue(tx: Transaction, step: Step, deadline: str, item: Item) -> None:
    """The application in the step's queue, with what the list shows of it."""
    pk, sk = _queue_key(step, deadline, item["applicationId"])
    listed = {
        "applicationId": item["applicationId"],
        "deadline": deadline,
        "submittedAt": item["submittedAt"],
        "goods": len(item["goods"]),
    }
    if item.get("escalatedAt"):
        listed["escalatedAt"] = item["escalatedAt"]
    tx.put(EXPORT, {"pk": pk, "sk": sk, **listed})


def _queued_deadline(item: Item, step: Step) -> str:
    return str(item["decisionDeadline" if step == "decision" else "signatureDeadline"])


def queue(step: Step) -> Queue:
    """What awaits the step now, soonest due first: one Query of the step's queue, whose items
    carry what the list shows."""
    now = clock.now()
    items = [
        Queued(
            application_id=row["applicationId"],
            step=step,
            deadline=clock.parse(row["deadline"]),
            overdue=now > clock.parse(row["deadline"]),
            submitted_at=clock.parse(row["submittedAt"]),
            goods=int(row["goods"]),
            escalated_at=clock.parse(row["escalatedAt"]) if row.get("escalatedAt") else None,
        )
        for row in EXPORT.query_all(f"FREESALE-QUEUE#{step}")
    ]
    return Queue(step=step, items=items, overdue=sum(q.overdue for q in items))


def load(application_id: str) -> Item:
    item = EXPORT.get(*key(application_id))
    if item is None:
        raise NotFound("export.free-sale.not-found", field="applicationId")
    return item


def view(item: Item) -> FreeSaleApplication:
    return FreeSaleApplication.model_validate(
        {k: v for k, v in item.items() if k in _FIELDS and v is not None}
    )


_FIELDS = {
    "applicationId",
    "status",
    "goods",
    "documents",
    "submittedAt",
    "decisionDeadline",
    "escalatedAt",
    "decision",
    "certificate",
    "collectedAt",
}


def _made_in_azerbaijan(entry_ids: list[str]) -> list[Entry]:
    """X7: every entry is in the catalogue and its producer approved in the registry now."""
    goods = []
    for index, entry_id in enumerate(entry_ids):
        stored = EXPORT.get(f"ENTRY#{entry_id}", "ENTRY")
        if stored is None:
            raise Invalid("export.free-sale.not-in-catalogue", field=f"goods.{index}")
        entry = Entry.model_validate({k: stored[k] for k in _ENTRY})
        guard = PRODUCERS.get(voen_guard(entry.producer.voen), "GUARD")
        profile = guard and PRODUCERS.get(f"PRODUCER#{guard['owner']}", PROFILE)
        if not profile or profile.get("status") != "approved":
            raise Invalid("export.free-sale.producer-not-registered", field=f"goods.{index}")
        goods.append(entry)
    return goods


_ENTRY = {"id", "nameAz", "nameEn", "hsCode", "producer"}


def apply(body: NewApplication, applicant: auth.Principal) -> FreeSaleApplication:
    """File the application and start its workflow (the decision's timer starts now)."""
    goods = _made_in_azerbaijan(list(dict.fromkeys(body.goods)))
    if not body.documents:
        raise Invalid("export.free-sale.documents-needed", field="documents")
    application_id = uuid.uuid4().hex
    now = clock.now()
    due = tasks.deadline(now, DECISION_BUSINESS_DAYS)
    item: Item = {
        "pk": key(application_id)[0],
        "sk": RECORD,
        "applicationId": application_id,
        "owner": applicant.user_id,
        "status": "submitted",
        "goods": [g.model_dump(mode="json", by_alias=True, exclude_none=True) for g in goods],
        "documents": list(dict.fromkeys(body.documents)),
        "submittedAt": clock.iso(now),
        "decisionDeadline": due["deadline"],
        "version": 1,
    }
    tx = Transaction()
    tx.put(EXPORT, item, conflict=Conflict("export.free-sale.not-found"))
    tx.put(
        EXPORT,
        {
            "pk": f"FREESALE-OF#{applicant.user_id}",
            "sk": f"{item['submittedAt']}#{application_id}",
            "applicationId": application_id,
        },
    )
    for index, attachment_id in enumerate(item["documents"]):
        attachments.link(
            tx, attachment_id, applicant.user_id, subject(application_id), f"documents.{index}"
        )
    _enqueue(tx, "decision", due["deadline"], item)
    audit.record(
        tx,
        subject(application_id),
        "free-sale-applied",
        applicant.actor,
        owner=applicant.user_id,
        after={"goods": [g.id for g in goods], "decisionDeadline": due["deadline"]},
    )
    outbox.start(
        tx,
        STATE_MACHINE,
        application_id,
        {"applicationId": application_id, **due, "correlationId": correlation_id()},
    )
    tx.commit()
    return view(item)


def of_owner(application_id: str, caller: auth.Principal) -> FreeSaleApplication:
    item = load(application_id)
    staff = caller.role == "operator" or (caller.role == "officer" and caller.agency == CENTER)
    if item["owner"] != caller.user_id and not staff:
        raise NotFound("export.free-sale.not-found", field="applicationId")
    return view(item)


def cabinet(owner: str) -> Applications:
    """The applicant's applications, newest first."""
    rows = EXPORT.query_all(f"FREESALE-OF#{owner}")
    return Applications(items=[view(load(row["applicationId"])) for row in reversed(list(rows))])


def _change(item: Item, changes: Item, expected_status: Status, conflict: str) -> Transaction:
    tx = Transaction()
    tx.update(
        EXPORT,
        *key(item["applicationId"]),
        {**changes, "version": item["version"] + 1},
        expected={"status": expected_status, "version": item["version"]},
        conflict=Conflict(conflict, field="applicationId"),
    )
    return tx


def _answer_parked(application_id: str, step: str, output: dict[str, Any]) -> None:
    """Hand the waiting workflow its result, if its token is parked on the record by now (else
    the parking finds the record changed and answers itself)."""
    token = tasks.parked(load(application_id), step)
    if token:
        tasks.answer(token, output)


def decide(
    application_id: str, decision: Decision, operator: auth.Principal
) -> FreeSaleApplication:
    """§10.3.5.3: the operator issues or refuses; a refusal gives its reason."""
    item = load(application_id)
    if item["status"] != "submitted":
        raise Conflict("export.free-sale.not-awaiting-decision", field="applicationId")
    if decision.outcome == "refuse" and not decision.reason:
        raise Invalid("export.free-sale.reason-needed", field="reason")
    now = clock.now()
    recorded = {
        "outcome": decision.outcome,
        "reason": decision.reason,
        "decidedAt": clock.iso(now),
        "decidedBy": operator.user_id,
        "onTime": now <= clock.parse(item["decisionDeadline"]),
    }
    status: Status = "approved" if decision.outcome == "issue" else "refused"
    signature_due = tasks.deadline(now, SIGNATURE_BUSINESS_DAYS)["deadline"]
    tx = _change(
        item,
        {"status": status, "decision": recorded}
        | ({"signatureDeadline": signature_due} if status == "approved" else {}),
        "submitted",
        "export.free-sale.not-awaiting-decision",
    )
    tx.delete(EXPORT, *_queue_key("decision", item["decisionDeadline"], application_id))
    if status == "approved":
        _enqueue(tx, "signature", signature_due, item)
    audit.record(
        tx,
        subject(application_id),
        f"free-sale-{status}",
        operator.actor,
        owner=item["owner"],
        before={"status": "submitted"},
        after={"status": status, "decision": recorded},
    )
    if status == "refused":
        notify.send(
            item["owner"],
            "notice.export-free-sale-refused",
            {"applicationId": application_id, "reason": decision.reason},
            subject_ref=subject(application_id),
            tx=tx,
        )
    tx.commit()
    decided = load(application_id)
    token = tasks.parked(decided, "decision")
    if token:
        tasks.answer(token, decision_output(decided))
    return view(decided)


def certificate_number(application_id: str, at: datetime) -> str:
    return f"AZ-FS-{at.astimezone(BAKU).year}-{application_id[:10].upper()}"


def _bilingual(key_: str) -> dict[str, str]:
    return {lang: i18n.text(key_, lang) for lang in ("az", "en")}


def document(
    item: Item, number: str, issued_at: datetime, director: auth.Principal
) -> dict[str, Any]:
    """The certificate as signed: bilingual, what it shows and nothing else."""
    applicant = auth.account(item["owner"]) or {}
    return {
        "type": "free-sale-certificate",
        "number": number,
        "title": _bilingual("export.free-sale.title"),
        "issuer": _bilingual("export.free-sale.issuer"),
        "statement": _bilingual("export.free-sale.statement"),
        "exporter": {"name": applicant.get("name") or ""},
        "goods": [
            {
                "name": {"az": g["nameAz"], "en": g["nameEn"]},
                "hsCode": g["hsCode"],
                "producer": {"name": g["producer"]["name"], "voen": g["producer"]["voen"]},
            }
            for g in item["goods"]
        ],
        "issuedAt": clock.iso(issued_at),
        "signedBy": {
            "name": director.name or (auth.account(director.user_id) or {}).get("name") or "",
            "position": {"az": "İcraçı direktor", "en": "Executive Director"},
        },
    }


def sign(application_id: str, director: auth.Principal) -> FreeSaleApplication:
    """§10.3.5.4: the executive director signs; the certificate goes to the cabinet."""
    item = load(application_id)
    if item["status"] != "approved":
        raise Conflict("export.free-sale.not-awaiting-signature", field="applicationId")
    now = clock.now()
    number = certificate_number(application_id, now)
    signed = document(item, number, now, director)
    signature = free_sale_document.sign(signed)
    certificate = {"number": number, "document": signed, "signature": signature}
    tx = _change(
        item,
        {"status": "issued", "certificate": certificate, "signedBy": director.user_id},
        "approved",
        "export.free-sale.not-awaiting-signature",
    )
    cert_pk, cert_sk = certificate_key(number)
    tx.put(EXPORT, {"pk": cert_pk, "sk": cert_sk, "document": signed, "signature": signature})
    tx.delete(EXPORT, *_queue_key("signature", item["signatureDeadline"], application_id))
    audit.record(
        tx,
        subject(application_id),
        "free-sale-issued",
        director.actor,
        owner=item["owner"],
        before={"status": "approved"},
        after={"status": "issued", "number": number, "digest": signature["digest"]},
    )
    notify.send(
        item["owner"],
        "notice.export-free-sale-issued",
        {"number": number},
        subject_ref=subject(application_id),
        tx=tx,
    )
    tx.commit()
    _answer_parked(application_id, "signature", {"number": number})
    return view(load(application_id))


def collect(application_id: str, operator: auth.Principal) -> FreeSaleApplication:
    """§10.3.5.4: the paper copy handed over at the Center, recorded once."""
    item = load(application_id)
    if item["status"] != "issued":
        raise Conflict("export.free-sale.not-issued", field="applicationId")
    if item.get("collectedAt"):
        raise Conflict("export.free-sale.collected", field="applicationId")
    now = clock.now_iso()
    tx = _change(
        item,
        {"collectedAt": now, "collectedBy": operator.user_id},
        "issued",
        "export.free-sale.collected",
    )
    audit.record(
        tx,
        subject(application_id),
        "free-sale-paper-collected",
        operator.actor,
        owner=item["owner"],
        after={"collectedAt": now},
    )
    tx.commit()
    return view(load(application_id))


def verify(number: str) -> FreeSaleVerification:
    """Public: the certificate of that number as it shows, and whether its signature holds."""
    stored = EXPORT.get(*certificate_key(number))
    if stored is None:
        raise NotFound("export.free-sale.certificate-not-found", field="number")
    return FreeSaleVerification(
        number=number,
        valid=free_sale_document.holds(stored["document"], stored["signature"]),
        certificate=stored["document"],
        signature=stored["signature"],
    )


# ---------------------------------------------------------------- the workflow's steps


class Awaited(tasks.Event):
    application_id: str


class Overdue(Awaited):
    step: Step
    deadline: str


def decision_output(item: Item) -> dict[str, Any]:
    """What the decision's wait ends with: the outcome, and for an issued one the deadline of
    the director's signature (a service level; the seed sets none)."""
    decided_at = clock.parse(item["decision"]["decidedAt"])
    return {
        "outcome": item["decision"]["outcome"],
        **tasks.deadline(decided_at, SIGNATURE_BUSINESS_DAYS),
    }


def await_decision(event: Awaited) -> dict[str, Any] | None:
    """Keep the token until the operator decides; already decided: the decision now."""
    if event.task_token and tasks.park(
        EXPORT,
        *key(event.application_id),
        event.task_token,
        while_={"status": "submitted"},
        step="decision",
    ):
        return None
    return decision_output(load(event.application_id))


def escalate(event: Overdue) -> dict[str, Any]:
    """A business day passed without the decision (or the signature): recorded once per missed
    deadline, the operator's alert address told; the next deadline, the next business day's end."""
    upcoming = tasks.deadline(clock.parse(event.deadline), 1)
    item = load(event.application_id)
    waiting = {"decision": "submitted", "signature": "approved"}[event.step]
    if item["status"] != waiting:
        return upcoming  # acted on meanwhile: the next wait ends at once
    now = clock.now_iso()
    tx = Transaction()
    tx.put(
        EXPORT,
        {
            "pk": key(event.application_id)[0],
            "sk": f"ESCALATION#{event.step}#{event.deadline}",
            "step": event.step,
            "missedDeadline": event.deadline,
            "escalatedAt": now,
        },
        conflict=Conflict("export.free-sale.escalated"),
    )
    if not item.get("escalatedAt"):
        tx.update(EXPORT, *key(event.application_id), {"escalatedAt": now})
        # The queue shows it too; a step acted on meanwhile has left the queue: nothing to do.
        tx.update(
            EXPORT,
            *_queue_key(event.step, _queued_deadline(item, event.step), event.application_id),
            {"escalatedAt": now},
            conflict=Conflict("export.free-sale.escalated"),
        )
    audit.record(
        tx,
        subject(event.application_id),
        f"free-sale-{event.step}-overdue",
        SYSTEM,
        owner=item["owner"],
        after={"missedDeadline": event.deadline, "nextDeadline": upcoming["deadline"]},
    )
    notify.send_to_address(
        "notice.export-free-sale-overdue",
        {"applicationId": event.application_id, "deadline": event.deadline},
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        tx=tx,
    )
    # A repeated message: this deadline's escalation is recorded already.
    with contextlib.suppress(Conflict):
        tx.commit()
    return upcoming


def escalations(application_id: str) -> list[Item]:
    return list(EXPORT.query_all(key(application_id)[0], sk_prefix="ESCALATION#"))


def await_signature(event: Awaited) -> dict[str, Any] | None:
    if event.task_token and tasks.park(
        EXPORT,
        *key(event.application_id),
        event.task_token,
        while_={"status": "approved"},
        step="signature",
    ):
        return None
    return {"number": load(event.application_id)["certificate"]["number"]}


EVENTS = tasks.Events("export-free-sale")
EVENTS.on("decision-awaited", Awaited, await_decision)
EVENTS.on("overdue", Overdue, escalate)
EVENTS.on("signature-awaited", Awaited, await_signature)
