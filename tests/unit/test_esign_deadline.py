"""The silent-consent deadline of the e-sign review (E6, G4), computed at submission."""

from __future__ import annotations

from datetime import UTC, datetime

from egov.esign.filing import review_deadline
from egov.platform.clock import BAKU


def test_e6_deadline_is_the_end_of_the_third_business_day() -> None:
    """E6: filed on Monday 16 Nov 2026 → Thursday 19 Nov, 23:59:59 Baku."""
    deadline = review_deadline(datetime(2026, 11, 16, 10, 0, tzinfo=BAKU))
    assert deadline.astimezone(BAKU).date().isoformat() == "2026-11-19"
    assert deadline.astimezone(BAKU).strftime("%H:%M:%S") == "23:59:59"


def test_e6_filed_before_novruz_the_deadline_lands_after_the_holiday() -> None:
    """E6, G4: filed on Wed 18 March 2026, day 1 is Thu 19 March; Novruz and Ramazan bayram
    (with the observed days) close 20–30 March, so days 2 and 3 are 31 March and 1 April."""
    deadline = review_deadline(datetime(2026, 3, 18, 10, 0, tzinfo=BAKU))
    assert deadline == datetime(2026, 4, 1, 19, 59, 59, 999999, tzinfo=UTC)


def test_e6_filed_on_saturday_the_count_starts_the_day_after() -> None:
    """E6, G4 (issue 12 item 11): "3 (üç) iş günü müddətində" (seed 001 §2.8). The day of
    the filing never counts and counting starts the day after it, whatever day that is: filed
    on Saturday 14 Nov 2026, Sunday is not a business day, so days 1–3 are Monday 16, Tuesday 17
    and Wednesday 18 November; the deadline is the end of Wednesday."""
    deadline = review_deadline(datetime(2026, 11, 14, 12, 0, tzinfo=BAKU))
    assert deadline.astimezone(BAKU).date().isoformat() == "2026-11-18"
