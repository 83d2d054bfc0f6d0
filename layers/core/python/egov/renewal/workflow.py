"""The RenewalWorkflowQueue's messages: what statemachines/renewal.asl.json asks (R6–R9).

| event              | step                                                   | answer            |
|--------------------|--------------------------------------------------------|-------------------|
| `await-head`       | R7: the head's power of attorney is awaited            | the head's answer |
| `send`             | R6: application and contract sent to ASXM              | at once           |
| `await-activation` | R8: the operator's activation report is awaited        | the report        |
| `asxm-overdue`     | R9: ASXM's deadline passed, the operator alerted       | the next deadline |
| `refused`          | R9: ASXM refused                                       | at once           |
| `cancel`           | R7, R8: cancelled (head refused or silent, no activation) | at once        |
| `activate`         | R9: the new certificate and the documents              | at once           |

A person's answer (the head, R7) and the operator's report (R8) arrive later through routes; the
task token of such a wait is parked on the application (`egov.platform.tasks.park`) while the
answer is not in, and whichever comes second answers. Every change is conditional on the status
it leaves, so a redelivered message answers from what is stored.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any, Literal

from egov.platform import applications, audit, aws, calendar, clock, i18n, notify, tasks, webhooks
from egov.platform.audit import Actor
from egov.platform.problems import Conflict
from egov.platform.repository import Item, Transaction
from egov.renewal import deadlines, records
from egov.renewal.records import RENEWAL, SERVICE, key, load, renewing, subject

WORKFLOW = Actor.system("renewal-workflow")
Reason = Literal["attorney-refused", "attorney-expired", "not-activated"]

i18n.register(
    {
        "renewal.reason.attorney-refused": {
            "az": "Rəhbər şəxs etibarnaməni imzalamaqdan imtina etdi",
            "en": "The head refused to sign the power of attorney",
        },
        "renewal.reason.attorney-expired": {
            "az": "Etibarnamə 30 gün ərzində rəhbər şəxs tərəfindən təsdiqlənmədi",
            "en": "The head did not approve the power of attorney within 30 days",
        },
        "renewal.reason.not-activated": {
            "az": "Köhnə sertifikatın müddəti bitdikdən sonra 30 gün ərzində xidmət mobil "
            "operatorda aktivləşdirilmədi",
            "en": "The service was not activated at the mobile operator within 30 days after "
            "the old certificate expired",
        },
        "renewal.cancelled.title": {
            "az": "Yenilənmə müraciətiniz ləğv olundu",
            "en": "Your renewal application was cancelled",
        },
        "renewal.cancelled.body": {
            "az": "{number} nömrəli müraciət ləğv olundu. Səbəb: {reason}.",
            "en": "Application {number} was cancelled. Reason: {reason}.",
        },
        "renewal.refused.title": {
            "az": "ASXM yenilənmə müraciətinizi rədd etdi",
            "en": "ASXM refused your renewal application",
        },
        "renewal.refused.body": {
            "az": "{number} nömrəli müraciət rədd edildi. Səbəb: {reason}",
            "en": "Application {number} was refused. Reason: {reason}",
        },
        "renewal.sent.title": {
            "az": "Ərizəniz ASXM-ə göndərildi",
            "en": "Your application has been sent to ASXM",
        },
        "renewal.sent.body": {
            "az": "{number} nömrəli ərizə emal üçün ASXM-ə göndərildi. Köhnə sertifikatın "
            "müddəti bitdikdən sonra {deadline} tarixinədək mobil operatora müraciət edib "
            "ASAN İmza nömrənizin dublikatını alın və xidməti növbəti 3 il üçün aktivləşdirin.",
            "en": "Application {number} was sent to ASXM. After the old certificate expires, go "
            "to your mobile operator by {deadline}, get a duplicate of your ASAN İmza SIM and "
            "activate the service for the next 3 years.",
        },
        "renewal.attorney.title": {
            "az": "Təsdiqinizi gözləyən etibarnamə var",
            "en": "A power of attorney awaits your approval",
        },
        "renewal.attorney.body": {
            "az": "{applicant} {organisation} adından ASAN İmza sertifikatını yeniləmək üçün "
            "etibarnamə istəyir. {deadline} tarixinədək imzalayın və ya imtina edin.",
            "en": "{applicant} asks for a power of attorney to renew an ASAN İmza certificate "
            "of {organisation}. Sign or refuse it by {deadline}.",
        },
        "renewal.asxm-overdue.title": {
            "az": "ASXM yenilənmə müraciətinə vaxtında baxmadı",
            "en": "ASXM did not process a renewal application in time",
        },
        "renewal.asxm-overdue.body": {
            "az": "{number} nömrəli müraciətin emal müddəti {deadline} bitdi; ASXM-ə yenidən "
            "sorğu göndərildi.",
            "en": "The processing deadline {deadline} of application {number} passed; ASXM "
            "was asked again.",
        },
    }
)


class Event(tasks.Event):
    application_id: str


class Cancel(Event):
    reason: Reason


class Overdue(Event):
    deadline: str


class Decided(Event):
    decision: dict[str, Any]
    activation: dict[str, Any] | None = None


def activation_link(item: Item) -> tuple[str, str]:
    """The applications renewing a certificate of a number: one activation serves them all."""
    return f"ACTIVATION#{item['asan']['number']}", f"APP#{item['applicationId']}"


def transition(
    tx: Transaction,
    item: Item,
    to: records.Status,
    changes: Mapping[str, Any],
    *,
    actor: Actor,
    action: str,
    remove: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Move the application on from its current status, with the cabinet and the audit."""
    after = {"status": to, "version": item["version"] + 1, **changes}
    tx.update(
        RENEWAL,
        *key(item["applicationId"]),
        after,
        expected={"version": item["version"], "status": item["status"]},
        conflict=Conflict("renewal.changed", field="applicationId"),
        remove=remove,
    )
    applications.advance(tx, item["owner"], item["applicationId"], SERVICE, to, actor=actor)
    audit.record(
        tx,
        subject(item["applicationId"]),
        action,
        actor,
        owner=item["owner"],
        before={"status": item["status"]},
        after={k: v for k, v in after.items() if k not in ("version", tasks.TOKEN)},
    )
    return {**item, **after}


def tell(tx: Transaction, item: Item, key_: str, params: Mapping[str, object]) -> None:
    """The applicant's notice, by the channel they chose (R4), part of the change `tx`."""
    form = item["form"]
    notify.send(
        item["owner"],
        key_,
        params,
        email=form.get("email") if form["channel"] == "email" else None,
        sms=form.get("contactMobile") if form["channel"] == "sms" else None,
        language=item.get("language", "az"),
        subject_ref=subject(item["applicationId"]),
        tx=tx,
    )


def _day(moment: str) -> str:
    return calendar.baku_day(clock.parse(moment)).isoformat()


def wait(event: Event, waiting_for: Literal["head", "activation"]) -> dict[str, Any] | None:
    """Park the task token on the application until the answer comes; the answer at once if it
    came first."""
    item = load(event.application_id)
    pending = {"attorneyOutcome": None} if waiting_for == "head" else {"activation": None}
    if event.task_token is None:
        raise ValueError(f"the {waiting_for} wait of {event.application_id} came without a token")
    parked = tasks.park(
        RENEWAL, *key(event.application_id), event.task_token, while_=pending, step=waiting_for
    )
    if not parked:
        item = load(event.application_id)
        if waiting_for == "head":
            return {"outcome": item["attorneyOutcome"]}
        return activation_answer(item["activation"])
    if waiting_for == "head" and item["status"] == "awaiting-attorney" and not item.get("headTold"):
        _tell_head(item)
    return None


def _tell_head(item: Item) -> None:
    """R7: the power of attorney lands in the head's cabinet (once)."""
    tx = Transaction()
    tx.update(
        RENEWAL,
        *key(item["applicationId"]),
        {"headTold": True},
        expected={"version": item["version"]},
        conflict=Conflict("renewal.changed"),
    )
    personal = item["personal"]
    notify.send(
        item["headUserId"],
        "renewal.attorney",
        {
            "applicant": f"{personal['surname']} {personal['name']} {personal['patronymic']}",
            "organisation": item["form"]["business"]["name"],
            "deadline": _day(item["attorneyDeadline"]),
        },
        subject_ref=subject(item["applicationId"]),
        tx=tx,
    )
    try:
        tx.commit()
    except Conflict:
        return  # told by a redelivered message, or the application moved on


def activation_answer(report: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "report": dict(report),
        "asxm": tasks.until(deadlines.asxm(clock.parse(report["receivedAt"]))),
    }


def answer_waiting(item: Item, waiting_for: str, output: Mapping[str, Any]) -> None:
    """Answer the workflow's wait for `waiting_for` if it is parked on the application now."""
    token = tasks.parked(item, waiting_for)
    if token:
        tasks.answer(token, output)


def send(event: Event) -> None:
    """R6: the signed application and contract go to ASXM through the agency exchange (a signed
    webhook); the applicant is told to activate the service at the operator."""
    item = load(event.application_id)
    if item["status"] not in ("awaiting-attorney", "awaiting-activation") or item.get("sentToAsxm"):
        return
    tx = Transaction()
    sent = transition(
        tx,
        item,
        "awaiting-activation",
        {"sentToAsxm": clock.now_iso()},
        actor=WORKFLOW,
        action="renewal-sent-to-asxm",
        remove=("gsi1pk", "gsi1sk"),
    )
    webhooks.enqueue(
        webhooks.message(
            "ASXM",
            "renewal.application",
            {
                "subject": subject(item["applicationId"]),
                "registrationNumber": item["registrationNumber"],
                "centre": item["form"]["centre"],
                "documents": item["documents"],
                "signature": item["signature"],
                "attorney": item.get("attorneySignature"),
            },
            webhook_id=f"renewal-{item['applicationId']}-sent",
        ),
        tx=tx,
    )
    tell(
        tx,
        sent,
        "renewal.sent",
        {"number": item["registrationNumber"], "deadline": _day(item["activationDeadline"])},
    )
    tx.commit()


def _reason(item: Item, reason: Reason) -> str:
    """Why, in the applicant's language; a head's refusal with the head's own words."""
    text = i18n.text(f"renewal.reason.{reason}", item.get("language", "az"))
    given = item.get("attorneyReason")
    return f"{text} ({given})" if reason == "attorney-refused" and given else text


def cancel(event: Cancel) -> None:
    """R7, R8: the application is cancelled; the applicant is told why; the certificate may be
    renewed again while its window is open."""
    item = load(event.application_id)
    if item["status"] in ("cancelled", "refused", "activated"):
        return
    tx = Transaction()
    cancelled = transition(
        tx,
        item,
        "cancelled",
        {"reason": event.reason, "cancelledAt": clock.now_iso()},
        actor=WORKFLOW,
        action="renewal-cancelled",
        remove=("gsi1pk", "gsi1sk", tasks.TOKEN),
    )
    tx.release(RENEWAL, renewing(item["certificateSerial"]), item["applicationId"])
    tx.delete(RENEWAL, *activation_link(item))
    tell(
        tx,
        cancelled,
        "renewal.cancelled",
        {
            "number": item["registrationNumber"],
            "reason": _reason(item, event.reason),
        },
    )
    tx.commit()


def refused(event: Decided) -> None:
    item = load(event.application_id)
    if item["status"] != "with-asxm":
        return
    tx = Transaction()
    done = transition(
        tx,
        item,
        "refused",
        {"reason": event.decision.get("reason", "")},
        actor=WORKFLOW,
        action="renewal-refused",
    )
    tx.release(RENEWAL, renewing(item["certificateSerial"]), item["applicationId"])
    tx.delete(RENEWAL, *activation_link(item))
    tell(
        tx,
        done,
        "renewal.refused",
        {"number": item["registrationNumber"], "reason": event.decision.get("reason", "")},
    )
    tx.commit()


def overdue(event: Overdue) -> dict[str, Any]:
    """R9: ASXM let the deadline pass: the operator alerted once; the next deadline."""
    item = load(event.application_id)
    tx = Transaction()
    tx.put(
        RENEWAL,
        {"pk": key(item["applicationId"])[0], "sk": f"ALERT#{event.deadline}"},
        conflict=Conflict("renewal.alert-raised"),
    )
    notify.send_to_address(
        "renewal.asxm-overdue",
        {"number": item["registrationNumber"], "deadline": _day(event.deadline)},
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        tx=tx,
    )
    with contextlib.suppress(Conflict):  # alerted by a redelivered message
        tx.commit()
    return tasks.until(deadlines.asxm(clock.parse(event.deadline)))
