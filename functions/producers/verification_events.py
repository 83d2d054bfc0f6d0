"""ProducerVerificationQueue consumer: the ministry's answer, an overdue deadline (P5)."""

from __future__ import annotations

from typing import Any

from egov.platform.queues import consumer
from egov.producers import verification

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    verification.handle(body)


lambda_handler = consumer(handle)
