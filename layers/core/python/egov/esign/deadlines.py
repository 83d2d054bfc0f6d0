"""The deadlines after the review, as the workflow waits for them (E8, E9, E10; DESIGN rule 5).

Each is an absolute instant from the business-day calendar, handed to the workflow by
`egov.platform.tasks.until` (`{deadline, waitSeconds}`) for a `TimeoutSecondsPath`.
"""

from __future__ import annotations

from datetime import datetime

from egov.platform import calendar, tasks

CENTER_DAYS_ENV = "AGENCY_DECISION_BUSINESS_DAYS"
INVITE_BUSINESS_DAYS = 1  # E9, §2.11
CHECK_BUSINESS_DAYS = 1  # E10: the check is recorded by the end of the day after the appointment


def center(start: datetime) -> datetime:
    """E8: the Center's answer is due within the agencies' decision period, then escalated."""
    return calendar.add_business_days(start, tasks.business_days(CENTER_DAYS_ENV))


def invitation(reached: datetime) -> datetime:
    """E9: the applicant is invited within 1 business day of the decision reaching the embassy."""
    return calendar.add_business_days(reached, INVITE_BUSINESS_DAYS)


def check(appointment: datetime) -> datetime:
    return calendar.add_business_days(appointment, CHECK_BUSINESS_DAYS)


def embassy_task(embassy: str, due: str, application_id: str) -> dict[str, str]:
    """The application's place in its embassy's task list (E9, E10), soonest due first."""
    return {"gsi1pk": f"EMBASSY#{embassy}#TASKS", "gsi1sk": f"{due}#{application_id}"}
