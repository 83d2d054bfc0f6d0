"""The business-day calendar of Azerbaijan and the deadline rule (G4, DESIGN rule 8)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egov.platform import calendar

moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
counts = st.integers(min_value=0, max_value=40)
props = settings(deadline=None, max_examples=150)


def baku(year: int, month: int, day: int, hour: int = 12) -> datetime:
    """A moment on a Baku day (UTC+4 all year), given in UTC as callers do."""
    return datetime(year, month, day, hour, tzinfo=UTC) - timedelta(hours=4)


def deadline_day(start: datetime, n: int) -> date:
    return calendar.baku_day(calendar.add_business_days(start, n))


# ---------------------------------------------------------------- properties


@props
@given(moments, st.integers(min_value=1, max_value=40))
def test_g4_a_deadline_falls_on_a_business_day(start: datetime, n: int) -> None:
    assert calendar.is_business_day(deadline_day(start, n))


@props
@given(moments, counts, counts)
def test_g4_deadlines_are_monotone_in_the_number_of_days(start: datetime, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert calendar.add_business_days(start, low) <= calendar.add_business_days(start, high)
    if low < high:
        assert calendar.add_business_days(start, low) < calendar.add_business_days(start, high)


@props
@given(moments, counts)
def test_g4_n_business_days_contain_exactly_n_business_days(start: datetime, n: int) -> None:
    first = calendar.baku_day(start)
    last = deadline_day(start, n)
    inside = [first + timedelta(days=i) for i in range(1, (last - first).days + 1)]
    assert sum(calendar.is_business_day(day) for day in inside) == n


@props
@given(moments, st.integers(min_value=0, max_value=15))
def test_g4_adding_one_n_times_equals_adding_n(start: datetime, n: int) -> None:
    stepped = start
    for _ in range(n):
        stepped = calendar.add_business_days(stepped, 1)
    if n:
        assert stepped == calendar.add_business_days(start, n)
    stepped_days = start
    for _ in range(n):
        stepped_days = calendar.add_days(stepped_days, 1)
    if n:
        assert stepped_days == calendar.add_days(start, n)


@props
@given(moments, counts, st.sampled_from(["business", "calendar"]))
def test_g4_explain_agrees_with_the_arithmetic(start: datetime, n: int, kind: str) -> None:
    explained = calendar.explain(start, n, kind)  # type: ignore[arg-type]
    assert explained.deadline == calendar.add(start, n, kind)  # type: ignore[arg-type]
    assert len(explained.countedDays) == n
    assert all(not calendar.is_business_day(s.date) for s in explained.skippedDays)


# ---------------------------------------------------------------- the instant


def test_g4_a_deadline_is_the_last_instant_of_the_baku_day() -> None:
    deadline = calendar.add_business_days(baku(2026, 4, 7), 1)  # Tuesday → Wednesday
    assert deadline == datetime(2026, 4, 8, 19, 59, 59, 999999, tzinfo=UTC)
    assert deadline.tzinfo == UTC


def test_g4_the_start_day_is_the_baku_date_not_the_utc_date() -> None:
    thursday_late = datetime(2026, 4, 9, 19, 30, tzinfo=UTC)  # Thu 23:30 in Baku
    friday_early = datetime(2026, 4, 9, 20, 30, tzinfo=UTC)  # Fri 00:30 in Baku
    assert deadline_day(thursday_late, 1) == date(2026, 4, 10)
    assert deadline_day(friday_early, 1) == date(2026, 4, 13)


def test_g4_a_moment_without_time_zone_is_refused() -> None:
    with pytest.raises(ValueError):
        calendar.add_business_days(datetime(2026, 4, 7, 12), 1)


def test_g4_a_negative_period_is_refused() -> None:
    with pytest.raises(ValueError):
        calendar.add_business_days(baku(2026, 4, 7), -1)


# ---------------------------------------------------------------- weekends


def test_g4_weekends_are_skipped() -> None:
    assert deadline_day(baku(2026, 4, 10), 1) == date(2026, 4, 13)  # Fri → Mon


def test_g4_a_start_on_a_weekend_counts_the_first_business_day_after_it() -> None:
    """G4 (issue 12 item 11): the day of the event never counts and counting starts the day
    after, whatever day that is: Saturday + 1 business day is the Monday, not the Tuesday."""
    saturday = baku(2026, 4, 11)
    assert deadline_day(saturday, 0) == date(2026, 4, 11)
    assert deadline_day(saturday, 1) == date(2026, 4, 13)
    sunday = baku(2026, 11, 15)
    assert deadline_day(sunday, 3) == date(2026, 11, 18)


def test_g4_a_saturday_made_a_working_day_by_decree_counts() -> None:
    # The day off of 3 January 2025 was moved from Sunday 29 December 2024, and that of
    # 30 December 2024 from Saturday 28 December: both weekend days were worked.
    assert calendar.is_business_day(date(2024, 12, 28))
    assert calendar.is_business_day(date(2024, 12, 29))
    assert calendar.is_business_day(date(2025, 6, 21))  # Saturday worked for 27 June 2025
    assert deadline_day(baku(2025, 6, 20), 1) == date(2025, 6, 21)


# ---------------------------------------------------------------- holidays


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Novruz 2025: 20–24 March, observed 25–26, days off moved to 27–28 from 10 March and
        # 1 April, then Ramazan bayramı 30–31 March: nothing is worked from 20 to 31 March.
        (baku(2025, 3, 19), 1, date(2025, 4, 1)),
        # Novruz 2026 (20–24) coincides with Ramazan bayramı (20–21): observed days 25, 26, 27
        # and 30 March.
        (baku(2026, 3, 19), 1, date(2026, 3, 31)),
        # Novruz 2027: 20–24 March (a Saturday to a Wednesday), observed 25–26.
        (baku(2027, 3, 19), 1, date(2027, 3, 29)),
        # Ramazan bayramı 2027 (estimated 9–10 March) right after Women's Day (8 March).
        (baku(2027, 3, 5), 1, date(2027, 3, 11)),
        # Qurban bayramı 2025: 6–7 June, the Saturday observed on Monday 9 June.
        (baku(2025, 6, 5), 1, date(2025, 6, 10)),
        # Qurban bayramı 2026: 27–28 May (28 is also Independence Day), observed 29 May.
        (baku(2026, 5, 26), 1, date(2026, 6, 1)),
        # New Year: 31 December (Solidarity Day), 1–2 January, then the weekend.
        (baku(2025, 12, 30), 1, date(2026, 1, 5)),
        (baku(2025, 12, 31), 0, date(2025, 12, 31)),
        (baku(2025, 12, 31), 1, date(2026, 1, 5)),
        (baku(2025, 12, 31), 2, date(2026, 1, 6)),
        # New Year 2027: 2 January is a Saturday, observed on Monday 4 January.
        (baku(2026, 12, 30), 1, date(2027, 1, 5)),
    ],
)
def test_g4_holidays_are_not_business_days(start: datetime, n: int, expected: date) -> None:
    assert deadline_day(start, n) == expected


def test_g4_the_library_gives_the_novruz_days_off() -> None:
    assert _days_off_from_20_march(2025) == list(range(20, 32))
    assert _days_off_from_20_march(2026) == list(range(20, 31))
    assert _days_off_from_20_march(2027) == list(range(20, 29))  # 27–28 are the weekend


def _days_off_from_20_march(year: int) -> list[int]:
    return [day for day in range(20, 32) if not calendar.is_business_day(date(year, 3, day))]


def test_g4_calendar_days_count_every_day() -> None:
    assert calendar.baku_day(calendar.add_days(baku(2026, 3, 19), 3)) == date(2026, 3, 22)
    assert calendar.add_days(baku(2026, 3, 19), 0) == calendar.end_of_day(date(2026, 3, 19))


def test_g4_explain_names_the_days_skipped_in_the_callers_language() -> None:
    explained = calendar.explain(baku(2026, 3, 19), 1, "business", "en")
    assert explained.countedDays == [date(2026, 3, 31)]
    reasons = {s.date: (s.reason, s.name) for s in explained.skippedDays}
    assert reasons[date(2026, 3, 23)] == ("holiday", "Spring Festival")
    assert reasons[date(2026, 3, 28)] == ("weekend", "Saturday")
    assert reasons[date(2026, 3, 30)][0] == "holiday"
    assert "Eid al-Fitr" in reasons[date(2026, 3, 30)][1]
    in_azerbaijani = calendar.explain(baku(2026, 3, 19), 1, "business", "az")
    assert in_azerbaijani.skippedDays[3].name == "Novruz bayramı"
    assert "iş günü" in in_azerbaijani.rule


def test_g4_explain_a_weekend_start_shows_where_counting_starts() -> None:
    """G4: the explanation shows the event day not counted and counting from the day after."""
    explained = calendar.explain(baku(2026, 4, 11), 1, "business")
    assert explained.startDay == date(2026, 4, 11)
    assert explained.countsFrom == date(2026, 4, 12)
    assert [s.date for s in explained.skippedDays] == [date(2026, 4, 12)]
    assert explained.countedDays == [date(2026, 4, 13)]
    assert "Hadisə günü heç vaxt sayılmır" in explained.rule
    in_english = calendar.explain(baku(2026, 4, 11), 1, "business", "en")
    assert "counting starts the day after it, whatever day that is" in in_english.rule


def test_g4_a_period_the_seed_sets_is_explained_as_law() -> None:
    """E6, G4: seed 001 §2.8 "3 (üç) iş günü müddətində ərizəyə dair mənfi rəy vermədikdə":
    the review period is law, with its clause."""
    explained = calendar.explain_period("esign.review", baku(2026, 11, 14), "en")
    assert (explained.period, explained.basis, explained.days) == ("esign.review", "law", 3)
    assert explained.basisText is not None and "2.8" in explained.basisText
    assert explained.lastDay == date(2026, 11, 18)


@pytest.mark.parametrize(
    ("name", "env", "days", "parameter"),
    [
        (
            "producers.verification",
            "PRODUCER_VERIFICATION_BUSINESS_DAYS",
            10,
            "ProducerVerification",
        ),
        ("esign.center-decision", "AGENCY_DECISION_BUSINESS_DAYS", 5, "AgencyDecision"),
        ("esign.embassy-check", "EMBASSY_CHECK_BUSINESS_DAYS", 1, "EmbassyCheck"),
        # X4: seed 001 part 2 sends permits to the Law on Licences and Permits, no period.
        ("export.permit-decision", "EXPORT_PERMIT_BUSINESS_DAYS", 10, "ExportPermit"),
        # X9: how long an agency has after each escalation of an unanswered complaint.
        (
            "export.complaint-escalation",
            "EXPORT_COMPLAINT_ESCALATION_BUSINESS_DAYS",
            5,
            "ExportComplaintEscalation",
        ),
        # R9: seed 002 sets no period for ASXM's processing of a renewal.
        ("renewal.asxm-processing", "AGENCY_DECISION_BUSINESS_DAYS", 5, "AgencyDecision"),
        # X6: seed 001 part 2 §10.3.3.9 and §4.2.11 set no period for the incentive's answers.
        ("export.incentive-decision", "EXPORT_INCENTIVE_BUSINESS_DAYS", 10, "ExportIncentive"),
        (
            "export.incentive-transfer",
            "EXPORT_INCENTIVE_TRANSFER_BUSINESS_DAYS",
            10,
            "ExportIncentiveTransfer",
        ),
    ],
)
def test_g4_an_invented_period_is_a_named_service_level_not_law(
    monkeypatch: pytest.MonkeyPatch, name: str, env: str, days: int, parameter: str
) -> None:
    """G4 (issue 12 item 11): seed 000 ("Kənd Təsərrüfatı Nazirliyi yoxlamalı və təsdiq
    etməlidir") and seed 001 §2.9 and §2.12 set no period for the ministry, the Center or the
    embassy's check; the platform's period is a template parameter, shown as a service level."""
    monkeypatch.setenv(env, str(days))
    explained = calendar.explain_period(name, baku(2026, 11, 16), "az")
    assert explained.basis == "service-level"
    assert explained.days == days
    assert explained.basisText is not None
    assert "qanunla deyil" in explained.basisText
    assert f"{parameter}BusinessDays" in explained.basisText
    monkeypatch.setenv(env, "2")
    assert calendar.period(name).days == 2


def test_g4_a_month_ends_on_the_same_date_moved_off_days_off() -> None:
    """G4: where the law gives "one month" (the Law on Administrative Proceedings for a
    complaint, X9), the deadline is the day of the same number a month later, not a count of
    business days; a day off at its end moves it to the next business day."""
    # 9 October 2026 → 9 November, the National Flag Day, then 10 November, Victory Day
    # observed (8 November is a Sunday): the period ends on Wednesday 11 November.
    explained = calendar.explain(baku(2026, 10, 9), 1, "month", "en")
    assert explained.lastDay == date(2026, 11, 11)
    assert [s.date for s in explained.skippedDays] == [date(2026, 11, 9), date(2026, 11, 10)]
    assert explained.countedDays[0] == date(2026, 10, 10)
    assert explained.countedDays[-2:] == [date(2026, 11, 8), date(2026, 11, 11)]
    assert "same number" in explained.rule
    # No 31st in February: its last day, a Saturday in 2026, moves to Monday 2 March.
    assert calendar.add_months(baku(2026, 1, 31), 1) == calendar.end_of_day(date(2026, 3, 2))
    # A month ending on a business day is not moved; December runs into the next year.
    assert calendar.add(baku(2026, 11, 16), 1, "month") == calendar.end_of_day(date(2026, 12, 16))
    assert calendar.add_months(baku(2026, 12, 15), 1) == calendar.end_of_day(date(2027, 1, 15))


def test_g4_x9_a_complaint_is_answered_within_the_month_the_law_gives() -> None:
    """G4, X9 (seed 001 part 2 §5.1: "qanunla nəzərdə tutulmuş qaydada və müddətdə"): the Law
    on Administrative Proceedings gives one month to answer an administrative complaint; the
    period is law, counted as a month, never approximated as 22 business days."""
    named = calendar.period("export.complaint-answer")
    assert (named.kind, named.days, named.basis) == ("month", 1, "law")
    explained = calendar.explain_period("export.complaint-answer", baku(2026, 10, 9), "az")
    assert explained.lastDay == date(2026, 11, 11)
    assert explained.basisText is not None
    assert "İnzibati icraat haqqında Qanun" in explained.basisText
    assert "normativ aktla" in explained.basisText


def test_g4_x9_a_request_is_answered_within_15_working_days_of_the_law() -> None:
    """G4, X9 (§5.2: "qanunvericilikdə nəzərdə tutulmuş qaydada və müddətdə"): the Law on
    Citizens' Appeals gives 15 working days; the period is law, in business days."""
    named = calendar.period("export.request-answer")
    assert (named.kind, named.days, named.basis) == ("business", 15, "law")
    explained = calendar.explain_period("export.request-answer", baku(2026, 11, 16), "en")
    assert explained.lastDay == date(2026, 12, 7)
    assert explained.basisText is not None and "set by law" in explained.basisText
    assert "Vətəndaşların müraciətləri haqqında Qanun" in explained.basisText
