"""The template's dead-letter alarms, evaluated by the local stack (moto evaluates none): a
message that exhausted its retries e-mails the operator, as the 410 case of webhooks does."""

from __future__ import annotations

import boto3
import httpx

from devstack.alarms import Alarms
from tests.conftest import LocalAws
from tests.helpers import settle


def operator_mail(simulators: str) -> list[str]:
    sent = httpx.get(f"{simulators}/email/messages", params={"to": "operator@egov.az"}).json()
    return [m["subject"] for m in sent["messages"]]


def test_a_dead_letter_e_mails_the_operator_once_and_again_when_cleared(
    local_aws: LocalAws, simulators: str
) -> None:
    sqs = boto3.client("sqs")
    alarms = Alarms(local_aws.template, sqs)
    dead_letters = local_aws.template.ref("WebhookDeadLetterQueue")
    assert alarms.evaluate() == []

    sqs.send_message(QueueUrl=dead_letters, MessageBody="{}")
    assert alarms.evaluate() == ["WebhookDeadLetterQueueAlarm:ALARM"]
    assert alarms.evaluate() == []  # one e-mail per change of state, not per check
    settle(local_aws.pump)
    assert any("WebhookDeadLetterQueueAlarm" in s for s in operator_mail(simulators))

    sqs.purge_queue(QueueUrl=dead_letters)
    assert alarms.evaluate() == ["WebhookDeadLetterQueueAlarm:OK"]
