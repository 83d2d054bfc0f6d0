"""WebhookQueue consumer: one signed POST per receive, retried on the spec's schedule (G3).

A failed attempt sets its message's visibility to the next retry delay and is reported as a
batch item failure, so SQS hands it out again then and, after the last attempt, moves it to the
WebhookDeadLetterQueue.
"""

from __future__ import annotations

from typing import Any

from egov.platform import webhooks
from egov.platform.queues import consumer, receive_count

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


class NotDelivered(Exception):
    """The agency did not accept the webhook; SQS retries it once the visibility set expires."""


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    webhook = webhooks.Webhook.model_validate(body)
    outcome = webhooks.deliver(webhook, receive_count(record))
    if not outcome.done:
        webhooks.postpone(record.receipt_handle, outcome.retry_in)
        raise NotDelivered(webhook.webhook_id)


lambda_handler = consumer(handle)
