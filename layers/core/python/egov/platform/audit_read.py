"""Reading the audit trail (G1, G8): a subject's trail, and the entries about a person for that
person.

Who reads a subject's trail (issue 10 item 3): the operator every subject; its owner (the person
the subject's entries are about); the staff (officer, Center, agency system) of an agency that
handles the subject. A service says which agencies handle its subjects with `handled_by`; a kind
nobody registered (`USER#`, `ACCESS#`, `ATTACHMENT#`, …) is its owner's and the operator's only.

Reading is all there is: no route edits or deletes an entry, and no function's IAM policy
allows UpdateItem or DeleteItem on the audit table (tests/functional/platform/test_audit_read.py proves the
latter from the template).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict, Field

from egov.platform import audit, auth
from egov.platform.problems import Invalid
from egov.platform.repository import Page

# `USER#<id>`, `APPLICATION#<service>#<id>`…: an upper-case kind, then the key of the thing.
SUBJECT = re.compile(r"[A-Z][A-Z0-9_-]{0,39}#[^\s]{1,200}")
MAX_PAGE = 100


class AuditEntry(BaseModel):
    model_config = ConfigDict(defer_build=True)

    subject: str
    at: str
    action: str
    actorId: str
    actorRole: str
    owner: str | None = None
    correlationId: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    basis: str | None = None


class BrokenChain(BaseModel):
    model_config = ConfigDict(defer_build=True)

    subject: str
    problems: list[str]


class AuditPage(BaseModel):
    model_config = ConfigDict(defer_build=True)

    items: list[AuditEntry]
    cursor: str | None = None
    brokenChains: list[BrokenChain] = Field(
        default_factory=list,
        description="Subjects on this page whose hash chain does not verify: an entry was "
        "edited or removed (issue 10 item 6); empty when every chain is intact",
    )


def _entry(item: dict[str, Any]) -> AuditEntry:
    owner = item.get("gsi1pk")
    return AuditEntry(
        subject=item["pk"],
        at=item["at"],
        action=item["action"],
        actorId=item["actorId"],
        actorRole=item["actorRole"],
        owner=owner.removeprefix("OWNER#") if owner else None,
        correlationId=item.get("correlationId"),
        before=item.get("before"),
        after=item.get("after"),
        basis=item.get("basis"),
    )


def page_of(page: Page) -> AuditPage:
    """The page, with the chain of every subject on it checked (`audit.check`)."""
    checks = [audit.check(subject) for subject in sorted({item["pk"] for item in page.items})]
    return AuditPage(
        items=[_entry(item) for item in page.items],
        cursor=page.cursor,
        brokenChains=[
            BrokenChain(subject=c.subject, problems=c.problems) for c in checks if not c.intact
        ],
    )


def subject_from_path(raw: str) -> str:
    """The subject as it arrives in a path (`USER%23abc` or `USER#abc`), checked."""
    subject = unquote(raw)
    if not SUBJECT.fullmatch(subject):
        raise Invalid("field.invalid", field="subject")
    return subject


def of_subject(subject: str, cursor: str | None, limit: int) -> AuditPage:
    return page_of(audit.AUDIT.query(subject, cursor=cursor, limit=limit, newest_first=True))


def of_owner(owner: str, cursor: str | None, limit: int) -> AuditPage:
    return page_of(audit.trail_of_owner(owner, cursor=cursor, limit=limit))


HandledBy = Callable[[str], Collection[str]]
"""The key of a subject (after `KIND#`) → the codes of the agencies that handle it."""
_HANDLERS: dict[str, HandledBy] = {}


def handled_by(kind: str, agencies: HandledBy) -> None:
    """Let the staff of `agencies(key)` read the trail of subjects `<kind>#<key>` (G8)."""
    _HANDLERS[kind] = agencies


handled_by("AGENCY", lambda code: (code,))
handled_by("CENTER", lambda code: (code,))


def may_read(caller: auth.Principal, subject: str) -> bool:
    if caller.role == "operator":
        return True
    kind, _, key = subject.partition("#")
    handlers = _HANDLERS.get(kind)
    if caller.role in auth.STAFF and handlers and caller.agency in handlers(key):
        return True
    newest = audit.AUDIT.query(subject, limit=1, newest_first=True).items
    return bool(newest) and newest[0].get("gsi1pk") == f"OWNER#{caller.user_id}"
