"""Sliding-window rate limits kept in DynamoDB, so that every Lambda instance shares them.

"At most `limit` uses in any `window_seconds`" holds exactly, at every moment: one item per
subject keeps the moments of its recent uses (at most as many as the limit needs), and a use
is recorded only by a write conditional on the item's version as read, so concurrent uses of one
subject serialise and none is lost or double-counted (issue 18: fixed windows let a burst at
the end of one window and the start of the next through, and made a test that crossed a window
boundary flaky). A refusal's `Retry-After` is the moment the oldest use leaves the window.

Windows are in real seconds, whatever the demo clock does (`clock.real_now`), because what they
protect (a gateway's SMS bill, a public endpoint) lives in real time.
"""

from __future__ import annotations

import math

from egov.platform import clock
from egov.platform.problems import Conflict, RateLimited
from egov.platform.repository import Item, Table

SK = "RATE"
# Rounds of read-then-conditional-write one use may lose to concurrent uses of the same subject
# before it is refused like an over-limit use: each round one of the racers wins.
TRIES = 32


class _Moved(Conflict):
    """The subject's uses changed between the read and the write."""


def take(
    table: Table,
    subject: str,
    *,
    limit: int,
    window_seconds: int,
    key: str,
    field: str | None = None,
) -> None:
    """Record one use of `subject`, or, if it already had `limit` in the last `window_seconds`,
    a 429 (problem `key`, naming `field`) whose `Retry-After` and `{seconds}` say when the
    oldest of them leaves the window. A refused use is not recorded: it cost nothing."""
    for _ in range(TRIES):
        now = _now()
        item = table.get(_key(subject), SK)
        uses = _recent(item, now, window_seconds)
        if len(uses) >= limit:
            raise _refusal(uses[-limit], now, window_seconds, key, field)
        if _record(table, subject, item, [*uses, now], now + window_seconds):
            return
    moment = _now()
    raise _refusal(moment, moment, 1, key, field)


def count(table: Table, subject: str, *, window_seconds: int, keep: int) -> int:
    """Record one use of `subject` (a failure, say); how many it had in the last
    `window_seconds`, this one included, counting at most the newest `keep`."""
    for _ in range(TRIES):
        now = _now()
        item = table.get(_key(subject), SK)
        uses = [*_recent(item, now, window_seconds), now][-keep:]
        if _record(table, subject, item, uses, now + window_seconds):
            return len(uses)
    return keep


def refuse_if_spent(
    table: Table,
    subject: str,
    *,
    limit: int,
    window_seconds: int,
    key: str,
    field: str | None = None,
) -> None:
    """The 429 of `take` if `subject` had `limit` uses in the last `window_seconds`, recording
    none: for limits on failures, which are recorded (`count`) only once they happened."""
    now = _now()
    uses = _recent(table.get(_key(subject), SK), now, window_seconds)
    if len(uses) >= limit:
        raise _refusal(uses[-limit], now, window_seconds, key, field)


def _now() -> float:
    return clock.real_now().timestamp()


def _key(subject: str) -> str:
    return f"RATE#{subject}"


def _recent(item: Item | None, now: float, window_seconds: int) -> list[float]:
    """The moments of the uses still inside the window, oldest first."""
    return sorted(float(at) for at in (item or {}).get("uses", []) if at > now - window_seconds)


def _record(table: Table, subject: str, read: Item | None, uses: list[float], ttl: float) -> bool:
    """Store `uses` if nobody changed the subject's item since `read`; whether it was stored.
    `expiresAt` lets the table's TTL remove the item once its last use left the window."""
    version = int(read["version"]) if read else 0
    changes = {"uses": uses, "version": version + 1, "expiresAt": math.ceil(ttl)}
    if read is None:
        return table.put_new({"pk": _key(subject), "sk": SK, **changes})
    try:
        table.update(
            _key(subject),
            SK,
            changes,
            expected={"version": version},
            conflict=_Moved("ratelimit.moved"),
        )
    except _Moved:
        return False
    return True


def _refusal(
    oldest: float, now: float, window_seconds: int, key: str, field: str | None
) -> RateLimited:
    seconds = max(1, math.ceil(oldest + window_seconds - now))
    return RateLimited(
        key,
        field=field,
        params={"seconds": seconds},
        headers={"Retry-After": str(seconds)},
    )
