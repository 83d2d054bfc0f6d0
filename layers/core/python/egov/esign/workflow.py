"""The EsignWorkflowQueue's messages: what statemachines/esign_review.asl.json asks (E6–E10).

| event            | step                                         | answer to a waiting task          |
|------------------|----------------------------------------------|-----------------------------------|
| `refused`        | an agency said no (E6)                       | none                              |
| `review-passed`  | virtual FIN (E6, E7)                         | `virtualFin`, the Center's wait   |
| `center-decided` | the Center's answer recorded (E8)            | `outcome`, the invitation's wait  |
| `await`          | the embassy's invitation or check (E9, E10)  | when the officer has acted        |
| `overdue`        | a missed deadline alerted (E8–E10)           | the next wait                     |

Each event is registered with the platform's dispatcher (`egov.platform.tasks.Events`), which
answers the waiting task with the function's result.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from egov.esign import alerts, center, embassy, review
from egov.platform import tasks

EVENTS = tasks.Events("e-sign workflow")
EVENTS.on("refused", review.Refused, review.refused)
EVENTS.on("review-passed", review.ReviewPassed, review.review_passed)
EVENTS.on("center-decided", center.CenterDecided, center.decided)
EVENTS.on("await", embassy.Awaited, embassy.awaited)
EVENTS.on("overdue", alerts.Overdue, alerts.raise_alert)


def handle(body: Mapping[str, Any]) -> None:
    EVENTS.handle(body)
