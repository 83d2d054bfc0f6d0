"""The embassy's part: invitation and in-person check (E9, E10, §2.11–2.15).

Officers of the embassy (role `officer`, agency `EMB-<country of residence>`) act only on their
own embassy's applications; another embassy's application is unknown to them (404).

- its open tasks are listed by `egov.esign.worklist` (a handler of its own, which loads none of
  the actions below).
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

from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    Field,
    StringConstraints,
    model_validator,
)
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
from egov.esign.records import (
    ESIGN,
    ApplicationRecord,
    CarrierHandedOver,
    StoredInvitation,
    key,
    load,
    read,
    subject,
)
from egov.esign.review import Event, tell_applicant, transition
from egov.platform import attachments, clock
from egov.platform import tasks as workflow_tasks
from egov.platform.auth import Principal
from egov.platform.contacts import Contacts
from egov.platform.models import Form as View
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Transaction
from egov.platform.text import Clean

Step = Literal["invitation", "check"]
WAITING_IN: dict[Step, str] = {"invitation": "at-embassy", "check": "invited"}
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), Clean]


class InvitationBody(View):
    at: AwareDatetime = Field(description="The appointment at the mission")
    place: Text = Field(description="The mission's address and room")

    @model_validator(mode="after")
    def _future(self) -> "InvitationBody":
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
    def _needs(self) -> "CheckBody":
        if self.outcome == "match" and not self.public_key:
            raise PydanticCustomError("esign.check-needs-key", "publicKey is required on a match")
        if self.outcome == "mismatch" and not self.reason:
            raise PydanticCustomError("esign.check-needs-reason", "reason is required")
        return self


class Awaited(Event):
    event: Literal["await"]
    step: Step


def _own(application_id: str, embassy: str) -> ApplicationRecord:
    """The application the Center sent to this embassy; any other (a draft, one still under
    review, another embassy's) is unknown here (404), whatever its form holds."""
    record = read(application_id)
    if record is None or record.at_embassy_at is None:
        raise NotFound("esign.application-unknown", field="applicationId")
    if embassy_of(record.embassy_country) != embassy:
        raise NotFound("esign.application-unknown", field="applicationId")
    return record


def _done(embassy: str, application_id: str) -> dict[str, str]:
    return {"gsi1pk": f"EMBASSY#{embassy}#DONE", "gsi1sk": application_id}


# ---------------------------------------------------------------- the workflow's waits


def _step_result(record: ApplicationRecord, step: Step) -> dict[str, Any]:
    if step == "invitation":
        assert record.check_deadline is not None  # set with the invitation
        return {"check": workflow_tasks.until(clock.parse(record.check_deadline))}
    return {"outcome": record.status}


def awaited(event: Awaited) -> dict[str, Any] | None:
    """Keep the workflow's token until the officer acts; answer at once if he already has."""
    waiting_in = WAITING_IN[event.step]
    record = load(event.application_id)
    if record.status == waiting_in:
        token = event.task_token or ""
        while_ = {"status": waiting_in}
        if workflow_tasks.park(
            ESIGN, *key(event.application_id), token, while_=while_, step=event.step
        ):
            return None  # the officer's action will answer
        record = load(event.application_id)  # the officer acted meanwhile
    return _step_result(record, event.step)


def _answer_waiting(application_id: str, step: Step) -> None:
    record = load(application_id)
    token = workflow_tasks.parked(record.model_dump(by_alias=True), step)
    if token:
        workflow_tasks.answer(token, _step_result(record, step))


# ---------------------------------------------------------------- officers' actions


def document(
    application_id: str, embassy: str, attachment_id: str, officer: Principal
) -> attachments.ReviewerDownload:
    """E10: a file filed online, for the officer who compares it with the original (G8)."""
    record = _own(application_id, embassy)
    if record.status not in WAITING_IN.values():
        raise Conflict("esign.documents-closed", field="applicationId")
    return attachments.for_reviewer(
        subject(application_id), attachment_id, officer.actor, f"EMBASSY#{embassy}"
    )


def invite(
    application_id: str, embassy: str, body: InvitationBody, officer: Principal
) -> ApplicationRecord:
    """E9: the applicant is invited with a date and place; the check falls due after it."""
    record = _own(application_id, embassy)
    assert record.invite_deadline is not None  # set when the decision reached the embassy
    if record.status != "at-embassy":
        raise Conflict("esign.not-awaiting-invitation", field="applicationId")
    now = clock.now()
    check_due = clock.iso(deadlines.check(body.at))
    tx = Transaction()
    invited = transition(
        tx,
        record,
        "invited",
        {
            "invitation": StoredInvitation(at=clock.iso(body.at), place=body.place),
            "invited_at": clock.iso(now),
            "invited_by": officer.user_id,
            "invited_late": now > clock.parse(record.invite_deadline),
            "check_deadline": check_due,
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
            "number": record.registration_number,
            "at": body.at.astimezone(clock.BAKU).strftime("%d.%m.%Y %H:%M"),
            "place": body.place,
        },
    )
    tx.commit()
    _answer_waiting(application_id, "invitation")
    return invited


def check(
    application_id: str, embassy: str, body: CheckBody, officer: Principal
) -> ApplicationRecord:
    """E10: the in-person check; a match issues the certificate, a mismatch cancels the FIN."""
    record = _own(application_id, embassy)
    if record.status != "invited":
        raise Conflict("esign.not-awaiting-check", field="applicationId")
    if body.outcome == "match":
        done = _issue(record, embassy, body, officer)
    else:
        done = _refuse(record, embassy, body, officer)
    _answer_waiting(application_id, "check")
    return done


def _issue_request(
    record: ApplicationRecord, public_key: str, token_serial: str | None
) -> IssueRequest:
    """What the registry records, all of it from the application (E8–E10), but the carrier's
    key and token serial, which exist only once the carrier is handed over."""
    form = record.form
    carrier, applicant, declarations = form.carrier, form.applicant, form.declarations
    assert carrier is not None and applicant is not None and declarations is not None
    assert form.use is not None and record.virtual_fin is not None  # complete when submitted
    if carrier.kind == "token" and not token_serial:
        raise Invalid("esign.check-needs-token", field="tokenSerial")
    contract = contracts.load(record.contract_number or "")
    assert contract is not None  # prepared with the Center's approval that sent it here
    return IssueRequest(
        center=contract.center,
        holder=Holder(
            name=contracts.holder_name(applicant),
            virtual_fin=record.virtual_fin,
            user_id=record.owner,
        ),
        contact=Contacts(email=applicant.email),
        carrier=Carrier(
            kind=carrier.kind,
            id=token_serial if carrier.kind == "token" else carrier.mobile,
        ),
        use=form.use,
        public_key=public_key,
        disclosure_consent=declarations.personal_data_in_certificate,
        embassy=embassy_of(applicant.country_of_residence),
        application_id=record.application_id,
    )


def _issue(
    record: ApplicationRecord, embassy: str, body: CheckBody, officer: Principal
) -> ApplicationRecord:
    request = _issue_request(record, body.public_key or "", body.token_serial)
    carrier_id = request.carrier.id
    try:
        cert = issuance.issue(request, officer.actor)
        serial, valid_to = cert.serial, cert.valid_to
    except Conflict as issued:
        if issued.key != "certificates.already-issued":
            raise
        # A retried check: the certificate exists; finish recording it.
        guard = registry.CERTIFICATES.get(f"ISSUED#{record.application_id}", "GUARD") or {}
        serial = guard["owner"]
        valid_to = registry.load(serial)[0].valid_to
    now = clock.now_iso()
    tx = Transaction()
    contracts.sign(tx, record.contract_number or "", embassy, serial, now)
    issued_record = transition(
        tx,
        record,
        "issued",
        {
            "certificate_serial": serial,
            "certificate_valid_to": clock.iso(valid_to),
            "contracts_signed_at": now,
            "carrier_handed_over": CarrierHandedOver(
                kind=request.carrier.kind, id=carrier_id, at=now
            ),
            "checked_by": officer.user_id,
            **_done(embassy, record.application_id),
        },
        actor=officer.actor,
        action="esign-certificate-issued",
    )
    tell_applicant(
        tx,
        issued_record,
        "esign.issued",
        {
            "number": record.registration_number,
            "serial": serial,
            "validTo": valid_to.astimezone(clock.BAKU).strftime("%d.%m.%Y"),
        },
    )
    tx.commit()
    return issued_record


def _refuse(
    record: ApplicationRecord, embassy: str, body: CheckBody, officer: Principal
) -> ApplicationRecord:
    tx = Transaction()
    vfin.cancel(tx, record.virtual_fin or "", record.application_id)
    refused = transition(
        tx,
        record,
        "embassy-refused",
        {
            "checked_by": officer.user_id,
            "mismatch": body.reason,
            "reason_key": "esign.reason.documents-mismatch",
            "virtual_fin_cancelled_at": clock.now_iso(),
            **_done(embassy, record.application_id),
        },
        actor=officer.actor,
        action="esign-embassy-refused",
    )
    tell_applicant(tx, refused, "esign.embassy-refused", {"number": record.registration_number})
    tx.commit()
    return refused
