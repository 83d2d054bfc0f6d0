"""EktisReportQueue consumer: one step of a report at a time, each sending the next (A10)."""

from __future__ import annotations

from typing import Any

from egov.ektis import reports
from egov.platform.queues import consumer

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    reports.step(body)


lambda_handler = consumer(handle)
