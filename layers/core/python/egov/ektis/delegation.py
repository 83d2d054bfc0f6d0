"""Who acts for a subject (A4, G8): its own account, or an employee the subject delegated a
right to (seed 004 §7.1.2.12); everyone else is refused, and the refusal is recorded.

Items (EKTIS_TABLE):
    DELEGATE#<subjectId> / <userId>    the employee's rights (none: withdrawn, item removed)
"""

from __future__ import annotations

from typing import NoReturn

from egov.ektis import subjects
from egov.ektis.models import Delegated, Delegation, Right, Subject
from egov.ektis.subjects import TABLE, subject_pk
from egov.platform import audit, auth, clock
from egov.platform.auth import Principal
from egov.platform.problems import Forbidden, Invalid
from egov.platform.repository import Transaction


def refuse(caller: Principal, subject: str, action: str) -> NoReturn:
    """403, with the attempt in the caller's access trail (G8, A12: the operator sees it)."""
    audit.append(
        auth.access_subject(caller.user_id),
        auth.ACCESS_REFUSED,
        caller.actor,
        owner=caller.user_id,
        after={"subject": subject, "action": action, "role": caller.role},
    )
    raise Forbidden("ektis.not-authorised")


def require_kind(subject: Subject, kind: str, field: str = "kinds") -> None:
    if kind not in subject.kinds:
        raise Forbidden("ektis.kind-required", field=field, params={"kind": kind})


def acting_for(caller: Principal, subject_id: str | None, right: Right) -> Subject:
    """The subject the caller acts for: their own (no id), or one that delegated `right`."""
    if subject_id is None:
        return subjects.of_owner(caller.user_id)
    subject = subjects.load(subject_id)
    if subject.owner == caller.user_id:
        return subject
    granted = TABLE.get(f"DELEGATE#{subject_id}", caller.user_id)
    if not granted or right not in granted.get("rights", []):
        refuse(caller, subject_pk(subject_id), right)
    return subject


def delegate(body: Delegation, caller: Principal) -> Delegated:
    """A supplier gives an employee's account rights to act for it, or withdraws them."""
    subject = subjects.of_owner(caller.user_id)
    require_kind(subject, "supplier")
    employee = auth.user_id_of_username(body.username)
    if not employee or employee == caller.user_id:
        raise Invalid("ektis.delegation.unknown-user", field="username")
    granted = Delegated(
        subject_id=subject.subject_id,
        username=body.username,
        rights=sorted(set(body.rights)),
        granted_at=clock.now(),
    )
    stored = granted.model_dump(mode="json", by_alias=True)
    tx = Transaction()
    if granted.rights:
        tx.put(TABLE, {"pk": f"DELEGATE#{subject.subject_id}", "sk": employee, **stored}, new=False)
    else:
        tx.delete(TABLE, f"DELEGATE#{subject.subject_id}", employee)
    audit.record(
        tx,
        subject_pk(subject.subject_id),
        "ektis-rights-delegated" if granted.rights else "ektis-rights-withdrawn",
        caller.actor,
        owner=caller.user_id,
        after={"employee": employee, **stored},
    )
    tx.commit()
    return granted
