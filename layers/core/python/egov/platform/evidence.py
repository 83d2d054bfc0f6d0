"""The message log of the agency exchange (G3, G1, DESIGN rule 6), in the style of X-Road's.

Every exchange with an agency, in both directions, is kept as it happened: each webhook attempt
(the exact body, the Standard Webhooks headers with the signature, the agency's status and answer,
timings) and each callback (the body, who sent it, what the platform answered). Entries live in
the audit table, which no function may update or delete, under `EVIDENCE#<decisionId>`, in time
order; each keeps the SHA-256 of its body so a copy held by the agency can be matched to it.
Credentials (the caller's bearer token) are never stored, nor is the workflow's task token, which
is in no exchange.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from egov.platform import clock
from egov.platform.observability import correlation_id
from egov.platform.repository import Table

AUDIT = Table("AUDIT_TABLE")
KEPT_HEADERS = frozenset(
    {"content-type", "webhook-id", "webhook-timestamp", "webhook-signature", "user-agent"}
)


class Exchange(BaseModel):
    """One message and its answer."""

    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    decision_id: str | None = None
    webhook_id: str | None = None
    direction: Literal["out", "in"]
    channel: Literal["webhook", "callback"]
    agency: str
    actor: str = Field(description="Who sent it: system:webhooks, or the agency user's id")
    actor_role: str | None = None
    method: str
    url: str
    request_headers: dict[str, str] = Field(default_factory=dict)
    request_body: str | None = None
    response_status: int | None = None
    response_body: str | None = None
    duration_ms: float | None = None
    attempt: int | None = None
    error: str | None = None
    next_attempt_in: int | None = Field(
        default=None, description="Seconds until the next attempt of a failed webhook"
    )


class Entry(Exchange):
    at: datetime
    body_sha256: str | None = None
    correlation_id: str | None = None


class Log(BaseModel):
    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    items: list[Entry]
    cursor: str | None = None


def _subject(exchange: Exchange) -> str:
    if exchange.decision_id:
        return f"EVIDENCE#{exchange.decision_id}"
    return f"EVIDENCE#WEBHOOK#{exchange.webhook_id}"


def record(exchange: Exchange) -> None:
    at = clock.now_iso()
    headers = {k.lower(): v for k, v in exchange.request_headers.items()}
    kept = exchange.model_copy(
        update={"request_headers": {k: v for k, v in headers.items() if k in KEPT_HEADERS}}
    )
    body = exchange.request_body
    item = {
        "pk": _subject(exchange),
        # Exchanges of one second keep their order: the wall clock's nanoseconds, then a tiebreak.
        "sk": f"{at}#{time.time_ns():020d}#{uuid.uuid4().hex[:6]}",
        "at": at,
        "bodySha256": hashlib.sha256(body.encode()).hexdigest() if body is not None else None,
        "correlationId": correlation_id(),
        **kept.model_dump(mode="json", by_alias=True, exclude_none=True),
    }
    AUDIT.put_new(item)


def of_decision(decision_id: str, cursor: str | None = None, limit: int = 50) -> Log:
    page = AUDIT.query(f"EVIDENCE#{decision_id}", cursor=cursor, limit=limit)
    return Log(items=[Entry.model_validate(i) for i in page.items], cursor=page.cursor)


def deliveries(decision_id: str) -> Log:
    """Every webhook attempt about a decision, oldest first."""
    entries = (Entry.model_validate(i) for i in AUDIT.query_all(f"EVIDENCE#{decision_id}"))
    return Log(items=[e for e in entries if e.channel == "webhook"])
