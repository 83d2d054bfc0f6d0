"""The renewal window (R3): active only, the 30 calendar days before expiry, Baku dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from egov.platform.clock import BAKU
from egov.renewal.window import window


def baku(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BAKU)


EXPIRES = baku(2026, 12, 20, 10, 0)


@pytest.mark.parametrize(
    ("now", "is_open", "because"),
    [
        (baku(2026, 11, 19, 23, 59, 59), False, "not-yet"),
        (baku(2026, 11, 20, 0, 0), True, None),  # the seed's example: opens on 20 November
        (baku(2026, 12, 20, 9, 59), True, None),
        (baku(2026, 12, 20, 10, 0, 1), False, "expired"),
    ],
)
def test_window_opens_30_days_before_expiry(now: datetime, is_open: bool, because: str) -> None:
    """R3: expiring 2026-12-20 → the window opens 2026-11-20 and closes at expiry."""
    shown = window("active", EXPIRES, now)
    assert (shown.open, shown.closed_because) == (is_open, because)
    assert (shown.opens_on, shown.expires_on) == (date(2026, 11, 20), date(2026, 12, 20))


@pytest.mark.parametrize("status", ["suspended", "revoked", "expired"])
def test_only_an_active_certificate_can_be_renewed(status: str) -> None:
    """R3: "only while the certificate is active", even inside the 30 days."""
    shown = window(status, EXPIRES, baku(2026, 12, 1))
    assert (shown.open, shown.closed_because) == (False, "not-active")


@pytest.mark.parametrize(
    ("expires", "opens"),
    [
        (baku(2027, 3, 1, 12), date(2027, 1, 30)),  # back across a 28-day February
        (baku(2028, 3, 1, 12), date(2028, 1, 31)),  # a leap year's February has 29
        (baku(2026, 3, 31, 12), date(2026, 3, 1)),
        (baku(2027, 1, 15, 12), date(2026, 12, 16)),  # across the year's end
    ],
)
def test_month_ends_count_calendar_days(expires: datetime, opens: date) -> None:
    """R3, G4: 30 calendar days, whatever the months' lengths."""
    assert window("active", expires, expires).opens_on == opens


def test_the_days_are_baku_days() -> None:
    """R3: an expiry at 01:30 Baku on the 20th is 21:30 UTC on the 19th, and still the 20th."""
    expires = baku(2026, 12, 20, 1, 30)
    shown = window("active", expires, baku(2026, 11, 20, 0, 5))
    assert shown.expires_on == date(2026, 12, 20) and shown.open
    assert not window("active", expires, baku(2026, 11, 19, 23, 55)).open
