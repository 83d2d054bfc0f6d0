"""Fixed-window rate limits kept in DynamoDB, so that every Lambda instance shares the count.

One atomic counter per subject and window (`ADD`, then compare): one write per use and no
read-modify-write race. Windows are in real seconds, whatever the demo clock does, because what
they protect (a gateway's SMS bill, a public endpoint) lives in real time. Refused uses count
too, so hammering does not shorten the wait.
"""

from __future__ import annotations

import time

from egov.platform.problems import RateLimited
from egov.platform.repository import Table


def take(
    table: Table,
    subject: str,
    *,
    limit: int,
    window_seconds: int,
    key: str,
    field: str | None = None,
) -> None:
    """Count one use of `subject`; past `limit` in this window, a 429 (problem `key`, naming
    `field`) whose `Retry-After` and `{seconds}` say when the next window begins."""
    if count(table, subject, window_seconds=window_seconds) > limit:
        raise _refusal(window_seconds, key, field)


def count(table: Table, subject: str, *, window_seconds: int) -> int:
    """Count one use of `subject` in this window; the uses so far, this one included."""
    window = int(time.time()) // window_seconds
    return table.increment(_key(subject, window), "RATE", expires_at=(window + 2) * window_seconds)


def refuse_if_spent(
    table: Table,
    subject: str,
    *,
    limit: int,
    window_seconds: int,
    key: str,
    field: str | None = None,
) -> None:
    """The 429 of `take` if `subject` has had `limit` uses in this window, counting none: for
    limits on failures, which are counted (`count`) only once they happened."""
    window = int(time.time()) // window_seconds
    used = table.get(_key(subject, window), "RATE")
    if used and int(used["count"]) >= limit:
        raise _refusal(window_seconds, key, field)


def _key(subject: str, window: int) -> str:
    return f"RATE#{subject}#{window}"


def _refusal(window_seconds: int, key: str, field: str | None) -> RateLimited:
    now = int(time.time())
    seconds = (now // window_seconds + 1) * window_seconds - now
    return RateLimited(
        key,
        field=field,
        params={"seconds": seconds},
        headers={"Retry-After": str(seconds)},
    )
