"""The renewal's deadlines, as the workflow waits for them (R7, R8, R9; G4, DESIGN rule 5).

R7 and R8 count calendar days ("30 gün"): the head's power of attorney within 30 days of the
application, the activation at the mobile operator within 30 days after the old certificate
expires. ASXM's processing is due within the agencies' decision period in business days.
Each is the last instant of its Baku day (egov.platform.calendar).
"""

from __future__ import annotations

from datetime import datetime

from egov.platform import calendar

ATTORNEY_DAYS = 30  # R7
ACTIVATION_DAYS = 30  # R8
ASXM_PERIOD = "renewal.asxm-processing"


def attorney(sent: datetime) -> datetime:
    return calendar.add_days(sent, ATTORNEY_DAYS)


def activation(old_valid_to: datetime) -> datetime:
    return calendar.add_days(old_valid_to, ACTIVATION_DAYS)


def asxm(activated: datetime) -> datetime:
    return calendar.due(ASXM_PERIOD, activated)
