"""The renewal window (R3): an application may be sent only while the certificate is active and
only in the 30 calendar days before it expires, counted in Baku dates.

A certificate that expires on day D (its last valid instant falls on D in Asia/Baku) can be
renewed from D − 30 to D: one expiring 2026-12-20 from 2026-11-20. Counting calendar days
backwards crosses month ends as the calendar does (expiring 1 March 2027 → from 30 January).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from egov.platform import calendar

WINDOW_DAYS = 30
Closed = Literal["not-active", "not-yet", "expired"]


class Window(BaseModel):
    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    open: bool
    opens_on: date
    expires_on: date
    closed_because: Closed | None = None


def window(status: str, valid_to: datetime, now: datetime) -> Window:
    """Whether a certificate of `status`, valid until `valid_to`, may be renewed at `now`."""
    expires_on = calendar.baku_day(valid_to)
    opens_on = expires_on - timedelta(days=WINDOW_DAYS)
    reason: Closed | None = None
    if status != "active":
        reason = "not-active"
    elif now > valid_to:
        reason = "expired"
    elif calendar.baku_day(now) < opens_on:
        reason = "not-yet"
    return Window(
        open=reason is None, opens_on=opens_on, expires_on=expires_on, closed_because=reason
    )
