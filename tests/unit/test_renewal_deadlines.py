"""The renewal's 30-day timers (R7, R8): calendar days, Baku dates, across month ends (G4)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from egov.platform import calendar
from egov.platform.clock import BAKU
from egov.renewal import deadlines


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        (datetime(2027, 1, 31, 10, tzinfo=BAKU), date(2027, 3, 2)),  # over a 28-day February
        (datetime(2028, 1, 31, 10, tzinfo=BAKU), date(2028, 3, 1)),  # a leap February
        (datetime(2026, 12, 15, 23, 30, tzinfo=BAKU), date(2027, 1, 14)),  # across the year
        (datetime(2027, 3, 20, 9, tzinfo=BAKU), date(2027, 4, 19)),  # Novruz is a day like any
    ],
)
def test_the_head_has_30_calendar_days(sent: datetime, due: date) -> None:
    """R7: "30 gün ərzində": holidays and weekends count; the deadline is the day's last instant."""
    deadline = deadlines.attorney(sent)
    assert calendar.baku_day(deadline) == due
    assert deadline == calendar.end_of_day(due)


@pytest.mark.parametrize(
    ("expires", "due"),
    [
        (datetime(2026, 12, 20, 12, tzinfo=BAKU), date(2027, 1, 19)),
        (datetime(2027, 1, 30, 12, tzinfo=BAKU), date(2027, 3, 1)),
        (datetime(2027, 2, 28, 0, 30, tzinfo=BAKU), date(2027, 3, 30)),
    ],
)
def test_activation_is_due_30_days_after_the_old_certificate_expires(
    expires: datetime, due: date
) -> None:
    """R8: counted from the Baku day the old certificate expires."""
    assert calendar.baku_day(deadlines.activation(expires)) == due


def test_an_expiry_just_after_baku_midnight_counts_from_that_baku_day() -> None:
    """R8: 00:30 Baku on 1 March is 20:30 UTC on 28 February; the count starts on 1 March."""
    expires = datetime(2027, 3, 1, 0, 30, tzinfo=BAKU)
    assert calendar.baku_day(deadlines.activation(expires)) == date(2027, 3, 31)
