"""DecisionRequestQueue consumer: store a workflow's decision request, queue its webhook (G3).

Duplicates are harmless (the token's hash guards the record); a failure fails only its own
record, which the queue retries (ReportBatchItemFailures).
"""

from __future__ import annotations

from typing import Any

from egov.platform import exchange
from egov.platform.queues import consumer

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    exchange.receive(body)


lambda_handler = consumer(handle)
