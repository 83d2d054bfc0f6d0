"""The operator warns, then suspends, a participant that harms the portal (X11).

Əsasnamə 6.0.10: "iştirakçı portalın fəaliyyətini ləngidən, dayandıran, ona zərər vuran
davranışlara yol verdikdə, həmin iştirakçıya nöqsanların aradan qaldırılması üçün xəbərdarlıq
etmək, tələbləri yerinə yetirilmədikdə isə onun portaldakı fəaliyyətini bu nöqsanlar aradan
qaldırılanadək dayandırmaq". So:

- `warn`: a reason and the date by which the defects are to be removed (`remedyBy`); audited on
  `AGENCY#<agency>`, the agency told with a signed `participant.warned` webhook.
- `suspend`: only an agency that was warned, and only once its `remedyBy` has passed without
  the warning being met (409 otherwise, naming the date). Its webhooks are paused (held, not
  lost: `webhooks.pause`), its answers refused (`participants.refuse_if_suspended`), its pending
  decisions listed to the operator's alert address (later ones alert as their webhooks are
  held), and it is told with a `participant.suspended` webhook sent through the pause.
- `close_warning`: the operator closes a warning before its `remedyBy` (the defects were
  removed early, or it was given in error), with a reason; the standing is good again, audited,
  the agency told with a `participant.warning-closed` webhook. A later suspension needs a new
  warning.
- `lift`: with a reason (the defects removed); the held webhooks go out, the standing is good
  again, and a new suspension needs a new warning. The release of the held webhooks is
  resumable: `webhooks.resume` writes a release order in the lifting's transaction; if the
  release right after the commit stops partway, the outbox sweep finishes it (`webhooks.release`).
- `standing`: what the operator and the agency itself read (`GET /agencies/{agency}/standing`).

Every change is conditional on the standing's version read before, and audited with it. The
workflows' waits do not change: a decision that is due during a suspension times out as the
law for silence says, unless the operator extends it (`exchange.extend`).
"""

from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, Field

from egov.platform import (
    applications,
    audit,
    aws,
    clock,
    exchange,
    i18n,
    notify,
    participants,
    webhooks,
)
from egov.platform.auth import Principal
from egov.platform.models import Form, View
from egov.platform.participants import PLATFORM, audit_subject, standing_key
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Transaction
from egov.platform.text import Lines

WARNED = "participant.warned"
SUSPENDED = "participant.suspended"
REINSTATED = "participant.reinstated"
WARNING_CLOSED = "participant.warning-closed"
LISTED_DECISIONS = 100  # in the alert; the operator reads the rest in the agency's list

i18n.register(
    {
        "governance.unknown-agency": {
            "az": "Belə iştirakçı qurum yoxdur",
            "en": "No participant agency has this code",
        },
        "governance.already-warned": {
            "az": "Bu quruma artıq xəbərdarlıq edilib",
            "en": "This agency has already been warned",
        },
        "governance.already-suspended": {
            "az": "Bu qurumun fəaliyyəti artıq dayandırılıb",
            "en": "This agency's activity is already suspended",
        },
        "governance.warning-first": {
            "az": "Fəaliyyət yalnız xəbərdarlıqdan sonra dayandırıla bilər (Əsasnamə 6.0.10)",
            "en": "Activity can be suspended only after a warning (Regulation 6.0.10)",
        },
        "governance.remedy-running": {
            "az": "Xəbərdarlıqda verilən müddət hələ bitməyib: {remedyBy} (Bakı vaxtı); "
            "tələblər bu vaxtadək yerinə yetirilə bilər (Əsasnamə 6.0.10)",
            "en": "The time given in the warning has not yet passed: {remedyBy} (Baku time); "
            "the requirements may be met until then (Regulation 6.0.10)",
        },
        "governance.remedy-past": {
            "az": "Nöqsanların aradan qaldırılma müddəti gələcəkdə olmalıdır",
            "en": "The date for removing the defects must be in the future",
        },
        "governance.not-suspended": {
            "az": "Bu qurumun fəaliyyəti dayandırılmayıb",
            "en": "This agency's activity is not suspended",
        },
        "governance.not-warned": {
            "az": "Bu quruma açıq xəbərdarlıq yoxdur",
            "en": "This agency has no open warning",
        },
        "governance.changed": {
            "az": "Qurumun vəziyyəti eyni vaxtda dəyişdirilib, yenidən yoxlayın",
            "en": "The agency's standing changed meanwhile, please try again",
        },
        "notice.participant-suspended.title": {
            "az": "{agency} qurumunun fəaliyyəti dayandırıldı: {count} gözləyən qərar",
            "en": "{agency}'s activity was suspended: {count} pending decisions",
        },
        "notice.participant-suspended.body": {
            "az": "Səbəb: {reason}. Qurumun webhook-ları saxlanılır, cavabları qəbul edilmir. "
            "Gözləyən qərarlar (müddəti ilə): {decisions}",
            "en": "Reason: {reason}. The agency's webhooks are held and its answers refused. "
            "Pending decisions (with deadlines): {decisions}",
        },
    }
)


class WarningRequest(Form):
    """The operator's warning (6.0.10): what harms the portal, and by when to remove it."""

    reason: Lines
    remedy_by: AwareDatetime = Field(
        description="By when the defects are to be removed; a suspension is possible only after"
    )


class Reason(Form):
    reason: Lines


class Warning(View):
    reason: str
    remedy_by: datetime
    at: datetime
    by: str


class Suspension(View):
    reason: str
    at: datetime
    by: str
    pending_decisions: list[str] = Field(
        default_factory=list, description="Routed to the operator's alert address"
    )
    alert_messages: list[str] = Field(default_factory=list)


class Standing(View):
    agency: str
    status: participants.Status
    warning: Warning | None = None
    suspension: Suspension | None = None
    updated_at: datetime | None = Field(default=None, description="None: never warned")
    released_webhooks: list[str] | None = Field(
        default=None,
        description="On lifting: the held webhooks sent again; none if the release stopped "
        "partway (the rest stays held and the scheduled sweep sends it)",
    )


def _known(agency: str) -> dict[str, Any]:
    webhooks.check_agency(agency)
    if webhooks.endpoint(agency) is None:
        raise NotFound("governance.unknown-agency", field="agency")
    return participants.standing(agency) or {"status": "good", "version": 0}


def _save(
    tx: Transaction, agency: str, current: dict[str, Any], changes: dict[str, Any]
) -> dict[str, Any]:
    pk, sk = standing_key(agency)
    item = {
        **{k: v for k, v in current.items() if k not in ("warning", "suspension")},
        "pk": pk,
        "sk": sk,
        "agency": agency,
        "updatedAt": clock.now_iso(),
        "version": int(current["version"]) + 1,
        **changes,
    }
    item = {k: v for k, v in item.items() if v is not None}
    conflict = Conflict("governance.changed", field="agency")
    if current["version"]:
        tx.put(PLATFORM, item, expected={"version": current["version"]}, conflict=conflict)
    else:
        tx.put(PLATFORM, item, conflict=conflict)
    return item


def standing(agency: str) -> Standing:
    """The agency's standing as the operator and the agency itself read it (good if never
    warned)."""
    return Standing.model_validate({"agency": agency, **_known(agency)})


def _tell(tx: Transaction, agency: str, event: str, data: dict[str, Any], version: int) -> None:
    webhooks.enqueue(
        webhooks.message(
            agency,
            event,
            {"agency": agency, **data},
            webhook_id=f"msg_{agency}_{event.rsplit('.', 1)[1]}_{version}",
            through_pause=event == SUSPENDED,
        ),
        tx=tx,
    )


def _change(
    tx: Transaction,
    agency: str,
    current: dict[str, Any],
    changes: dict[str, Any],
    operator: Principal,
    action: str,
    *,
    before: dict[str, Any],
    after: dict[str, Any],
    reason: str,
    event: str,
    told: dict[str, Any],
) -> dict[str, Any]:
    """The operator's change of the standing, committed with `tx`: saved on the version read,
    audited on the agency with its reason, and told to the agency (`event`, with `told`)."""
    item = _save(tx, agency, current, changes)
    audit.record(
        tx, audit_subject(agency), action, operator.actor, before=before, after=after, basis=reason
    )
    _tell(tx, agency, event, {"reason": reason, **told}, item["version"])
    tx.commit()
    return item


def warn(agency: str, body: WarningRequest, operator: Principal) -> Standing:
    current = _known(agency)
    if current["status"] == "warned":
        raise Conflict("governance.already-warned", field="agency")
    if current["status"] == "suspended":
        raise Conflict("governance.already-suspended", field="agency")
    if body.remedy_by <= clock.now():
        raise Invalid("governance.remedy-past", field="remedyBy")
    warning = {
        "reason": body.reason,
        "remedyBy": clock.iso(body.remedy_by),
        "at": clock.now_iso(),
        "by": operator.user_id,
    }
    item = _change(
        Transaction(),
        agency,
        current,
        {"status": "warned", "warning": warning},
        operator,
        "participant-warned",
        before={"status": current["status"]},
        after={"status": "warned", "remedyBy": warning["remedyBy"]},
        reason=body.reason,
        event=WARNED,
        told={"remedyBy": warning["remedyBy"], "warnedAt": warning["at"]},
    )
    return Standing.model_validate(item)


def close_warning(agency: str, body: Reason, operator: Principal) -> Standing:
    """Close an open warning before its time (6.0.10's warning served its purpose early)."""
    current = _known(agency)
    if current["status"] != "warned":
        raise Conflict("governance.not-warned", field="agency")
    now = clock.now_iso()
    item = _change(
        Transaction(),
        agency,
        current,
        {"status": "good", "updatedAt": now},
        operator,
        "participant-warning-closed",
        before={"status": "warned", "warning": current["warning"]},
        after={"status": "good"},
        reason=body.reason,
        event=WARNING_CLOSED,
        told={"closedAt": now},
    )
    return Standing.model_validate(item)


def suspend(agency: str, body: Reason, operator: Principal) -> Standing:
    current = _known(agency)
    if current["status"] == "suspended":
        raise Conflict("governance.already-suspended", field="agency")
    if current["status"] != "warned":
        raise Conflict("governance.warning-first", field="agency")
    remedy_by = clock.parse(current["warning"]["remedyBy"])
    if clock.now() <= remedy_by:
        local = remedy_by.astimezone(clock.BAKU).strftime("%Y-%m-%d %H:%M")
        raise Conflict("governance.remedy-running", field="agency", params={"remedyBy": local})
    pending = _pending(agency)
    tx = Transaction()
    alerts = notify.send_to_address(
        "notice.participant-suspended",
        {
            "agency": agency,
            "count": len(pending),
            "reason": body.reason,
            "decisions": "; ".join(
                f"{d.decision_id} ({d.kind}, {clock.iso(d.deadline)})"
                for d in pending[:LISTED_DECISIONS]
            )
            or "—",
        },
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        tx=tx,
    )
    suspension = {
        "reason": body.reason,
        "at": clock.now_iso(),
        "by": operator.user_id,
        "pendingDecisions": [d.decision_id for d in pending],
        "alertMessages": alerts,
    }
    webhooks.pause(tx, agency, basis=body.reason)
    item = _change(
        tx,
        agency,
        current,
        {"status": "suspended", "warning": current["warning"], "suspension": suspension},
        operator,
        "participant-suspended",
        before={"status": "warned", "warning": current["warning"]},
        after={"status": "suspended", "pendingDecisions": len(pending)},
        reason=body.reason,
        event=SUSPENDED,
        told={"suspendedAt": suspension["at"]},
    )
    return Standing.model_validate(item)


def _pending(agency: str) -> list[exchange.Decision]:
    found: list[exchange.Decision] = []
    cursor = None
    while True:
        page = exchange.decisions(agency, "pending", cursor=cursor, limit=100)
        found += page.items
        if not page.cursor:
            return found
        cursor = page.cursor


def lift(agency: str, body: Reason, operator: Principal) -> Standing:
    current = _known(agency)
    if current["status"] != "suspended":
        raise Conflict("governance.not-suspended", field="agency")
    tx = Transaction()
    webhooks.resume(tx, agency)
    now = clock.now_iso()
    item = _change(
        tx,
        agency,
        current,
        {"status": "good", "updatedAt": now},
        operator,
        "participant-suspension-lifted",
        before={"status": "suspended", "suspension": current["suspension"]},
        after={"status": "good"},
        reason=body.reason,
        event=REINSTATED,
        told={"liftedAt": now},
    )
    released = webhooks.release_now(agency)
    return Standing.model_validate({**item, "releasedWebhooks": released})


# ---------------------------------------------------------------- the applicant's view


def my_applications(
    owner: str, lang: i18n.Lang, cursor: str | None, limit: int
) -> applications.ApplicationPage:
    """The cabinet's applications, each with the steps that will wait on an agency's announced
    maintenance (its pending decisions at an agency with a window not yet over)."""
    page = applications.of_owner(owner, lang, cursor, limit)
    windows = participants.windows()
    if not windows.items:
        return page
    for application in page.items:
        steps = exchange.waiting(owner, application.service, application.applicationId)
        application.waits += participants.waits(steps, lang, windows)
    return page
