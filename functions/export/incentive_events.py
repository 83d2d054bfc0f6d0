"""ExportIncentiveQueue consumer: the export incentive workflow's steps (X6)."""

from __future__ import annotations

from typing import Any

from egov.export import incentive
from egov.platform.queues import consumer

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    incentive.handle(body)


lambda_handler = consumer(handle)
