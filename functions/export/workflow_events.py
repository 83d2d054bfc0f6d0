"""ExportWorkflowQueue consumer: the export application workflow's steps (X4), and the
e-wallet top-up's booking (X10)."""

from __future__ import annotations

from typing import Any

from egov.export import workflow
from egov.platform.queues import consumer

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    workflow.handle(body)


lambda_handler = consumer(handle)
