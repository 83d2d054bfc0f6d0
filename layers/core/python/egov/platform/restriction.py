"""The operator restricts a user's access after unlawful access or a breach of the rules (A12).

A restriction takes effect at once: every request re-reads the account (`auth.principal`), so an
existing token is refused with 403 on its next use, and login is refused too. The operator
decides with the evidence in front of them: the user's refused access attempts, which
`auth.require` records under `ACCESS#<user id>` (G8). Restricting and lifting are conditional on
the status read before, and audited in the same transaction.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from egov.platform import audit, auth, clock, i18n
from egov.platform.audit_read import AuditPage, page_of
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Transaction
from egov.platform.text import CleanLines

i18n.register(
    {
        "restriction.already": {
            "az": "Hesaba giriş artıq məhdudlaşdırılıb",
            "en": "Access to this account is already restricted",
        },
        "restriction.none": {
            "az": "Bu hesaba giriş məhdudlaşdırılmayıb",
            "en": "Access to this account is not restricted",
        },
        "restriction.self": {
            "az": "Operator öz hesabını məhdudlaşdıra bilməz",
            "en": "An operator cannot restrict their own account",
        },
        "restriction.changed": {
            "az": "Hesab eyni vaxtda dəyişdirilib, yenidən yoxlayın",
            "en": "The account changed meanwhile, please try again",
        },
    }
)


class RestrictionRequest(BaseModel):
    model_config = ConfigDict(defer_build=True)

    reason: Annotated[str, CleanLines] = Field(min_length=3, max_length=1000)


class Restriction(BaseModel):
    model_config = ConfigDict(defer_build=True)

    reason: str
    at: str
    by: str


class AccountAccess(BaseModel):
    model_config = ConfigDict(defer_build=True)

    userId: str
    status: auth.Status
    restriction: Restriction | None = None


def _stored(user_id: str) -> dict[str, Any]:
    stored = auth.account(user_id)
    if stored is None:
        raise NotFound("account.not-found", field="userId")
    return stored


def restrict(user_id: str, request: RestrictionRequest, operator: auth.Principal) -> AccountAccess:
    if user_id == operator.user_id:
        raise Conflict("restriction.self", field="userId")
    stored = _stored(user_id)
    if stored["status"] == "restricted":
        raise Conflict("restriction.already", field="userId")
    restriction = Restriction(reason=request.reason, at=clock.now_iso(), by=operator.user_id)
    tx = Transaction()
    tx.update(
        auth.PLATFORM,
        *auth.account_key(user_id),
        {
            "status": "restricted",
            "restriction": restriction.model_dump(),
            "statusBeforeRestriction": stored["status"],
        },
        expected={"status": stored["status"]},
        conflict=Conflict("restriction.changed", field="userId"),
    )
    audit.record(
        tx,
        f"USER#{user_id}",
        "access-restricted",
        operator.actor,
        owner=user_id,
        before={"status": stored["status"]},
        after={"status": "restricted"},
        basis=request.reason,
    )
    tx.commit()
    return AccountAccess(userId=user_id, status="restricted", restriction=restriction)


def lift(user_id: str, operator: auth.Principal) -> AccountAccess:
    stored = _stored(user_id)
    if stored["status"] != "restricted":
        raise Conflict("restriction.none", field="userId")
    restored = stored.get("statusBeforeRestriction", "active")
    tx = Transaction()
    tx.update(
        auth.PLATFORM,
        *auth.account_key(user_id),
        {"status": restored},
        expected={"status": "restricted"},
        conflict=Conflict("restriction.changed", field="userId"),
        remove=("restriction", "statusBeforeRestriction"),
    )
    audit.record(
        tx,
        f"USER#{user_id}",
        "access-restriction-lifted",
        operator.actor,
        owner=user_id,
        before={"status": "restricted", "restriction": stored.get("restriction")},
        after={"status": restored},
    )
    tx.commit()
    return AccountAccess(userId=user_id, status=restored)


def refusals(user_id: str, cursor: str | None, limit: int) -> AuditPage:
    """The user's refused access attempts, newest first (G8)."""
    _stored(user_id)
    return page_of(
        audit.AUDIT.query(
            auth.access_subject(user_id), cursor=cursor, limit=limit, newest_first=True
        )
    )
