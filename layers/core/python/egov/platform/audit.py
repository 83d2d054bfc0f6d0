"""The append-only audit trail (G1).

Every state change writes one entry: who, what, when, before/after and the correlation id. The
entry is put in the *same* transaction as the change it records, so neither exists without the
other. Entries are only ever created (`attribute_not_exists`); no function's IAM policy allows
UpdateItem or DeleteItem on the audit table, and no route edits it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from egov.platform import clock
from egov.platform.observability import correlation_id
from egov.platform.repository import Page, Table, Transaction

AUDIT = Table("AUDIT_TABLE")


@dataclass(frozen=True)
class Actor:
    """Who did it: a user id with the role they acted in, or the platform itself."""

    id: str
    role: str

    @classmethod
    def system(cls, component: str) -> Actor:
        return cls(id=f"system:{component}", role="system")


def entry(
    subject: str,
    action: str,
    actor: Actor,
    *,
    owner: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    basis: str | None = None,
) -> dict[str, Any]:
    moment = clock.now()
    at = clock.iso(moment)
    item: dict[str, Any] = {
        "pk": subject,
        # Microseconds in the key keep entries of the same second in the order they happened.
        "sk": f"{moment.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{uuid.uuid4().hex[:12]}",
        "at": at,
        "action": action,
        "actorId": actor.id,
        "actorRole": actor.role,
        "correlationId": correlation_id(),
        "before": dict(before) if before else None,
        "after": dict(after) if after else None,
        "basis": basis,
    }
    if owner:
        item["gsi1pk"] = f"OWNER#{owner}"
        item["gsi1sk"] = item["sk"]
    return item


def record(tx: Transaction, subject: str, action: str, actor: Actor, **kwargs: Any) -> None:
    """Add the audit entry of a change to the transaction that makes the change."""
    tx.put(AUDIT, entry(subject, action, actor, **kwargs))


def append(subject: str, action: str, actor: Actor, **kwargs: Any) -> None:
    """Record an event that changes no other item (e.g. a refused access attempt)."""
    AUDIT.put_new(entry(subject, action, actor, **kwargs))


def trail(subject: str, cursor: str | None = None, limit: int = 50) -> Page:
    return AUDIT.query(subject, cursor=cursor, limit=limit)


def trail_of_owner(owner: str, cursor: str | None = None, limit: int = 50) -> Page:
    return AUDIT.query(
        f"OWNER#{owner}", index="gsi1", cursor=cursor, limit=limit, newest_first=True
    )
