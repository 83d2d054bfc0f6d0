"""Rate limits hold in any window, not per fixed window, and under concurrent uses (issue 18
§2; P2, P3, E14)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from egov.platform import clock, ratelimit
from egov.platform.problems import RateLimited
from egov.platform.repository import Table
from tests.conftest import LocalAws

TABLE = Table("PRODUCERS_TABLE")
BOUNDARY = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # a multiple of every window below


@pytest.fixture
def moment(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The real-time clock the limits read, moved by the test."""
    now = [BOUNDARY - timedelta(seconds=1)]
    monkeypatch.setattr(clock, "real_now", lambda: now[0])
    return now


def take(subject: str = "SMSCODE#+994501234567") -> None:
    ratelimit.take(TABLE, subject, limit=3, window_seconds=600, key="k", field="mobile")


def refused_for(subject: str = "SMSCODE#+994501234567") -> int:
    with pytest.raises(RateLimited) as refused:
        take(subject)
    assert refused.value.params["seconds"] == int(refused.value.headers["Retry-After"])
    return int(refused.value.headers["Retry-After"])


def test_the_limit_holds_across_a_window_boundary(
    local_aws: LocalAws, moment: list[datetime]
) -> None:
    """Three uses a second before the boundary; two seconds later (where a fixed window starts
    a fresh count) the fourth is still refused, until the first use is ten minutes old. A
    refused use is not recorded, so asking again does not push the wait further."""
    for _ in range(3):
        take()
    moment[0] = BOUNDARY + timedelta(seconds=1)
    assert refused_for() == 598
    moment[0] = BOUNDARY + timedelta(seconds=598)
    assert refused_for() == 1
    moment[0] = BOUNDARY + timedelta(seconds=599)
    for _ in range(3):
        take()
    assert refused_for() == 600
    take("SMSCODE#+994552345678")  # another subject has its own count


def test_uses_spread_over_the_window_leave_it_one_by_one(
    local_aws: LocalAws, moment: list[datetime]
) -> None:
    for step in range(3):
        moment[0] = BOUNDARY + timedelta(seconds=100 * step)
        take()
    moment[0] = BOUNDARY + timedelta(seconds=650)
    take()  # the use at 0 s has left the window
    assert refused_for() == 50  # the one at 100 s leaves at 700 s


def test_concurrent_uses_never_exceed_the_limit(
    local_aws: LocalAws, moment: list[datetime]
) -> None:
    """Twelve uses of one subject at once: exactly the limit pass, the rest are 429s, as the
    conditional write makes the racers take turns."""

    def attempt(_: int) -> bool:
        try:
            take()
        except RateLimited:
            return False
        return True

    with ThreadPoolExecutor(max_workers=12) as pool:
        passed = list(pool.map(attempt, range(12)))
    assert sum(passed) == 3


def test_failures_are_counted_in_a_sliding_window(
    local_aws: LocalAws, moment: list[datetime]
) -> None:
    """`count` records each failure and says how many fell in the window (at most `keep`);
    `refuse_if_spent` refuses once `limit` did, recording nothing."""
    subject = "LOGIN-SOURCE#192.0.2.7"
    counts = [ratelimit.count(TABLE, subject, window_seconds=600, keep=3) for _ in range(4)]
    assert counts == [1, 2, 3, 3]
    moment[0] = BOUNDARY + timedelta(seconds=1)
    with pytest.raises(RateLimited) as refused:
        ratelimit.refuse_if_spent(TABLE, subject, limit=3, window_seconds=600, key="k")
    assert refused.value.headers["Retry-After"] == "598"
    moment[0] = BOUNDARY + timedelta(seconds=599)
    ratelimit.refuse_if_spent(TABLE, subject, limit=3, window_seconds=600, key="k")
    assert ratelimit.count(TABLE, subject, window_seconds=600, keep=3) == 1
