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
    now = int(time.time())
    window = now // window_seconds
    used = table.increment(
        f"RATE#{subject}#{window}", "RATE", expires_at=(window + 2) * window_seconds
    )
    if used > limit:
        seconds = (window + 1) * window_seconds - now
        raise RateLimited(
            key,
            field=field,
            params={"seconds": seconds},
            headers={"Retry-After": str(seconds)},
        )
