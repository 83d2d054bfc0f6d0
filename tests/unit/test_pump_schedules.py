"""The local stack's schedules under the demo clock (issue 18 item 3: idle CPU).

A scaled minute would run many times a second and a scaled hour every 2.5 s: the per-minute
sweeps (outbox, customs deadlines) run at a 5 s floor so that a demo sees their effects promptly;
the hourly-or-rarer ones (audit chain check, e-sign's daily dispatch check) once a minute, which
was most of the idle stack's CPU at 5 s. At real time every schedule keeps its own period."""

from __future__ import annotations

import pytest

from devstack.pump import local_period


@pytest.mark.parametrize(
    ("expression", "scale", "seconds"),
    [
        ("rate(1 minute)", 1440, 5.0),
        ("rate(1 hour)", 1440, 60.0),
        ("cron(0 4 * * ? *)", 1440, 60.0),
        ("rate(1 minute)", 1, 60.0),
        ("rate(1 hour)", 1, 3600.0),
        ("rate(1 day)", 1440, 60.0),
        ("rate(10 days)", 1440, 600.0),
    ],
)
def test_a_schedule_runs_at_its_scaled_period_floored_by_its_kind(
    expression: str, scale: float, seconds: float
) -> None:
    assert local_period(expression, scale) == seconds
