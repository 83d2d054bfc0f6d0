"""The ProducerVerification workflow (P5) running its real ASL in moto.

The tests play the agency exchange themselves: they take the decision request from the
DecisionRequestQueue and answer the task token as the exchange would after the ministry's
callback, and deliver the workflow's messages to the producers' consumer.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import boto3
import pytest
from moto.stepfunctions.parser.asl.component.common.retry import retrier_decl

from egov.platform import applications, audit, aws, clock, notify
from egov.platform.applications import application_key
from egov.platform.auth import PLATFORM
from egov.platform.repository import Transaction
from egov.producers import verification
from egov.producers.records import PRODUCERS, PROFILE, load, producer_pk
from tests.conftest import LocalAws
from tests.helpers import CEILING, answer_request, decision_request, settle, wait_for

OPERATOR = "operator@egov.az"


def registered(producer_id: str) -> None:
    """A pending potential producer, as registration leaves it (without the HTTP part)."""
    now = clock.now_iso()
    PRODUCERS.put(
        {
            "pk": producer_pk(producer_id),
            "sk": PROFILE,
            "id": producer_id,
            "kind": "potential-producer",
            "status": "pending-verification",
            "identity": {
                "personKind": "natural",
                "fin": "2HQ4R7T",
                "surname": "Əliyeva",
                "name": "Günay",
                "patronymic": "İlham qızı",
                "gender": "female",
                "birthDate": "1992-11-02",
                "address": "Sumqayıt şəhəri, Hacı Zeynalabdin qəsəbəsi",
            },
            "displayName": "Günay Əliyeva",
            "username": f"u{producer_id}",
            "mobile": "+994552345678",
            "email": "gunay@example.az",
            "region": "Sumqayıt şəhəri",
            "registeredAt": now,
            "version": 0,
        }
    )
    tx = Transaction()
    applications.track(
        tx,
        producer_id,
        producer_id,
        "producers",
        "pending-verification",
        "producers.application.title",
        actor=audit.Actor(producer_id, "citizen"),
    )
    tx.commit()


def start(producer_id: str, timeout_seconds: int | None = None) -> str:
    if timeout_seconds is None:
        tx = Transaction()
        verification.start_if_needed(tx, load(producer_id))
        tx.commit()
    else:
        # The same input `start_if_needed` builds, with a deadline one second away.
        deadline = clock.now() + timedelta(seconds=timeout_seconds)
        aws.client("stepfunctions").start_execution(
            stateMachineArn=aws.resource_name("PRODUCER_VERIFICATION_ARN"),
            name=producer_id,
            input=json.dumps(
                {
                    "producerId": producer_id,
                    "subject": producer_pk(producer_id),
                    "payload": {"producerId": producer_id},
                    "correlationId": "test",
                    "deadline": clock.iso(deadline),
                    "waitSeconds": timeout_seconds,
                }
            ),
        )
    return f"{aws.resource_name('PRODUCER_VERIFICATION_ARN').replace(':stateMachine:', ':execution:')}:{producer_id}"


def deliver(local_aws: LocalAws) -> None:
    """Deliver one batch of the workflow's messages to the producers' consumer."""
    (sub,) = local_aws.pump.subscriptions_of("ProducerVerificationEventsFunction")
    wait_for(lambda: local_aws.pump.poll(sub), what="a message on the producers' queue")


def status_of(execution_arn: str) -> str:
    return str(aws.client("stepfunctions").describe_execution(executionArn=execution_arn)["status"])


def ended_as(execution_arn: str, status: str) -> None:
    wait_for(lambda: status_of(execution_arn) == status, what=f"the execution {status}")


def notifications(to: str) -> list[dict[str, Any]]:
    """Messages queued to an address (tests may scan; request paths never do)."""
    table = boto3.resource("dynamodb").Table(aws.resource_name("PLATFORM_TABLE"))
    items = table.scan()["Items"]
    return [i for i in items if i.get("sk") == "MESSAGE" and i.get("to") == to]


def test_request_goes_to_the_ministry_with_a_business_day_deadline(local_aws: LocalAws) -> None:
    """P5: the decision request names agency MKT, the producer and a business-day deadline."""
    registered("p1")
    start("p1")
    request = decision_request(local_aws)
    assert (request["agency"], request["kind"]) == ("MKT", "producer-verification")
    assert request["subject"] == "PRODUCER#p1"
    assert request["payload"]["fin"] == "2HQ4R7T" and request["payload"]["name"] == "Günay"
    days = verification.business_days()
    assert clock.parse(request["deadline"]) >= clock.now() + timedelta(days=days)
    start("p1")  # a retried start is harmless: the execution is named by the producer


def test_approval_lists_the_producer_and_tells_them(local_aws: LocalAws) -> None:
    """P5: approve → approved, in the public list, the cabinet application advanced, notices."""
    registered("p2")
    execution = start("p2")
    answer_request(decision_request(local_aws), "approve")
    deliver(local_aws)
    ended_as(execution, "SUCCEEDED")
    record = PRODUCERS.get(producer_pk("p2"), PROFILE)
    assert record is not None and record["status"] == "approved"
    assert record["decision"]["decidedBy"] == "mkt-officer"
    listed = PRODUCERS.query("APPROVED", index="gsi1").items
    assert [r["id"] for r in listed] == ["p2"]
    application = PLATFORM.get(*application_key("p2", "producers", "p2"))
    assert application is not None
    assert application["status"] == "approved"
    channels = {m["channel"] for m in notifications("+994552345678")} | {
        m["channel"] for m in notifications("gunay@example.az")
    }
    assert channels == {"sms", "email"}


def test_rejection_keeps_the_reason_and_stays_out_of_the_list(local_aws: LocalAws) -> None:
    """P5: reject → rejected with the ministry's reason; never in the public list."""
    registered("p3")
    execution = start("p3")
    answer_request(decision_request(local_aws), "reject", "Torpaq sahəsi sənədi yoxdur")
    deliver(local_aws)
    ended_as(execution, "SUCCEEDED")
    record = PRODUCERS.get(producer_pk("p3"), PROFILE)
    assert record is not None and record["status"] == "rejected"
    assert record["decision"]["reason"] == "Torpaq sahəsi sənədi yoxdur"
    assert PRODUCERS.query("APPROVED", index="gsi1").items == []
    (sms,) = notifications("+994552345678")
    assert "Torpaq sahəsi sənədi yoxdur" in sms["text"]


def test_deadline_alerts_the_operator_and_keeps_waiting(local_aws: LocalAws) -> None:
    """P5: the deadline passes → escalation recorded, operator alerted, NO silent approval:
    the workflow asks the ministry again and a later approval still counts."""
    registered("p4")
    execution = start("p4", timeout_seconds=1)
    first = decision_request(local_aws)
    deliver(local_aws)  # the overdue message: escalation + alert + new deadline
    record = PRODUCERS.get(producer_pk("p4"), PROFILE)
    assert record is not None and record["status"] == "pending-verification"
    (escalation,) = verification.escalations("p4")
    assert escalation.missed_deadline == first["deadline"]
    (alert,) = notifications(OPERATOR)
    assert "p4" in alert["text"]
    second = decision_request(local_aws)
    assert second["taskToken"] != first["taskToken"]
    assert clock.parse(second["deadline"]) > clock.parse(first["deadline"])
    assert status_of(execution) == "RUNNING"

    answer_request(second, "approve")
    deliver(local_aws)
    ended_as(execution, "SUCCEEDED")
    record = PRODUCERS.get(producer_pk("p4"), PROFILE)
    assert record is not None and record["status"] == "approved"


@pytest.mark.parametrize("event", ["approved", "overdue"])
def test_repeated_messages_change_nothing(local_aws: LocalAws, event: str) -> None:
    """DESIGN rule 7: a redelivered decision or overdue message is applied once."""
    registered("p5")
    decision = {"outcome": "approve", "decidedAt": clock.now_iso(), "decidedBy": "o"}
    if event == "approved":
        verification.decide("p5", decision)
        verification.decide("p5", decision)
        record = PRODUCERS.get(producer_pk("p5"), PROFILE)
        assert record is not None and record["version"] == 1
        assert len(notifications("+994552345678")) == 1
    else:
        execution = start("p5", timeout_seconds=1)
        decision_request(local_aws)
        (sub,) = local_aws.pump.subscriptions_of("ProducerVerificationEventsFunction")
        sqs = boto3.client("sqs")
        messages = wait_for(
            lambda: sqs.receive_message(QueueUrl=sub.queue_url).get("Messages"),
            what="the overdue message",
        )
        body = json.loads(messages[0]["Body"])
        verification.handle(body)
        verification.handle(body)
        assert len(verification.escalations("p5")) == 1
        assert len(notifications(OPERATOR)) == 1
        assert status_of(execution) == "RUNNING"


def test_a_failing_escalation_is_retried_with_backoff_then_reported(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18 §4: an escalation the consumer keeps failing is retried a bounded number of
    times with growing waits (not every minute for ever), then the operator is told and the
    execution fails, which raises ProducerVerificationFailedAlarm."""
    waits: list[float] = []
    # moto sleeps for real between retries; record the waits instead of spending them.
    monkeypatch.setattr(retrier_decl, "time", SimpleNamespace(sleep=waits.append))
    (retry,) = local_aws.template.state_machine_definition("ProducerVerificationStateMachine")[
        "States"
    ]["Escalate"]["Retry"]
    registered("p6")
    execution = start("p6", timeout_seconds=1)
    decision_request(local_aws)
    (sub,) = local_aws.pump.subscriptions_of("ProducerVerificationEventsFunction")
    sqs = boto3.client("sqs")
    overdue = 0
    deadline = time.monotonic() + CEILING
    while overdue <= retry["MaxAttempts"]:
        assert time.monotonic() < deadline, f"only {overdue} escalation attempts arrived"
        for message in sqs.receive_message(QueueUrl=sub.queue_url, WaitTimeSeconds=1).get(
            "Messages", []
        ):
            sqs.delete_message(QueueUrl=sub.queue_url, ReceiptHandle=message["ReceiptHandle"])
            body = json.loads(message["Body"])
            assert body["event"] == "overdue"
            overdue += 1
            aws.client("stepfunctions").send_task_failure(
                taskToken=body["taskToken"], error="Escalation.Failed"
            )
    deliver(local_aws)  # the `failed` report: the operator is told to look into it
    ended_as(execution, "FAILED")
    assert overdue == 1 + retry["MaxAttempts"] <= 10
    assert waits == [
        retry["IntervalSeconds"] * retry["BackoffRate"] ** n for n in range(retry["MaxAttempts"])
    ]
    (alert,) = notifications(OPERATOR)
    assert "p6" in alert["text"]
    alarm = local_aws.template.resources["ProducerVerificationFailedAlarm"]["Properties"]
    assert (alarm["Namespace"], alarm["MetricName"]) == ("AWS/States", "ExecutionsFailed")
    assert alarm["Dimensions"] == [
        {"Name": "StateMachineArn", "Value": {"Ref": "ProducerVerificationStateMachine"}}
    ]
    assert alarm["AlarmActions"] == [{"Ref": "OperatorAlertsTopic"}]


def test_rule7_a_notice_that_fails_is_retried_with_its_decision_never_lost(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10 item 7: the notice is part of the decision's transaction, so a failure while
    writing it undoes the decision and the queue's retry applies both (not "already decided"
    and no notice)."""
    registered("p7")
    decision = {"outcome": "approve", "decidedAt": clock.now_iso(), "decidedBy": "o"}
    texts = notify._texts

    def fail_once(key: str, params: Any) -> Any:
        monkeypatch.setattr(notify, "_texts", texts)
        raise RuntimeError("the notice could not be written")

    monkeypatch.setattr(notify, "_texts", fail_once)
    with pytest.raises(RuntimeError):
        verification.decide("p7", decision)
    verification.decide("p7", decision)  # the queue delivers the message again
    record = PRODUCERS.get(producer_pk("p7"), PROFILE)
    assert record is not None and record["status"] == "approved"
    settle(local_aws.pump)
    assert len(notifications("+994552345678")) == 1
