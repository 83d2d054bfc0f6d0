"""NotificationQueue consumer: hand each queued message to the SMS or e-mail gateway (G2, A9).

Duplicates are harmless (a message already handed over is skipped); a gateway that does not
answer fails only its own record, which the queue retries (ReportBatchItemFailures).
"""

from __future__ import annotations

from typing import Any

from egov.platform import notify, queues

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    notify.deliver(body["messageId"], queues.receive_count(record))


lambda_handler = queues.consumer(handle)
