"""The template's dead-letter alarms, evaluated locally.

On AWS a CloudWatch alarm on a dead-letter queue's `ApproximateNumberOfMessagesVisible` e-mails
the operator through `OperatorAlertsTopic`. moto evaluates no alarm, so a message that exhausted
its retries would wait unseen. The pump runs `Alarms.evaluate` on a schedule: each alarm of that
shape whose threshold is crossed (or no longer crossed) e-mails the operator once per change of
state, as the topic's e-mail subscription would, through the platform's own notices (the 410
case of webhooks does the same).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from devstack.template import Template
from egov.platform import i18n, notify

log = logging.getLogger("devstack.alarms")
OPERATOR_EMAIL_ENV = "OPERATOR_ALERT_EMAIL"
_COMPARE = {
    "GreaterThanOrEqualToThreshold": lambda value, threshold: value >= threshold,
    "GreaterThanThreshold": lambda value, threshold: value > threshold,
}

i18n.register(
    {
        "notice.alarm.ALARM.title": {
            "az": "Həyəcan siqnalı: {alarm}",
            "en": "ALARM: {alarm}",
        },
        "notice.alarm.ALARM.body": {
            "az": "{queue} növbəsində {count} mesaj operatoru gözləyir. {description}",
            "en": "{count} message(s) wait for an operator in {queue}. {description}",
        },
        "notice.alarm.OK.title": {
            "az": "Həyəcan siqnalı bitdi: {alarm}",
            "en": "OK: {alarm}",
        },
        "notice.alarm.OK.body": {
            "az": "{queue} növbəsi boşdur.",
            "en": "{queue} is empty again.",
        },
    }
)


@dataclass
class QueueAlarm:
    name: str
    description: str
    queue_name: str
    queue_url: str
    threshold: float
    comparison: str
    state: str = "OK"


class Alarms:
    def __init__(self, template: Template, sqs: Any) -> None:
        self.sqs = sqs
        self.alarms = [
            alarm
            for logical_id, resource in template.of_type("AWS::CloudWatch::Alarm").items()
            if (alarm := _queue_alarm(template, logical_id, resource["Properties"]))
        ]

    def evaluate(self) -> list[str]:
        """Check each alarm once; e-mail the operator for every change of state. The alarms
        that changed, as `<name>:<state>`."""
        changed = []
        for alarm in self.alarms:
            attributes = self.sqs.get_queue_attributes(
                QueueUrl=alarm.queue_url, AttributeNames=["ApproximateNumberOfMessages"]
            )["Attributes"]
            count = int(attributes["ApproximateNumberOfMessages"])
            state = "ALARM" if _COMPARE[alarm.comparison](count, alarm.threshold) else "OK"
            if state == alarm.state:
                continue
            alarm.state = state
            log.warning("alarm %s is %s (%d in %s)", alarm.name, state, count, alarm.queue_name)
            notify.send_to_address(
                f"notice.alarm.{state}",
                {
                    "alarm": alarm.name,
                    "queue": alarm.queue_name,
                    "count": count,
                    "description": alarm.description,
                },
                email=os.environ[OPERATOR_EMAIL_ENV],
            )
            changed.append(f"{alarm.name}:{state}")
        return changed


def _queue_alarm(template: Template, logical_id: str, props: dict[str, Any]) -> QueueAlarm | None:
    """An alarm on a queue's visible messages that e-mails the operator, else None."""
    dimensions = props.get("Dimensions", [])
    if (
        props.get("Namespace") != "AWS/SQS"
        or props.get("MetricName") != "ApproximateNumberOfMessagesVisible"
        or len(dimensions) != 1
        or dimensions[0]["Name"] != "QueueName"
        or props.get("ComparisonOperator") not in _COMPARE
        or not props.get("AlarmActions")
    ):
        return None
    queue_id = dimensions[0]["Value"]["Fn::GetAtt"]
    queue_id = queue_id.split(".")[0] if isinstance(queue_id, str) else queue_id[0]
    return QueueAlarm(
        name=logical_id,
        description=str(props.get("AlarmDescription", "")),
        queue_name=template.physical_name(queue_id),
        queue_url=template.ref(queue_id),
        threshold=float(props["Threshold"]),
        comparison=props["ComparisonOperator"],
    )
