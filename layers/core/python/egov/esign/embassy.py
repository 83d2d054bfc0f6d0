"""The embassy's part: invitation and in-person check (E9, E10, §2.11–2.15).

Officers of the embassy (role `officer`, agency `EMB-<country of residence>`) act only on their
own embassy's applications; another embassy's application is unknown to them (404).

- `tasks`: the embassy's open tasks (`invite`, then `check`), soonest due first, with the
  deadline, whether it has passed and the last alert (one keyed query on `gsi1`).
- `invite` (E9): date and place; due within 1 business day of the decision reaching the embassy
  (an invitation after that is still taken, marked late). The check is then due by the end of
  the business day after the appointment.
- `document` (E10, §2.12 "sənədlərin əsli ilə portalda … təqdim olunmuş sənədlərin autentikliyini
  yoxladıqdan sonra"): while the application waits for the invitation or the check, the officer
  gets a link valid a few minutes to each file the applicant uploaded, listed with its SHA-256
  in the task; every link is audited on the attachment (`attachments.for_reviewer`).
- `check` (E10): the originals and photo against what was filed. `match`: the contracts are
  signed, the certificate is issued through the certificate registry (3 years, E12) with the key
  of the carrier handed over, its serial recorded on the application, the applicant told.
  `mismatch`: refused, and the virtual FIN cancelled in its register in the same transaction.

The workflow waits for each step with a task token (`awaited`, from the EsignWorkflowQueue);
the officer's action answers it. Whichever of the two comes second answers, so their order does
not matter.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from egov.certificates import issuance, registry
from egov.certificates.models import (
    Carrier,
    Holder,
    IssueRequest,
    PublicKeyDer,
)
from egov.esign import contracts, deadlines, vfin
from egov.esign.filing import embassy_of
from egov.esign.records import ESIGN, STATUS_TEXTS, key, load, subject
from egov.esign.review import Event, tell_applicant, transition
from egov.platform import attachments, clock
from egov.platform import tasks as workflow_tasks
from egov.platform.auth import Principal
from egov.platform.contacts import Contacts
from egov.platform.models import Form as View
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Item, Transaction
from egov.platform.text import Clean

Step = Literal["invitation", "check"]
WAITING_IN: dict[Step, str] = {"invitation": "at-embassy", "check": "invited"}
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), Clean]


class InvitationBody(View):
    at: AwareDatetime = Field(description="The appointment at the mission")
    place: Text = Field(description="The mission's address and room")

    @model_validator(mode="after")
    def _future(self) -> InvitationBody:
        if self.at <= clock.now():
            raise PydanticCustomError("esign.invitation-in-past", "must be in the future")
        return self


class CheckBody(View):
    outcome: Literal["match", "mismatch"]
    public_key: PublicKeyDer | None = Field(
        None, description="match: base64 DER public key generated on the carrier handed over"
    )
    token_serial: Text | None = Field(None, description="match, token carrier: its serial")
    reason: Text | None = Field(None, description="mismatch: what did not match (internal)")

    @model_validator(mode="after")
    def _needs(self) -> CheckBody:
        if self.outcome == "match" and not self.public_key:
            raise PydanticCustomError("esign.check-needs-key", "publicKey is required on a match")
        if self.outcome == "mismatch" and not self.reason:
            raise PydanticCustomError("esign.check-needs-reason", "reason is required")
        return self


class Task(BaseModel):
    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    application_id: str
    registration_number: str
    task: Literal["invite", "check"]
    status_text: str
    due_at: datetime
    overdue: bool
    last_alert_at: datetime | None = None
    applicant: dict[str, Any]
    carrier: dict[str, Any]
    virtual_fin: str
    contract_number: str
    invitation: dict[str, Any] | None = None
    documents: list[attachments.Document] = Field(
        default_factory=list,
        description="E10: the files filed online, to compare with the originals; each at "
        "…/applications/{applicationId}/documents/{attachmentId}",
    )


class Tasks(BaseModel):
    model_config = ConfigDict(defer_build=True)

    items: list[Task]
    cursor: str | None = None


class Awaited(Event):
    event: Literal["await"]
    step: Step


def _own(application_id: str, embassy: str) -> Item:
    """The application the Center sent to this embassy; any other (a draft, one still under
    review, another embassy's) is unknown here (404), whatever its form holds."""
    item = ESIGN.get(*key(application_id))
    if item is None or "atEmbassyAt" not in item:
        raise NotFound("esign.application-unknown", field="applicationId")
    if embassy_of(item["form"]["applicant"]["countryOfResidence"]) != embassy:
        raise NotFound("esign.application-unknown", field="applicationId")
    return item


def _done(embassy: str, application_id: str) -> dict[str, str]:
    return {"gsi1pk": f"EMBASSY#{embassy}#DONE", "gsi1sk": application_id}


# ---------------------------------------------------------------- the workflow's waits


def _step_result(item: Item, step: Step) -> dict[str, Any]:
    if step == "invitation":
        return {"check": workflow_tasks.until(clock.parse(item["checkDeadline"]))}
    return {"outcome": item["status"]}


def awaited(event: Awaited) -> dict[str, Any] | None:
    """Keep the workflow's token until the officer acts; answer at once if he already has."""
    waiting_in = WAITING_IN[event.step]
    item = load(event.application_id)
    if item["status"] == waiting_in:
        token = event.task_token or ""
        while_ = {"status": waiting_in}
        if workflow_tasks.park(
            ESIGN, *key(event.application_id), token, while_=while_, step=event.step
        ):
            return None  # the officer's action will answer
        item = load(event.application_id)  # the officer acted meanwhile
    return _step_result(item, event.step)


def _answer_waiting(application_id: str, step: Step) -> None:
    item = load(application_id)
    token = workflow_tasks.parked(item, step)
    if token:
        workflow_tasks.answer(token, _step_result(item, step))


# ---------------------------------------------------------------- officers' actions


def tasks(embassy: str, *, cursor: str | None = None, limit: int = 50) -> Tasks:
    page = ESIGN.query(f"EMBASSY#{embassy}#TASKS", index="gsi1", cursor=cursor, limit=limit)
    now = clock.now()
    items = []
    for item in page.items:
        due = clock.parse(item["inviteDeadline" if item["task"] == "invite" else "checkDeadline"])
        applicant = {
            k: v
            for k, v in item["form"]["applicant"].items()
            if k not in ("secretQuestion", "secretAnswer")
        }
        items.append(
            Task(
                application_id=item["applicationId"],
                registration_number=item["registrationNumber"],
                task=item["task"],
                status_text=STATUS_TEXTS[item["status"]]["az"],
                due_at=due,
                overdue=now > due,
                last_alert_at=item.get("lastAlertAt"),
                applicant=applicant,
                carrier=item["form"]["carrier"],
                virtual_fin=item["virtualFin"],
                contract_number=item["contractNumber"],
                invitation=item.get("invitation"),
                documents=attachments.documents(subject(item["applicationId"])),
            )
        )
    return Tasks(items=items, cursor=page.cursor)


def document(
    application_id: str, embassy: str, attachment_id: str, officer: Principal
) -> attachments.ReviewerDownload:
    """E10: a file filed online, for the officer who compares it with the original (G8)."""
    item = _own(application_id, embassy)
    if item["status"] not in WAITING_IN.values():
        raise Conflict("esign.documents-closed", field="applicationId")
    return attachments.for_reviewer(
        subject(application_id), attachment_id, officer.actor, f"EMBASSY#{embassy}"
    )


def invite(application_id: str, embassy: str, body: InvitationBody, officer: Principal) -> Item:
    """E9: the applicant is invited with a date and place; the check falls due after it."""
    item = _own(application_id, embassy)
    if item["status"] != "at-embassy":
        raise Conflict("esign.not-awaiting-invitation", field="applicationId")
    now = clock.now()
    check_due = clock.iso(deadlines.check(body.at))
    tx = Transaction()
    invited = transition(
        tx,
        item,
        "invited",
        {
            "invitation": {"at": clock.iso(body.at), "place": body.place},
            "invitedAt": clock.iso(now),
            "invitedBy": officer.user_id,
            "invitedLate": now > clock.parse(item["inviteDeadline"]),
            "checkDeadline": check_due,
            "task": "check",
            **deadlines.embassy_task(embassy, check_due, application_id),
        },
        actor=officer.actor,
        action="esign-invited",
    )
    tell_applicant(
        tx,
        invited,
        "esign.invited",
        {
            "number": item["registrationNumber"],
            "at": body.at.astimezone(clock.BAKU).strftime("%d.%m.%Y %H:%M"),
            "place": body.place,
        },
    )
    tx.commit()
    _answer_waiting(application_id, "invitation")
    return invited


def check(application_id: str, embassy: str, body: CheckBody, officer: Principal) -> Item:
    """E10: the in-person check; a match issues the certificate, a mismatch cancels the FIN."""
    item = _own(application_id, embassy)
    if item["status"] != "invited":
        raise Conflict("esign.not-awaiting-check", field="applicationId")
    if body.outcome == "match":
        done = _issue(item, embassy, body, officer)
    else:
        done = _refuse(item, embassy, body, officer)
    _answer_waiting(application_id, "check")
    return done


def _issue_request(item: Item, public_key: str, token_serial: str | None) -> IssueRequest:
    """What the registry records, all of it from the application (E8–E10), but the carrier's
    key and token serial, which exist only once the carrier is handed over."""
    form = item["form"]
    carrier = form["carrier"]
    if carrier["kind"] == "token" and not token_serial:
        raise Invalid("esign.check-needs-token", field="tokenSerial")
    contract = contracts.load(item["contractNumber"])
    assert contract is not None  # prepared with the Center's approval that sent it here
    return IssueRequest(
        center=contract.center,
        holder=Holder(
            name=contracts.holder_name(form["applicant"]),
            virtual_fin=item["virtualFin"],
            user_id=item["owner"],
        ),
        contact=Contacts(email=form["applicant"]["email"]),
        carrier=Carrier(
            kind=carrier["kind"],
            id=token_serial if carrier["kind"] == "token" else carrier["mobile"],
        ),
        use=form["use"],
        public_key=public_key,
        disclosure_consent=form["declarations"]["personalDataInCertificate"],
        embassy=embassy_of(form["applicant"]["countryOfResidence"]),
        application_id=item["applicationId"],
    )


def _issue(item: Item, embassy: str, body: CheckBody, officer: Principal) -> Item:
    carrier = item["form"]["carrier"]
    request = _issue_request(item, body.public_key or "", body.token_serial)
    carrier_id = request.carrier.id
    try:
        cert = issuance.issue(request, officer.actor)
        serial, valid_to = cert.serial, cert.valid_to
    except Conflict as issued:
        if issued.key != "certificates.already-issued":
            raise
        # A retried check: the certificate exists; finish recording it.
        guard = registry.CERTIFICATES.get(f"ISSUED#{item['applicationId']}", "GUARD") or {}
        serial = guard["owner"]
        valid_to = registry.load(serial)[0].valid_to
    now = clock.now_iso()
    tx = Transaction()
    contracts.sign(tx, item["contractNumber"], embassy, serial, now)
    issued_item = transition(
        tx,
        item,
        "issued",
        {
            "certificateSerial": serial,
            "certificateValidTo": clock.iso(valid_to),
            "contractsSignedAt": now,
            "carrierHandedOver": {"kind": carrier["kind"], "id": carrier_id, "at": now},
            "checkedBy": officer.user_id,
            **_done(embassy, item["applicationId"]),
        },
        actor=officer.actor,
        action="esign-certificate-issued",
    )
    tell_applicant(
        tx,
        issued_item,
        "esign.issued",
        {
            "number": item["registrationNumber"],
            "serial": serial,
            "validTo": valid_to.astimezone(clock.BAKU).strftime("%d.%m.%Y"),
        },
    )
    tx.commit()
    return issued_item


def _refuse(item: Item, embassy: str, body: CheckBody, officer: Principal) -> Item:
    tx = Transaction()
    vfin.cancel(tx, item["virtualFin"], item["applicationId"])
    refused = transition(
        tx,
        item,
        "embassy-refused",
        {
            "checkedBy": officer.user_id,
            "mismatch": body.reason,
            "reasonKey": "esign.reason.documents-mismatch",
            "virtualFinCancelledAt": clock.now_iso(),
            **_done(embassy, item["applicationId"]),
        },
        actor=officer.actor,
        action="esign-embassy-refused",
    )
    tell_applicant(tx, refused, "esign.embassy-refused", {"number": item["registrationNumber"]})
    tx.commit()
    return refused
