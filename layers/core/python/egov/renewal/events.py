"""The RenewalWorkflowQueue consumer's events: each event of statemachines/renewal.asl.json to
its step (the table in egov.renewal.workflow); a step's result answers the waiting task."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from egov.platform import tasks
from egov.renewal import activation, workflow


def _done[E: tasks.Event](step: Callable[[E], None]) -> Callable[[E], dict[str, Any]]:
    """A step that only acts: its task is answered once it has."""

    def run(event: E) -> dict[str, Any]:
        step(event)
        return {}

    return run


EVENTS = tasks.Events("renewal")
EVENTS.on("await-head", workflow.Event, lambda event: workflow.wait(event, "head"))
EVENTS.on("send", workflow.Event, _done(workflow.send))
EVENTS.on("await-activation", workflow.Event, activation.on_wait)
EVENTS.on("asxm-overdue", workflow.Overdue, workflow.overdue)
EVENTS.on("refused", workflow.Decided, _done(workflow.refused))
EVENTS.on("cancel", workflow.Cancel, _done(workflow.cancel))
EVENTS.on("activate", workflow.Decided, activation.activate)
handle = EVENTS.handle
