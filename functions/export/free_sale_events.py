"""FreeSaleQueue consumer: the free-sale workflow's steps (X7): the decision and the signature
awaited (tokens parked on the application), the decision's business day passed (escalation)."""

from __future__ import annotations

from typing import Any

from egov.export import free_sale
from egov.platform.queues import consumer

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    free_sale.EVENTS.handle(body)


lambda_handler = consumer(handle)
