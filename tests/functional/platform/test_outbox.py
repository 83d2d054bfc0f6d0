"""The transactional outbox: what a committed change must cause happens, even when the queue or
Step Functions fail right after the commit; nothing happens for a change that did not commit
(DESIGN rule 7; G2 notices, P5 verification, E5 review start)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from egov.platform import aws, i18n, notify, outbox
from egov.platform.problems import Conflict
from egov.platform.repository import Table, Transaction
from tests.conftest import LocalAws
from tests.functional.producers.test_producer_registration import (
    ELSHAN,
    confirm,
    register,
    registration,
)

PLATFORM = Table("PLATFORM_TABLE")

i18n.register(
    {
        "outbox.test.title": {"az": "Sınaq", "en": "Test"},
        "outbox.test.body": {"az": "Salam, {name}!", "en": "Hello, {name}!"},
    }
)


def pending_effects() -> list[outbox.Effect]:
    return [e for shard in range(outbox.SHARDS) for e in outbox.pending(shard, older_than=0)]


def queued(local_aws: LocalAws, queue: str) -> list[dict[str, Any]]:
    sqs = boto3.client("sqs")
    url = local_aws.template.ref(queue)
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(m["Body"]) for m in messages]


@pytest.fixture
def failing() -> Iterator[dict[str, int]]:
    """Make SQS SendMessageBatch and Step Functions StartExecution fail at the SDK, as a
    throttle or an outage would, `calls` times each (-1: always)."""
    budget = {"sqs": 0, "stepfunctions": 0}

    def refuse(service: str) -> Any:
        def before_call(**_: Any) -> None:
            if budget[service]:
                budget[service] -= 1
                raise ClientError(
                    {"Error": {"Code": "ServiceUnavailable", "Message": "injected"}}, "call"
                )

        return before_call

    aws.client("sqs").meta.events.register(
        "before-call.sqs.SendMessageBatch", refuse("sqs"), unique_id="outbox-test"
    )
    aws.client("stepfunctions").meta.events.register(
        "before-call.sfn.StartExecution", refuse("stepfunctions"), unique_id="outbox-test"
    )
    yield budget
    aws.client("sqs").meta.events.unregister(
        "before-call.sqs.SendMessageBatch", unique_id="outbox-test"
    )
    aws.client("stepfunctions").meta.events.unregister(
        "before-call.sfn.StartExecution", unique_id="outbox-test"
    )


def test_a_notice_is_queued_after_its_commit_and_leaves_no_effect_behind(
    local_aws: LocalAws,
) -> None:
    """G2: the inbox item, its messages and the queue message come from one change."""
    notify.send("u-1", "outbox.test", {"name": "Günay"}, sms="+994552345678")
    (body,) = queued(local_aws, "NotificationQueue")
    message = PLATFORM.get(f"NOTIFICATION#{body['messageId']}", "MESSAGE")
    assert message is not None and message["status"] == "created"
    assert pending_effects() == []


def test_a_failed_send_is_kept_and_the_sweeper_sends_it_with_its_correlation_id(
    local_aws: LocalAws, failing: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change commits and is acknowledged; the queue message follows when SQS is back."""
    failing["sqs"] = 1
    notify.send("u-1", "outbox.test", {"name": "Günay"}, sms="+994552345678")
    assert queued(local_aws, "NotificationQueue") == []
    (effect,) = pending_effects()
    assert effect.kind == "queue" and effect.target == "NOTIFICATION_QUEUE_URL"

    monkeypatch.setattr(outbox, "STALE_SECONDS", 3600.0)
    local_aws.pump.run_schedule("OutboxSweepFunction")
    assert pending_effects() != [], "an effect younger than the stale age is left to its request"

    monkeypatch.setattr(outbox, "STALE_SECONDS", 0.0)
    failing["sqs"] = 1
    assert outbox.sweep() == {"performed": 0, "failed": 1}
    (again,) = pending_effects()
    assert again.attempts == 1

    local_aws.pump.run_schedule("OutboxSweepFunction")
    (body,) = queued(local_aws, "NotificationQueue")
    assert body["correlationId"] == effect.correlation_id
    assert body["messageId"] == effect.bodies[0]["messageId"]
    assert pending_effects() == []


def test_nothing_happens_for_a_change_that_did_not_commit(local_aws: LocalAws) -> None:
    tx = Transaction()
    tx.guard(PLATFORM, "GUARD-TEST#x", "someone", Conflict("field.invalid", field="x"))
    tx.commit()
    tx = Transaction()
    tx.guard(PLATFORM, "GUARD-TEST#x", "another", Conflict("field.invalid", field="x"))
    outbox.queue(tx, "NOTIFICATION_QUEUE_URL", [{"messageId": "never"}])
    with pytest.raises(Conflict):
        tx.commit()
    assert queued(local_aws, "NotificationQueue") == []
    assert pending_effects() == []


def test_a_registration_is_acknowledged_and_verified_though_step_functions_failed(
    local_aws: LocalAws, simulators: str, failing: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """P5: the ministry's verification starts even when StartExecution failed after the commit;
    a second start (the sweeper finding a start that did happen) changes nothing."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    failing["stepfunctions"] = 1
    status, body = register(local_aws, registration(ELSHAN, "+994501234567", **code), "en")
    assert status == 201, body
    sfn = boto3.client("stepfunctions")
    machine = local_aws.template.ref("ProducerVerificationStateMachine")
    assert sfn.list_executions(stateMachineArn=machine)["executions"] == []
    (effect,) = pending_effects()
    assert effect.kind == "start" and effect.name == body["id"]

    monkeypatch.setattr(outbox, "STALE_SECONDS", 0.0)
    local_aws.pump.run_schedule("OutboxSweepFunction")
    (execution,) = sfn.list_executions(stateMachineArn=machine)["executions"]
    assert execution["name"] == body["id"]
    started = json.loads(sfn.describe_execution(executionArn=execution["executionArn"])["input"])
    assert started["producerId"] == body["id"] and started["deadline"]

    outbox.start_execution("PRODUCER_VERIFICATION_ARN", body["id"], started)
    assert len(sfn.list_executions(stateMachineArn=machine)["executions"]) == 1
    assert pending_effects() == []
