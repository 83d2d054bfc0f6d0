"""The workflow-step kit against Step Functions in moto (issue 11 item 1; G3, E6).

A task that is already closed (answered, timed out, its execution finished) is one outcome,
`False`, for `answer` and `fail` alike: Step Functions names the cases differently
(`TaskDoesNotExist`, `TaskTimedOut`, `InvalidToken`), and a copy that forgot one of them (the
payments copy missed `TaskDoesNotExist`) crashed on a redelivered message.

moto 5.2.5 raises only `InvalidToken`, for SendTaskSuccess on a token whose execution has ended;
it accepts a second answer while the execution still runs, an answer after a caught timeout, and
any SendTaskFailure on a finished execution. Those cases are the stubbed codes below.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any, Literal

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from egov.platform import aws, tasks
from tests.helpers import wait_for

ROLE = "arn:aws:iam::123456789012:role/egov-local-states"


@pytest.fixture
def sfn(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A queue the workflow's waits write their tokens to (no template needed)."""
    for key, value in {
        "AWS_DEFAULT_REGION": "eu-central-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        aws.reset_clients()
        yield boto3.client("sqs").create_queue(QueueName=f"waits-{uuid.uuid4().hex[:8]}")[
            "QueueUrl"
        ]
    aws.reset_clients()


def wait(queue: str, step: str, timeout: int, after: str) -> dict[str, Any]:
    return {
        "Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl": queue,
            "MessageBody": {"step": step, "taskToken.$": "$$.Task.Token"},
        },
        "TimeoutSeconds": timeout,
        "ResultPath": f"$.{step}",
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": f"$.{step}Error", "Next": after}],
        "Next": after,
    }


def run(queue: str, first_timeout: int = 3600, *, then_wait: bool = True) -> str:
    """A wait, and (`then_wait`) a second one after it."""
    definition = {
        "StartAt": "First",
        "States": {
            "First": wait(queue, "first", first_timeout, "Second" if then_wait else "Done"),
            "Second": wait(queue, "second", 3600, "Done"),
            "Done": {"Type": "Succeed"},
        },
    }
    sfn = boto3.client("stepfunctions")
    machine = sfn.create_state_machine(
        name=f"m-{uuid.uuid4().hex[:8]}", definition=json.dumps(definition), roleArn=ROLE
    )["stateMachineArn"]
    return str(sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"])


def token(queue: str, step: str) -> str:
    sqs = boto3.client("sqs")

    def received() -> str | None:
        for message in sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1).get(
            "Messages", []
        ):
            sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
            body = json.loads(message["Body"])
            assert body["step"] == step
            return str(body["taskToken"])
        return None

    return str(wait_for(received, what=f"the {step} wait's token"))


def status(execution: str) -> str:
    return str(boto3.client("stepfunctions").describe_execution(executionArn=execution)["status"])


def closing(call: Literal["answer", "fail"], task_token: str) -> bool:
    if call == "answer":
        return tasks.answer(task_token, {"late": True})
    return tasks.fail(task_token, "Decision.Extended", "{}")


def test_a_task_answered_before_is_closed(sfn: str) -> None:
    execution = run(sfn)
    first = token(sfn, "first")
    assert tasks.answer(first, {"n": 1}) is True
    tasks.answer(token(sfn, "second"), {})
    wait_for(lambda: status(execution) == "SUCCEEDED" or None, what="the execution to finish")
    assert tasks.answer(first, {"n": 2}) is False  # a redelivered message answering again


def test_a_timed_out_task_is_closed(sfn: str) -> None:
    execution = run(sfn, first_timeout=1, then_wait=False)
    first = token(sfn, "first")
    wait_for(lambda: status(execution) == "SUCCEEDED" or None, what="the timeout to be caught")
    assert tasks.answer(first, {"late": True}) is False  # an answer after the deadline


class Refusing:
    """Step Functions answering every call with one error code."""

    def __init__(self, code: str) -> None:
        self.code = code

    def _refuse(self, **_: Any) -> None:
        raise ClientError({"Error": {"Code": self.code}}, "SendTask")

    send_task_success = send_task_failure = _refuse


@pytest.mark.parametrize("code", sorted(tasks.CLOSED))
@pytest.mark.parametrize("call", ["answer", "fail"])
def test_every_closed_code_is_one_outcome(
    monkeypatch: pytest.MonkeyPatch, call: Literal["answer", "fail"], code: str
) -> None:
    """AWS answers TaskDoesNotExist for a task answered while its execution still runs; moto
    accepts that second answer silently, so this one case is stubbed."""
    monkeypatch.setattr(aws, "client", lambda _service: Refusing(code))
    assert closing(call, "token") is False


@pytest.mark.parametrize("call", ["answer", "fail"])
def test_other_errors_are_raised(
    monkeypatch: pytest.MonkeyPatch, call: Literal["answer", "fail"]
) -> None:
    """A throttled or refused call is no closed task: the caller must see it (and retry)."""
    monkeypatch.setattr(aws, "client", lambda _service: Refusing("ThrottlingException"))
    with pytest.raises(ClientError):
        closing(call, "token")


class Asked(tasks.Event):
    subject: str


def test_the_dispatcher_answers_only_a_waiting_task_with_a_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answered: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(tasks, "answer", lambda t, output: answered.append((t, dict(output))))
    events = tasks.Events("test")
    events.on("ask", Asked, lambda e: {"subject": e.subject})
    events.on("park", Asked, lambda _e: None)
    events.handle({"event": "ask", "subject": "A", "taskToken": "t1"})
    events.handle({"event": "ask", "subject": "B"})  # nobody waits
    events.handle({"event": "park", "subject": "C", "taskToken": "t2"})  # a person will answer
    assert answered == [("t1", {"subject": "A"})]
    with pytest.raises(ValueError, match="unknown test event 'other'"):
        events.handle({"event": "other"})
