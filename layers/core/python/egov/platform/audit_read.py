"""Reading the audit trail (G1, G8): a subject's trail for officers and operators, and the
entries about a person for that person.

Reading is all there is: no route edits or deletes an entry, and no function's IAM policy
allows UpdateItem or DeleteItem on the audit table (tests/unit/test_audit_read.py proves the
latter from the template).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel, Field

from egov.platform import audit
from egov.platform.problems import Invalid
from egov.platform.repository import Page

# `USER#<id>`, `APPLICATION#<service>#<id>`…: an upper-case kind, then the key of the thing.
SUBJECT = re.compile(r"[A-Z][A-Z0-9_-]{0,39}#[^\s]{1,200}")
MAX_PAGE = 100


class AuditEntry(BaseModel):
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
    subject: str
    problems: list[str]


class AuditPage(BaseModel):
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
