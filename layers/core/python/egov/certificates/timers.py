"""A certificate's timers (E12, E13; annex item 5.5): one Standard workflow per timer waits (in
real time) towards its moment, then queues its message; the CertificateExpiryQueue consumer
(`functions/certificates/expire.py`) hands it to the concept whose timer it is.

- `validity-end`: the end of validity (`expiry.expire`), armed at issuance;
- `suspension-end`: the day after the last day of a suspension with an end
  (`decisions.end_suspension`), armed when the Center suspends;
- `request-deadline`: the Center's deadline for a holder's application or compromise report
  (`holder_requests.overdue`), armed when the request arrives.

Standard workflows live at most a year, so a later moment is waited for in legs: a timer that
wakes early is armed again (`due`). The state machine is the one expiry always used
(`statemachines/certificate_expiry.asl.json`), as the expiry is how the registry waits.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any, Literal

from egov.platform import clock, outbox
from egov.platform.repository import Transaction

Timer = Literal["validity-end", "suspension-end", "request-deadline"]
MACHINE = "CERTIFICATE_EXPIRY_STATE_MACHINE"
# Standard workflows live at most a year: a longer wait is waited out in legs.
LONGEST_WAIT = timedelta(days=360)


def arm(
    serial: str,
    at: datetime,
    timer: Timer = "validity-end",
    ref: str | None = None,
    *,
    tx: Transaction | None = None,
) -> None:
    """Start a workflow that wakes at `at` (virtual time) or after the longest wait: through
    the outbox as part of the change `tx` that owes the timer, or at once (a leg re-armed by
    the consumer, whose message is redelivered if this fails)."""
    now = clock.real_now()
    wake = now + min(timedelta(seconds=clock.real_seconds_until(at)), LONGEST_WAIT)
    # Whole seconds, rounded up: a timer that woke early would be armed again for the same
    # second, and under the same name nothing would start.
    wake = wake.replace(microsecond=0) + timedelta(seconds=1 if wake.microsecond else 0)
    data = {
        "serial": serial,
        "wakeAt": clock.iso(wake),
        "timer": timer,
        "at": clock.iso(at),
        "ref": ref,
        "armedAt": now.isoformat(timespec="milliseconds"),
    }
    # One name per arming: the outbox's retry of a start is the same execution, a new leg not.
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:24]
    name = f"{serial}-{digest}"
    if tx is None:
        outbox.start_execution(MACHINE, name, data)
    else:
        outbox.start(tx, MACHINE, name, data)


def due(message: dict[str, Any]) -> bool:
    """Whether the timer's moment has come; if not, the next leg is armed."""
    at = message.get("at")
    if at is None or clock.parse(at) <= clock.now():
        return True
    arm(
        message["serial"], clock.parse(at), message.get("timer", "validity-end"), message.get("ref")
    )
    return False
