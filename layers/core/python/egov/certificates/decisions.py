"""The Center's decisions: suspend, restore or revoke on a recorded basis (E13, E15)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from egov.certificates import notices, registry
from egov.certificates.models import Action, Basis, CenterAction, Certificate
from egov.certificates.registry import CERTIFICATES, load
from egov.platform import clock
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Forbidden, Invalid, NotFound
from egov.platform.repository import Transaction


def _check_center(cert: Certificate, staff: Principal) -> None:
    if staff.agency != cert.center:
        raise Forbidden("certificates.other-center")


def act(serial: str, action: Action, body: CenterAction, staff: Principal) -> Certificate:
    """Center staff suspend, restore or revoke, on a holder's application or a compromise report."""
    cert, _ = load(serial)
    _check_center(cert, staff)
    if action == "revoke" and body.reason is None:
        raise Invalid("certificates.reason-required", field="reason")
    extra, via = _basis_check(serial, action, body.basis)
    after = registry.transition(cert, action, body.basis, "center", body.reason)
    registry.commit(
        cert,
        after,
        f"certificate-{action}",
        staff.actor,
        extra,
        lambda tx: notices.tell_holder(tx, after, f"notice.certificate-{after.status}"),
        lambda tx: notices.tell_embassies(tx, after, via),
    )
    return after


def _addressed_embassy(item: dict[str, Any]) -> str | None:
    """The embassy a holder's application or report went through, if it went through one."""
    return item.get("embassy") if item.get("addressedTo") == "embassy" else None


def _basis_check(
    serial: str, action: Action, basis: Basis
) -> tuple[Callable[[Transaction], None], str | None]:
    """The basis must exist for this certificate; an application is closed by the decision.

    Also returns the embassy the basis was addressed to, which must hear of the decision (E13).
    """
    if basis.kind == "compromise-report":
        report = CERTIFICATES.get(f"CERT#{serial}", f"REPORT#{basis.id}")
        if not report:
            raise NotFound("certificates.basis-unknown", field="basis.id")
        return (lambda tx: None), _addressed_embassy(report)
    if basis.kind != "application":
        raise Invalid("field.invalid", field="basis.kind")
    application = CERTIFICATES.get(f"CERT#{serial}", f"APP#{basis.id}")
    if not application:
        raise NotFound("certificates.basis-unknown", field="basis.id")
    if application["action"] != action or application["status"] != "open":
        raise Conflict("certificates.basis-mismatch", field="basis.id")

    def close(tx: Transaction) -> None:
        tx.update(
            CERTIFICATES,
            f"CERT#{serial}",
            f"APP#{basis.id}",
            {"status": "decided", "decidedAt": clock.now_iso()},
            expected={"status": "open"},
            conflict=Conflict("certificates.basis-mismatch", field="basis.id"),
        )

    return close, _addressed_embassy(application)
