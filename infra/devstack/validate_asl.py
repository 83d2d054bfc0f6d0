"""Validate every state machine the template declares (a CI gate).

Each definition is loaded with its DefinitionSubstitutions resolved, parsed by the same ASL
parser moto executes, and held to the project's own rules (STYLE.md): every wait for a person or an
agency (`.waitForTaskToken`) has a timeout and a `Catch` that handles it, and every Lambda task is
absent (moto cannot run Lambda code; the project prefers direct integrations).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from typing import Any

from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser

from devstack.template import Template

UNRESOLVED = re.compile(r"\$\{[A-Za-z0-9_]+\}")
TIMEOUT_ERRORS = {"States.Timeout", "States.ALL", "States.TaskFailed"}


def states(definition: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, state in definition.get("States", {}).items():
        yield f"{path}{name}", state
        for branch_index, branch in enumerate(state.get("Branches", [])):
            yield from states(branch, f"{path}{name}[{branch_index}].")
        processor = state.get("ItemProcessor") or state.get("Iterator")
        if processor:
            yield from states(processor, f"{path}{name}.")


def dangling(definition: dict[str, Any], path: str = "") -> Iterator[str]:
    """Transitions to states that do not exist in the same scope (the parser accepts them)."""
    names = set(definition.get("States", {}))
    if definition.get("StartAt") not in names:
        yield f"{path}StartAt {definition.get('StartAt')!r} is not a state"
    for name, state in definition.get("States", {}).items():
        targets = [state.get("Next"), state.get("Default")]
        targets += [c.get("Next") for c in state.get("Catch", []) + state.get("Choices", [])]
        for target in filter(None, targets):
            if target not in names:
                yield f"{path}{name} goes to {target!r}, which is not a state"
        for index, branch in enumerate(state.get("Branches", [])):
            yield from dangling(branch, f"{path}{name}[{index}].")
        processor = state.get("ItemProcessor") or state.get("Iterator")
        if processor:
            yield from dangling(processor, f"{path}{name}.")


def problems_of(name: str, definition: dict[str, Any]) -> list[str]:
    found: list[str] = []
    text = json.dumps(definition)
    for match in UNRESOLVED.findall(text):
        found.append(f"{name}: substitution {match} is not defined in the template")
    try:
        AmazonStateLanguageParser.parse(text)
    except Exception as error:
        found.append(f"{name}: not valid ASL: {error}")
    found += [f"{name}: not valid ASL: {problem}" for problem in dangling(definition)]
    for state_name, state in states(definition):
        resource = str(state.get("Resource", ""))
        if state.get("Type") != "Task":
            continue
        if resource.startswith("arn:aws:lambda") or ":::lambda:invoke" in resource:
            found.append(f"{name}.{state_name}: Lambda task (use a direct integration or a queue)")
        if resource.endswith(".waitForTaskToken"):
            if not ({"TimeoutSeconds", "TimeoutSecondsPath"} & state.keys()):
                found.append(f"{name}.{state_name}: waits for a task token without a timeout")
            caught = {e for c in state.get("Catch", []) for e in c.get("ErrorEquals", [])}
            if not caught & TIMEOUT_ERRORS:
                found.append(f"{name}.{state_name}: no Catch for States.Timeout")
    return found


def main() -> int:
    template = Template()
    machines = template.of_type("AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine")
    failures: list[str] = []
    for logical_id in machines:
        failures += problems_of(logical_id, template.state_machine_definition(logical_id))
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(machines)} state machine(s) checked, {len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
