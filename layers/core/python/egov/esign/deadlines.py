"""The deadlines after the review, as the workflow waits for them (E8, E9, E10; DESIGN rule 5).

Each is an absolute instant from the business-day calendar, handed to the workflow by
`egov.platform.tasks.until` (`{deadline, waitSeconds}`) for a `TimeoutSecondsPath`.
"""

from __future__ import annotations

from datetime import datetime

from egov.platform import calendar


def center(start: datetime) -> datetime:
    """E8: the Center's answer is due within a service level (the seed sets none), then escalated."""
    return calendar.due("esign.center-decision", start)


def invitation(reached: datetime) -> datetime:
    """E9: the applicant is invited within 1 business day of the decision reaching the embassy."""
    return calendar.due("esign.invitation", reached)


def check(appointment: datetime) -> datetime:
    """E10: the check is recorded within a service level (the seed sets none) of the appointment."""
    return calendar.due("esign.embassy-check", appointment)


def embassy_task(embassy: str, due: str, application_id: str) -> dict[str, str]:
    """The application's place in its embassy's task list (E9, E10), soonest due first."""
    return {"gsi1pk": f"EMBASSY#{embassy}#TASKS", "gsi1sk": f"{due}#{application_id}"}
