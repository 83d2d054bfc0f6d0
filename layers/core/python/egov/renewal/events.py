"""The RenewalWorkflowQueue consumer's dispatch: each event of statemachines/renewal.asl.json to
its step (the table in egov.renewal.workflow), and the step's result to the waiting task."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from egov.renewal import activation, workflow


def _await_head(body: Mapping[str, Any]) -> dict[str, Any] | None:
    return workflow.wait(workflow.Event.model_validate(body), "head")


def _send(body: Mapping[str, Any]) -> dict[str, Any]:
    workflow.send(workflow.Event.model_validate(body))
    return {}


def _cancel(body: Mapping[str, Any]) -> dict[str, Any]:
    workflow.cancel(workflow.Cancel.model_validate(body))
    return {}


def _refused(body: Mapping[str, Any]) -> dict[str, Any]:
    workflow.refused(workflow.Decided.model_validate(body))
    return {}


STEPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any] | None]] = {
    "await-head": _await_head,
    "send": _send,
    "await-activation": lambda body: activation.on_wait(workflow.Event.model_validate(body)),
    "asxm-overdue": lambda body: workflow.overdue(workflow.Overdue.model_validate(body)),
    "refused": _refused,
    "cancel": _cancel,
    "activate": lambda body: activation.activate(workflow.Decided.model_validate(body)),
}


def handle(body: Mapping[str, Any]) -> None:
    step = STEPS.get(str(body.get("event")))
    if step is None:
        raise ValueError(f"unknown renewal workflow event {body.get('event')!r}")
    result = step(body)
    token = body.get("taskToken")
    if token and result is not None:
        workflow.answer(str(token), result)
