"""Decisions that workflows ask of agencies (G3, G4, E6, DESIGN rules 5-7).

A workflow task `arn:aws:states:::sqs:sendMessage.waitForTaskToken` puts a `DecisionRequest` on
the DecisionRequestQueue. `receive` stores it as a decision under an opaque id and queues a
signed `decision.requested` webhook to the agency. The task token stays in the decision record:
it is in no webhook, no answer, no evidence and no log, so only the platform can finish the task.

The agency answers at `POST /agencies/{agency}/decisions/{decisionId}`; `answer` claims the
decision (pending → answered, conditionally, so a second answer is refused, never applied twice)
and hands the workflow `{"decisionId", "agency", "outcome", "reason", "decidedAt", "decidedBy"}`
(and `details`, below) with SendTaskSuccess. An answer after the deadline, or after Step Functions timed the task out, is
kept as a late answer and refused with 410; the workflow's `Catch` on `States.Timeout` applies the
seed's rule for silence.

A request with `reopen: true` continues an earlier one instead of starting afresh: if the same
agency has a decision of the same kind about the same subject whose deadline passed unanswered
(still pending, or refused as late), that decision is reopened with the new token and deadline
and its `decision.requested` webhook is sent again. The agency keeps one decision id and one
entry in its task list, however often the workflow asks again (P5: after an escalation "the
request stays open"). Workflows where silence has a legal effect (E7) do not set it.

`extend` (the operator, issue 10 item 1): an agency that cannot answer in time (it cannot log in,
its system is down) is an incident, not consent. The operator gives a later deadline and a
reason; the waiting task fails with `Decision.Extended`; the workflow's `Catch` asks the exchange
for the new wait (an `ExtensionAsked` message on the DecisionRequestQueue, answered with
`{deadline, waitSeconds}`: moto drops a SendTaskFailure's cause, and the deadline is the
exchange's record anyway), then asks the agency again until it, and that request continues
the same decision (one decision id; its `decision.requested` webhook carries the new deadline).
The extension is audited with its reason, and the new deadline and the reason go into the
applicant's timeline (the request's `timeline`: owner, service, application) when the deadline
changes. Silence until the extended deadline is still consent where the law says so (E6).

A request that asks again what a decision already asks (the same agency, kind, subject and
deadline, or a `reopen` request while its decision is open or answered) makes no second decision:
a pending one waits on the new token, an answered one gives the new token its recorded answer at
once. Workflows ask again when they run their steps a second time, as the local stack does with
the executions it restarts from their input after a restart (infra/devstack/state.py).

`withdraw` (the DecisionWithdrawalQueue consumer's work) ends the pending requests about a
subject, e.g. the other agencies' requests once one agency said no (E6), and tells each agency
with a `decision.withdrawn` webhook.

`revise` (a requesting service, in its own transaction): the data a pending decision rests on
changed (a complaint corrected a declaration); the decision carries the new payload and counts
its `revision`, and the agency gets a `decision.revised` webhook with both. An answer may name
the `revision` it was given on: an older one than the decision has is refused (409 naming
`revision`), so nobody decides on data that no longer stands.

Documents (E5, E6, E8: "Ərizə və ona əlavə olunmuş sənədlər … yönəldilir"): a request carries
the subject's files (`attachments.documents`: purpose, name, type, size, SHA-256) in its signed
`decision.requested` webhook, so the evidence proves which files the agency was shown. While
its decision is pending, the agency fetches each at
`GET /agencies/{agency}/decisions/{decisionId}/documents/{attachmentId}`: a link valid a few
minutes to that exact version, each one audited on the attachment (`attachments.for_reviewer`).

`deem_consent` (the same consumer, for a `SilentConsent` message) records the other end of a wait
that has a legal effect (E6, DESIGN rule 6): the workflow's `Catch` on `States.Timeout` took the
agency's silence as consent, so its pending decision about the subject becomes `deemed-consent`
(audited with the deadline; the agency told with a `decision.deemed-consent` webhook) and is
listed under that status, instead of staying `pending` and hidden once overdue. An answer that
comes afterwards is kept as a late answer and refused with 410, as before.

Details (issue 15 review item 1): an answer may carry `details` beyond its outcome (an amount
granted, a transfer's particulars) only where the requesting service takes it: its route calls
`answer(..., details=check)`, and `check(decision, answer)` validates them with the service's
model (and the service's state) once the exchange has found the decision pending and in time,
before the claim. The checked details are stored, audited and handed to the workflow with the
outcome in the claim's one transaction, so every answer, whatever it carries, has the same rules
(one answer only, 410 when late with the late details kept, the raw body as evidence). The
generic route passes no check: details sent there are refused (422 naming `details`), never
stored unvalidated.

Storage (PLATFORM_TABLE):
- `DECISION#<id>` / `DECISION`: the decision, in `gsi1` under `AGENCY#<agency>#DECISIONS#<status>`
  sorted by deadline, so an agency's pending tasks are one keyed query.
- `TASKTOKEN#<sha256 of token>` / `GUARD`: makes a redelivered request message a no-op.
- `DECISIONS-OF#<subject>` / `<id>`: the decisions about one subject, for withdrawal.
- `DECISIONS-FOR#<owner>#<service>#<application>` / `<id>`: the decisions about an application
  in a cabinet (a request with a `timeline`), so the cabinet shows the steps that will wait on
  an agency's announced maintenance (X11, `waiting`).

Participants (X11, `egov.platform.participants`): while the operator has an agency suspended,
its answers and document fetches are refused with 403 `participants.suspended` (kept as
evidence like every answer), and its webhooks are held, not sent, until the suspension is lifted
(`webhooks.pause`). Requests keep arriving and waits keep running: a suspension changes no
workflow.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Annotated, Any, Literal, NoReturn

from botocore.exceptions import ClientError
from pydantic import (
    AwareDatetime,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from egov.platform import (
    applications,
    attachments,
    audit,
    audit_read,
    auth,
    aws,
    clock,
    evidence,
    i18n,
    participants,
    tasks,
    webhooks,
)
from egov.platform.auth import Principal
from egov.platform.models import View
from egov.platform.observability import logger
from egov.platform.problems import (
    Conflict,
    Forbidden,
    Gone,
    Invalid,
    NotFound,
    Problem,
    Unavailable,
)
from egov.platform.repository import Table, Transaction
from egov.platform.text import CleanLines, CleanTree, Lines

PLATFORM = Table("PLATFORM_TABLE")
Status = Literal["pending", "answered", "expired", "withdrawn", "deemed-consent"]
Outcome = Literal["approve", "reject"]
REQUESTED = "decision.requested"
WITHDRAWN = "decision.withdrawn"
DEEMED_CONSENT = "decision.deemed-consent"
REVISED = "decision.revised"
EXTENDED = "Decision.Extended"

i18n.register(
    {
        "exchange.decision-unknown": {
            "az": "Bu identifikatorla qərar sorğusu yoxdur",
            "en": "No decision request has this id",
        },
        "exchange.not-your-decision": {
            "az": "Bu qərar sorğusu başqa quruma aiddir",
            "en": "This decision request belongs to another agency",
        },
        "exchange.already-answered": {
            "az": "Bu sorğuya artıq cavab verilib; ikinci cavab qəbul edilmir",
            "en": "This request has already been answered; a second answer is not accepted",
        },
        "exchange.deadline-passed": {
            "az": "Cavab müddəti bitib; cavab gecikmiş cavab kimi qeydə alındı",
            "en": "The deadline has passed; the answer was recorded as a late answer",
        },
        "exchange.withdrawn": {
            "az": "Bu sorğu geri götürülüb və artıq cavab gözləmir",
            "en": "This request was withdrawn and no longer awaits an answer",
        },
        "exchange.documents-closed": {
            "az": "Sənədlər yalnız cavab gözləyən sorğu üzrə açılır",
            "en": "The documents open only while the request awaits an answer",
        },
        "exchange.reason-required": {
            "az": "İmtinanın səbəbini yazın",
            "en": "Give the reason for the refusal",
        },
        "exchange.extension-not-later": {
            "az": "Yeni müddət indiki müddətdən gec olmalıdır",
            "en": "The new deadline must be later than the current one",
        },
        "exchange.extension-under-way": {
            "az": "Bu sorğunun müddəti artıq uzadılır; bir az sonra yenidən baxın",
            "en": "This request's deadline is already being extended; look again shortly",
        },
        "exchange.extended": {
            "az": "Dövlət orqanının cavab müddəti {deadline} (Bakı vaxtı) tarixinədək uzadıldı. "
            "Səbəb: {reason}",
            "en": "The deadline for a state body's answer was extended to {deadline} "
            "(Baku time). Reason: {reason}",
        },
        "exchange.details-unexpected": {
            "az": "Bu cavab ünvanı əlavə məlumat qəbul etmir; onu sorğunun göstərdiyi ünvana "
            "göndərin",
            "en": "This answer address takes no details; send them to the address the request "
            "names",
        },
        "exchange.revised": {
            "az": "Sorğunun məlumatları cavab hazırlanarkən dəyişib; son redaksiyaya baxıb "
            "yenidən cavab verin",
            "en": "The request's data changed while the answer was prepared; look at the latest "
            "revision and answer again",
        },
        "exchange.workflow-unavailable": {
            "az": "Cavab hazırda ötürülə bilmədi; bir az sonra yenidən göndərin",
            "en": "The answer could not be passed on just now; please send it again shortly",
        },
    }
)


class DecisionRequest(View):
    """The message a workflow's waitForTaskToken task puts on the DecisionRequestQueue."""

    task_token: str = Field(min_length=1, repr=False)
    agency: str = Field(pattern=webhooks.AGENCY_PATTERN)
    kind: str = Field(min_length=1, max_length=64)
    subject: str = Field(min_length=1, max_length=200)
    payload: dict[str, Any] = Field(default_factory=dict)
    deadline: AwareDatetime
    correlation_id: str | None = None
    reopen: bool = False
    timeline: "Timeline | None" = None


class Timeline(View):
    """Whose application a decision is about: where the applicant sees an extension."""

    owner: str = Field(min_length=1, max_length=200)
    service: str = Field(min_length=1, max_length=64)
    application_id: str = Field(min_length=1, max_length=200)


class Extension(View):
    """The operator's later deadline for a pending decision, and why (issue 10 item 1)."""

    model_config = ConfigDict(
        defer_build=True,
        extra="forbid",
        alias_generator=to_camel,
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {
                    "deadline": "2026-12-10T19:59:59Z",
                    "reason": "XKX-nin sistemi girişə bağlı idi / XKX's system was locked out",
                }
            ]
        },
    )

    deadline: AwareDatetime = Field(description="Later than the decision's current deadline")
    reason: Lines


class ExtensionAsked(View):
    """The message a workflow puts on the DecisionRequestQueue after `Decision.Extended`."""

    task_token: str = Field(min_length=1, repr=False)
    extension: Literal[True]
    agency: str = Field(pattern=webhooks.AGENCY_PATTERN)
    kind: str = Field(min_length=1, max_length=64)
    subject: str = Field(min_length=1, max_length=200)


class Answer(View):
    model_config = ConfigDict(
        defer_build=True,
        extra="forbid",
        alias_generator=to_camel,
        populate_by_name=True,
        # The validator's rule, stated in the schema: a refusal gives its reason.
        json_schema_extra={
            "if": {"properties": {"outcome": {"const": "reject"}}, "required": ["outcome"]},
            "then": {"required": ["reason"], "properties": {"reason": {"pattern": "\\S"}}},
            "examples": [
                {"outcome": "approve"},
                {"outcome": "reject", "reason": "Şəxs axtarışdadır / The person is wanted"},
            ],
        },
    )

    outcome: Outcome
    reason: Annotated[str, CleanLines] = Field(default="", max_length=2000, validate_default=True)
    details: Annotated[dict[str, Any], CleanTree] | None = Field(
        None,
        description="What the requesting service asks with the answer (an amount, a transfer's "
        "particulars), taken only at that service's route, which validates it",
    )
    revision: int | None = Field(
        None,
        ge=0,
        description="The revision of the request's data the answer decides on; an answer "
        "naming an older one than the request has now is refused (409 naming `revision`)",
    )

    @field_validator("reason")
    @classmethod
    def _refusal_has_reason(cls, reason: str, info: ValidationInfo) -> str:
        if info.data.get("outcome") == "reject" and not reason.strip():
            raise PydanticCustomError("exchange.reason-required", "Give the reason for the refusal")
        return reason.strip()


class Decision(View):
    """A decision request as its agency and the operator see it (never with the task token)."""

    decision_id: str
    agency: str
    kind: str
    subject: str
    payload: dict[str, Any]
    documents: list[attachments.Document] = Field(
        default_factory=list,
        description="E5, E6, E8: the application's files with their SHA-256; each is fetched "
        "at callbackUrl/documents/{attachmentId} while the request is pending",
    )
    deadline: datetime
    status: Status
    created_at: datetime
    callback_url: str
    outcome: Outcome | None = None
    reason: str | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    details: dict[str, Any] | None = Field(
        None, description="The answer's details, as the requesting service validated them"
    )
    extended_to: datetime | None = Field(
        None, description="An extension given by the operator, until the workflow asks again"
    )
    revision: int = Field(
        0, description="How often the requesting service revised the data while it was pending"
    )


DetailsCheck = Callable[[Mapping[str, Any], Answer], dict[str, Any]]
"""A requesting service's check of an answer's details: given the stored decision and the
answer, the details as they are to be kept (JSON-ready), or a Problem naming the field."""


class Decisions(View):
    items: list[Decision]
    cursor: str | None = None


class Withdrawal(View):
    """The message a workflow puts on the DecisionWithdrawalQueue (sqs:sendMessage)."""

    subject: str = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=500)
    correlation_id: str | None = None


class SilentConsent(View):
    """The message a workflow puts on the DecisionWithdrawalQueue when an agency's wait ended in
    silent consent (the `Catch` on `States.Timeout` of a wait where silence is consent)."""

    outcome: Literal["deemed-consent"]
    subject: str = Field(min_length=1, max_length=200)
    agency: str = Field(pattern=webhooks.AGENCY_PATTERN)
    kind: str = Field(min_length=1, max_length=64)
    correlation_id: str | None = None


def close(body: Mapping[str, Any]) -> list[str]:
    """One DecisionWithdrawalQueue message: a silent consent (it has an `outcome`) or a
    withdrawal; the decision ids it changed."""
    if "outcome" in body:
        return deem_consent(SilentConsent.model_validate(body))
    return withdraw(Withdrawal.model_validate(body))


def _key(decision_id: str) -> tuple[str, str]:
    return f"DECISION#{decision_id}", "DECISION"


def _asked_agency(decision_id: str) -> tuple[str, ...]:
    stored = PLATFORM.get(*_key(decision_id))
    return (stored["agency"],) if stored else ()


audit_read.handled_by("DECISION", _asked_agency)


def _by_status(agency: str, status: Status) -> str:
    return f"AGENCY#{agency}#DECISIONS#{status}"


def _token_guard(token: str) -> str:
    return f"TASKTOKEN#{hashlib.sha256(token.encode()).hexdigest()}"


def _callback_url(agency: str, decision_id: str) -> str:
    return f"{aws.resource_name('PUBLIC_API_URL')}/agencies/{agency}/decisions/{decision_id}"


def _view(item: Mapping[str, Any]) -> Decision:
    # The stored item's other attributes (the task token among them) are not part of the view.
    return Decision.model_validate(
        {**item, "callbackUrl": _callback_url(item["agency"], item["decisionId"])}
    )


# ---------------------------------------------------------------- requests from workflows


class _AlreadyStored(Conflict):
    """The request message was delivered before (SQS is at-least-once)."""


def receive(data: Any) -> str | None:
    """Store one request message and queue its webhook (or answer an `ExtensionAsked`); the
    decision id, None if refused."""
    token = data.get("taskToken") if isinstance(data, dict) else None
    if isinstance(data, dict) and "extension" in data:
        return _extension_asked(data, token)
    try:
        request = DecisionRequest.model_validate(data)
    except ValidationError as bad:
        # Only field names: pydantic's messages would quote the input, token included.
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in bad.errors()})
        logger.error("decision request refused", extra={"invalidFields": fields})
        if isinstance(token, str) and token:
            tasks.fail(token, "DecisionRequest.Invalid", f"invalid fields: {', '.join(fields)}")
        return None
    if webhooks.endpoint(request.agency) is None:
        logger.error("decision request for an unknown agency", extra={"agency": request.agency})
        tasks.fail(request.task_token, "DecisionRequest.UnknownAgency", request.agency)
        return None
    extended = _extended(request)
    asked = None if extended else _asked_before(request)
    if asked:
        return _ask_again(asked, request)
    overdue = extended or (_overdue(request) if request.reopen else None)
    decision_id = overdue["decisionId"] if overdue else "dec_" + uuid.uuid4().hex
    try:
        if overdue:
            _reopen(overdue, request)
        else:
            _store(decision_id, request)
    except _AlreadyStored:
        # Stored, and its webhook queued with it, by the first delivery.
        guard = PLATFORM.get(_token_guard(request.task_token), "GUARD")
        decision_id = str(guard["owner"]) if guard else decision_id
        logger.info("decision request delivered again", extra={"decisionId": decision_id})
    return decision_id


def _extension_asked(data: dict[str, Any], token: Any) -> str | None:
    """Answer the workflow with the extended wait of the decision the operator extended."""
    try:
        asked = ExtensionAsked.model_validate(data)
    except ValidationError as bad:
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in bad.errors()})
        logger.error("extension query refused", extra={"invalidFields": fields})
        if isinstance(token, str) and token:
            tasks.fail(token, "ExtensionAsked.Invalid", f"invalid fields: {', '.join(fields)}")
        return None
    for link in PLATFORM.query_all(f"DECISIONS-OF#{asked.subject}"):
        if link["agency"] != asked.agency:
            continue
        decision = PLATFORM.get(*_key(str(link["sk"])))
        if decision and decision["kind"] == asked.kind and decision.get("extendedTo"):
            tasks.answer(asked.task_token, tasks.until(clock.parse(decision["extendedTo"])))
            return str(decision["decisionId"])
    # A redelivered query after the agency was asked again: its task is closed already.
    tasks.fail(asked.task_token, "Decision.ExtensionUnknown", asked.subject)
    return None


def _store(decision_id: str, request: DecisionRequest) -> None:
    deadline = clock.iso(request.deadline)
    pk, sk = _key(decision_id)
    item = {
        "pk": pk,
        "sk": sk,
        "decisionId": decision_id,
        "agency": request.agency,
        "kind": request.kind,
        "subject": request.subject,
        "payload": request.payload,
        "documents": [d.model_dump() for d in attachments.documents(request.subject)],
        "deadline": deadline,
        "status": "pending",
        "createdAt": clock.now_iso(),
        "correlationId": request.correlation_id,
        "taskToken": request.task_token,
        "timeline": request.timeline.model_dump(by_alias=True) if request.timeline else None,
        "gsi1pk": _by_status(request.agency, "pending"),
        "gsi1sk": f"{deadline}#{decision_id}",
    }
    tx = Transaction()
    tx.guard(
        PLATFORM,
        _token_guard(request.task_token),
        decision_id,
        _AlreadyStored("exchange.already-answered"),
    )
    tx.put(PLATFORM, item)
    tx.put(
        PLATFORM,
        {"pk": f"DECISIONS-OF#{request.subject}", "sk": decision_id, "agency": request.agency},
    )
    if request.timeline:
        tx.put(PLATFORM, {"pk": _application_pk(request.timeline), "sk": decision_id})
    audit.record(
        tx,
        pk,
        "decision-requested",
        audit.Actor.system("exchange"),
        after={"agency": request.agency, "kind": request.kind, "deadline": deadline},
        basis=request.subject,
    )
    _queue_webhook(tx, item, REQUESTED)
    tx.commit()


def _extended(request: DecisionRequest) -> dict[str, Any] | None:
    """The decision the operator extended to this request's deadline and the agency has not yet
    been asked again about (its deadline is still the old one)."""
    deadline = clock.iso(request.deadline)
    for decision in _decisions_of(request.subject, request.agency, request.kind):
        if decision.get("extendedTo") == deadline and decision["deadline"] != deadline:
            return decision
    return None


def _asked_before(request: DecisionRequest) -> dict[str, Any] | None:
    """The decision this request asks again, if any: the agency's decision of the same kind
    about the subject with the same deadline (a request is asked with a new deadline only once
    the previous one passed), or, for a request that continues its decision (`reopen`), one
    still open or answered. A workflow asks again when it runs its steps a second time, e.g.
    restarted from its input after the local stack restarted (devstack.state)."""
    deadline = clock.iso(request.deadline)
    for decision in _decisions_of(request.subject, request.agency, request.kind):
        if decision["deadline"] == deadline:
            return decision
        in_time = clock.now() <= clock.parse(decision["deadline"])
        if request.reopen and (
            decision["status"] == "answered" or (decision["status"] == "pending" and in_time)
        ):
            return decision
    return None


def _ask_again(decision: dict[str, Any], request: DecisionRequest) -> str:
    """Answer a request asked again as the first asking stands, never with a second decision:
    a pending decision waits on the new task (the agency keeps its id and webhook), an answered
    one hands the new task its recorded answer. One whose wait already ended (expired, deemed
    consent, withdrawn) is left as it is: the new task times out, or ends with its workflow,
    as the first one did."""
    decision_id = str(decision["decisionId"])
    if PLATFORM.get(_token_guard(request.task_token), "GUARD"):
        return decision_id  # a message delivered again
    if decision["status"] == "answered":
        output = {
            "decisionId": decision_id,
            "agency": decision["agency"],
            **{k: decision[k] for k in ("outcome", "reason", "decidedAt", "decidedBy")},
            **({"details": decision["details"]} if decision.get("details") is not None else {}),
        }
        tasks.answer(request.task_token, output)
    elif decision["status"] == "pending":
        pk, sk = _key(decision_id)
        tx = Transaction()
        tx.guard(
            PLATFORM,
            _token_guard(request.task_token),
            decision_id,
            _AlreadyStored("exchange.already-answered"),
        )
        tx.update(
            PLATFORM,
            pk,
            sk,
            {"taskToken": request.task_token},
            expected={"status": "pending", "taskToken": decision["taskToken"]},
            conflict=Conflict("exchange.already-answered", field="decisionId"),
        )
        audit.record(
            tx,
            pk,
            "decision-asked-again",
            audit.Actor.system("exchange"),
            after={"status": "pending", "deadline": decision["deadline"]},
            basis=request.subject,
        )
        try:
            tx.commit()
        except _AlreadyStored:
            return decision_id
        # Any other conflict (answered meanwhile) fails the message; its next delivery finds the
        # decision answered and hands the answer on.
    logger.info("decision asked again", extra={"decisionId": decision_id})
    return decision_id


def _decisions_of(subject: str, agency: str, kind: str) -> Iterator[dict[str, Any]]:
    """The agency's decisions of one kind about a subject (a handful: no index needed)."""
    for link in PLATFORM.query_all(f"DECISIONS-OF#{subject}"):
        if link["agency"] != agency:
            continue
        decision = PLATFORM.get(*_key(str(link["sk"])))
        if decision is not None and decision["kind"] == kind:
            yield decision


def _overdue(request: DecisionRequest) -> dict[str, Any] | None:
    """The agency's earlier decision of this kind about the subject that passed its deadline
    unanswered, if any."""
    for decision in _decisions_of(request.subject, request.agency, request.kind):
        passed = clock.now() > clock.parse(decision["deadline"])
        overdue = (decision["status"] == "pending" and passed) or decision["status"] == "expired"
        if overdue:
            return decision
    return None


def _reopen(decision: Mapping[str, Any], request: DecisionRequest) -> None:
    """Give an overdue or extended decision the new request's token and deadline; it is
    pending again."""
    deadline = clock.iso(request.deadline)
    extension = decision.get("extension") if decision.get("extendedTo") == deadline else None
    decision_id = decision["decisionId"]
    round_ = int(decision.get("round", 1)) + 1
    tx = Transaction()
    tx.guard(
        PLATFORM,
        _token_guard(request.task_token),
        decision_id,
        _AlreadyStored("exchange.already-answered"),
    )
    changes = {
        "taskToken": request.task_token,
        "deadline": deadline,
        "status": "pending",
        "round": round_,
        "gsi1pk": _by_status(request.agency, "pending"),
        "gsi1sk": f"{deadline}#{decision_id}",
    }
    _transition(
        tx,
        decision,
        changes,
        "decision-reopened",
        after={"status": "pending", "deadline": deadline, "round": round_},
        event_type=REQUESTED,
        basis=extension["reason"] if extension else request.subject,
        remove=("extendedTo",) if extension else (),
    )
    if extension and decision.get("timeline"):
        _tell_applicant(tx, decision["timeline"], extension)
    tx.commit()


def _tell_applicant(
    tx: Transaction, timeline: Mapping[str, Any], extension: Mapping[str, Any]
) -> None:
    """The extension in the applicant's timeline (the application keeps its status)."""
    local = clock.parse(extension["deadline"]).astimezone(clock.BAKU)
    applications.remark(
        tx,
        timeline["owner"],
        timeline["applicationId"],
        timeline["service"],
        actor=audit.Actor(extension["by"], "operator"),
        note="exchange.extended",
        note_params={"deadline": local.strftime("%Y-%m-%d %H:%M"), "reason": extension["reason"]},
    )


def _transition(
    tx: Transaction,
    decision: Mapping[str, Any],
    changes: Mapping[str, Any],
    action: str,
    *,
    after: Mapping[str, Any],
    event_type: str,
    basis: str | None = None,
    remove: tuple[str, ...] = (),
) -> None:
    """A change the exchange makes by itself (reopened, withdrawn, deemed consent): applied only
    if the decision is still as it was read (status and deadline), audited, and the agency told,
    all in `tx`."""
    pk, sk = _key(decision["decisionId"])
    was = {"status": decision["status"], "deadline": decision["deadline"]}
    tx.update(
        PLATFORM,
        pk,
        sk,
        dict(changes),
        expected=was,
        remove=remove,
        conflict=Conflict("exchange.already-answered", field="decisionId"),
    )
    audit.record(
        tx, pk, action, audit.Actor.system("exchange"), before=was, after=dict(after), basis=basis
    )
    _queue_webhook(tx, {**decision, **changes}, event_type)


def _queue_webhook(tx: Transaction, decision: Mapping[str, Any], event_type: str) -> None:
    """The agency's webhook about `decision`, part of the change `tx` that it tells of."""
    view = _view(decision)
    data = view.model_dump(
        mode="json",
        by_alias=True,
        include={"decision_id", "agency", "kind", "subject", "deadline", "status", "callback_url"}
        | ({"payload", "documents"} if event_type == REQUESTED else set())
        | ({"payload", "revision"} if event_type == REVISED else set()),
    )
    if event_type == WITHDRAWN:
        data["reason"] = decision.get("withdrawnReason")
    if event_type == DEEMED_CONSENT:
        data["deemedAt"] = decision.get("deemedAt")
    webhooks.enqueue(
        webhooks.message(
            view.agency,
            event_type,
            data,
            webhook_id=_webhook_id(decision, event_type),
            decision_id=view.decision_id,
        ),
        tx=tx,
    )


def _webhook_id(decision: Mapping[str, Any], event_type: str) -> str:
    """Stable across retries of one sending; a reopened request is a new sending."""
    webhook_id = f"msg_{decision['decisionId']}_{event_type.rsplit('.', 1)[1]}"
    if event_type == REVISED:
        webhook_id += f"_{decision['revision']}"
    round_ = int(decision.get("round", 1))
    return f"{webhook_id}_{round_}" if round_ > 1 else webhook_id


def revise(
    tx: Transaction, subject: str, agency: str, kind: str, payload: Mapping[str, Any], basis: str
) -> str | None:
    """The data the agency decides on changed while it decides (e.g. a complaint corrected the
    declaration an application rests on): the pending decision carries it as it now stands,
    its `revision` counted, and the agency is told with a `decision.revised` webhook carrying
    the new payload, all in `tx`; its id, or None when nothing is pending (an answered decision
    was given on what it was shown and keeps it)."""
    for decision in _decisions_of(subject, agency, kind):
        if decision["status"] != "pending":
            continue
        revision = int(decision.get("revision", 0)) + 1
        _transition(
            tx,
            decision,
            {"payload": dict(payload), "revision": revision},
            "decision-revised",
            after={"revision": revision},
            event_type=REVISED,
            basis=basis,
        )
        return str(decision["decisionId"])
    return None


# ---------------------------------------------------------------- answers from agencies


def answer(
    agency: str,
    decision_id: str,
    body: Answer,
    caller: Principal,
    request_headers: Mapping[str, str],
    raw_body: str | None,
    *,
    details: DetailsCheck | None = None,
) -> Decision:
    """The agency's answer to one of its decisions, passed to the waiting workflow; `details`
    is the requesting service's check of what the answer carries beyond its outcome."""
    decision = PLATFORM.get(*_key(decision_id))
    if decision is None:
        raise NotFound("exchange.decision-unknown", field="decisionId")
    if decision["agency"] != agency:
        audit.append(
            auth.access_subject(caller.user_id),
            auth.ACCESS_REFUSED,
            caller.actor,
            owner=caller.user_id,
            after={"decisionId": decision_id, "agency": caller.agency, "requiredAgency": agency},
        )
        raise Forbidden("exchange.not-your-decision", field="decisionId")
    exchange = evidence.Exchange(
        decision_id=decision_id,
        direction="in",
        channel="callback",
        agency=agency,
        actor=caller.user_id,
        actor_role=caller.role,
        method="POST",
        url=_callback_url(agency, decision_id),
        request_headers=dict(request_headers),
        request_body=raw_body,
    )
    try:
        settled = _settle(decision, body, caller, details)
    except Problem as refused:
        evidence.record(exchange.model_copy(update={"response_status": refused.status}))
        raise
    evidence.record(
        exchange.model_copy(
            update={"response_status": 200, "response_body": settled.model_dump_json(by_alias=True)}
        )
    )
    return settled


def _settle(
    decision: dict[str, Any], body: Answer, caller: Principal, details: DetailsCheck | None
) -> Decision:
    participants.refuse_if_suspended(decision["agency"])
    if body.details is not None and details is None:
        raise Invalid("exchange.details-unexpected", field="details")
    decided: dict[str, Any] = {
        "outcome": body.outcome,
        "reason": body.reason,
        "decidedAt": clock.now_iso(),
        "decidedBy": caller.user_id,
    }
    if body.details is not None:
        decided["details"] = body.details  # a late answer keeps them as they came
    if decision["status"] == "pending" and clock.now() > clock.parse(decision["deadline"]):
        _record_late(decision, "pending", decided, caller)  # raises 410
    if decision["status"] == "deemed-consent" and "lateAnswer" not in decision:
        _record_late(decision, "deemed-consent", decided, caller)  # raises 410
    if decision["status"] != "pending":
        raise _refusal(decision["status"])
    if decision.get("extendedTo"):
        # The old task has ended and the workflow is about to ask again with the new deadline.
        raise Unavailable("exchange.workflow-unavailable", field="decisionId")
    if body.revision is not None and body.revision != int(decision.get("revision", 0)):
        raise Conflict("exchange.revised", field="revision")
    if details is not None:
        decided["details"] = details(decision, body)
    decision_id = decision["decisionId"]
    pk, sk = _key(decision_id)
    tx = Transaction()
    tx.update(
        PLATFORM,
        pk,
        sk,
        {**decided, "status": "answered", "gsi1pk": _by_status(decision["agency"], "answered")},
        expected={"status": "pending"},
        conflict=Conflict("exchange.already-answered", field="decisionId"),
    )
    audit.record(
        tx, pk, "decision-answered", caller.actor, before={"status": "pending"}, after=decided
    )
    try:
        tx.commit()
    except Conflict:
        current = PLATFORM.get(pk, sk) or decision
        raise _refusal(current["status"]) from None
    output = {"decisionId": decision_id, "agency": decision["agency"], **decided}
    try:
        taken = tasks.answer(decision["taskToken"], output)
    except ClientError as error:
        _undo_claim(decision, caller)
        raise Unavailable("exchange.workflow-unavailable", field="decisionId") from error
    if not taken:
        if (PLATFORM.get(pk, sk) or {}).get("extendedTo"):
            # Extended while this answer was on its way: the agency sends it again shortly.
            _undo_claim(decision, caller)
            raise Unavailable("exchange.workflow-unavailable", field="decisionId")
        _record_late(decision, "answered", decided, caller)  # raises 410
    return _view({**decision, **decided, "status": "answered"})


def _refusal(status: str) -> Problem:
    if status == "withdrawn":
        return Gone("exchange.withdrawn", field="decisionId")
    if status in ("expired", "deemed-consent"):
        return Gone("exchange.deadline-passed", field="decisionId")
    return Conflict("exchange.already-answered", field="decisionId")


def _record_late(
    decision: Mapping[str, Any], was: Status, late: Mapping[str, Any], caller: Principal
) -> NoReturn:
    """Keep an answer that came too late, mark the decision expired (a decision deemed consent
    stays so: the silence already decided), and refuse with 410."""
    pk, sk = _key(decision["decisionId"])
    status: Status = "deemed-consent" if was == "deemed-consent" else "expired"
    tx = Transaction()
    tx.update(
        PLATFORM,
        pk,
        sk,
        {
            "status": status,
            "lateAnswer": dict(late),
            "gsi1pk": _by_status(decision["agency"], status),
        },
        # One late answer is kept; a second one after a deemed consent is only refused.
        expected={"status": was, "lateAnswer": None}
        if was == "deemed-consent"
        else {"status": was},
        remove=("outcome", "reason", "decidedAt", "decidedBy", "details")
        if was == "answered"
        else (),
        conflict=Gone("exchange.deadline-passed", field="decisionId"),
    )
    audit.record(tx, pk, "late-answer", caller.actor, before={"status": was}, after=dict(late))
    tx.commit()
    raise Gone("exchange.deadline-passed", field="decisionId")


def _undo_claim(decision: Mapping[str, Any], caller: Principal) -> None:
    """Step Functions did not take the answer: free the decision so the agency can send it again."""
    pk, sk = _key(decision["decisionId"])
    tx = Transaction()
    tx.update(
        PLATFORM,
        pk,
        sk,
        {"status": "pending", "gsi1pk": _by_status(decision["agency"], "pending")},
        expected={"status": "answered"},
        remove=("outcome", "reason", "decidedAt", "decidedBy", "details"),
    )
    audit.record(
        tx,
        pk,
        "decision-answer-undone",
        caller.actor,
        before={"status": "answered"},
        after={"status": "pending"},
        basis="the workflow service did not accept the answer",
    )
    tx.commit()


# ---------------------------------------------------------------- extension (issue 10 item 1)


def extend(decision_id: str, body: Extension, operator: Principal) -> Decision:
    """The operator gives a pending decision a later deadline, with a reason; the waiting task
    fails with `Decision.Extended` so that the workflow asks again until the new deadline."""
    pk, sk = _key(decision_id)
    decision = PLATFORM.get(pk, sk)
    if decision is None:
        raise NotFound("exchange.decision-unknown", field="decisionId")
    if decision["status"] != "pending":
        raise _refusal(decision["status"])
    if decision.get("extendedTo"):
        raise Conflict("exchange.extension-under-way", field="decisionId")
    current = clock.parse(decision["deadline"])
    if clock.now() > current:
        raise Gone("exchange.deadline-passed", field="decisionId")  # the silence has decided
    if body.deadline <= current:
        raise Invalid("exchange.extension-not-later", field="deadline")
    new = clock.iso(body.deadline)
    extension = {
        "deadline": new,
        "reason": body.reason,
        "by": operator.user_id,
        "at": clock.now_iso(),
    }
    tx = Transaction()
    tx.update(
        PLATFORM,
        pk,
        sk,
        {"extendedTo": new, "extension": extension},
        expected={"status": "pending", "deadline": decision["deadline"], "extendedTo": None},
        conflict=Conflict("exchange.already-answered", field="decisionId"),
    )
    audit.record(
        tx,
        pk,
        "decision-extended",
        operator.actor,
        before={"deadline": decision["deadline"]},
        after={"deadline": new},
        basis=body.reason,
    )
    try:
        tx.commit()
    except Conflict:
        current_item = PLATFORM.get(pk, sk) or decision
        raise _refusal(current_item["status"]) from None
    if not tasks.fail(decision["taskToken"], EXTENDED, f"extended to {new}"):
        _void_extension(decision, operator)  # raises
    return _view({**decision, "extendedTo": new})


def _void_extension(decision: Mapping[str, Any], operator: Principal) -> NoReturn:
    """The task ended (answered, or its deadline passed) just before the extension reached it:
    the extension is void, and recorded so."""
    pk, sk = _key(decision["decisionId"])
    tx = Transaction()
    tx.update(PLATFORM, pk, sk, {}, remove=("extendedTo", "extension"))
    audit.record(
        tx,
        pk,
        "decision-extension-void",
        operator.actor,
        basis="the workflow's wait had already ended",
    )
    tx.commit()
    raise _refusal((PLATFORM.get(pk, sk) or decision)["status"])


# ---------------------------------------------------------------- reading


def decisions(
    agency: str, status: Status, *, cursor: str | None = None, limit: int = 50
) -> Decisions:
    """An agency's decisions in one status, soonest deadline first.

    Pending ones whose deadline has passed are left out: they can no longer be answered.
    """
    between = (clock.now_iso(), "~") if status == "pending" else None
    page = PLATFORM.query(
        _by_status(agency, status), index="gsi1", sk_between=between, cursor=cursor, limit=limit
    )
    return Decisions(items=[_view(i) for i in page.items], cursor=page.cursor)


def decision_of(agency: str, decision_id: str) -> dict[str, Any]:
    decision = PLATFORM.get(*_key(decision_id))
    if decision is None or decision["agency"] != agency:
        raise NotFound("exchange.decision-unknown", field="decisionId")
    return decision


def document(
    agency: str, decision_id: str, attachment_id: str, caller: Principal
) -> attachments.ReviewerDownload:
    """One of the decision's documents for the agency asked, while its answer is awaited (G8)."""
    decision = decision_of(agency, decision_id)
    participants.refuse_if_suspended(agency)
    listed = {d["attachmentId"] for d in decision.get("documents") or []}
    if attachment_id not in listed:
        raise NotFound("attachment.not-found", field="attachmentId")
    if decision["status"] != "pending":
        raise Conflict("exchange.documents-closed", field="decisionId")
    return attachments.for_reviewer(
        decision["subject"], attachment_id, caller.actor, f"DECISION#{decision_id}"
    )


def _application_pk(timeline: Timeline) -> str:
    return f"DECISIONS-FOR#{timeline.owner}#{timeline.service}#{timeline.application_id}"


def waiting(owner: str, service: str, application_id: str) -> list[dict[str, Any]]:
    """The pending decisions about an application in `owner`'s cabinet, not yet overdue."""
    timeline = Timeline(owner=owner, service=service, application_id=application_id)
    found = []
    for link in PLATFORM.query_all(_application_pk(timeline)):
        decision = PLATFORM.get(*_key(str(link["sk"])))
        if decision is None or decision["status"] != "pending":
            continue
        if clock.now() <= clock.parse(decision["deadline"]):
            found.append(decision)
    return found


def evidence_of(
    agency: str, decision_id: str, *, cursor: str | None = None, limit: int = 50
) -> evidence.Log:
    decision_of(agency, decision_id)
    return evidence.of_decision(decision_id, cursor=cursor, limit=limit)


# ---------------------------------------------------------------- withdrawal (E6)


def withdraw(withdrawal: Withdrawal) -> list[str]:
    """Withdraw every pending request about the subject (each agency told); the ids withdrawn."""
    touched = []
    for link in PLATFORM.query_all(f"DECISIONS-OF#{withdrawal.subject}"):
        decision = PLATFORM.get(*_key(link["sk"]))
        if decision is None:
            continue
        if decision["status"] == "pending" and _withdraw_one(decision, withdrawal.reason):
            touched.append(decision["decisionId"])
    return touched


def _withdraw_one(decision: dict[str, Any], reason: str) -> dict[str, Any] | None:
    changes = {
        "status": "withdrawn",
        "withdrawnAt": clock.now_iso(),
        "withdrawnReason": reason,
        "gsi1pk": _by_status(decision["agency"], "withdrawn"),
    }
    tx = Transaction()
    _transition(
        tx,
        decision,
        changes,
        "decision-withdrawn",
        after={"status": "withdrawn", "reason": reason},
        event_type=WITHDRAWN,
    )
    try:
        tx.commit()
    except Conflict:
        return None  # answered meanwhile: nothing to withdraw
    # The workflow may still wait on this task (not every workflow is a Parallel that ended it).
    tasks.fail(decision["taskToken"], "Decision.Withdrawn", reason)
    return {**decision, **changes}


# ---------------------------------------------------------------- silent consent (E6, rule 6)


def deem_consent(consent: SilentConsent) -> list[str]:
    """Mark the agency's unanswered decision of this kind about the subject `deemed-consent`
    (the workflow already took the silence as consent: no task to end); the ids changed.

    Only a decision nobody answered in time changes: still pending, or expired because its
    answer came late (the late answer is kept). An answered or withdrawn one never does, and a
    redelivered message finds nothing left to change.
    """
    touched = []
    for link in PLATFORM.query_all(f"DECISIONS-OF#{consent.subject}"):
        if link["agency"] != consent.agency:
            continue
        decision = PLATFORM.get(*_key(str(link["sk"])))
        if decision is None or decision["kind"] != consent.kind:
            continue
        if decision["status"] in ("pending", "expired") and _deem_one(decision):
            touched.append(decision["decisionId"])
    return touched


def _deem_one(decision: dict[str, Any]) -> bool:
    changes = {
        "status": "deemed-consent",
        "deemedAt": clock.now_iso(),
        "gsi1pk": _by_status(decision["agency"], "deemed-consent"),
    }
    tx = Transaction()
    _transition(
        tx,
        decision,
        changes,
        "decision-deemed-consent",
        after={"status": "deemed-consent", "deadline": decision["deadline"]},
        event_type=DEEMED_CONSENT,
        basis="no answer by the deadline is consent (E6)",
    )
    try:
        tx.commit()
    except Conflict:
        return False  # answered (or asked again) meanwhile: not a silence
    logger.info("decision deemed consent", extra={"decisionId": decision["decisionId"]})
    return True
