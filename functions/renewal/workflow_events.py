"""RenewalWorkflowQueue consumer: the renewal workflow's steps (R6–R9)."""

from __future__ import annotations

from typing import Any

from egov.platform.queues import consumer
from egov.renewal import events

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    events.handle(body)


lambda_handler = consumer(handle)
