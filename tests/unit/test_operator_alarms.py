"""Nothing stuck goes unseen: every dead-letter queue and every outbox effect that keeps
failing raises an alarm to the operator (DESIGN rule 6: exhausted messages wait for an operator;
rule 7: nothing acknowledged is lost)."""

from __future__ import annotations

import inspect
from typing import Any

from devstack.template import Template
from egov.platform import observability, outbox


def alarms(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        r["Properties"] for r in doc["Resources"].values() if r["Type"] == "AWS::CloudWatch::Alarm"
    ]


def dead_letter_queues(doc: dict[str, Any]) -> set[str]:
    targets = set()
    for resource in doc["Resources"].values():
        redrive = resource.get("Properties", {}).get("RedrivePolicy")
        if resource["Type"] == "AWS::SQS::Queue" and redrive:
            targets.add(redrive["deadLetterTargetArn"]["Fn::GetAtt"][0])
    return targets


def alerts_operator(alarm: dict[str, Any]) -> bool:
    return {"Ref": "OperatorAlertsTopic"} in alarm.get("AlarmActions", [])


def test_every_dead_letter_queue_alarms_the_operator_at_its_first_message() -> None:
    doc = Template().doc
    watched = {
        a["Dimensions"][0]["Value"]["Fn::GetAtt"][0]
        for a in alarms(doc)
        if a["Namespace"] == "AWS/SQS"
        and a["MetricName"] == "ApproximateNumberOfMessagesVisible"
        and a["Threshold"] == 1
        and alerts_operator(a)
    }
    queues = dead_letter_queues(doc)
    assert len(queues) >= 10
    assert queues <= watched, f"unwatched: {sorted(queues - watched)}"


def test_the_outbox_alarm_watches_the_metric_the_sweeper_emits() -> None:
    doc = Template().doc
    (alarm,) = [a for a in alarms(doc) if a["MetricName"] == "OutboxEffectFailed"]
    assert alerts_operator(alarm)
    assert alarm["Namespace"] == observability.metrics.namespace
    assert 'name="OutboxEffectFailed"' in inspect.getsource(outbox.sweep)


def test_alerts_reach_the_operator_mailbox() -> None:
    topic = Template().doc["Resources"]["OperatorAlertsTopic"]["Properties"]
    assert {"Protocol": "email", "Endpoint": {"Ref": "OperatorAlertEmail"}} in topic["Subscription"]
