"""EsignWorkflowQueue consumer: the workflow's steps after each wait (E6–E10)."""

from __future__ import annotations

from typing import Any

from egov.esign import workflow
from egov.platform.queues import consumer

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    workflow.handle(body)


lambda_handler = consumer(handle)
