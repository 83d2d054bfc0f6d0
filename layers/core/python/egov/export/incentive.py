"""The export incentive (X6; seed 001 part 2, §10.3.3.4, §10.3.3.9, §4.2.11).

The exporter of non-oil goods asks for the incentive in the application and names the bank
account in Azerbaijan it is paid into (§10.3.3.4). Once customs has released the goods (the
declaration of §10.3.3.7-8 proves the export that the incentive is paid for; subparagraph 9
follows it), the incentive's data goes to the Ministry of Economy (IN) in real time: `open`, in
the release's own transaction, leaves the start of `statemachines/export_incentive.asl.json`
to the outbox. That workflow asks, through the agency exchange:

1. the Ministry of Economy: granted with the amount in manat, or refused with the reason. The
   result reaches the exporter's cabinet, e-mail and mobile (§10.3.3.9);
2. once granted, the financial markets authority (MBNP, §4.2.11): the transfer to the
   exporter's account confirmed (amount, day, IBAN, payment order), or not, with the reason.
   The exporter sees the amount and the day on the application's status page.

A transfer the authority could not make (a closed account) is not the end: the exporter is told
why and may give another account (`give_account`, until a service-level deadline, template
parameter `ExportIncentiveAccountBusinessDays`), and the same workflow asks the authority again
about the new account, as a new request (subject `...#incentive-transfer#<n>` for the n-th
account), since the first request was answered.

The seed sets no period for either answer: each is a service level (template parameters
`ExportIncentiveBusinessDays`, `ExportIncentiveTransferBusinessDays`). Silence grants no public
money and proves no transfer: a missed deadline is escalated (recorded, the operator alerted,
the exporter's timeline told) and the same request stays open with a new deadline.

An answer carries more than an outcome: the amount granted, the transfer's particulars. It
comes at this service's routes (`assess`, `report_transfer`), which give it to the exchange's
one answer path as the answer's `details` with this service's check (`exchange.answer(...,
details=...)`): the exchange validates them with the service's model once it has found the
decision pending and in time, and stores them with the outcome in the claim's transaction, so
one answer only, 410 after the deadline (the late details kept), the raw body as evidence and
the audit hold as for every answer, and the workflow's step receives the details with the
outcome. An approval sent to the exchange's generic route has no amount: the workflow reports
it as failed to the operator rather than grant an unknown sum.

Items (EXPORT_TABLE): the incentive is part of `APP#<id>` / `APPLICATION` (`incentive`);
`APP#<id>` / `INCENTIVE-ESCALATION#<step>#<deadline>` one per missed deadline; `APP#<id>` /
`INCENTIVE-ACCOUNT-WAIT` the token of the workflow waiting for another account.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from botocore.exceptions import ClientError

from egov.export import filing, records
from egov.export.models import (
    Application,
    Assessment,
    Incentive,
    IncentiveAccount,
    IncentiveAnswer,
    Transfer,
    TransferReport,
)
from egov.platform import (
    applications,
    audit,
    auth,
    aws,
    calendar,
    clock,
    exchange,
    notify,
    outbox,
    tasks,
)
from egov.platform.audit import Actor
from egov.platform.observability import correlation_id, logger
from egov.platform.problems import Conflict, Gone, Invalid, NotFound
from egov.platform.repository import Transaction

STATE_MACHINE_ENV = "EXPORT_INCENTIVE_STATE_MACHINE"
DECISION_PERIOD = "export.incentive-decision"
TRANSFER_PERIOD = "export.incentive-transfer"
ACCOUNT_PERIOD = "export.incentive-account"
ACCOUNT_WAIT = "INCENTIVE-ACCOUNT-WAIT"
MINISTRY = "IN"  # the Ministry of Economy (§10.3.3.9)
AUTHORITY = "MBNP"  # Maliyyə Bazarlarına Nəzarət Palatası, the financial markets authority
KIND = "export-incentive"
TRANSFER_KIND = "export-incentive-transfer"
CURRENCY = "AZN"  # paid from the state budget (§1.2), in manat
SYSTEM = Actor.system("export-incentive")
ATTEMPTS = 8
Step = Literal["ministry", "authority"]


def subject(application_id: str) -> str:
    """The incentive's subject at the exchange (the Ministry's decision)."""
    return f"EXPORT#{application_id}#incentive"


def transfer_subject(application_id: str, account: int = 1) -> str:
    """The transfer's subject at the exchange (the authority's confirmation) for the `account`-th
    account the exporter gave: each account is a request of its own."""
    made = f"EXPORT#{application_id}#incentive-transfer"
    return made if account == 1 else f"{made}#{account}"


def _current_transfer_subject(application: Application) -> str:
    refused = len(application.incentive.refused_accounts) if application.incentive else 0
    return transfer_subject(application.application_id, refused + 1)


# ---------------------------------------------------------------- sent at the release


def open_request(application: Application, tx: Transaction) -> Application:
    """§10.3.3.9: the released application with its incentive asked of the Ministry (the
    workflow started with `tx`); unchanged if it asked for none."""
    if not application.export_incentive or application.incentive_account is None:
        return application
    if application.incentive is not None:
        return application
    now = clock.now()
    wait = tasks.until(calendar.due(DECISION_PERIOD, now))
    incentive = Incentive(
        status="asked",
        iban=application.incentive_account,
        asked_at=now,
        deadline=clock.parse(wait["deadline"]),
    )
    after = application.model_copy(update={"incentive": incentive})
    audit.record(
        tx,
        records.subject(application.application_id),
        "export-incentive-asked",
        SYSTEM,
        owner=application.owner,
        after={"agency": MINISTRY, "deadline": wait["deadline"]},
    )
    outbox.start(tx, STATE_MACHINE_ENV, application.application_id, workflow_input(after, wait))
    return after


def _exporter(application: Application) -> dict[str, str]:
    return {"voen": application.exporter.voen, "name": application.exporter.name}


def workflow_input(application: Application, wait: Mapping[str, Any]) -> dict[str, Any]:
    """The execution input: what the Ministry receives (§10.3.3.9) and whom to ask next."""
    shown = application.model_dump(mode="json", by_alias=True)
    declaration = shown["declaration"] or {}
    verdict = declaration.get("verdict") or {}
    return {
        "applicationId": application.application_id,
        "owner": application.owner,
        "correlationId": correlation_id(),
        "wait": {"deadline": wait["deadline"], "waitSeconds": wait["waitSeconds"]},
        "ministry": {
            "agency": MINISTRY,
            "subject": subject(application.application_id),
            "payload": {
                "applicationId": application.application_id,
                "exporter": _exporter(application),
                "destination": application.destination,
                "goods": shown["goods"],
                "declaration": {
                    "number": verdict.get("declarationNumber"),
                    "releasedAt": verdict.get("decidedAt"),
                },
                "iban": application.incentive_account,
                "answerPath": "/export/incentives/{decisionId}/assessment",
            },
        },
        "authority": {"agency": AUTHORITY, "subject": transfer_subject(application.application_id)},
    }


# ---------------------------------------------------------------- the agencies' answers


def _application_of(decision: Mapping[str, Any], made: Callable[[Application], str]) -> Application:
    """The application a decision asks about, if it is that application's current request."""
    parts = str(decision["subject"]).split("#")
    if len(parts) < 3 or parts[0] != "EXPORT":
        raise NotFound("export.incentive.unknown", field="decisionId")
    application = records.load(parts[1])
    if decision["subject"] != made(application):
        raise NotFound("export.incentive.unknown", field="decisionId")
    return application


def _answer(
    agency: str,
    kind: str,
    decision_id: str,
    body: Assessment | TransferReport,
    check: exchange.DetailsCheck,
    caller: auth.Principal,
    headers: Mapping[str, str],
    raw_body: str | None,
) -> IncentiveAnswer:
    """The answer through the exchange's one answer path, its details checked by `check`."""
    if exchange.decision_of(agency, decision_id)["kind"] != kind:
        raise NotFound("export.incentive.unknown", field="decisionId")
    details = body.model_dump(mode="json", by_alias=True, exclude={"outcome", "reason"})
    answer = exchange.Answer(
        outcome=body.outcome,
        reason=body.reason,
        details={k: v for k, v in details.items() if v is not None},
    )
    taken = exchange.answer(agency, decision_id, answer, caller, headers, raw_body, details=check)
    return IncentiveAnswer.model_validate(taken.model_dump(by_alias=True))


def _as_given(answer: exchange.Answer) -> dict[str, Any]:
    return {"outcome": answer.outcome, "reason": answer.reason, **(answer.details or {})}


def _assessment(decision: Mapping[str, Any], answer: exchange.Answer) -> dict[str, Any]:
    """The Ministry's details, as the exchange keeps them: the amount granted (§10.3.3.9)."""
    _application_of(decision, lambda application: subject(application.application_id))
    checked = Assessment.model_validate(_as_given(answer))
    return {"amount": str(checked.amount)} if checked.amount is not None else {}


def _transfer(decision: Mapping[str, Any], answer: exchange.Answer) -> dict[str, Any]:
    """The authority's details (§4.2.11): the amount granted, transferred to the exporter's
    account, dated between the grant and today; none for a transfer not made."""
    incentive = _application_of(decision, _current_transfer_subject).incentive
    if incentive is None or incentive.amount is None:
        raise NotFound("export.incentive.unknown", field="decisionId")
    body = TransferReport.model_validate(_as_given(answer))
    if body.outcome != "approve":
        return {}
    if body.amount is None or body.amount != Decimal(incentive.amount):
        raise Invalid("export.incentive.amount-differs", field="amount")
    if body.iban != incentive.iban:
        raise Invalid("export.incentive.iban-differs", field="iban")
    granted_on = _baku_day(incentive.decided_at or incentive.asked_at)
    if body.transferred_on is None or not (
        granted_on <= body.transferred_on <= _baku_day(clock.now())
    ):
        raise Invalid("export.incentive.transfer-date", field="transferredOn")
    return body.model_dump(mode="json", by_alias=True, exclude={"outcome", "reason"})


def assess(
    decision_id: str,
    body: Assessment,
    caller: auth.Principal,
    headers: Mapping[str, str],
    raw_body: str | None,
) -> IncentiveAnswer:
    """The Ministry of Economy's answer (§10.3.3.9): granted with the amount, or refused."""
    return _answer(MINISTRY, KIND, decision_id, body, _assessment, caller, headers, raw_body)


def report_transfer(
    decision_id: str,
    body: TransferReport,
    caller: auth.Principal,
    headers: Mapping[str, str],
    raw_body: str | None,
) -> IncentiveAnswer:
    """The financial markets authority's answer (§4.2.11): the transfer of the amount granted to
    the exporter's account, confirmed, or not made with the reason."""
    return _answer(
        AUTHORITY, TRANSFER_KIND, decision_id, body, _transfer, caller, headers, raw_body
    )


def _baku_day(moment: datetime) -> date:
    return moment.astimezone(clock.BAKU).date()


# ---------------------------------------------------------------- the workflow's steps


class Answered(tasks.Event):
    application_id: str
    decision: dict[str, Any]


class Overdue(tasks.Event):
    application_id: str
    step: Step
    deadline: str


class Failed(tasks.Event):
    application_id: str


class AccountAwaited(tasks.Event):
    application_id: str


def _retrying(step: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    for attempt in range(ATTEMPTS):
        try:
            return step()
        except (Conflict, ClientError):
            # Another change of the application (a permit event) came first: read it again.
            if attempt == ATTEMPTS - 1:
                raise
    return {}


def _agency_actor(decision: Mapping[str, Any]) -> Actor:
    return Actor(id=str(decision.get("decidedBy") or decision.get("agency")), role="agency")


def _tell(
    tx: Transaction,
    application: Application,
    key: str,
    params: Mapping[str, object],
    actor: Actor,
) -> None:
    """§10.3.3.9: the exporter's cabinet (the application's history and the inbox), e-mail and
    mobile."""
    applications.remark(
        tx,
        application.owner,
        application.application_id,
        records.SERVICE,
        actor=actor,
        note=f"export.note.{key}",
        note_params=params,
    )
    account = auth.account(application.owner) or {}
    notify.send(
        application.owner,
        f"notice.export-{key}",
        {"applicationId": application.application_id, **params},
        email=account.get("email"),
        sms=account.get("mobile"),
        subject_ref=records.subject(application.application_id),
        tx=tx,
    )


def _resumed(incentive: Incentive) -> dict[str, Any]:
    """The answer a step gave the first time (a redelivered message gets it again)."""
    if incentive.status == "refused":
        return {"outcome": "refused"}
    if incentive.status == "failed":
        return {"outcome": "failed"}
    return {"outcome": "granted", "wait": tasks.until(incentive.deadline)}


def assessed(event: Answered) -> dict[str, Any]:
    """The Ministry's answer, recorded: granted (the transfer's deadline starts) or refused."""

    def step() -> dict[str, Any]:
        application = records.load(event.application_id)
        incentive = application.incentive
        if incentive is None:
            raise NotFound("export.incentive.unknown", field="applicationId")
        if incentive.status != "asked":
            return _resumed(incentive) | {"payload": _transfer_payload(application)}
        decision = event.decision
        details = decision.get("details")
        granted = decision.get("outcome") == "approve"
        if granted and (details is None or not details.get("amount")):
            logger.error("incentive approved without an amount", extra={"decisionId": decision})
            return {"outcome": "incomplete"}
        decided_at = clock.parse(decision["decidedAt"]) if decision.get("decidedAt") else None
        tx = Transaction()
        actor = _agency_actor(decision)
        if granted:
            assert details is not None
            wait = tasks.until(calendar.due(TRANSFER_PERIOD, clock.now()))
            changed = incentive.model_copy(
                update={
                    "status": "granted",
                    "amount": str(details["amount"]),
                    "currency": CURRENCY,
                    "decision_id": decision.get("decisionId"),
                    "decided_at": decided_at or clock.now(),
                    "deadline": clock.parse(wait["deadline"]),
                }
            )
            params: dict[str, object] = {"amount": changed.amount, "currency": CURRENCY}
        else:
            changed = incentive.model_copy(
                update={
                    "status": "refused",
                    "reason": decision.get("reason") or "",
                    "decision_id": decision.get("decisionId"),
                    "decided_at": decided_at or clock.now(),
                }
            )
            params = {"reason": changed.reason or "-"}
        after = application.model_copy(update={"incentive": changed})
        records.save(application, after, tx)
        audit.record(
            tx,
            records.subject(application.application_id),
            f"export-incentive-{changed.status}",
            actor,
            owner=application.owner,
            after={"amount": changed.amount, "reason": changed.reason},
        )
        _tell(tx, after, f"incentive-{changed.status}", params, actor)
        tx.commit()
        return _resumed(changed) | {"payload": _transfer_payload(after)}

    return _retrying(step)


def _transfer_payload(application: Application) -> dict[str, Any]:
    """What the financial markets authority receives (§4.2.11): the amount the Ministry granted
    and the exporter's account."""
    incentive = application.incentive
    assert incentive is not None
    return {
        "applicationId": application.application_id,
        "exporter": _exporter(application),
        "amount": incentive.amount,
        "currency": incentive.currency,
        "iban": incentive.iban,
        "grantedBy": MINISTRY,
        "ministryDecisionId": incentive.decision_id,
        "answerPath": "/export/incentives/{decisionId}/transfer",
    }


def transferred(event: Answered) -> dict[str, Any]:
    """The authority's answer, recorded: the transfer confirmed (amount, day, account) or not."""

    def step() -> dict[str, Any]:
        application = records.load(event.application_id)
        incentive = application.incentive
        if incentive is not None and incentive.status == "transfer-refused":
            return _refused_transfer(incentive)  # a redelivered message
        if incentive is None or incentive.status != "granted":
            return {"status": incentive.status if incentive else None}
        decision = event.decision
        details = decision.get("details")
        confirmed = decision.get("outcome") == "approve"
        if confirmed and details is None:
            logger.error("transfer confirmed without details", extra={"decisionId": decision})
            return {"status": "incomplete"}
        actor = _agency_actor(decision)
        if confirmed:
            assert details is not None
            transfer = Transfer(
                amount=str(details["amount"]),
                currency=CURRENCY,
                transferred_on=details["transferredOn"],
                iban=details["iban"],
                reference=details["reference"],
                decision_id=str(decision.get("decisionId")),
                confirmed_at=clock.parse(decision["decidedAt"])
                if decision.get("decidedAt")
                else clock.now(),
            )
            changed = incentive.model_copy(update={"status": "transferred", "transfer": transfer})
            params: dict[str, object] = {
                "amount": transfer.amount,
                "currency": CURRENCY,
                "date": transfer.transferred_on.isoformat(),
            }
        else:
            # The exporter may give another account until then (X6).
            wait = tasks.until(calendar.due(ACCOUNT_PERIOD, clock.now()))
            changed = incentive.model_copy(
                update={
                    "status": "transfer-refused",
                    "reason": decision.get("reason") or "",
                    "deadline": clock.parse(wait["deadline"]),
                }
            )
            local = changed.deadline.astimezone(clock.BAKU)
            params = {"reason": changed.reason or "-", "deadline": f"{local:%Y-%m-%d %H:%M}"}
        after = application.model_copy(update={"incentive": changed})
        tx = Transaction()
        records.save(application, after, tx)
        audit.record(
            tx,
            records.subject(application.application_id),
            f"export-incentive-{changed.status}",
            actor,
            owner=application.owner,
            after=params,
        )
        _tell(tx, after, f"incentive-{changed.status}", params, actor)
        tx.commit()
        if changed.status == "transfer-refused":
            return _refused_transfer(changed)
        return {"status": changed.status}

    return _retrying(step)


def _refused_transfer(incentive: Incentive) -> dict[str, Any]:
    """The step's answer for a transfer not made: how long the workflow waits for another
    account."""
    return {"status": "transfer-refused", "wait": tasks.until(incentive.deadline)}


# ---------------------------------------------------------------- another account (X6)


def give_account(
    application_id: str, body: IncentiveAccount, caller: auth.Principal
) -> Application:
    """The exporter's other account after the authority could not pay into the first (a closed
    account): the transfer is asked again, about this account, by the waiting workflow."""
    application = filing.owned(application_id, caller)
    incentive = application.incentive
    if incentive is None or incentive.status != "transfer-refused":
        raise Conflict("export.incentive.no-account-asked", field="applicationId")
    if clock.now() > incentive.deadline:
        raise Gone("export.incentive.account-too-late", field="applicationId")
    refused = [*incentive.refused_accounts, incentive.iban]
    if body.iban in refused:
        raise Invalid("export.incentive.account-refused-before", field="iban")
    wait = tasks.until(calendar.due(TRANSFER_PERIOD, clock.now()))
    changed = incentive.model_copy(
        update={
            "status": "granted",
            "iban": body.iban,
            "refused_accounts": refused,
            "reason": None,
            "deadline": clock.parse(wait["deadline"]),
        }
    )
    after = application.model_copy(update={"incentive": changed})
    tx = Transaction()
    records.save(application, after, tx)
    audit.record(
        tx,
        records.subject(application_id),
        "export-incentive-account-changed",
        caller.actor,
        owner=application.owner,
        before={"iban": incentive.iban},
        after={"iban": body.iban, "deadline": wait["deadline"]},
    )
    applications.remark(
        tx,
        application.owner,
        application_id,
        records.SERVICE,
        actor=caller.actor,
        note="export.note.incentive-account-changed",
        note_params={"iban": body.iban},
    )
    tx.commit()
    waiting = records.EXPORT.get(records.key(application_id)[0], ACCOUNT_WAIT)
    token = tasks.parked(waiting) if waiting else None
    if token:
        tasks.answer(token, _account_given(after))
    return after


def _account_given(application: Application) -> dict[str, Any]:
    """What the workflow waiting for another account continues with: the authority's new
    request (subject, payload) and its wait."""
    incentive = application.incentive
    assert incentive is not None
    return {
        "outcome": "granted",
        "subject": _current_transfer_subject(application),
        "payload": _transfer_payload(application),
        "wait": tasks.until(incentive.deadline),
    }


def await_account(event: AccountAwaited) -> dict[str, Any] | None:
    """Keep the token until the exporter gives another account; given already: go on now."""
    pk = records.key(event.application_id)[0]
    records.EXPORT.put({"pk": pk, "sk": ACCOUNT_WAIT, tasks.TOKEN: event.task_token})
    application = records.load(event.application_id)
    incentive = application.incentive
    if incentive is not None and incentive.status == "transfer-refused":
        return None  # the exporter's new account answers
    if incentive is not None and incentive.status == "granted":
        return _account_given(application)
    return {"outcome": "none"}


def escalate(event: Overdue) -> dict[str, Any]:
    """A deadline passed unanswered: recorded, the operator alerted, the exporter's timeline
    told; the next deadline (counted from the missed one, so a redelivery gets the same)."""
    named = DECISION_PERIOD if event.step == "ministry" else TRANSFER_PERIOD
    upcoming = tasks.until(calendar.due(named, clock.parse(event.deadline)))
    agency = MINISTRY if event.step == "ministry" else AUTHORITY

    def step() -> dict[str, Any]:
        application = records.load(event.application_id)
        incentive = application.incentive
        if incentive is None:
            raise NotFound("export.incentive.unknown", field="applicationId")
        pk = records.key(application.application_id)[0]
        count = incentive.escalations + 1
        changed = incentive.model_copy(
            update={"escalations": count, "deadline": clock.parse(upcoming["deadline"])}
        )
        after = application.model_copy(update={"incentive": changed})
        tx = Transaction()
        tx.put(
            records.EXPORT,
            {
                "pk": pk,
                "sk": f"INCENTIVE-ESCALATION#{event.step}#{event.deadline}",
                "agency": agency,
                "missedDeadline": event.deadline,
                "nextDeadline": upcoming["deadline"],
                "count": count,
                "at": clock.now_iso(),
            },
            conflict=_Escalated("export.changed"),
        )
        records.save(application, after, tx)
        audit.record(
            tx,
            records.subject(application.application_id),
            "export-incentive-overdue",
            SYSTEM,
            owner=application.owner,
            after={"agency": agency, "missed": event.deadline, "next": upcoming["deadline"]},
        )
        params = {"agency": agency, "deadline": event.deadline, "next": upcoming["deadline"]}
        applications.remark(
            tx,
            application.owner,
            application.application_id,
            records.SERVICE,
            actor=SYSTEM,
            note="export.note.incentive-overdue",
            note_params=params,
        )
        notify.send_to_address(
            "export.incentive-overdue",
            {"applicationId": application.application_id, "count": count, **params},
            email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
            language="en",
            tx=tx,
        )
        with contextlib.suppress(_Escalated):  # a redelivered message: escalated already
            tx.commit()
        return upcoming

    return _retrying(step)


class _Escalated(Conflict):
    """The escalation of this missed deadline is recorded already."""


def failed(event: Failed) -> dict[str, Any]:
    """The workflow ended without a usable answer: recorded, the operator alerted."""

    def step() -> dict[str, Any]:
        application = records.load(event.application_id)
        incentive = application.incentive
        if incentive is None or incentive.status not in ("asked", "granted"):
            return {}
        after = application.model_copy(
            update={"incentive": incentive.model_copy(update={"status": "failed"})}
        )
        tx = Transaction()
        records.save(application, after, tx)
        audit.record(
            tx,
            records.subject(application.application_id),
            "export-incentive-failed",
            SYSTEM,
            owner=application.owner,
            before={"status": incentive.status},
        )
        notify.send_to_address(
            "export.incentive-failed",
            {"applicationId": application.application_id, "status": incentive.status},
            email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
            language="en",
            tx=tx,
        )
        tx.commit()
        return {}

    return _retrying(step)


EVENTS = tasks.Events("export-incentive")
EVENTS.on("assessed", Answered, assessed)
EVENTS.on("transferred", Answered, transferred)
EVENTS.on("overdue", Overdue, escalate)
EVENTS.on("failed", Failed, failed)
EVENTS.on("account-awaited", AccountAwaited, await_account)
handle = EVENTS.handle
