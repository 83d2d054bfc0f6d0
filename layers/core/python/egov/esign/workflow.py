"""The EsignWorkflowQueue's messages: what statemachines/esign_review.asl.json asks (E6–E10).

| event            | step                                         | answer to a waiting task          |
|------------------|----------------------------------------------|-----------------------------------|
| `refused`        | an agency said no (E6)                       | none                              |
| `review-passed`  | virtual FIN (E6, E7)                         | `virtualFin`, the Center's wait   |
| `center-decided` | the Center's answer recorded (E8)            | `outcome`, the invitation's wait  |
| `await`          | the embassy's invitation or check (E9, E10)  | when the officer has acted        |
| `overdue`        | a missed deadline alerted (E8–E10)           | the next wait                     |
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from egov.esign import alerts, center, embassy, review


def handle(body: Mapping[str, Any]) -> None:
    kind = body.get("event")
    if kind == "refused":
        refused = review.Refused.model_validate(body)
        review.answer_task(refused.task_token, lambda: review.refused(refused))
    elif kind == "review-passed":
        passed = review.ReviewPassed.model_validate(body)
        review.answer_task(passed.task_token, lambda: review.review_passed(passed))
    elif kind == "center-decided":
        decided = center.CenterDecided.model_validate(body)
        review.answer_task(decided.task_token, lambda: center.decided(decided))
    elif kind == "await":
        awaited = embassy.Awaited.model_validate(body)
        result = embassy.awaited(awaited)
        if result is not None:
            review.answer_task(awaited.task_token, lambda: result)
    elif kind == "overdue":
        overdue = alerts.Overdue.model_validate(body)
        review.answer_task(overdue.task_token, lambda: alerts.raise_alert(overdue))
    else:
        raise ValueError(f"unknown e-sign workflow event {kind!r}")
