"""What a service needs to take part in a workflow step (issue 11 item 1; G3, E6, DESIGN rule 5).

- `answer(token, output)` / `fail(token, error, cause)`: hand a waiting Step Functions task its
  result or its error. A task that is already closed (answered before, timed out, its execution
  finished) is one outcome, `False`, whatever Step Functions calls it (`CLOSED`): SQS redelivers
  messages and people answer late, so a closed task is an expected reply, never a crash. Any
  other error (throttling, permissions) is raised.
- `park(table, pk, sk, token, while_=...)` / `parked(item, step)`: a task that waits for a
  person's action on a record (a payment, an embassy's invitation): the token is kept on the
  record (`taskToken`, and the step it waits for) as long as the record is as `while_`; whichever
  comes second answers (the action, which reads `parked`, or the parking, which finds the record
  already changed), so their order does not matter. A decision asked of an agency is a person's
  task too, kept by the exchange (`egov.platform.exchange`) with its webhooks and deadline.
- `deadline(start, business_days)` / `until(instant)`: a deadline as a workflow's wait reads it,
  `{"deadline": ISO instant, "waitSeconds": real seconds until it}` (`TimeoutSecondsPath` takes
  `waitSeconds`; a scaled demo clock shortens the real wait). Named periods and their lengths
  are `calendar.PERIODS`.
- `Events`: a workflow's messages to its service, from the event name to (pydantic model,
  function). The function's result answers the task when the message carries a `taskToken`;
  `None` leaves the task waiting (a person's action will answer it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from botocore.exceptions import ClientError
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from egov.platform import aws, calendar, clock
from egov.platform.observability import logger
from egov.platform.problems import Conflict
from egov.platform.repository import Table

# TaskTimedOut: the task's timeout passed, or (AWS) its execution has ended. TaskDoesNotExist:
# answered already while the execution still runs. InvalidToken: no running execution has the
# token (moto's answer for a finished execution).
CLOSED = frozenset({"TaskTimedOut", "TaskDoesNotExist", "InvalidToken"})
TOKEN = "taskToken"
STEP = "waitingFor"


def _send(call: str, token: str, **arguments: str) -> bool:
    try:
        getattr(aws.client("stepfunctions"), call)(taskToken=token, **arguments)
    except ClientError as error:
        code = error.response["Error"]["Code"]
        if code not in CLOSED:
            raise
        logger.info("workflow task already closed", extra={"error": code})
        return False
    return True


def answer(token: str, output: Mapping[str, Any]) -> bool:
    """SendTaskSuccess; False if the task was already closed."""
    return _send("send_task_success", token, output=json.dumps(dict(output), ensure_ascii=False))


def fail(token: str, error: str, cause: str) -> bool:
    """SendTaskFailure (the workflow's `Catch` on `error` decides); False if already closed."""
    return _send("send_task_failure", token, error=error, cause=cause)


# ---------------------------------------------------------------- a person's task


def park(
    table: Table,
    pk: str,
    sk: str,
    token: str,
    *,
    while_: Mapping[str, Any],
    step: str | None = None,
) -> bool:
    """Keep `token` on the record while it is as `while_`: True if kept (the person's action
    will answer), False if the record changed first (the caller answers at once)."""
    changes = {TOKEN: token} | ({STEP: step} if step else {})
    try:
        table.update(pk, sk, changes, expected=while_, conflict=Conflict("application.changed"))
    except Conflict:
        return False
    return True


def parked(item: Mapping[str, Any], step: str | None = None) -> str | None:
    """The token of the task waiting on `item` (for `step`), if one is."""
    token = item.get(TOKEN)
    if not token or (step is not None and item.get(STEP) != step):
        return None
    return str(token)


# ---------------------------------------------------------------- deadlines


def until(instant: datetime) -> dict[str, Any]:
    """A deadline as a workflow's wait reads it: the instant and the real seconds until it."""
    return {"deadline": clock.iso(instant), "waitSeconds": clock.real_seconds_until(instant)}


def deadline(start: datetime, business_days: int) -> dict[str, Any]:
    """`until` the end of the `business_days`-th business day from `start` (Baku calendar)."""
    return until(calendar.add_business_days(start, business_days))


# ---------------------------------------------------------------- workflow events


class Event(BaseModel):
    """A workflow's message to its service; `event` names it, `taskToken` if the task waits."""

    model_config = ConfigDict(
        defer_build=True, alias_generator=to_camel, populate_by_name=True, extra="ignore"
    )

    event: str
    task_token: str | None = Field(None, repr=False)


E = TypeVar("E", bound=Event)
Handler = Callable[[Any], Mapping[str, Any] | None]


class Events:
    """One workflow's events: `on(name, Model, function)`, then `handle(body)` per message."""

    def __init__(self, workflow: str) -> None:
        self.workflow = workflow
        self._handlers: dict[str, tuple[type[Event], Handler]] = {}

    def on(
        self, name: str, model: type[E], function: Callable[[E], Mapping[str, Any] | None]
    ) -> None:
        self._handlers[name] = (model, function)

    def names(self) -> list[str]:
        return sorted(self._handlers)

    def handle(self, body: Mapping[str, Any]) -> None:
        name = body.get("event")
        if not isinstance(name, str) or name not in self._handlers:
            raise ValueError(f"unknown {self.workflow} event {name!r}")
        model, function = self._handlers[name]
        event = model.model_validate(body)
        result = function(event)
        if event.task_token is not None and result is not None:
            answer(event.task_token, result)
