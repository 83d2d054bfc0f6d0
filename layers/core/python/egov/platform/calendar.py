"""Business days of Azerbaijan and the deadlines counted in them (G4, DESIGN rule 8).

A *business day* is a date (Asia/Baku) that the `holidays` package's Azerbaijan calendar calls a
working day: not a Saturday or Sunday unless a decree made it a working day, and not a public
holiday. The package includes the days off moved by decree (e.g. Novruz 2025 ran from 20 to
31 March), the "observed" days that replace holidays falling on a weekend, one-off days off
(elections) and the lunar Ramazan and Qurban bayrams (marked "estimated" for years the Cabinet
has not yet announced).

The rule of a deadline, "within N (business) days" from a moment `t`:

1. The *start day* is the Baku date of `t`. It is never counted.
2. For business days, a start day that is not a business day is replaced by the next business
   day (a request filed on Saturday is received on Monday) and counting starts after it.
3. The deadline day is the N-th business day (or calendar day) after that day; N = 0 gives the
   start day (received day) itself.
4. The deadline is the *last instant* of the deadline day in Baku, 23:59:59.999999 Asia/Baku,
   returned in UTC. Something done at a moment `m` is on time iff `m <= deadline`.

The last instant (rather than the start of the next day) keeps the result on the deadline day,
so a deadline is itself a business day and counting on from it composes:
`add_business_days(add_business_days(t, a), b) == add_business_days(t, a + b)`.
Calendar-day deadlines (`add_days`) are not moved off holidays: where a rule counts days, it
counts every day.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from pydantic import AwareDatetime, BaseModel

from egov.platform import i18n
from egov.platform.clock import BAKU

if TYPE_CHECKING:
    from holidays import HolidayBase

Kind = Literal["business", "calendar"]

i18n.register(
    {
        "calendar.rule.business": {
            "az": "Başlanğıc günü sayılmır; {days} iş günü ondan sonrakı gündən hesablanır və "
            "müddət sonuncu iş gününün sonunda (Bakı vaxtı ilə 23:59:59) bitir. Qeyri-iş günü "
            "başlayan müddət növbəti iş günündən hesablanır.",
            "en": "The day of the start is not counted; {days} business days are counted from "
            "the day after it and the period ends at the end of the last of them (23:59:59 Baku "
            "time). A period that starts on a non-business day counts from the next business "
            "day.",
        },
        "calendar.rule.calendar": {
            "az": "Başlanğıc günü sayılmır; {days} təqvim günü ondan sonrakı gündən hesablanır "
            "və müddət sonuncu günün sonunda (Bakı vaxtı ilə 23:59:59) bitir.",
            "en": "The day of the start is not counted; {days} calendar days are counted from "
            "the day after it and the period ends at the end of the last of them (23:59:59 Baku "
            "time).",
        },
        "calendar.saturday": {"az": "Şənbə", "en": "Saturday"},
        "calendar.sunday": {"az": "Bazar", "en": "Sunday"},
    }
)

_LIBRARY_LANGUAGE: dict[i18n.Lang, str] = {"az": "az", "en": "en_US"}


@functools.cache
def _calendar(lang: i18n.Lang = "az") -> HolidayBase:
    """The whole calendar; each year is filled in on first use, worked Saturdays from the start."""
    # holidays loads with the first date computed, not with every function (issue 18).
    import holidays

    return holidays.country_holidays("AZ", language=_LIBRARY_LANGUAGE[lang])


def is_business_day(day: date) -> bool:
    return bool(_calendar().is_working_day(day))


def holiday_name(day: date, lang: i18n.Lang = "az") -> str | None:
    """The official name of the day off on `day` (several joined by "; "), or None."""
    name = _calendar(lang).get(day)
    return str(name) if name else None


def baku_day(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise ValueError("a moment without a time zone is ambiguous")
    return moment.astimezone(BAKU).date()


def end_of_day(day: date) -> datetime:
    """The last instant of a Baku day, in UTC."""
    return datetime.combine(day, time.max, BAKU).astimezone(UTC)


def next_business_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def received_day(moment: datetime) -> date:
    """The business day from which a business-day period starting at `moment` counts."""
    day = baku_day(moment)
    return day if is_business_day(day) else next_business_day(day)


def _business_deadline_day(start: datetime, n: int) -> date:
    if n < 0:
        raise ValueError("a period cannot be negative")
    day = received_day(start)
    for _ in range(n):
        day = next_business_day(day)
    return day


def _calendar_deadline_day(start: datetime, n: int) -> date:
    if n < 0:
        raise ValueError("a period cannot be negative")
    return baku_day(start) + timedelta(days=n)


def add_business_days(start: datetime, n: int) -> datetime:
    """The deadline (UTC, last instant of the day) of "within n business days" from `start`."""
    return end_of_day(_business_deadline_day(start, n))


def add_days(start: datetime, n: int) -> datetime:
    """The deadline (UTC, last instant of the day) of "within n calendar days" from `start`."""
    return end_of_day(_calendar_deadline_day(start, n))


def add(start: datetime, n: int, kind: Kind) -> datetime:
    return add_business_days(start, n) if kind == "business" else add_days(start, n)


class SkippedDay(BaseModel):
    """A day inside the period that was not counted, and why."""

    date: date
    reason: Literal["weekend", "holiday"]
    name: str


class Deadline(BaseModel):
    """How a deadline was computed, day by day (the answer of GET /calendar/deadline)."""

    start: AwareDatetime
    days: int
    kind: Kind
    startDay: date
    countsFrom: date
    lastDay: date
    deadline: AwareDatetime
    countedDays: list[date]
    skippedDays: list[SkippedDay]
    rule: str


def _skipped(day: date, lang: i18n.Lang) -> SkippedDay:
    name = holiday_name(day, lang)
    if name:
        return SkippedDay(date=day, reason="holiday", name=name)
    weekday = "calendar.saturday" if day.weekday() == 5 else "calendar.sunday"
    return SkippedDay(date=day, reason="weekend", name=i18n.text(weekday, lang))


def explain(start: datetime, n: int, kind: Kind, lang: i18n.Lang = "az") -> Deadline:
    """The deadline of `n` days of `kind` from `start`, with every day counted or skipped."""
    start_day = baku_day(start)
    if kind == "business":
        counts_from = received_day(start)
        last_day = _business_deadline_day(start, n)
    else:
        counts_from = start_day
        last_day = _calendar_deadline_day(start, n)
    counted: list[date] = []
    skipped: list[SkippedDay] = []
    day = start_day + timedelta(days=1)
    while day <= last_day:
        if kind == "calendar" or (day > counts_from and is_business_day(day)):
            counted.append(day)
        elif not is_business_day(day):
            skipped.append(_skipped(day, lang))
        day += timedelta(days=1)
    return Deadline(
        start=start.astimezone(UTC),
        days=n,
        kind=kind,
        startDay=start_day,
        countsFrom=counts_from,
        lastDay=last_day,
        deadline=end_of_day(last_day),
        countedDays=counted,
        skippedDays=skipped,
        rule=i18n.text(f"calendar.rule.{kind}", lang, {"days": n}),
    )
