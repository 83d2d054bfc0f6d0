"""The Center's decisions: suspend, restore or revoke on a recorded basis (E13, E15).

Only Center staff write the registry (seed 001 §5.5.1). A basis is one of

- a holder's application (`application`), which the decision closes: it leaves the Center's
  task list (`holder_requests`); a suspension applied for with dates ("Dayandırılsın __-dən
  __-dək", annex item 5.5) cannot start before its first day and ends after its last;
- a holder's compromise report (`compromise-report`), which the first decision takes off the
  task list and which stays the basis of later ones (suspend, then revoke `keyCompromise`);
- the Center's own initiative (`center-initiative`, §3.1: "Mərkəz ... Qanununun 13-cü və 14-cü
  maddələrində müəyyən edilmiş hallarda onun qüvvəsini dayandıra, bərpa və ya ləğv edə bilər"):
  the Center's reference as the id and the case of the Law as `grounds`, kept as
  `INITIATIVE#<id>` with the decision.

A suspension with a last day arms the `suspension-end` timer; when that day is over the
certificate is restored (`end_suspension`) unless it changed since.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from egov.certificates import notices, registry, timers
from egov.certificates.models import (
    Action,
    ApplicationRecord,
    Basis,
    CenterAction,
    Certificate,
    StoredReport,
)
from egov.certificates.registry import CERTIFICATES, load, stored_as
from egov.platform import audit, calendar, clock
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Forbidden, Invalid, NotFound
from egov.platform.repository import Transaction

Part = Callable[[Transaction], None]


def _check_center(cert: Certificate, staff: Principal) -> None:
    if staff.agency != cert.center:
        raise Forbidden("certificates.other-center")


def act(serial: str, action: Action, body: CenterAction, staff: Principal) -> Certificate:
    """Center staff suspend, restore or revoke on a holder's request or their own initiative."""
    cert, _ = load(serial)
    _check_center(cert, staff)
    if action == "revoke" and body.reason is None:
        raise Invalid("certificates.reason-required", field="reason")
    extra, via, until = _basis_check(serial, action, body, staff)
    after = registry.transition(cert, action, body.basis, "center", body.reason, until)
    registry.commit(
        cert,
        after,
        f"certificate-{action}",
        staff.actor,
        extra,
        lambda tx: notices.tell_holder(tx, after, f"notice.certificate-{after.status}"),
        lambda tx: notices.tell_embassies(tx, after, via),
        lambda tx: _arm_end(tx, after),
    )
    return after


def _arm_end(tx: Transaction, cert: Certificate) -> None:
    """The suspension-end timer of a suspension with a last day, part of the suspension."""
    if cert.suspended_until:
        end = _restored_at(cert.suspended_until)
        timers.arm(cert.serial, end, "suspension-end", str(cert.version), tx=tx)


def _restored_at(until: date) -> datetime:
    """The first instant after the last day of the suspension (Baku)."""
    return calendar.end_of_day(until) + timedelta(microseconds=1)


def end_suspension(serial: str, version: str) -> Certificate | None:
    """The `suspension-end` timer woke: restore the certificate if it is still the suspension
    that ended (same version), as the Center decided when it suspended."""
    cert, _ = load(serial)
    until = cert.suspended_until
    if cert.status != "suspended" or str(cert.version) != version or until is None:
        return None
    if _restored_at(until) > clock.now():
        return None
    basis = Basis(kind="suspension-end", id=until.isoformat())
    after = registry.transition(cert, "restore", basis, "system")
    return registry.commit(
        cert,
        after,
        "certificate-restore",
        audit.Actor.system("suspension-end"),
        lambda tx: notices.tell_holder(tx, after, "notice.certificate-active"),
        lambda tx: notices.tell_embassies(tx, after),
    )


def _take_off_task_list(serial: str, sk: str, expected: dict[str, Any] | None) -> Part:
    def close(tx: Transaction) -> None:
        tx.update(
            CERTIFICATES,
            f"CERT#{serial}",
            sk,
            {"status": "decided", "decidedAt": clock.now_iso()},
            expected=expected,
            remove=("gsi3pk", "gsi3sk"),
            conflict=Conflict("certificates.basis-mismatch", field="basis.id"),
        )

    return close


def _basis_check(
    serial: str, action: Action, body: CenterAction, staff: Principal
) -> tuple[Part, str | None, date | None]:
    """The basis must exist for this certificate (module docstring). Returns what goes with the
    decision, the embassy the basis was addressed to, which must hear of it (E13), and the last
    day of a suspension."""
    basis = body.basis
    if body.until and (basis.kind != "center-initiative" or action != "suspend"):
        raise Invalid("certificates.until-only-suspension", field="until")
    if basis.kind == "center-initiative":
        if not body.grounds:
            raise Invalid("certificates.grounds-required", field="grounds")
        if body.until and body.until < calendar.today():
            raise Invalid("certificates.until-before-from", field="until")

        def record(tx: Transaction) -> None:
            tx.put(
                CERTIFICATES,
                {
                    "pk": f"CERT#{serial}",
                    "sk": f"INITIATIVE#{basis.id}",
                    "action": action,
                    "grounds": body.grounds,
                    "reason": body.reason,
                    "until": body.until.isoformat() if body.until else None,
                    "by": staff.user_id,
                    "at": clock.now_iso(),
                },
                conflict=Conflict("certificates.basis-mismatch", field="basis.id"),
            )

        return record, None, body.until
    if basis.kind == "compromise-report":
        item = CERTIFICATES.get(f"CERT#{serial}", f"REPORT#{basis.id}")
        if not item:
            raise NotFound("certificates.basis-unknown", field="basis.id")
        report = stored_as(StoredReport, item)
        via = report.embassy if report.addressed_to == "embassy" else None
        return _take_off_task_list(serial, f"REPORT#{basis.id}", None), via, None
    if basis.kind != "application":
        raise Invalid("field.invalid", field="basis.kind")
    item = CERTIFICATES.get(f"CERT#{serial}", f"APP#{basis.id}")
    if not item:
        raise NotFound("certificates.basis-unknown", field="basis.id")
    application = stored_as(ApplicationRecord, item)
    if application.action != action or application.status != "open":
        raise Conflict("certificates.basis-mismatch", field="basis.id")
    first = application.from_day
    if first and first > calendar.today():
        raise Conflict("certificates.not-yet", field="basis.id", params={"day": first.isoformat()})
    return (
        _take_off_task_list(serial, f"APP#{basis.id}", {"status": "open"}),
        application.embassy if application.addressed_to == "embassy" else None,
        application.until,
    )
