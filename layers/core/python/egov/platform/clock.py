"""The platform's one clock.

In production it is the wall clock. For demos and end-to-end tests the local stack may run
time faster (`EGOV_CLOCK_SCALE` virtual seconds per real second, counted from
`EGOV_CLOCK_EPOCH`), so that a three-business-day deadline can be watched in a minute, and may
move it forward (`EGOV_CLOCK_OFFSET` virtual seconds), so that a test acts "on the second business
day" exactly, however slowly the machine ran up to then. Deadlines are computed in virtual time;
`real_seconds_until` converts them to the seconds Step Functions actually waits.
"""

from __future__ import annotations

import math
import os
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

BAKU = ZoneInfo("Asia/Baku")


def _scale() -> float:
    return float(os.environ.get("EGOV_CLOCK_SCALE", "1"))


def _epoch() -> float:
    return float(os.environ.get("EGOV_CLOCK_EPOCH", "0"))


def _offset() -> float:
    return float(os.environ.get("EGOV_CLOCK_OFFSET", "0"))


def now() -> datetime:
    real = time.time()
    scale = _scale()
    if scale == 1:
        return datetime.fromtimestamp(real + _offset(), UTC)
    epoch = _epoch()
    return datetime.fromtimestamp(epoch + (real - epoch) * scale + _offset(), UTC)


def real_now() -> datetime:
    """The wall-clock moment, whatever the demo scale: for what lives in real time (login
    locks, tokens, queue and timer bookkeeping)."""
    return datetime.fromtimestamp(time.time(), UTC)


def now_iso() -> str:
    return iso(now())


def iso(moment: datetime) -> str:
    """UTC ISO-8601 with seconds precision, the storage format of every timestamp."""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def real_seconds_until(moment: datetime) -> int:
    """Seconds of real waiting until a virtual moment; at least 1 (Step Functions' minimum)."""
    virtual = (moment - now()).total_seconds()
    return max(1, math.ceil(virtual / _scale()))


def real_seconds(virtual_seconds: float) -> float:
    return virtual_seconds / _scale()
