"""Business days of Azerbaijan and the deadlines counted in them (G4, DESIGN rule 8).

A *business day* is a date (Asia/Baku) that the `holidays` package's Azerbaijan calendar calls a
working day: not a Saturday or Sunday unless a decree made it a working day, and not a public
holiday. The package includes the days off moved by decree (e.g. Novruz 2025 ran from 20 to
31 March), the "observed" days that replace holidays falling on a weekend, one-off days off
(elections) and the lunar Ramazan and Qurban bayrams (marked "estimated" for years the Cabinet
has not yet announced).

The rule of a deadline, "within N (business) days" from a moment `t`:

1. The *start day* is the Baku date of `t`, the day of the event. It is never counted.
2. Counting starts the day after it, whatever day that is (G4, issue 12 item 11): a request
   filed on Saturday 14 November 2026 with 3 business days counts Monday 16, Tuesday 17 and
   Wednesday 18 November. A non-business start day is not first moved to the next business
   day (that would count Monday as day 0 and end a day late).
3. The deadline day is the N-th business day (or calendar day) after the start day; N = 0 gives
   the start day itself.
4. The deadline is the *last instant* of the deadline day in Baku, 23:59:59.999999 Asia/Baku,
   returned in UTC. Something done at a moment `m` is on time iff `m <= deadline`.

The last instant (rather than the start of the next day) keeps the result on the deadline day,
so a deadline is itself a business day and counting on from it composes:
`add_business_days(add_business_days(t, a), b) == add_business_days(t, a + b)`.
Calendar-day deadlines (`add_days`) are not moved off holidays: where a rule counts days, it
counts every day.

Month deadlines (`add_months`), for a law that gives "one month" (the Law on Administrative
Proceedings for a complaint): the deadline day is the day of the same number N months after the
start day, or the last day of that month if it has no such day (31 January + 1 month is
28 or 29 February); if that day is not a business day, the period ends on the next business
day, as the civil law's general rule on periods has it (Civil Code, the article on a period
whose last day is a non-working day). A month is never approximated by a count of business days.

Named periods (`period`, `PERIODS`): each deadline the platform sets is named once here with
what it rests on. A period the seed sets is `law`, with its clause. Where the seed sets none and
the platform had to choose one (the ministry's verification, the Center's decision, the
embassy's check), the period is a *service level*: a template parameter the operator may change,
never presented as law in the explanation given to the applicant (issue 12 item 11).
"""

from __future__ import annotations

import functools
import os
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from egov.platform import clock, i18n
from egov.platform.clock import BAKU

if TYPE_CHECKING:
    from holidays import HolidayBase

Kind = Literal["business", "calendar", "month"]
Basis = Literal["law", "service-level"]

i18n.register(
    {
        "calendar.rule.business": {
            "az": "Hadisə günü heç vaxt sayılmır; hesablama, hansı gün olmasından asılı "
            "olmayaraq, ondan sonrakı gündən başlayır və yalnız iş günləri sayılır: {days} iş "
            "günü, müddət sonuncu iş gününün sonunda (Bakı vaxtı ilə 23:59:59) bitir.",
            "en": "The day of the event never counts; counting starts the day after it, whatever "
            "day that is, and only business days count: {days} business days, the period ends "
            "at the end of the last of them (23:59:59 Baku time).",
        },
        "calendar.rule.calendar": {
            "az": "Hadisə günü heç vaxt sayılmır; {days} təqvim günü ondan sonrakı gündən hesablanır "
            "və müddət sonuncu günün sonunda (Bakı vaxtı ilə 23:59:59) bitir.",
            "en": "The day of the event never counts; {days} calendar days are counted from "
            "the day after it and the period ends at the end of the last of them (23:59:59 Baku "
            "time).",
        },
        "calendar.rule.month": {
            "az": "Hadisə günü heç vaxt sayılmır; {days} ay: müddət {days} ay sonra eyni tarixli "
            "gündə (belə gün olmayan ayda ayın son günündə) bitir; o gün iş günü deyilsə, "
            "ondan sonrakı ilk iş günündə bitir (Bakı vaxtı ilə 23:59:59).",
            "en": "The day of the event never counts; {days} month(s): the period ends on the "
            "day with the same number {days} month(s) later (the month's last day if it has no "
            "such day); if that is not a business day, on the next business day (23:59:59 Baku "
            "time).",
        },
        "calendar.basis.law": {
            "az": "Müddət normativ aktla müəyyən edilib: {source}.",
            "en": "The period is set by law: {source}.",
        },
        "calendar.basis.service-level": {
            "az": "Bu müddət qanunla deyil, portalın xidmət səviyyəsi ilə müəyyən edilib "
            "(şablon parametri {source}); normativ akt burada müddət təyin etmir.",
            "en": "This period is a service level of the portal, not law (template parameter "
            "{source}); the legal act sets no period here.",
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


def today() -> date:
    """Today's Baku date: the date of every legal rule (a document's expiry, a year's count)."""
    return baku_day(clock.now())


def end_of_day(day: date) -> datetime:
    """The last instant of a Baku day, in UTC."""
    return datetime.combine(day, time.max, BAKU).astimezone(UTC)


def next_business_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def _business_deadline_day(start: datetime, n: int) -> date:
    if n < 0:
        raise ValueError("a period cannot be negative")
    day = baku_day(start)
    for _ in range(n):
        day = next_business_day(day)
    return day


def _calendar_deadline_day(start: datetime, n: int) -> date:
    if n < 0:
        raise ValueError("a period cannot be negative")
    return baku_day(start) + timedelta(days=n)


def _month_end(start: datetime, n: int) -> date:
    """The day of the same number n months later (or that month's last day), not moved."""
    if n < 0:
        raise ValueError("a period cannot be negative")
    day = baku_day(start)
    months = day.month - 1 + n
    year, month = day.year + months // 12, months % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def _month_deadline_day(start: datetime, n: int) -> date:
    end = _month_end(start, n)
    while not is_business_day(end):
        end += timedelta(days=1)
    return end


def _deadline_day(start: datetime, n: int, kind: Kind) -> date:
    if kind == "business":
        return _business_deadline_day(start, n)
    if kind == "month":
        return _month_deadline_day(start, n)
    return _calendar_deadline_day(start, n)


def add_business_days(start: datetime, n: int) -> datetime:
    """The deadline (UTC, last instant of the day) of "within n business days" from `start`."""
    return end_of_day(_business_deadline_day(start, n))


def add_days(start: datetime, n: int) -> datetime:
    """The deadline (UTC, last instant of the day) of "within n calendar days" from `start`."""
    return end_of_day(_calendar_deadline_day(start, n))


def add_months(start: datetime, n: int) -> datetime:
    """The deadline (UTC, last instant of the day) of "within n months" from `start`."""
    return end_of_day(_month_deadline_day(start, n))


def add(start: datetime, n: int, kind: Kind) -> datetime:
    return end_of_day(_deadline_day(start, n, kind))


class Period(BaseModel):
    """A named period of the platform: its length, its kind of days, and what it rests on."""

    model_config = ConfigDict(defer_build=True)

    name: str
    days: int = Field(description="How many of `kind`: business or calendar days, or months")
    kind: Kind
    basis: Basis
    source: str  # the seed clause (law) or the template parameter (service level)


# name → (kind, basis, source, days or the environment variable the template parameter sets)
_PERIODS: dict[str, tuple[Kind, Basis, str, int | str]] = {
    "esign.review": ("business", "law", "Qayda 2.8 (E6)", 3),
    "participants.maintenance-notice": ("business", "law", "Əsasnamə 7.0.5 (X11)", 5),
    "esign.invitation": ("business", "law", "Qayda 2.11 (E9)", 1),
    "esign.mfa-forwarding": ("business", "law", "Qayda 2.17 (E11)", 1),
    "esign.receiver-forwarding": ("business", "law", "Qayda 2.18 (E11)", 3),
    "esign.center-decision": (
        "business",
        "service-level",
        "AgencyDecisionBusinessDays",
        "AGENCY_DECISION_BUSINESS_DAYS",
    ),
    "esign.embassy-check": (
        "business",
        "service-level",
        "EmbassyCheckBusinessDays",
        "EMBASSY_CHECK_BUSINESS_DAYS",
    ),
    "renewal.asxm-processing": (
        "business",
        "service-level",
        "AgencyDecisionBusinessDays",
        "AGENCY_DECISION_BUSINESS_DAYS",
    ),
    "producers.verification": (
        "business",
        "service-level",
        "ProducerVerificationBusinessDays",
        "PRODUCER_VERIFICATION_BUSINESS_DAYS",
    ),
    "ektis.subsidy-decision": (
        "business",
        "service-level",
        "EktisSubsidyDecisionBusinessDays",
        "EKTIS_SUBSIDY_DECISION_BUSINESS_DAYS",
    ),
    "export.complaint-answer": (
        "month",
        "law",
        "İnzibati icraat haqqında Qanun, VII fəsil (inzibati şikayət), şikayətə baxılma "
        "müddəti: bir ay; Əsasnamə 5.1 (X9)",
        1,
    ),
    "export.complaint-escalation": (
        "business",
        "service-level",
        "ExportComplaintEscalationBusinessDays",
        "EXPORT_COMPLAINT_ESCALATION_BUSINESS_DAYS",
    ),
    "export.request-answer": (
        "business",
        "law",
        "Vətəndaşların müraciətləri haqqında Qanun, maddə 10.1: 15 iş günü; Əsasnamə 5.2 (X9)",
        15,
    ),
    "export.permit-decision": (
        "business",
        "service-level",
        "ExportPermitBusinessDays",
        "EXPORT_PERMIT_BUSINESS_DAYS",
    ),
    "export.incentive-decision": (
        "business",
        "service-level",
        "ExportIncentiveBusinessDays",
        "EXPORT_INCENTIVE_BUSINESS_DAYS",
    ),
    "export.incentive-transfer": (
        "business",
        "service-level",
        "ExportIncentiveTransferBusinessDays",
        "EXPORT_INCENTIVE_TRANSFER_BUSINESS_DAYS",
    ),
    "export.incentive-account": (
        "business",
        "service-level",
        "ExportIncentiveAccountBusinessDays",
        "EXPORT_INCENTIVE_ACCOUNT_BUSINESS_DAYS",
    ),
    "ektis.complaint-answer": (
        "business",
        "service-level",
        "EktisComplaintAnswerBusinessDays",
        "EKTIS_COMPLAINT_ANSWER_BUSINESS_DAYS",
    ),
    "ektis.movement-confirmation": (
        "business",
        "service-level",
        "EktisMovementConfirmationBusinessDays",
        "EKTIS_MOVEMENT_CONFIRMATION_BUSINESS_DAYS",
    ),
}
PERIODS = tuple(_PERIODS)


def period(name: str) -> Period:
    """The named period; a service level's length comes from its template parameter."""
    kind, basis, source, days = _PERIODS[name]
    if isinstance(days, str):
        try:
            days = int(os.environ[days])
        except KeyError as missing:
            raise RuntimeError(f"{days} is not set: the template must pass it") from missing
    return Period(name=name, days=days, kind=kind, basis=basis, source=source)


def due(name: str, start: datetime) -> datetime:
    """The deadline of the named period started at `start`."""
    named = period(name)
    return add(start, named.days, named.kind)


def add_years(start: datetime, n: int) -> datetime:
    """The same Baku wall-clock time n years later (E12: "3 (üç) ildir"), in UTC.

    Years are added to the Baku date, never the UTC one, so the end does not depend on the hour
    of the start. The one rule for 29 February: a period that starts on 29 February ends on
    28 February of a year without one (it never runs past n years); 2028-02-29 + 3 years is
    2031-02-28.
    """
    local = start.astimezone(BAKU)
    try:
        moved = local.replace(year=local.year + n)
    except ValueError:
        moved = local.replace(year=local.year + n, day=28)
    return moved.astimezone(UTC)


class SkippedDay(BaseModel):
    """A day inside the period that was not counted, and why."""

    model_config = ConfigDict(defer_build=True)

    date: date
    reason: Literal["weekend", "holiday"]
    name: str


class Deadline(BaseModel):
    """How a deadline was computed, day by day (the answer of GET /calendar/deadline)."""

    model_config = ConfigDict(defer_build=True)

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
    period: str | None = None
    basis: Basis | None = None
    basisText: str | None = None


def _skipped(day: date, lang: i18n.Lang) -> SkippedDay:
    name = holiday_name(day, lang)
    if name:
        return SkippedDay(date=day, reason="holiday", name=name)
    weekday = "calendar.saturday" if day.weekday() == 5 else "calendar.sunday"
    return SkippedDay(date=day, reason="weekend", name=i18n.text(weekday, lang))


def explain_period(name: str, start: datetime, lang: i18n.Lang = "az") -> Deadline:
    """The named period from `start`, explained, with whether it is law or a service level."""
    named = period(name)
    explained = explain(start, named.days, named.kind, lang)
    explained.period = name
    explained.basis = named.basis
    explained.basisText = i18n.text(f"calendar.basis.{named.basis}", lang, {"source": named.source})
    return explained


def explain(start: datetime, n: int, kind: Kind, lang: i18n.Lang = "az") -> Deadline:
    """The deadline of `n` days of `kind` from `start`, with every day counted or skipped."""
    start_day = baku_day(start)
    counts_from = start_day + timedelta(days=1)
    last_day = _deadline_day(start, n, kind)
    nominal = _month_end(start, n) if kind == "month" else last_day
    counted: list[date] = []
    skipped: list[SkippedDay] = []
    day = counts_from
    while day <= last_day:
        # A month counts every day before its nominal end; that end and the days off after it,
        # if the end had to move, are listed as skipped.
        if is_business_day(day) or kind == "calendar" or (kind == "month" and day < nominal):
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
