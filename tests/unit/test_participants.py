"""Participant governance rules without AWS (X11; Əsasnamə 6.0.10, 7.0.5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from egov.platform import calendar, clock, governance, participants, webhooks

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2029, 12, 31), timezones=st.just(UTC)
)


def baku(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=clock.BAKU)


@pytest.mark.parametrize(
    ("announced", "earliest"),
    [
        # Monday: Tue 8, Wed 9, Thu 10, Fri 11, Mon 14 are the five business days.
        ("2026-12-07T10:00", "2026-12-15T00:00"),
        # Late on Friday still counts from the day after: Mon 14 ... Fri 18.
        ("2026-12-11T23:59", "2026-12-19T00:00"),
        # New Year: Tue 29, Wed 30 December, then 31 December to 4 January are off (holidays,
        # the weekend, Saturday's holiday moved to Monday), then Tue 5, Wed 6, Thu 7 January.
        ("2026-12-28T09:00", "2027-01-08T00:00"),
    ],
)
def test_x11_works_may_start_only_after_five_whole_business_days(
    announced: str, earliest: str
) -> None:
    """7.0.5: "ən azı 5 (beş) iş günü əvvəl", counted on the platform calendar."""
    start = participants.earliest_start(baku(announced))
    assert start == baku(earliest).astimezone(UTC)


@settings(deadline=None, max_examples=100)
@given(moments)
def test_x11_the_notice_always_holds_five_business_days(announced: datetime) -> None:
    start = participants.earliest_start(announced)
    first, last = calendar.baku_day(announced), calendar.baku_day(start)
    between = [
        first + timedelta(days=n)
        for n in range(1, (last - first).days)
        if calendar.is_business_day(first + timedelta(days=n))
    ]
    assert len(between) == 5
    assert start.astimezone(clock.BAKU).time() == datetime.min.time()  # a day's first instant


def test_x11_the_notice_period_is_the_law_with_its_clause() -> None:
    period = calendar.period(participants.NOTICE_PERIOD)
    assert (period.days, period.kind, period.basis) == (5, "business", "law")
    assert "7.0.5" in period.source


def test_x11_an_announcement_needs_start_end_and_what_is_done() -> None:
    participants.Maintenance.model_validate(
        {"start": "2026-12-15T00:00:00+04:00", "end": "2026-12-15T06:00:00+04:00", "note": "DB"}
    )
    for missing in ("start", "end", "note"):
        body = {"start": "2026-12-15T00:00:00Z", "end": "2026-12-15T06:00:00Z", "note": "DB"}
        del body[missing]
        with pytest.raises(ValidationError):
            participants.Maintenance.model_validate(body)
    with pytest.raises(ValidationError):  # a moment without its offset is ambiguous
        participants.Maintenance.model_validate(
            {"start": "2026-12-15T00:00:00", "end": "2026-12-15T06:00:00Z", "note": "DB"}
        )


def test_x11_a_warning_has_a_reason_and_a_date_and_nothing_else() -> None:
    """6.0.10: a warning says what to remove; the suspension is possible only after its date."""
    governance.WarningRequest.model_validate(
        {"reason": "Webhook-lara cavab vermir", "remedyBy": "2026-12-20T00:00:00Z"}
    )
    for body in (
        {"remedyBy": "2026-12-20T00:00:00Z"},
        {"reason": "x", "remedyBy": "2026-12-20T00:00:00Z", "suspendNow": True},
        {"reason": "  ", "remedyBy": "2026-12-20T00:00:00Z"},
    ):
        with pytest.raises(ValidationError):
            governance.WarningRequest.model_validate(body)
    with pytest.raises(ValidationError):
        governance.Reason.model_validate({})


def test_x11_a_webhook_is_held_during_a_pause_unless_it_announces_the_pause() -> None:
    held = webhooks.message("DIN", "decision.requested", {}, webhook_id="msg_a")
    told = webhooks.message("DIN", governance.SUSPENDED, {}, webhook_id="msg_b", through_pause=True)
    assert (held.through_pause, told.through_pause) == (False, True)
    copied = webhooks.Webhook.model_validate(told.model_dump(mode="json", by_alias=True))
    assert copied.through_pause  # kept through the queue's JSON


def test_x11_earliest_start_is_a_date_the_problem_can_name() -> None:
    start = participants.earliest_start(baku("2026-12-07T10:00"))
    assert start.astimezone(clock.BAKU).date() == date(2026, 12, 15)
